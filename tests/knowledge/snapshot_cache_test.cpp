// The compiled cache (src/stackpick/knowledge/snapshot_cache.cpp): a second load reads back the
// entry the first stored, and an entry damaged in any way is never trusted: the load gives
// exactly what parsing gives, and the entry is written again whole.

#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <string>
#include <vector>

#include "stackpick/knowledge/knowledge_base.hpp"
#include "stackpick/knowledge/snapshot.hpp"
#include "stackpick/knowledge/snapshot_cache.hpp"
#include "stackpick/util/error.hpp"
#include "support/run_binary.hpp"

namespace {

namespace fs = std::filesystem;
using stackpick::CacheUse;
using stackpick::KnowledgeBase;
using stackpick::KnowledgeBaseLocation;
using stackpick::SnapshotCache;

std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void write_file(const fs::path& path, const std::string& bytes) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << bytes;
}

/// A copy of the shipped knowledge base's files in a new directory, to change at will.
fs::path copy_of_shipped_data() {
    const fs::path directory = stackpick::testing::make_temporary_directory();
    for (const auto& entry : fs::directory_iterator(stackpick::testing::source_dir() + "/data"))
        if (entry.is_regular_file() && entry.path().extension() == ".json")
            fs::copy_file(entry.path(), directory / entry.path().filename());
    return directory;
}

KnowledgeBaseLocation location_of(const fs::path& directory) {
    return stackpick::locate_knowledge_base(directory.string(), nullptr);
}

SnapshotCache new_cache() {
    SnapshotCache cache;
    cache.directory = fs::path(stackpick::testing::make_temporary_directory()) / "stackpick";
    cache.build = "stackpick test build";
    return cache;
}

std::vector<fs::path> entries_in(const fs::path& directory) {
    std::vector<fs::path> entries;
    std::error_code error;
    for (const auto& entry : fs::directory_iterator(directory, error)) entries.push_back(entry);
    return entries;
}

/// Everything a knowledge base holds, as bytes, and where it says it came from.
std::string contents_of(const KnowledgeBase& knowledge_base) {
    return knowledge_base.location.directory + "\n" + stackpick::write_snapshot(knowledge_base);
}

std::string parse_error_of(const KnowledgeBaseLocation& location,
                           const SnapshotCache* cache = nullptr) {
    try {
        if (cache)
            (void)stackpick::load_knowledge_base_cached(location, *cache);
        else
            (void)stackpick::load_knowledge_base_files(location);
    } catch (const stackpick::InvalidDataError& e) {
        std::string messages;
        for (const auto& diagnostic : e.diagnostics()) messages += to_string(diagnostic) + "\n";
        return messages;
    }
    return "loaded";
}

/// The header's length: everything before the payload (the snapshot, which starts with its own
/// magic).
std::size_t header_size(const std::string& entry) {
    const auto payload = entry.find("stackpick knowledge-base snapshot");
    REQUIRE(payload != std::string::npos);
    return payload - 8;  // the snapshot's magic is preceded by its length
}

/// The shipped data stored in a new cache: what parsing gives, and the entry's path and bytes.
struct StoredEntry {
    KnowledgeBaseLocation location = location_of(stackpick::testing::source_dir() + "/data");
    std::string parsed = contents_of(stackpick::load_knowledge_base_files(location));
    SnapshotCache cache = new_cache();
    fs::path path;
    std::string good;
    std::size_t header = 0;

    StoredEntry() {
        (void)stackpick::load_knowledge_base_cached(location, cache);
        path = *stackpick::cache_entry_path(location, cache);
        good = read_file(path);
        header = header_size(good);
    }
};

}  // namespace

TEST_CASE("the second load of a directory reads back the entry the first stored", "[cache]") {
    const auto location = location_of(stackpick::testing::source_dir() + "/data");
    const auto parsed = stackpick::load_knowledge_base_files(location);
    const auto cache = new_cache();

    CacheUse use = CacheUse::hit;
    const auto first = stackpick::load_knowledge_base_cached(location, cache, &use);
    CHECK(use == CacheUse::stored);
    CHECK(contents_of(first) == contents_of(parsed));
    const auto entries = entries_in(cache.directory);
    REQUIRE(entries.size() == 1);
    CHECK(entries.front() == stackpick::cache_entry_path(location, cache));
    CHECK((fs::status(cache.directory).permissions() & fs::perms::all) == fs::perms::owner_all);

    const std::string entry = read_file(entries.front());
    const auto second = stackpick::load_knowledge_base_cached(location, cache, &use);
    CHECK(use == CacheUse::hit);
    CHECK(contents_of(second) == contents_of(parsed));
    CHECK(read_file(entries.front()) == entry);
    // Another program, or the same files under another key, never decode it.
    CHECK(stackpick::open_cache_entry(entry, cache.build, 1) == std::nullopt);
    CHECK(stackpick::open_cache_entry(entry, "another build", 1) == std::nullopt);
}

TEST_CASE("a damaged or truncated entry is a miss, parsed again and rewritten whole", "[cache]") {
    const StoredEntry stored;
    const auto& location = stored.location;
    const auto& parsed = stored.parsed;
    const auto& cache = stored.cache;
    const auto& path = stored.path;
    const auto& good = stored.good;
    const auto header = stored.header;
    REQUIRE(header > 16);

    const auto check_recovers = [&](const std::string& damaged, const std::string& what) {
        INFO(what);
        write_file(path, damaged);
        CacheUse use = CacheUse::hit;
        const auto loaded = stackpick::load_knowledge_base_cached(location, cache, &use);
        CHECK(use == CacheUse::stored);
        CHECK(contents_of(loaded) == parsed);
        CHECK(read_file(path) == good);
    };

    std::set<std::size_t> positions;
    for (std::size_t i = 0; i < header + 8; ++i) positions.insert(i);  // the header, every byte
    for (std::size_t i = header; i < good.size(); i += 4096) positions.insert(i);
    for (std::size_t i = good.size() - 16; i < good.size(); ++i) positions.insert(i);
    for (const std::size_t position : positions) {
        std::string damaged = good;
        damaged[position] = static_cast<char>(damaged[position] ^ 0x5a);
        check_recovers(damaged, "byte " + std::to_string(position) + " changed");
    }

    std::set<std::size_t> lengths = {
        0, 1, 15, 16, 17, header - 1, header, header + 1, good.size() - 1};
    for (std::size_t length = header; length < good.size(); length += 4093) lengths.insert(length);
    for (const std::size_t length : lengths)
        check_recovers(good.substr(0, length), "cut to " + std::to_string(length) + " bytes");
    check_recovers(good + "x", "a byte added");
    check_recovers(std::string(good.size(), '\0'), "zeros of the same length");
}

TEST_CASE(
    "a payload damaged under a valid header is refused by the decoder, never trusted "
    "half-read",
    "[cache]") {
    const StoredEntry stored;
    const auto& location = stored.location;
    const auto& parsed = stored.parsed;
    const auto& cache = stored.cache;
    const auto& path = stored.path;
    const auto& good = stored.good;
    const auto header = stored.header;
    const std::string payload = good.substr(header);
    const auto key = std::stoull(path.filename().string().substr(3, 16), nullptr, 16);
    REQUIRE(stackpick::seal_cache_entry(cache.build, key, payload) == good);

    // Cut short and sealed again: the header checks out, the decoder runs out of bytes.
    for (std::size_t length = 0; length < payload.size(); length += 997) {
        INFO("payload cut to " << length << " bytes");
        write_file(path, stackpick::seal_cache_entry(cache.build, key, payload.substr(0, length)));
        CacheUse use = CacheUse::hit;
        CHECK(contents_of(stackpick::load_knowledge_base_cached(location, cache, &use)) == parsed);
        CHECK(use == CacheUse::stored);
        CHECK(read_file(path) == good);
    }
    // A changed byte sealed again may still decode (a string with another letter: only the
    // checksum finds those), but never crashes and never yields half a knowledge base.
    for (std::size_t position = 0; position < payload.size(); position += 211) {
        INFO("payload byte " << position << " changed");
        std::string damaged = payload;
        damaged[position] = static_cast<char>(damaged[position] ^ 0xff);
        try {
            const auto read = stackpick::read_snapshot(damaged, location);
            CHECK(read.rules.size() <= 100000);
        } catch (const stackpick::SnapshotError&) {
        }
    }
}

TEST_CASE("a cache directory that cannot be written is gone without, silently", "[cache]") {
    const auto location = location_of(stackpick::testing::source_dir() + "/data");
    const std::string parsed = contents_of(stackpick::load_knowledge_base_files(location));
    auto cache = new_cache();
    // A file where the directory should be: neither it nor an entry can be made.
    fs::create_directories(cache.directory.parent_path());
    write_file(cache.directory, "not a directory");
    CacheUse use = CacheUse::hit;
    CHECK(contents_of(stackpick::load_knowledge_base_cached(location, cache, &use)) == parsed);
    CHECK(use == CacheUse::not_stored);
    CHECK(read_file(cache.directory) == "not a directory");
}

TEST_CASE("an invalid knowledge base gives the parser's errors and is never cached", "[cache]") {
    const fs::path directory = copy_of_shipped_data();
    write_file(directory / "rules.json", "{\"rules\": [}");
    const auto location = location_of(directory);
    const auto cache = new_cache();
    const std::string expected = parse_error_of(location);
    REQUIRE(expected != "loaded");
    CHECK(parse_error_of(location, &cache) == expected);
    CHECK(entries_in(cache.directory).empty());
    fs::remove(directory / "rules.json");
    CHECK(parse_error_of(location, &cache) == parse_error_of(location));
    CHECK(entries_in(cache.directory).empty());
}

TEST_CASE("a changed file is another entry, and the oldest entries go beyond the limit",
          "[cache]") {
    const fs::path directory = copy_of_shipped_data();
    const auto location = location_of(directory);
    auto cache = new_cache();
    cache.max_entries = 3;
    const std::string questions = read_file(directory / "questions.json");
    std::vector<fs::path> written;
    for (std::size_t version = 0; version < 6; ++version) {
        // Whitespace: the same knowledge base, other bytes, so another key.
        write_file(directory / "questions.json", questions + std::string(version, ' '));
        CacheUse use = CacheUse::hit;
        (void)stackpick::load_knowledge_base_cached(location, cache, &use);
        CHECK(use == CacheUse::stored);
        written.push_back(*stackpick::cache_entry_path(location, cache));
        // Entries written within one clock tick would tie on their times.
        const auto now = fs::file_time_type::clock::now();
        fs::last_write_time(written.back(), now - std::chrono::seconds(60 * (6 - version)));
    }
    CHECK(std::set<fs::path>(written.begin(), written.end()).size() == 6);
    const auto entries = entries_in(cache.directory);
    CHECK(std::set<fs::path>(entries.begin(), entries.end()) ==
          std::set<fs::path>(written.end() - 3, written.end()));
}
