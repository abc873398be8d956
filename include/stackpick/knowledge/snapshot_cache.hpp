#pragma once
/// The compiled cache: the first load of a knowledge-base directory stores its snapshot (the
/// format the build embeds) under a name derived from every file the load read, and later loads
/// of the same bytes read the snapshot back instead of parsing and checking the JSON again.
///
/// An entry is a header (magic, cache format, the program that wrote it, the key, the payload's
/// length and checksum, the header's own checksum) and the snapshot. Anything that does not check
/// out (another program, a torn write, a damaged byte, a payload the decoder refuses) is a miss:
/// the files are parsed and the entry written again. Nothing about the cache is ever an error;
/// an invalid knowledge base is never stored.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "stackpick/knowledge/knowledge_base.hpp"

namespace stackpick {

/// Where compiled knowledge bases are kept, and which program may read them back.
struct SnapshotCache {
    std::filesystem::path directory;  ///< created (mode 0700) when missing, e.g. ~/.cache/stackpick
    /// The program that writes and reads the entries (its version and build): an entry another
    /// build wrote is never decoded, since the snapshot layout may have changed between them.
    std::string build;
    std::size_t max_entries = 8;  ///< beyond it, the entries written longest ago are removed
};

/// What a load through the cache did.
enum class CacheUse {
    hit,         ///< read back from a valid entry
    stored,      ///< parsed, and the entry written
    not_stored,  ///< parsed; the entry could not be written (read-only or missing directory)
    not_cached,  ///< parsed and refused (InvalidDataError thrown), or a file unreadable
};

/// Loads a knowledge-base directory (location.directory) as load_knowledge_base_files() does,
/// with the same result and the same errors, through the cache. use, when given, says how.
KnowledgeBase load_knowledge_base_cached(const KnowledgeBaseLocation& location,
                                         const SnapshotCache& cache, CacheUse* use = nullptr);

/// The name of the entry the knowledge base in location.directory has now ("kb-<key>.snapshot"
/// under cache.directory), or nothing when one of its files cannot be read.
std::optional<std::filesystem::path> cache_entry_path(const KnowledgeBaseLocation& location,
                                                      const SnapshotCache& cache);

/// An entry's bytes: the header, then payload (a snapshot).
std::string seal_cache_entry(std::string_view build, std::uint64_t key, std::string_view payload);

/// The payload of an entry written by build under key, or nothing when any part of the header
/// does not check out (magic, format, build, key, length, checksums).
std::optional<std::string_view> open_cache_entry(std::string_view entry, std::string_view build,
                                                 std::uint64_t key);

}  // namespace stackpick
