#pragma once
// Runs the real stackpick binary the way a user or script would, capturing everything.

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace stackpick::testing {

struct RunResult {
    int exit_code = -1;  ///< the process's exit status, or 128 + signal
    std::string out;     ///< stdout
    std::string err;     ///< stderr
    bool timed_out = false;
};

struct RunOptions {
    std::optional<std::string> input;                ///< stdin; /dev/null when absent
    std::map<std::string, std::string> environment;  ///< added to a minimal PATH/HOME/LANG env
    std::string working_directory;                   ///< "" = current
    std::chrono::milliseconds timeout{20000};
    std::string executable;  ///< "" = the stackpick under test
};

/// Runs the binary with arguments; never inherits STACKPICK_DATA_DIR or NO_COLOR by accident.
RunResult run_stackpick(const std::vector<std::string>& arguments, const RunOptions& options = {});

/// Path of the stackpick binary under test.
std::string stackpick_binary();

/// The repository root (for data/, tests/fixtures/).
std::string source_dir();

/// A fresh empty directory under the system temporary directory, removed at exit.
std::string make_temporary_directory();

}  // namespace stackpick::testing
