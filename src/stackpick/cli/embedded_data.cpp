#include "stackpick/cli/embedded_data.hpp"

#include <filesystem>
#include <string>

#include "stackpick/knowledge/snapshot.hpp"

namespace stackpick {

KnowledgeBase load_knowledge_base(const KnowledgeBaseLocation& location) {
    if (!location.embedded()) return load_knowledge_base_files(location);
    const std::string_view snapshot = embedded_snapshot();
    if (snapshot.empty()) throw SnapshotError("no knowledge base is embedded in this program");
    return read_snapshot(snapshot, location);
}

std::vector<ScenarioFile> shipped_scenario_files(const KnowledgeBase& knowledge_base) {
    const auto& location = knowledge_base.location;
    if (!location.embedded())
        return scenario_files_in(
            (std::filesystem::path(location.directory) / "scenarios").string());
    std::vector<ScenarioFile> files;
    for (const auto& file : embedded_data_files())
        if (file.name.rfind("scenarios/", 0) == 0)
            files.push_back({"<embedded>/" + std::string(file.name), std::string(file.content)});
    return files;
}

}  // namespace stackpick
