// `stackpick diff` over the shipped knowledge base: what changes between two sets of answers, and
// the texts read as documented.

#include <algorithm>
#include <cmath>
#include <random>
#include <sstream>

#include <catch2/catch.hpp>

#include "stackpick/engine/diff.hpp"
#include "stackpick/knowledge/knowledge_base.hpp"
#include "stackpick/report/diff_report.hpp"
#include "support/random_answers.hpp"
#include "support/shipped_knowledge_base.hpp"
#include "support/text_width.hpp"

using namespace stackpick;
using nlohmann::json;

namespace {

const KnowledgeBase& shipped() { return stackpick::testing::shipped_knowledge_base(); }

/// Numbers near the thresholds the rules use more often than not.
GivenAnswers random_answers(std::mt19937& random) {
    return testing::random_answers(shipped().questions, random, {0.35, 20000});
}

using testing::longest_line;

}  // namespace

TEST_CASE("the diff of an answers file with itself reports no change", "[diff]") {
    std::mt19937 random(3);
    for (int round = 0; round < 10; ++round) {
        const GivenAnswers given = random_answers(random);
        const AnswersDiff diff = diff_answers(shipped(), given, given, {});
        CHECK_FALSE(diff.changed());
        CHECK_FALSE(diff.pick_changed());
        CHECK(diff.answers.empty());
        CHECK(diff.rules.empty());
        CHECK(diff_json(diff)["changed"] == false);
        CHECK(render_diff_text(diff, shipped()).find("No difference") != std::string::npos);
    }
}

TEST_CASE("the diff counts a tie that opens or is settled as a change of pick", "[diff]") {
    const AnswersDiff diff = diff_answers(shipped(), {{"product", "content"}},
                                          {{"product", "content"}, {"admin_panel", true}}, {});
    CHECK(diff.pick_a == "node");
    CHECK(diff.open_a == std::vector<std::string>{"node", "python"});
    CHECK(diff.pick_b == "python");
    CHECK(diff.open_b.empty());
    CHECK(diff.pick_changed());
    const std::string text = render_diff_text(diff, shipped(), "a.json", "b.json");
    CHECK(text.find("The pick changes: no clear pick (Node.js or Python) (A) -> Python (B)\n") !=
          std::string::npos);
    CHECK(diff_json(diff)["pick"].dump() ==
          R"({"a":"node","b":"python","changed":true,"open_between":{"a":["node","python"],)"
          R"("b":[]}})");
    // The same open tie on both sides is no change.
    const AnswersDiff same =
        diff_answers(shipped(), {{"product", "content"}}, {{"product", "content"}}, {});
    CHECK_FALSE(same.pick_changed());
    CHECK(render_diff_text(same, shipped(), "a.json", "b.json")
              .find("The outcome stays no clear pick (Node.js or Python)\n") != std::string::npos);
}

TEST_CASE("the diff shows the answers, rules, scores and pick that changed", "[diff]") {
    const AnswersDiff diff =
        diff_answers(shipped(), {{"team", "javascript"}, {"mvp", false}}, {{"team", "python"}}, {});
    CHECK(diff.changed());
    CHECK(diff.pick_changed());
    REQUIRE(diff.answers.size() == 1);  // mvp false given = mvp false assumed
    CHECK(diff.answers[0].key == "team");
    REQUIRE(diff.rules.size() == 2);
    CHECK(diff.rules[0].rule == "javascript-team");
    CHECK(diff.rules[0].fired_a);
    CHECK(diff.rules[1].rule == "python-team");
    CHECK(diff.rules[1].fired_b);
    CHECK(render_diff_text(diff, shipped(), "a.json", "b.json") ==
          "Comparing A (a.json) with B (b.json)\n"
          "The pick changes: Node.js (A) -> Python (B)\n"
          "\n"
          "Answers that differ (1)\n"
          "  team: --team javascript -> --team python\n"
          "\n"
          "Rules that fire in one only (2)\n"
          "  - javascript-team (fires in A only)\n"
          "  + python-team (fires in B only)\n"
          "\n"
          "Scores (A -> B)\n"
          "  Node.js            26.2 ->  19.7  (-4 points, #1 -> #2)\n"
          "  Python             19.7 ->  26.2  (+4 points, #2 -> #1)\n"
          "  Node.js + Python   19.7 ->  19.7  (no change in points, #3 -> #3)\n");
    const auto document = diff_json(diff);
    CHECK(document["pick"].dump() ==
          R"({"a":"node","b":"python","changed":true,"open_between":{"a":[],"b":[]}})");
    CHECK(document["answers"].dump() == R"([{"key":"team","a":"javascript","b":"python"}])");
}

TEST_CASE("every diff text fits 80 columns", "[diff]") {
    std::mt19937 random(80);
    for (int round = 0; round < 20; ++round) {
        const GivenAnswers given = random_answers(random);
        const GivenAnswers other = random_answers(random);
        CHECK(longest_line(render_diff_text(diff_answers(shipped(), given, other, {}), shipped(),
                                            "first.json", "second.json")) <= 80);
    }
}
