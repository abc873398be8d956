#include "stackpick/cli/embedded_data.hpp"

#include <filesystem>
#include <string>

#include <fmt/format.h>

#include "stackpick/knowledge/snapshot.hpp"
#include "stackpick/util/hash.hpp"
#include "stackpick/version.hpp"

namespace stackpick {

KnowledgeBase load_knowledge_base(const KnowledgeBaseLocation& location) {
    if (!location.embedded()) return load_knowledge_base_files(location);
    const std::string_view snapshot = embedded_snapshot();
    if (snapshot.empty()) throw SnapshotError("no knowledge base is embedded in this program");
    return read_snapshot(snapshot, location);
}

KnowledgeBase load_knowledge_base(const KnowledgeBaseLocation& location, const SnapshotCache* cache,
                                  CacheUse* use) {
    if (use) *use = CacheUse::not_cached;
    if (!cache || location.embedded()) return load_knowledge_base(location);
    return load_knowledge_base_cached(location, *cache, use);
}

std::optional<SnapshotCache> knowledge_base_cache(const Console& console, bool no_cache_flag) {
    const auto& no_cache = console.environment_no_cache;
    if (no_cache_flag || (!no_cache.empty() && no_cache != "0")) return std::nullopt;
    // The specification: a relative XDG_CACHE_HOME is invalid and must be ignored.
    std::filesystem::path base(console.environment_xdg_cache_home);
    if (!base.is_absolute()) {
        const std::filesystem::path home(console.environment_home);
        if (!home.is_absolute()) return std::nullopt;
        base = home / ".cache";
    }
    SnapshotCache cache;
    cache.directory = base / "stackpick";
    // The embedded snapshot changes with the snapshot layout (and the shipped data): a
    // development build with the same version number never decodes another build's entries.
    cache.build = fmt::format("{} {:016x}", k_version, hash64(embedded_snapshot()));
    return cache;
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
