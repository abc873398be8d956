#pragma once
/// The command line: options, subcommands, and running what they ask for.

#include <string>
#include <vector>

#include "stackpick/util/error.hpp"
#include "stackpick/util/output.hpp"

namespace stackpick {

/// Parses arguments (without the program name) and runs the command they name, writing results
/// to console.out. Returns the exit code; throws Error for failures the caller reports.
int run(const std::vector<std::string>& arguments, Console& console);

/// Prints "stackpick: error: <message>" (and "hint: ...") for an error, returning its exit code.
int report_error(const Error& error, Console& console);

/// Prints "stackpick: internal error: ..." with the version and where to report it; returns 1.
int report_internal_error(const std::string& what, Console& console);

}  // namespace stackpick
