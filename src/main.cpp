// stackpick: wires the command line to the library and maps every failure to one error line.

#include <exception>
#include <ostream>
#include <string>
#include <vector>

#include "stackpick/cli.hpp"
#include "stackpick/output.hpp"

int main(int argc, char** argv) {
    stackpick::Console console = stackpick::process_console();
    const std::vector<std::string> arguments(argv + (argc > 0 ? 1 : 0), argv + argc);
    int code = 0;
    try {
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
