#include "stackpick/report/markdown_table.hpp"

#include "stackpick/util/text.hpp"

namespace stackpick {

std::string markdown_row(const std::vector<std::string>& cells) {
    std::string row = "|";
    for (const auto& cell : cells) row += " " + cell + " |";
    return row + "\n";
}

std::string markdown_header(const std::string& first, const std::vector<std::string>& names) {
    std::vector<std::string> cells{first};
    for (const auto& name : names) cells.push_back(markdown_escape(name));
    std::string text = markdown_row(cells);
    text += "|---|";
    for (std::size_t i = 0; i < names.size(); ++i) text += "---|";
    return text + "\n";
}

}  // namespace stackpick
