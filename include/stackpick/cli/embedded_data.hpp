#pragma once
/// The knowledge base carried inside the binary (generated at build time from data/). Only the
/// cli layer knows it exists: it hands the snapshot's bytes to the loader and the shipped
/// scenario files to `stackpick test`.

#include <span>
#include <string_view>
#include <vector>

#include "stackpick/knowledge/knowledge_base.hpp"
#include "stackpick/knowledge/scenarios.hpp"
#include "stackpick/knowledge/snapshot_cache.hpp"
#include "stackpick/util/output.hpp"

namespace stackpick {

struct EmbeddedFile {
    std::string_view name;     ///< path relative to data/, e.g. "rules.json"
    std::string_view content;  ///< the file's bytes
};

/// Every data/*.json file (schemas excluded), sorted by name.
std::span<const EmbeddedFile> embedded_data_files();

/// The snapshot of the shipped knowledge base (knowledge/snapshot.hpp), written at build time
/// by src/make_snapshot.cpp into a generated source.
std::string_view embedded_snapshot();

/// The knowledge base at location: the embedded one read back from its snapshot (the build
/// checked the data already), or a directory's files loaded and checked.
KnowledgeBase load_knowledge_base(const KnowledgeBaseLocation& location);

/// The same, a directory's through the compiled cache when one is given (the embedded knowledge
/// base is a snapshot already). use, when given, says what the cache did.
KnowledgeBase load_knowledge_base(const KnowledgeBaseLocation& location, const SnapshotCache* cache,
                                  CacheUse* use = nullptr);

/// The compiled cache a run uses: $XDG_CACHE_HOME/stackpick when that is an absolute path, else
/// $HOME/.cache/stackpick (the XDG base directory specification). None with --no-cache
/// (no_cache_flag), with STACKPICK_NO_CACHE set to anything but "" or "0", or without a usable
/// HOME. Entries are tied to this build: its version and the embedded snapshot's hash.
std::optional<SnapshotCache> knowledge_base_cache(const Console& console, bool no_cache_flag);

/// The scenario files that come with the knowledge base: data/scenarios/ embedded in the
/// binary, or the scenarios/ folder of a --data-dir.
std::vector<ScenarioFile> shipped_scenario_files(const KnowledgeBase& knowledge_base);

}  // namespace stackpick
