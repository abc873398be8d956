#include "stackpick/util/output.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <iostream>

#include <fmt/format.h>

#include "stackpick/util/error.hpp"

namespace stackpick {

namespace {
std::string environment(const char* name) {
    const char* value = std::getenv(name);
    return value ? value : "";
}

bool write_all(int fd, std::string_view text, int& error) {
    while (!text.empty()) {
        const ssize_t written = ::write(fd, text.data(), text.size());
        if (written < 0) {
            if (errno == EINTR) continue;
            error = errno;
            return false;
        }
        text.remove_prefix(static_cast<std::size_t>(written));
    }
    return true;
}
}  // namespace

Console process_console() {
    Console console;
    console.err = &std::cerr;
    console.in = &std::cin;
    console.stdin_is_terminal = ::isatty(0) == 1;
    console.stdout_is_terminal = ::isatty(1) == 1;
    console.stderr_is_terminal = ::isatty(2) == 1;
    console.environment_data_dir = environment("STACKPICK_DATA_DIR");
    console.environment_no_cache = environment("STACKPICK_NO_CACHE");
    console.environment_xdg_cache_home = environment("XDG_CACHE_HOME");
    console.environment_home = environment("HOME");
    console.environment_no_color = environment("NO_COLOR");
    console.environment_term = environment("TERM");
    console.environment_source_date_epoch = environment("SOURCE_DATE_EPOCH");
    console.clock_seconds = static_cast<std::int64_t>(std::time(nullptr));
    return console;
}

WriteStatus write_stdout(std::string_view text) {
    // A closed pipe must be an EPIPE error we can handle quietly, not a fatal signal.
    std::signal(SIGPIPE, SIG_IGN);
    int error = 0;
    if (!write_all(STDOUT_FILENO, text, error)) {
        if (error == EPIPE) return WriteStatus::reader_closed;
        throw RuntimeError(
            fmt::format("cannot write to standard output: {}", std::strerror(error)));
    }
    return WriteStatus::ok;
}

namespace {

/// Writes text to a new temporary file beside path (synced unless told not, mode 0644) and returns
/// its name. Throws RuntimeError naming path and the directory.
std::string write_temporary_beside(const std::filesystem::path& path, std::string_view text,
                                   Durability durability = Durability::synced) {
    const auto directory = path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
    std::string temporary_name = path.filename().string();
    temporary_name.insert(temporary_name.begin(), '.');
    temporary_name.append(".XXXXXX");
    std::string temporary = (directory / temporary_name).string();
    const int fd = ::mkstemp(temporary.data());
    // The file is written beside its target and renamed over it: name the directory that
    // refused it ("-o /proc/version" would otherwise say "No such file or directory").
    if (fd < 0)
        throw RuntimeError(
            fmt::format("cannot write '{}': cannot create a temporary file in '{}': {}",
                        path.string(), directory.string(), std::strerror(errno)));
    int error = 0;
    bool ok = write_all(fd, text, error);
    if (ok && durability == Durability::synced && ::fsync(fd) != 0) {
        error = errno;
        ok = false;
    }
    // mkstemp creates 0600; a report or answers file is an ordinary document.
    if (ok) ::fchmod(fd, 0644);
    if (::close(fd) != 0 && ok) {
        error = errno;
        ok = false;
    }
    if (!ok) {
        ::unlink(temporary.c_str());
        throw RuntimeError(
            fmt::format("cannot write '{}': {}", path.string(), std::strerror(error)));
    }
    return temporary;
}

}  // namespace

void write_file_atomically(const std::filesystem::path& path, std::string_view text,
                           Durability durability) {
    const std::string temporary = write_temporary_beside(path, text, durability);
    if (std::rename(temporary.c_str(), path.c_str()) != 0) {
        const int error = errno;
        ::unlink(temporary.c_str());
        throw RuntimeError(
            fmt::format("cannot write '{}': {}", path.string(), std::strerror(error)));
    }
}

bool write_new_file_atomically(const std::filesystem::path& path, std::string_view text) {
    const std::string temporary = write_temporary_beside(path, text);
    // link() fails when the name exists, so two writers never overwrite each other's file.
    const int status = ::link(temporary.c_str(), path.c_str());
    const int error = errno;
    ::unlink(temporary.c_str());
    if (status == 0) return true;
    if (error == EEXIST) return false;
    throw RuntimeError(fmt::format("cannot write '{}': {}", path.string(), std::strerror(error)));
}

}  // namespace stackpick
