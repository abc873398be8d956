// Fuzz target: the knowledge-base loader, one file at a time. The first byte picks the file
// (knowledge_base.json, the fact files, questions.json or rules.json), the rest replaces its text;
// the other files stay as shipped. A knowledge base that loads is then scored and rendered in
// every format, since a loader that accepts something must also make it safe to use.

#include <stdlib.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_support.hpp"
#include "stackpick/cli/embedded_data.hpp"
#include "stackpick/knowledge/facts.hpp"
#include "stackpick/util/error.hpp"

namespace {

/// The files of a knowledge base that one input may replace, in a fixed order (the first byte
/// indexes it, so corpus files keep their meaning).
const std::vector<std::string>& replaceable_files() {
    static const std::vector<std::string> files = [] {
        std::vector<std::string> names = {"knowledge_base.json"};
        for (const auto name : stackpick::k_fact_files) names.emplace_back(name);
        names.emplace_back("questions.json");
        names.emplace_back("rules.json");
        return names;
    }();
    return files;
}

void write_file(const std::filesystem::path& path, std::string_view text) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    stackpick::fuzz::require(static_cast<bool>(out.flush()), "cannot write the fuzz data dir",
                             path.string());
}

/// A private copy of the shipped knowledge base under /tmp, made once per process (the loader
/// reads only from a directory) and removed at exit.
struct DataDirectory {
    std::filesystem::path path;

    DataDirectory() {
        std::string pattern =
            (std::filesystem::temp_directory_path() / "stackpick-fuzz-kb-XXXXXX").string();
        stackpick::fuzz::require(::mkdtemp(pattern.data()) != nullptr,
                                 "cannot create the fuzz data dir", pattern);
        path = pattern;
        restore_all();
    }
    ~DataDirectory() {
        std::error_code ignored;
        std::filesystem::remove_all(path, ignored);
    }
    DataDirectory(const DataDirectory&) = delete;
    DataDirectory& operator=(const DataDirectory&) = delete;

    std::string_view shipped_text(const std::string& name) const {
        for (const auto& file : stackpick::embedded_data_files())
            if (file.name == name) return file.content;
        stackpick::fuzz::require(false, "a knowledge-base file is not embedded", name);
        return {};
    }
    void restore_all() const {
        for (const auto& name : replaceable_files()) write_file(path / name, shipped_text(name));
    }
};

DataDirectory& data_directory() {
    static DataDirectory directory;
    return directory;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const auto& files = replaceable_files();
    const std::string& name = files[data[0] % files.size()];
    const DataDirectory& directory = data_directory();
    write_file(directory.path / name,
               std::string_view(reinterpret_cast<const char*>(data) + 1, size - 1));

    stackpick::KnowledgeBaseLocation location;
    location.kind = stackpick::KnowledgeBaseLocation::Kind::directory;
    location.directory = directory.path.string();
    location.chosen_by = "--data-dir";
    try {
        const stackpick::KnowledgeBase knowledge_base = stackpick::load_knowledge_base(location);
        stackpick::fuzz::recommend_and_render(
            knowledge_base, stackpick::resolve_answers(knowledge_base.questions, {}));
    } catch (const stackpick::Error&) {
        // A refused knowledge base is the expected outcome for most inputs.
    }
    write_file(directory.path / name, directory.shipped_text(name));
    return 0;
}
