// Fuzz target: the command line, through stackpick::run() as main() calls it. The input is the
// arguments separated by NUL bytes; after the first 0x1E byte (ASCII record separator) comes what
// stdin holds. stdin is not a terminal and the environment is empty. Arguments that would write a
// file outside a scratch working directory are dropped first (see keep_safe_arguments).

#include <stdlib.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_support.hpp"
#include "stackpick/cli/cli.hpp"
#include "stackpick/util/error.hpp"
#include "stackpick/util/output.hpp"

namespace {

std::vector<std::string> split_arguments(std::string_view text) {
    std::vector<std::string> arguments;
    if (text.empty()) return arguments;
    std::size_t start = 0;
    while (true) {
        const std::size_t end = text.find('\0', start);
        arguments.emplace_back(text.substr(start, end - start));
        if (end == std::string_view::npos) break;
        start = end + 1;
    }
    return arguments;
}

/// Drops every argument that names a file outside the working directory: anything with '/' or
/// "..". Relative names are left in, so -o, --save-answers, --answers FILE and the like still run;
/// the working directory is a private scratch directory, emptied after each input.
std::vector<std::string> keep_safe_arguments(const std::vector<std::string>& arguments) {
    std::vector<std::string> kept;
    for (const auto& argument : arguments)
        if (argument.find('/') == std::string::npos && argument.find("..") == std::string::npos)
            kept.push_back(argument);
    return kept;
}

/// The scratch working directory under /tmp: made once per process, removed at exit.
struct ScratchDirectory {
    std::filesystem::path path;

    ScratchDirectory() {
        std::string pattern =
            (std::filesystem::temp_directory_path() / "stackpick-fuzz-cwd-XXXXXX").string();
        stackpick::fuzz::require(::mkdtemp(pattern.data()) != nullptr,
                                 "cannot create the fuzz working directory", pattern);
        path = pattern;
        std::filesystem::current_path(path);
    }
    ~ScratchDirectory() {
        std::error_code ignored;
        std::filesystem::current_path(std::filesystem::temp_directory_path(), ignored);
        std::filesystem::remove_all(path, ignored);
    }
    ScratchDirectory(const ScratchDirectory&) = delete;
    ScratchDirectory& operator=(const ScratchDirectory&) = delete;

    /// Removes what the last input wrote, so every input starts from the same state.
    void empty() const {
        std::error_code ignored;
        for (const auto& entry : std::filesystem::directory_iterator(path, ignored))
            std::filesystem::remove_all(entry.path(), ignored);
    }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const ScratchDirectory scratch;
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    const std::size_t stdin_start = input.find('\x1e');
    const auto arguments = keep_safe_arguments(split_arguments(input.substr(0, stdin_start)));
    std::istringstream standard_input(stdin_start == std::string_view::npos
                                          ? std::string()
                                          : std::string(input.substr(stdin_start + 1)));
    std::ostringstream standard_error;
    stackpick::Console console;
    console.err = &standard_error;
    console.in = &standard_input;

    int code = 0;
    try {
        code = stackpick::run(arguments, console);
    } catch (const stackpick::Error& e) {
        // Exactly as main() reports it; any other exception escaping is a finding.
        code = stackpick::report_error(e, console);
    }
    stackpick::fuzz::require(code >= 0 && code <= 3, "an undocumented exit code",
                             std::to_string(code));
    stackpick::fuzz::require(stackpick::fuzz::is_valid_utf8(standard_error.str()),
                             "stderr is not valid UTF-8", standard_error.str());
    stackpick::fuzz::require(stackpick::fuzz::is_valid_utf8(console.out),
                             "stdout is not valid UTF-8", console.out);
    scratch.empty();
    return 0;
}
