// --explain, --what-if and `stackpick diff` through the real binary, as a user or script runs them.

#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <sstream>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "stackpick/engine/what_if.hpp"
#include "stackpick/knowledge/answers.hpp"
#include "stackpick/report/answer_flags.hpp"
#include "support/random_answers.hpp"
#include "support/run_binary.hpp"
#include "support/shipped_knowledge_base.hpp"

using stackpick::testing::make_temporary_directory;
using stackpick::testing::run_stackpick;

namespace {

const stackpick::KnowledgeBase& shipped() { return stackpick::testing::shipped_knowledge_base(); }

nlohmann::json json_of(const std::vector<std::string>& arguments) {
    const auto result = run_stackpick(arguments);
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    return nlohmann::json::parse(result.out);
}

/// Answers as the flags a user would type: {"team": "python"} -> {"--team", "python"}.
std::vector<std::string> flags_for(const stackpick::GivenAnswers& given) {
    std::vector<std::string> flags;
    for (const auto& [key, value] : given) {
        const auto* question = shipped().find_question_by_key(key);
        REQUIRE(question != nullptr);
        std::istringstream words(stackpick::answer_flag_text(*question, value));
        for (std::string word; words >> word;) flags.push_back(word);
    }
    return flags;
}

std::string write_answers(const std::string& directory, const std::string& name,
                          const nlohmann::json& answers) {
    const std::string path = directory + "/" + name;
    std::ofstream(path) << answers.dump(2) << "\n";
    return path;
}

}  // namespace

TEST_CASE("explain as JSON traces every rule and its points add up to each stack's points",
          "[explain-cli]") {
    const auto document =
        json_of({"--realtime", "--ml", "--concurrent-users", "50000", "--explain", "--json"});
    const auto& trace = document["trace"];
    REQUIRE(trace["rules"].size() == shipped().rules.size());
    std::map<std::string, double> traced;
    for (const auto& rule : trace["rules"])
        for (const auto& [stack, points] : rule["points"].items())
            traced[stack] += points.get<double>();
    for (const auto& stack : document["ranking"]) {
        INFO(stack["id"]);
        CHECK(traced[stack["id"].get<std::string>()] == stack["points"].get<double>());
    }
    bool read_users = false;
    for (const auto& rule : trace["rules"])
        if (rule["condition"].get<std::string>().find("concurrent_users (50000)") !=
            std::string::npos)
            read_users = true;
    CHECK(read_users);
    CHECK(trace["confidence"]["level"] == document["recommendation"]["confidence"]);
}

TEST_CASE("explain prints the trace after the recommendation, within 80 columns", "[explain-cli]") {
    const auto result = run_stackpick({"--realtime", "--ml", "--explain"});
    REQUIRE(result.exit_code == 0);
    CHECK(result.out.find("Recommendation: Node.js + Python") == 0);
    const auto trace = result.out.find("\nTrace");
    REQUIRE(trace != std::string::npos);
    // Fired rules come before the ones that did not fire.
    const auto fired = result.out.find("Fired", trace);
    const auto not_fired = result.out.find("Did not fire", trace);
    REQUIRE(fired != std::string::npos);
    REQUIRE(not_fired != std::string::npos);
    CHECK(fired < not_fired);
    std::istringstream lines(result.out.substr(trace));
    for (std::string line; std::getline(lines, line);) {
        INFO(line);
        CHECK(line.size() <= 80);
    }
}

TEST_CASE("the text output says why not the runner-up and what would change the pick",
          "[explain-cli]") {
    const auto result = run_stackpick({"--team", "javascript", "--ml"});
    REQUIRE(result.exit_code == 0);
    const auto document = json_of({"--team", "javascript", "--ml", "--json", "--what-if"});
    const std::string first = document["ranking"][0]["name"];
    const std::string second = document["ranking"][1]["name"];
    CHECK(result.out.find("Why " + first + " and not " + second + "\n") != std::string::npos);
    for (const auto& rule : document["recommendation"]["versus_runner_up"]["rules"])
        CHECK(result.out.find(rule["rule"].get<std::string>() + ":") != std::string::npos);
    REQUIRE_FALSE(document["what_if"].empty());
    CHECK(result.out.find("What would change it\n  with ") != std::string::npos);
}

TEST_CASE("versus_runner_up's rules add up to the points between #1 and #2", "[explain-cli]") {
    const auto document = json_of({"--realtime", "--ml", "--json"});
    const auto& contrast = document["recommendation"]["versus_runner_up"];
    CHECK(contrast["first"] == document["ranking"][0]["id"]);
    CHECK(contrast["second"] == document["ranking"][1]["id"]);
    double sum = 0;
    for (const auto& rule : contrast["rules"]) sum += rule["points"].get<double>();
    CHECK(sum == Approx(document["ranking"][0]["points"].get<double>() -
                        document["ranking"][1]["points"].get<double>()));
    CHECK(contrast["point_gap"].get<double>() == Approx(sum));
}

TEST_CASE("every what-if flip, re-run as flags, gives the outcome it states", "[explain-cli]") {
    std::mt19937 random(20261130);  // fixed seed: reproducible
    int flips_checked = 0;
    for (int set = 0; set < 20; ++set) {
        const auto given = stackpick::testing::random_answers(shipped().questions, random);
        auto arguments = flags_for(given);
        INFO("answers: " << nlohmann::json(given).dump());
        arguments.push_back("--what-if");
        arguments.push_back("--json");
        const auto document = json_of(arguments);
        CHECK(document.contains("what_if_capped"));
        std::size_t previous_size = 0;
        for (const auto& flip : document["what_if"]) {
            // Fewest changes first.
            CHECK(flip["changes"].size() >= previous_size);
            previous_size = flip["changes"].size();
            auto changed = given;
            for (const auto& [key, value] : flip["changes"].items()) changed[key] = value;
            auto rerun = flags_for(changed);
            rerun.push_back("--json");
            INFO("flip: " << flip.dump());
            // An outcome is the pick, or the stacks of a tie nothing settles.
            const auto outcome = [](const nlohmann::json& pick, const nlohmann::json& open) {
                return open.empty() ? nlohmann::json::array({pick}) : open;
            };
            const auto rerun_document = json_of(rerun);
            CHECK(outcome(rerun_document["recommendation"]["id"],
                          rerun_document["recommendation"]["open_between"]) ==
                  outcome(flip["pick"], flip["open_between"]));
            CHECK(outcome(flip["pick"], flip["open_between"]) !=
                  outcome(document["recommendation"]["id"],
                          document["recommendation"]["open_between"]));
            if (++flips_checked % 4 != 0) break;  // a sample per set keeps the test quick
        }
    }
    CHECK(flips_checked >= 10);
}

TEST_CASE("a weight for an unknown criterion is a usage error naming the criteria",
          "[explain-cli]") {
    const auto result = run_stackpick({"--weight", "nosuch=2"});
    CHECK(result.exit_code == 2);
    CHECK(result.out.empty());
    CHECK(result.err ==
          "stackpick: error: --weight: unknown criterion 'nosuch'\n"
          "hint: 'stackpick facts use-cases' lists the criteria\n");
    const auto value = run_stackpick({"--weight", "realtime=lots"});
    CHECK(value.exit_code == 2);
}

TEST_CASE("stackpick diff of an answers file with itself reports no change", "[diff-cli]") {
    const auto directory = make_temporary_directory();
    const auto path = write_answers(directory, "a.json", {{"realtime", true}, {"team", "python"}});
    const auto text = run_stackpick({"diff", path, path, "--exit-code"});
    CHECK(text.exit_code == 0);
    CHECK(text.err.empty());
    CHECK(text.out.find("No difference") != std::string::npos);
    const auto document = json_of({"diff", path, path, "--json"});
    CHECK(document["changed"] == false);
    CHECK(document["pick"]["changed"] == false);
    CHECK(document["answers"].empty());
    CHECK(document["rules"].empty());
}

TEST_CASE("stackpick diff shows what changed and --exit-code is 1 when the pick differs",
          "[diff-cli]") {
    const auto directory = make_temporary_directory();
    const auto a = write_answers(directory, "realtime.json", {{"realtime", true}});
    const auto b = write_answers(directory, "ml.json", {{"ml", true}});
    const auto plain = run_stackpick({"diff", a, b});
    CHECK(plain.exit_code == 0);  // a difference is not a failure unless asked
    CHECK(plain.out.find("realtime.json") != std::string::npos);
    const auto strict = run_stackpick({"diff", a, b, "--exit-code"});
    CHECK(strict.exit_code == 1);
    CHECK(strict.out == plain.out);
    const auto document = json_of({"diff", a, b, "--json"});
    CHECK(document["pick"]["a"] == "node");
    CHECK(document["pick"]["b"] == "python");
    CHECK(document["pick"]["changed"] == true);
    CHECK(document["files"]["a"] == a);
    REQUIRE(document["answers"].size() == 2);
    CHECK(document["answers"][0]["key"] == "realtime");

    const auto missing = run_stackpick({"diff", a});
    CHECK(missing.exit_code == 2);
    const auto bad = run_stackpick({"diff", a, directory + "/nosuch.json"});
    CHECK(bad.exit_code == 3);
    CHECK(bad.out.empty());
}
