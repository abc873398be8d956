// Loading a whole knowledge base: a broken one gives every problem, located, and exit 3.

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "stackpick/cli/embedded_data.hpp"
#include "stackpick/knowledge/knowledge_base.hpp"
#include "stackpick/util/diagnostics.hpp"
#include "stackpick/util/json_file.hpp"
#include "support/run_binary.hpp"
#include "support/shipped_knowledge_base.hpp"

namespace fs = std::filesystem;
using stackpick::testing::run_stackpick;

namespace {

/// A copy of the shipped data/ in a temporary directory, with one file edited.
std::string edited_knowledge_base(const std::string& file,
                                  const std::function<void(nlohmann::json&)>& edit) {
    const std::string directory = stackpick::testing::make_temporary_directory() + "/data";
    fs::copy(stackpick::testing::source_dir() + "/data", directory, fs::copy_options::recursive);
    if (!file.empty()) {
        const fs::path path = fs::path(directory) / file;
        std::ifstream in(path);
        nlohmann::json document = nlohmann::json::parse(in);
        edit(document);
        std::ofstream(path) << document.dump(2);
    }
    return directory;
}

/// stderr of `stackpick validate --data-dir DIR`, which must exit 3 with stdout empty.
std::string validate_errors(const std::string& directory) {
    auto result = run_stackpick({"validate", "--data-dir", directory});
    CHECK(result.exit_code == 3);
    CHECK(result.out.empty());
    return result.err;
}

}  // namespace

TEST_CASE("the shipped knowledge base is valid, from data/ as from the binary",
          "[knowledge_base]") {
    auto result =
        run_stackpick({"validate", "--data-dir", stackpick::testing::source_dir() + "/data"});
    CHECK(result.exit_code == 0);
    CHECK(result.out.find("is valid: 3 stacks, 5 sources") != std::string::npos);
}

TEST_CASE("a rule reading an answer that does not exist is a data error with a suggestion",
          "[knowledge_base]") {
    const auto directory = edited_knowledge_base("rules.json", [](nlohmann::json& rules) {
        rules["rules"][0]["when"] = {{"var", "realtme"}};
    });
    CHECK(validate_errors(directory) ==
          "stackpick: error: " + directory +
              "/rules.json: /rules/0/when/var: rule 'realtime-favours-node' reads unknown answer "
              "'realtme' "
              "(did you mean 'realtime'?)\nstackpick: 1 problem found\n");
    // The main command refuses the data too: never a silent zero.
    auto result = run_stackpick({"--realtime", "--data-dir", directory});
    CHECK(result.exit_code == 3);
    CHECK(result.out.empty());
}

TEST_CASE("a rule naming an unknown stack, criterion or source is reported, all in one run",
          "[knowledge_base]") {
    const auto directory = edited_knowledge_base("rules.json", [](nlohmann::json& rules) {
        rules["rules"][0]["points"] = {{"nodejs", 4}};
        rules["rules"][1]["criterion"] = "ml-aii";
        rules["rules"][2]["sources"] = {"elitecoders-2052"};
    });
    CHECK(validate_errors(directory) ==
          "stackpick: error: " + directory +
              "/rules.json: /rules/0/points/nodejs: rule 'realtime-favours-node' names unknown "
              "stack 'nodejs' "
              "(did you mean 'node'?)\n"
              "stackpick: error: " +
              directory +
              "/rules.json: /rules/1/criterion: rule 'ml-favours-python' names unknown criterion "
              "'ml-aii' "
              "(did you mean 'ml-ai'?)\n"
              "stackpick: error: " +
              directory +
              "/rules.json: /rules/2/sources/0: unknown source 'elitecoders-2052' (did you mean "
              "'elitecoders-2025'?)\n"
              "stackpick: 3 problems found\n");
}

TEST_CASE("an unknown operator in a rule names the rule and where", "[knowledge_base]") {
    const auto directory = edited_knowledge_base("rules.json", [](nlohmann::json& rules) {
        rules["rules"][3]["when"] = {{"and", {true, {{"frobnicate", {1}}}}}};
    });
    const auto errors = validate_errors(directory);
    CHECK(errors.find("/rules.json: /rules/3/when/and/1: rule 'data-heavy-favours-python': ") !=
          std::string::npos);
    CHECK(errors.find("frobnicate") != std::string::npos);
}

TEST_CASE("the same rule id twice names both places", "[knowledge_base]") {
    const auto directory = edited_knowledge_base("rules.json", [](nlohmann::json& rules) {
        rules["rules"][5]["id"] = rules["rules"][4]["id"];
    });
    CHECK(validate_errors(directory) ==
          "stackpick: error: " + directory +
              "/rules.json: /rules/5/id: duplicate rule id 'web-app-with-analytics' (first at "
              "/rules/4)\nstackpick: 1 problem found\n");
}

TEST_CASE("a knowledge base newer than the binary asks for an upgrade", "[knowledge_base]") {
    const auto directory = edited_knowledge_base(
        "knowledge_base.json", [](nlohmann::json& meta) { meta["format_version"] = 3; });
    CHECK(validate_errors(directory) ==
          "stackpick: error: " + directory +
              "/knowledge_base.json: /format_version: knowledge-base format 3 is newer than this "
              "stackpick "
              "reads (2): upgrade stackpick\nstackpick: 1 problem found\n");
}

TEST_CASE("a question whose flag collides with a built-in option is a data error",
          "[knowledge_base]") {
    std::size_t index = 0;
    const auto directory =
        edited_knowledge_base("questions.json", [&index](nlohmann::json& questions) {
            index = questions["questions"].size();
            auto extra = questions["questions"][4];
            extra["id"] = "json";
            extra["flag"] = "--json";
            questions["questions"].push_back(extra);
        });
    auto result = run_stackpick({"--data-dir", directory});
    CHECK(result.exit_code == 3);
    CHECK(result.out.empty());
    CHECK(result.err.find("/questions.json: /questions/" + std::to_string(index) +
                          "/flag: flag '--json' collides with a built-in option") !=
          std::string::npos);
}

TEST_CASE(
    "a missing, empty or directory data file is named, and nothing falls back to embedded data",
    "[knowledge_base]") {
    SECTION("missing") {
        const auto directory = edited_knowledge_base("", {});
        fs::remove(fs::path(directory) / "rules.json");
        CHECK(validate_errors(directory) == "stackpick: error: cannot read '" + directory +
                                                "/rules.json': No such file or directory\n"
                                                "stackpick: 1 problem found\n");
    }
    SECTION("empty") {
        const auto directory = edited_knowledge_base("", {});
        std::ofstream(fs::path(directory) / "questions.json").flush();
        const auto errors = validate_errors(directory);
        CHECK(errors.find("'" + directory + "/questions.json' is empty\n") != std::string::npos);
    }
    SECTION("a directory") {
        const auto directory = edited_knowledge_base("", {});
        fs::remove(fs::path(directory) / "sources.json");
        fs::create_directory(fs::path(directory) / "sources.json");
        const auto errors = validate_errors(directory);
        CHECK(errors.find("'" + directory + "/sources.json' is not a regular file\n") !=
              std::string::npos);
    }
}

TEST_CASE("one unreadable file is one error: the checks that need it are named as skipped",
          "[knowledge_base]") {
    const auto directory = edited_knowledge_base("", {});
    std::ofstream(fs::path(directory) / "questions.json") << "{\n  \"questions\": [\n";
    CHECK(validate_errors(directory) ==
          "stackpick: error: " + directory +
              "/questions.json:3:1: unexpected end of input; expected '[', '{', or a literal\n"
              "stackpick: note: " +
              directory + "/rules.json: the answers its conditions read were not checked: " +
              directory + "/questions.json could not be read\nstackpick: 1 problem found\n");
    const auto json = run_stackpick({"validate", "--json", "--data-dir", directory});
    CHECK(json.exit_code == 3);
    const auto report = nlohmann::json::parse(json.out);
    CHECK(report["errors"].size() == 1);
    CHECK(report["skipped"] ==
          nlohmann::json::array({directory +
                                 "/rules.json: the answers its conditions read were "
                                 "not checked: " +
                                 directory + "/questions.json could not be read"}));
    // The main command stays a one-line error.
    const auto main = run_stackpick({"--realtime", "--data-dir", directory});
    CHECK(main.exit_code == 3);
    CHECK(std::count(main.err.begin(), main.err.end(), '\n') == 1);
}

TEST_CASE("a syntax error in a data file gives file:line:column", "[knowledge_base]") {
    const auto directory = edited_knowledge_base("", {});
    std::ofstream(fs::path(directory) / "rules.json") << "{\n  \"rules\": [\n    {\"id\": }\n";
    CHECK(validate_errors(directory) ==
          "stackpick: error: " + directory +
              "/rules.json:3:12: unexpected '}'; expected '[', '{', or a literal\n"
              "stackpick: 1 problem found\n");
}

TEST_CASE("validate --json lists every problem for scripts", "[knowledge_base]") {
    const auto directory = edited_knowledge_base("rules.json", [](nlohmann::json& rules) {
        rules["rules"][0]["when"] = {{"var", "nosuch"}};
    });
    auto result = run_stackpick({"validate", "--json", "--data-dir", directory});
    CHECK(result.exit_code == 3);
    const auto report = nlohmann::json::parse(result.out);
    CHECK(report["valid"] == false);
    REQUIRE(report["errors"].size() == 1);
    CHECK(report["errors"][0]["pointer"] == "/rules/0/when/var");
}

TEST_CASE("thousands of rules load in document order, every problem reported in document order",
          "[knowledge_base]") {
    // At thousands of rules the loader reads them on several threads (knowledge_base_rules.cpp):
    // what it returns and reports must be exactly what one thread gives.
    constexpr int k_rules = 6000;
    const auto many_rules = [](const std::function<void(nlohmann::json&)>& spoil) {
        return edited_knowledge_base("rules.json", [&](nlohmann::json& rules) {
            // The first rule without its sources and caution: 6,000 copies of its quotes would be
            // larger than the 8 MiB a data file may be.
            nlohmann::json model = rules["rules"][0];
            model["sources"] = nlohmann::json::array();
            model.erase("quotes");
            model.erase("cautions");
            // The shipped rules stay, after the copies, so that every criterion stays reached.
            const nlohmann::json shipped_rules = rules["rules"];
            rules["rules"] = nlohmann::json::array();
            for (int i = 0; i < k_rules; ++i) {
                nlohmann::json rule = model;
                rule["id"] = "rule-" + std::to_string(i);
                rules["rules"].push_back(std::move(rule));
            }
            for (const auto& rule : shipped_rules) rules["rules"].push_back(rule);
            spoil(rules["rules"]);
        });
    };

    SECTION("a valid knowledge base keeps the rules in order") {
        const auto directory = many_rules([](nlohmann::json&) {});
        const auto knowledge_base =
            stackpick::load_knowledge_base(stackpick::locate_knowledge_base(directory, ""));
        REQUIRE(knowledge_base.rules.size() ==
                k_rules + stackpick::testing::shipped_knowledge_base().rules.size());
        int out_of_place = 0;
        for (int i = 0; i < k_rules; ++i)
            out_of_place +=
                knowledge_base.rules[static_cast<std::size_t>(i)].id != "rule-" + std::to_string(i);
        CHECK(out_of_place == 0);
    }
    SECTION("problems in every part of the file come out in file order") {
        const auto directory = many_rules([](nlohmann::json& rules) {
            rules[5999]["when"] = {{"frobnicate", {1}}};
            rules[4500]["id"] = "rule-7";
            rules[3001]["points"] = {{"nodejs", 1}};
            rules[10]["when"] = {{"var", "realtme"}};
        });
        std::vector<std::string> problems;
        try {
            stackpick::load_knowledge_base(stackpick::locate_knowledge_base(directory, ""));
        } catch (const stackpick::InvalidDataError& e) {
            for (const auto& diagnostic : e.diagnostics())
                problems.push_back(diagnostic.pointer + ": " + diagnostic.message);
        }
        REQUIRE(problems.size() == 4);
        CHECK(problems[0] ==
              "/rules/10/when/var: rule 'rule-10' reads unknown answer 'realtme' (did you mean "
              "'realtime'?)");
        CHECK(problems[1] ==
              "/rules/3001/points/nodejs: rule 'rule-3001' names unknown stack 'nodejs' (did you "
              "mean 'node'?)");
        CHECK(problems[2] == "/rules/4500/id: duplicate rule id 'rule-7' (first at /rules/7)");
        CHECK(problems[3].rfind("/rules/5999/when: rule 'rule-5999': unknown operator", 0) == 0);
    }
}

TEST_CASE("a rule may not read an estimates input the questionnaire can leave unasked",
          "[knowledge_base]") {
    // months has no ask_if: declining the estimates leaves it unanswered, so no rule may read it.
    const auto directory = edited_knowledge_base("rules.json", [](nlohmann::json& rules) {
        rules["rules"][0]["when"] = {{"var", "months"}};
    });
    CHECK(validate_errors(directory) ==
          "stackpick: error: " + directory +
              "/rules.json: /rules/0: rule 'realtime-favours-node' reads 'months', an estimates "
              "input the questionnaire may leave unasked: give that question an ask_if for when "
              "the rules need it\nstackpick: 1 problem found\n");
}
