#include "stackpick/util/diagnostics.hpp"

#include <fmt/format.h>

namespace stackpick {

std::string to_string(const Diagnostic& diagnostic) {
    if (diagnostic.pointer.empty()) {
        // Messages about a whole file ("cannot read 'x'", "x:3:12: ...") already name it.
        if (diagnostic.message.find(diagnostic.file) != std::string::npos)
            return diagnostic.message;
        return fmt::format("{}: {}", diagnostic.file, diagnostic.message);
    }
    return fmt::format("{}: {}: {}", diagnostic.file, diagnostic.pointer, diagnostic.message);
}

void Diagnostics::add(std::string file, std::string pointer, std::string message) {
    m_items.push_back({std::move(file), std::move(pointer), std::move(message)});
}

namespace {
std::string summarize(const std::vector<Diagnostic>& diagnostics) {
    if (diagnostics.empty()) return "invalid data";
    std::string text = to_string(diagnostics.front());
    if (diagnostics.size() > 1)
        text += fmt::format(" (and {} more problem{})", diagnostics.size() - 1,
                            diagnostics.size() == 2 ? "" : "s");
    return text;
}
}  // namespace

InvalidDataError::InvalidDataError(std::vector<Diagnostic> diagnostics,
                                   std::vector<std::string> skipped)
    : DataError(summarize(diagnostics)),
      m_diagnostics(std::move(diagnostics)),
      m_skipped(std::move(skipped)) {}

InvalidDataError::InvalidDataError(const Diagnostics& diagnostics)
    : InvalidDataError(diagnostics.items(), diagnostics.skipped()) {}

}  // namespace stackpick
