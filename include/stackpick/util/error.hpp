#pragma once
/// Errors that end a stackpick run, each mapped to a documented exit code.

#include <stdexcept>
#include <string>
#include <utility>

namespace stackpick {

/// Exit codes, as documented in --help, the README and the man page.
enum class ExitCode : int {
    ok = 0,
    failure = 1,        ///< I/O or write error, input ended at a prompt, internal error
    usage = 2,          ///< unknown flag, bad value, bad combination, prompting impossible
    invalid_data = 3,   ///< knowledge base or answers unreadable, malformed or invalid
    interrupted = 130,  ///< Ctrl-C
};

/// Base of every error stackpick reports as "stackpick: error: <message>".
class Error : public std::runtime_error {
  public:
    Error(ExitCode code, const std::string& message, std::string hint = {})
        : std::runtime_error(message), m_code(code), m_hint(std::move(hint)) {}

    ExitCode code() const { return m_code; }
    /// Optional advice printed as "hint: ..." under the error.
    const std::string& hint() const { return m_hint; }

  private:
    ExitCode m_code;
    std::string m_hint;
};

/// The command line was wrong (exit 2).
class UsageError : public Error {
  public:
    explicit UsageError(const std::string& message, std::string hint = {})
        : Error(ExitCode::usage, message, std::move(hint)) {}
};

/// A data file (knowledge base, answers) was unreadable or invalid (exit 3).
class DataError : public Error {
  public:
    explicit DataError(const std::string& message, std::string hint = {})
        : Error(ExitCode::invalid_data, message, std::move(hint)) {}
};

/// Something failed at run time: I/O, a write error, input ended (exit 1).
class RuntimeError : public Error {
  public:
    explicit RuntimeError(const std::string& message, std::string hint = {})
        : Error(ExitCode::failure, message, std::move(hint)) {}
};

}  // namespace stackpick
