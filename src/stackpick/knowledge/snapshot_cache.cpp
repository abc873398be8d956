#include "stackpick/knowledge/snapshot_cache.hpp"

#include <algorithm>
#include <chrono>
#include <exception>
#include <system_error>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "knowledge_base_parts.hpp"
#include "stackpick/knowledge/snapshot.hpp"
#include "stackpick/util/error.hpp"
#include "stackpick/util/hash.hpp"
#include "stackpick/util/json_file.hpp"
#include "stackpick/util/output.hpp"

namespace stackpick {

namespace {

/// First bytes of every entry; k_format changes whenever the header's layout does.
constexpr std::string_view k_magic = "stackpick cache\n";
constexpr std::uint64_t k_format = 1;
/// A build string longer than this is damage (real ones are a version and a hash).
constexpr std::uint64_t k_max_build_bytes = 256;
/// Entries are read whole; a file larger than this is not one of ours.
constexpr std::size_t k_max_entry_bytes = std::size_t{512} << 20;
/// Seeds keep the key, the payload's checksum and the header's apart.
constexpr std::uint64_t k_key_seed = 0x6b6579;
constexpr std::uint64_t k_payload_seed = 0x7061796c6f6164;
constexpr std::uint64_t k_header_seed = 0x686561646572;
/// A temporary file older than this was left by a process that died while writing it.
constexpr auto k_stale_temporary_age = std::chrono::hours(1);

void put_u64(std::string& bytes, std::uint64_t value) {
    for (int i = 0; i < 8; ++i) bytes.push_back(static_cast<char>((value >> (8 * i)) & 0xffU));
}

/// Takes 8 little-endian bytes from the front of rest; false when fewer are left.
bool take_u64(std::string_view& rest, std::uint64_t& value) {
    if (rest.size() < 8) return false;
    value = 0;
    for (int i = 7; i >= 0; --i)
        value = (value << 8) | static_cast<unsigned char>(rest[static_cast<std::size_t>(i)]);
    rest.remove_prefix(8);
    return true;
}

/// The key of what a load read: every file's name, length and content, and the build.
std::uint64_t cache_key(const std::vector<detail::KnowledgeBaseFile>& files,
                        std::string_view build) {
    std::string manifest;
    put_u64(manifest, build.size());
    manifest.append(build);
    for (const auto& file : files) {
        put_u64(manifest, file.name.size());
        manifest.append(file.name);
        put_u64(manifest, file.text->size());
        put_u64(manifest, hash64(*file.text, k_key_seed));
    }
    return hash64(manifest, k_key_seed);
}

std::filesystem::path entry_path(const SnapshotCache& cache, std::uint64_t key) {
    return cache.directory / fmt::format("kb-{:016x}.snapshot", key);
}

bool all_read(const std::vector<detail::KnowledgeBaseFile>& files) {
    return std::all_of(files.begin(), files.end(), [](const auto& file) { return file.text; });
}

/// The knowledge base a valid entry holds, or nothing: a missing, foreign, torn or damaged entry
/// is a miss, whatever went wrong.
std::optional<KnowledgeBase> read_entry(const std::filesystem::path& path,
                                        const SnapshotCache& cache, std::uint64_t key,
                                        const KnowledgeBaseLocation& location) {
    try {
        const std::string entry =
            read_text_file(path, path.string(), JsonLimits{k_max_entry_bytes, 0, 0});
        const auto payload = open_cache_entry(entry, cache.build, key);
        if (!payload) return std::nullopt;
        return read_snapshot(*payload, location);
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

bool is_entry_name(const std::string& name) {
    return name.rfind("kb-", 0) == 0 && name.size() > 12 &&
           name.compare(name.size() - 9, 9, ".snapshot") == 0;
}

/// Keeps at most cache.max_entries entries (kept among them), removing those written longest
/// ago, and removes temporary files a dead process left. Failures are ignored: another process
/// may be pruning the same directory.
void prune(const SnapshotCache& cache, const std::filesystem::path& kept) {
    namespace fs = std::filesystem;
    std::error_code error;
    std::vector<std::pair<fs::file_time_type, fs::path>> entries;
    const auto now = fs::file_time_type::clock::now();
    for (fs::directory_iterator it(cache.directory, error), end; !error && it != end;
         it.increment(error)) {
        const std::string name = it->path().filename().string();
        std::error_code time_error;
        const auto written = it->last_write_time(time_error);
        if (time_error) continue;
        if (is_entry_name(name))
            entries.emplace_back(written, it->path());
        else if (name.rfind(".kb-", 0) == 0 && now - written > k_stale_temporary_age)
            fs::remove(it->path(), time_error);
    }
    if (entries.size() <= cache.max_entries) return;
    std::sort(entries.begin(), entries.end());
    std::size_t excess = entries.size() - cache.max_entries;
    for (const auto& [written, path] : entries) {
        if (excess == 0) break;
        if (path == kept) continue;
        fs::remove(path, error);
        --excess;
    }
}

/// Stores knowledge_base's snapshot under path; false when the directory cannot be made or
/// written (read-only, a file in the way): the caller then simply goes without.
bool store_entry(const std::filesystem::path& path, const SnapshotCache& cache, std::uint64_t key,
                 const KnowledgeBase& knowledge_base) {
    try {
        std::error_code error;
        std::filesystem::create_directories(cache.directory.parent_path(), error);
        // The XDG base directory specification: a directory it creates is the user's alone.
        if (std::filesystem::create_directory(cache.directory, error))
            std::filesystem::permissions(cache.directory, std::filesystem::perms::owner_all, error);
        write_file_atomically(path,
                              seal_cache_entry(cache.build, key, write_snapshot(knowledge_base)),
                              Durability::unsynced);
        prune(cache, path);
        return true;
    } catch (const std::exception&) {
        return false;
    }
}

}  // namespace

std::string seal_cache_entry(std::string_view build, std::uint64_t key, std::string_view payload) {
    std::string entry(k_magic);
    put_u64(entry, k_format);
    put_u64(entry, build.size());
    entry.append(build);
    put_u64(entry, key);
    put_u64(entry, payload.size());
    put_u64(entry, hash64(payload, k_payload_seed));
    put_u64(entry, hash64(entry, k_header_seed));
    entry.append(payload);
    return entry;
}

std::optional<std::string_view> open_cache_entry(std::string_view entry, std::string_view build,
                                                 std::uint64_t key) {
    if (entry.substr(0, k_magic.size()) != k_magic) return std::nullopt;
    std::string_view rest = entry.substr(k_magic.size());
    std::uint64_t format = 0, build_size = 0, stored_key = 0, size = 0, checksum = 0, header = 0;
    if (!take_u64(rest, format) || format != k_format) return std::nullopt;
    if (!take_u64(rest, build_size) || build_size > k_max_build_bytes || build_size > rest.size())
        return std::nullopt;
    const std::string_view stored_build = rest.substr(0, build_size);
    rest.remove_prefix(build_size);
    if (!take_u64(rest, stored_key) || !take_u64(rest, size) || !take_u64(rest, checksum))
        return std::nullopt;
    const std::string_view header_bytes = entry.substr(0, entry.size() - rest.size());
    if (!take_u64(rest, header) || header != hash64(header_bytes, k_header_seed))
        return std::nullopt;
    if (stored_build != build || stored_key != key || size != rest.size() ||
        checksum != hash64(rest, k_payload_seed))
        return std::nullopt;
    return rest;
}

std::optional<std::filesystem::path> cache_entry_path(const KnowledgeBaseLocation& location,
                                                      const SnapshotCache& cache) {
    const auto files = detail::read_knowledge_base_files(location);
    if (!all_read(files)) return std::nullopt;
    return entry_path(cache, cache_key(files, cache.build));
}

KnowledgeBase load_knowledge_base_cached(const KnowledgeBaseLocation& location,
                                         const SnapshotCache& cache, CacheUse* use) {
    CacheUse ignored = CacheUse::not_cached;
    CacheUse& used = use ? *use : ignored;
    used = CacheUse::not_cached;
    auto files = detail::read_knowledge_base_files(location);
    // A file that cannot be read makes the knowledge base invalid: the loader says why.
    if (!all_read(files)) return detail::load_knowledge_base_texts(location, std::move(files));
    const std::uint64_t key = cache_key(files, cache.build);
    const auto path = entry_path(cache, key);
    if (auto cached = read_entry(path, cache, key, location)) {
        used = CacheUse::hit;
        return std::move(*cached);
    }
    // Parsed from the very texts the key was computed from; throws when they are invalid.
    KnowledgeBase knowledge_base = detail::load_knowledge_base_texts(location, std::move(files));
    used = store_entry(path, cache, key, knowledge_base) ? CacheUse::stored : CacheUse::not_stored;
    return knowledge_base;
}

}  // namespace stackpick
