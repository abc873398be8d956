#include "support/run_binary.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <stdexcept>

namespace stackpick::testing {

namespace {
void set_nonblocking(int fd) { ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK); }

/// Temporary directories created by this process, removed when it exits.
struct TemporaryDirectories {
    std::vector<std::filesystem::path> paths;
    ~TemporaryDirectories() {
        std::error_code ignored;
        for (const auto& path : paths) std::filesystem::remove_all(path, ignored);
    }
};
TemporaryDirectories g_temporary_directories;
}  // namespace

std::string stackpick_binary() { return STACKPICK_BINARY; }
std::string source_dir() { return STACKPICK_SOURCE_DIR; }

std::string make_temporary_directory() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "stackpick-test-XXXXXX").string();
    if (!::mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
    g_temporary_directories.paths.emplace_back(pattern);
    return pattern;
}

RunResult run_stackpick(const std::vector<std::string>& arguments, const RunOptions& options) {
    const std::string executable =
        options.executable.empty() ? stackpick_binary() : options.executable;
    std::vector<std::string> argv_strings{executable};
    argv_strings.insert(argv_strings.end(), arguments.begin(), arguments.end());
    std::vector<char*> argv;
    for (auto& s : argv_strings) argv.push_back(s.data());
    argv.push_back(nullptr);

    std::map<std::string, std::string> environment = {
        {"PATH", "/usr/local/bin:/usr/bin:/bin"}, {"HOME", "/tmp"}, {"LANG", "C.UTF-8"}};
    // The compiled cache of a --data-dir: one of this test process's own, never the user's.
    static const std::string cache_home = make_temporary_directory();
    environment["XDG_CACHE_HOME"] = cache_home;
    if (const char* asan = std::getenv("ASAN_OPTIONS")) environment["ASAN_OPTIONS"] = asan;
    if (const char* ubsan = std::getenv("UBSAN_OPTIONS")) environment["UBSAN_OPTIONS"] = ubsan;
    for (const auto& [key, value] : options.environment) environment[key] = value;
    std::vector<std::string> env_strings;
    for (const auto& [key, value] : environment) env_strings.push_back(key + "=" + value);
    std::vector<char*> envp;
    for (auto& s : env_strings) envp.push_back(s.data());
    envp.push_back(nullptr);

    int in_pipe[2], out_pipe[2], err_pipe[2];
    if (::pipe2(in_pipe, O_CLOEXEC) || ::pipe2(out_pipe, O_CLOEXEC) || ::pipe2(err_pipe, O_CLOEXEC))
        throw std::runtime_error("pipe failed");

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    if (options.input) {
        posix_spawn_file_actions_adddup2(&actions, in_pipe[0], 0);
    } else {
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    }
    posix_spawn_file_actions_adddup2(&actions, out_pipe[1], 1);
    posix_spawn_file_actions_adddup2(&actions, err_pipe[1], 2);
    if (!options.working_directory.empty())
        posix_spawn_file_actions_addchdir_np(&actions, options.working_directory.c_str());

    pid_t pid = 0;
    const int spawn_error =
        ::posix_spawn(&pid, executable.c_str(), &actions, nullptr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    ::close(in_pipe[0]);
    ::close(out_pipe[1]);
    ::close(err_pipe[1]);
    if (spawn_error != 0) {
        ::close(in_pipe[1]);
        ::close(out_pipe[0]);
        ::close(err_pipe[0]);
        throw std::runtime_error(std::string("cannot run ") + executable + ": " +
                                 std::strerror(spawn_error));
    }

    // Feed stdin and drain stdout/stderr together, so neither side can block the other.
    RunResult result;
    std::string pending_input = options.input.value_or("");
    int input_fd = in_pipe[1];
    if (pending_input.empty()) {
        ::close(input_fd);
        input_fd = -1;
    } else {
        set_nonblocking(input_fd);
    }
    ::signal(SIGPIPE, SIG_IGN);
    const auto deadline = std::chrono::steady_clock::now() + options.timeout;
    bool out_open = true, err_open = true;
    while (out_open || err_open) {
        std::vector<pollfd> fds;
        if (out_open) fds.push_back({out_pipe[0], POLLIN, 0});
        if (err_open) fds.push_back({err_pipe[0], POLLIN, 0});
        if (input_fd >= 0) fds.push_back({input_fd, POLLOUT, 0});
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) {
            result.timed_out = true;
            ::kill(pid, SIGKILL);
            break;
        }
        if (::poll(fds.data(), fds.size(), static_cast<int>(left.count())) < 0 && errno != EINTR)
            break;
        for (const auto& p : fds) {
            if (p.revents == 0) continue;
            if (p.fd == input_fd) {
                const ssize_t n = ::write(input_fd, pending_input.data(), pending_input.size());
                if (n > 0) pending_input.erase(0, static_cast<std::size_t>(n));
                if (n < 0 || pending_input.empty()) {
                    ::close(input_fd);
                    input_fd = -1;
                }
                continue;
            }
            char buffer[65536];
            const ssize_t n = ::read(p.fd, buffer, sizeof buffer);
            if (n > 0) {
                (p.fd == out_pipe[0] ? result.out : result.err)
                    .append(buffer, static_cast<std::size_t>(n));
            } else if (n == 0 || (errno != EAGAIN && errno != EINTR)) {
                (p.fd == out_pipe[0] ? out_open : err_open) = false;
            }
        }
    }
    if (input_fd >= 0) ::close(input_fd);
    ::close(out_pipe[0]);
    ::close(err_pipe[0]);
    int status = 0;
    ::waitpid(pid, &status, 0);
    if (WIFEXITED(status))
        result.exit_code = WEXITSTATUS(status);
    else if (WIFSIGNALED(status))
        result.exit_code = 128 + WTERMSIG(status);
    return result;
}

}  // namespace stackpick::testing
