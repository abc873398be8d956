# Finds every third-party package from Debian's packages; nothing is downloaded at build time.
# A missing one stops configure with a single line naming the package to install.

macro(stackpick_require package debian_package)
    find_package(${package} ${ARGN} QUIET)
    if(NOT ${package}_FOUND)
        message(FATAL_ERROR "stackpick: missing dependency ${package}: run 'apt-get install ${debian_package}' (or scripts/install-deps)")
    endif()
endmacro()

stackpick_require(CLI11 libcli11-dev)
stackpick_require(nlohmann_json nlohmann-json3-dev)
stackpick_require(fmt libfmt-dev)
if(BUILD_TESTING)
    stackpick_require(Catch2 catch2)
endif()
