// stackpick: wires the command line to the library and maps every failure to one error line.

#include <unistd.h>

#include <cstdlib>
#include <exception>
#include <iostream>
#include <string>
#include <vector>

#include "stackpick/cli/cli.hpp"
#include "stackpick/util/error.hpp"
#include "stackpick/util/output.hpp"
#include "stackpick/version.hpp"

namespace {

/// Writes text to stderr without allocating (the heap may be what ran out), control characters
/// replaced so that an exception's text cannot drive the terminal.
void write_stderr_raw(const char* text) {
    for (const char* c = text; *c != '\0'; ++c) {
        const char byte = (static_cast<unsigned char>(*c) < 0x20 && *c != '\n') ? '?' : *c;
        (void)!::write(STDERR_FILENO, &byte, 1);
    }
}

/// The last resort for an exception that escapes where none may: nlohmann/json's destructor
/// allocates, so running out of memory while a document is torn down ends in std::terminate.
/// Still one "internal error" line and exit 1, never "terminate called" and SIGABRT.
[[noreturn]] void terminate_with_internal_error() noexcept {
    const char* what = "unknown exception";
    if (const std::exception_ptr exception = std::current_exception()) {
        try {
            std::rethrow_exception(exception);
        } catch (const std::exception& e) {
            what = e.what();
        } catch (...) {
        }
    }
    write_stderr_raw("stackpick: internal error: ");
    write_stderr_raw(what);
    write_stderr_raw("\n(stackpick ");
    write_stderr_raw(stackpick::k_version);
    write_stderr_raw("; please report this with the command you ran)\n");
    std::_Exit(static_cast<int>(stackpick::ExitCode::failure));
}

}  // namespace

int main(int argc, char** argv) {
    std::set_terminate(terminate_with_internal_error);
    int code = 0;
    stackpick::Console console;
    console.err = &std::cerr;  // for an error before process_console() has run
    try {
        console = stackpick::process_console();
        console.process_ends_after_run = true;
        const std::vector<std::string> arguments(argv + (argc > 0 ? 1 : 0), argv + argc);
        code = stackpick::run(arguments, console);
        // Results reach stdout only when the command succeeded (or reported data, like validate).
        if (!console.out.empty() &&
            stackpick::write_stdout(console.out) == stackpick::WriteStatus::reader_closed)
            return 0;
        if (!console.after_output.empty()) *console.err << console.after_output << std::flush;
    } catch (const stackpick::Error& e) {
        code = stackpick::report_error(e, console);
    } catch (const std::exception& e) {
        code = stackpick::report_internal_error(e.what(), console);
    } catch (...) {
        code = stackpick::report_internal_error("unknown exception", console);
    }
    return code;
}
