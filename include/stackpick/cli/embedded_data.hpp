#pragma once
/// The knowledge base carried inside the binary (generated at build time from data/).

#include <span>
#include <string_view>

namespace stackpick {

struct EmbeddedFile {
    std::string_view name;     ///< path relative to data/, e.g. "rules.json"
    std::string_view content;  ///< the file's bytes
};

/// Every data/*.json file (schemas excluded), sorted by name.
std::span<const EmbeddedFile> embedded_data_files();

}  // namespace stackpick
