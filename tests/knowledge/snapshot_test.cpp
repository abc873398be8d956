// The embedded snapshot of the knowledge base (src/stackpick/knowledge/snapshot.cpp): it holds
// exactly what the JSON loader builds from data/, every command answers the same from it, and
// damaged bytes are refused whole.

#include <catch2/catch.hpp>

#include <filesystem>
#include <regex>
#include <string>
#include <vector>

#include "stackpick/cli/embedded_data.hpp"
#include "stackpick/knowledge/knowledge_base.hpp"
#include "stackpick/knowledge/snapshot.hpp"
#include "support/run_binary.hpp"

namespace {

using stackpick::KnowledgeBase;
using stackpick::KnowledgeBaseLocation;
using stackpick::SnapshotError;

const KnowledgeBase& knowledge_base_from_json() {
    static const KnowledgeBase knowledge_base = stackpick::load_knowledge_base(
        stackpick::locate_knowledge_base(stackpick::testing::source_dir() + "/data", nullptr));
    return knowledge_base;
}

std::string message_of_reading(std::string_view bytes) {
    try {
        (void)stackpick::read_snapshot(bytes, KnowledgeBaseLocation{});
    } catch (const SnapshotError& e) {
        return e.what();
    }
    return "read without an error";
}

}  // namespace

TEST_CASE("the embedded snapshot holds what the JSON loader reads from data/", "[snapshot]") {
    const auto embedded = stackpick::load_knowledge_base(KnowledgeBaseLocation{});
    CHECK(embedded.location.embedded());
    // Byte for byte: every member the snapshot stores, of every figure, rule and question.
    CHECK(stackpick::write_snapshot(embedded) ==
          stackpick::write_snapshot(knowledge_base_from_json()));
    CHECK(stackpick::embedded_snapshot() == stackpick::write_snapshot(knowledge_base_from_json()));
}

TEST_CASE("a snapshot reads back to the knowledge base it was written from", "[snapshot]") {
    const auto& original = knowledge_base_from_json();
    const std::string bytes = stackpick::write_snapshot(original);
    const auto copy = stackpick::read_snapshot(bytes, original.location);
    CHECK(stackpick::write_snapshot(copy) == bytes);
    CHECK(copy.location.directory == original.location.directory);

    REQUIRE(copy.rules.size() == original.rules.size());
    REQUIRE(copy.questions.size() == original.questions.size());
    CHECK(copy.rules.front().when == original.rules.front().when);
    CHECK(copy.facts.figures.size() == original.facts.figures.size());
    CHECK(copy.facts.stack_names == original.facts.stack_names);
    // Conditions are compiled again on reading, and ask_if only where the data has one.
    for (std::size_t i = 0; i < copy.questions.size(); ++i)
        CHECK(copy.questions[i].ask_if.has_value() == original.questions[i].ask_if.has_value());
}

TEST_CASE("thousands of rules, read on several threads, read back in order and compiled",
          "[snapshot]") {
    // Enough rules for the reader to share them out among threads in slices.
    KnowledgeBase large = knowledge_base_from_json();
    const auto shipped_rules = large.rules;
    large.rules.clear();
    for (std::size_t copy = 0; large.rules.size() < 9000; ++copy)
        for (auto rule : shipped_rules) {
            rule.id += "-" + std::to_string(copy);
            large.rules.push_back(std::move(rule));
        }
    const std::string bytes = stackpick::write_snapshot(large);
    const auto copy = stackpick::read_snapshot(bytes, large.location);
    CHECK(stackpick::write_snapshot(copy) == bytes);
    REQUIRE(copy.rules.size() == large.rules.size());
    const auto answers = nlohmann::json::parse(
        R"({"product": "realtime-collab", "ml": true, "team": "python", "team_size": 8})");
    for (std::size_t r = 0; r < copy.rules.size(); ++r) {
        INFO("rule " << copy.rules[r].id);
        REQUIRE(copy.rules[r].id == large.rules[r].id);
        // Compiled for the answer slots, as the JSON loader compiles them.
        REQUIRE(
            stackpick::logic::evaluate_truthy(
                copy.rules[r].condition, stackpick::logic::SlotData(copy.answer_slots, answers)) ==
            stackpick::logic::evaluate_truthy(large.rules[r].condition, answers));
    }
}

TEST_CASE("a damaged snapshot is refused whole, with what is wrong", "[snapshot]") {
    const std::string bytes = stackpick::write_snapshot(knowledge_base_from_json());

    SECTION("not a snapshot") {
        CHECK(message_of_reading("") ==
              "the embedded knowledge base is not a snapshot this build wrote");
        CHECK(message_of_reading("{\"rules\": []}") ==
              "the embedded knowledge base is not a snapshot this build wrote");
        // The same layout under another format number.
        std::string other_format = bytes;
        const auto number = other_format.find("snapshot ") + 9;
        REQUIRE(number < other_format.size());
        other_format[number] =
            other_format[number] == '9' ? '1' : static_cast<char>(other_format[number] + 1);
        CHECK(message_of_reading(other_format) ==
              "the embedded knowledge base is not a snapshot this build wrote");
    }
    SECTION("cut short anywhere") {
        for (std::size_t length = 60; length < bytes.size(); length += 1009) {
            INFO("cut at byte " << length);
            CHECK_THROWS_AS(stackpick::read_snapshot(bytes.substr(0, length), {}), SnapshotError);
        }
    }
    SECTION("bytes after the end") {
        CHECK(message_of_reading(bytes + "x") == "the snapshot has bytes after its end");
    }
    SECTION("a count larger than what is left") {
        // After the magic (a length and its bytes) comes format_version (8 bytes), then the
        // length of the version string: make that length far more than the bytes there are.
        const std::string magic = "stackpick knowledge-base snapshot 1\n";
        std::string damaged = bytes;
        const std::size_t version_length_at = 8 + magic.size() + 8;
        for (std::size_t i = 0; i < 8; ++i) damaged[version_length_at + i] = '\x7f';
        CHECK(message_of_reading(damaged) == "the snapshot has an impossible count");
    }
}

TEST_CASE("every command answers the same from the snapshot as from data/", "[snapshot]") {
    using stackpick::testing::run_stackpick;
    const std::string data = stackpick::testing::source_dir() + "/data";
    std::vector<std::vector<std::string>> commands = {
        {"--realtime", "--ml", "--json", "--explain", "--what-if"},
        {"--realtime", "--ml", "--format", "markdown"},
        {"--product", "fintech", "--team-size", "15", "--explain"},
        {"facts", "--json"},
        {"facts"},
        {"questions", "--json"},
        {"estimate", "--json", "--region", "india"},
        {"validate", "--json"},
        {"test", "--json"},
        {"--help"},
    };
    for (const auto& entry :
         std::filesystem::directory_iterator(std::filesystem::path(data) / "scenarios"))
        commands.push_back({"--answers", entry.path().string(), "--json", "--explain"});

    // Where the knowledge base came from is the one thing allowed to differ: the JSON's origin
    // and the closing line of a text output read from a directory.
    const std::regex origin(R"("origin": "[^"]*")");
    const std::regex footer("\n\nKnowledge base [^\n]* from '[^\n]*' \\(--data-dir\\)\n$");
    const auto normalised = [&](std::string text) {
        for (const std::string& prefix : {data + "/", std::string("<embedded>/")})
            for (auto at = text.find(prefix); at != std::string::npos; at = text.find(prefix, at))
                text.replace(at, prefix.size(), "DATA/");
        return std::regex_replace(std::regex_replace(text, footer, "\n"), origin,
                                  R"("origin": ORIGIN)");
    };
    for (const auto& command : commands) {
        std::string shown;
        for (const auto& argument : command) shown += argument + " ";
        INFO("stackpick " << shown);
        auto with_data_dir = command;
        with_data_dir.insert(with_data_dir.begin(), {"--data-dir", data});
        const auto from_snapshot = run_stackpick(command);
        const auto from_json = run_stackpick(with_data_dir);
        CHECK(from_snapshot.exit_code == from_json.exit_code);
        CHECK(normalised(from_snapshot.out) == normalised(from_json.out));
        CHECK(from_snapshot.err == from_json.err);
    }
}
