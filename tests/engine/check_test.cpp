// `stackpick check` in the engine: a record of today's outcome holds with nothing moved; a record
// made under other rules is reported changed with the rules and points that differ.

#include <random>

#include <catch2/catch.hpp>

#include "stackpick/engine/check.hpp"
#include "support/random_answers.hpp"
#include "support/shipped_knowledge_base.hpp"

using namespace stackpick;

namespace {

const KnowledgeBase& shipped() { return stackpick::testing::shipped_knowledge_base(); }

/// What a record keeps of a recommendation (report/record_block writes the same members).
RecordedDecision recorded(const GivenAnswers& given, const ScoringOptions& scoring) {
    const Recommendation result =
        recommend(shipped(), resolve_answers(shipped().questions, given), scoring);
    RecordedDecision record;
    record.stackpick_version = "0.1.0";
    record.knowledge_base_version = shipped().version;
    record.answers = given;
    record.scoring = scoring;
    record.pick = result.id;
    record.open_between = result.open_between;
    record.confidence = result.confidence;
    for (const auto& outcome : result.outcomes)
        if (outcome.fired) record.fired.push_back(outcome.rule);
    for (const auto& stack : result.ranking) {
        RecordedStack entry{stack.id, stack.score, stack.points, {}};
        for (const auto& reason : stack.reasons) entry.rules[reason.rule] = reason.points;
        record.ranking.push_back(std::move(entry));
    }
    return record;
}

}  // namespace

TEST_CASE("a record of today's outcome holds, with no rule or points moved", "[check]") {
    std::mt19937 random(20);
    for (int round = 0; round < 200; ++round) {
        const GivenAnswers given =
            testing::random_answers(shipped().questions, random, {0.35, 20000});
        ScoringOptions scoring;
        if (round % 3 == 0) scoring.weights["realtime"] = 0.35;
        const DecisionCheck check = recheck_decision(shipped(), recorded(given, scoring));
        INFO(nlohmann::json(given).dump());
        CHECK(check.holds);
        CHECK(check.difference.rules.empty());
        CHECK(check.difference.points.empty());
        for (const auto& move : check.difference.scores) {
            CHECK(move.points_a == move.points_b);
            CHECK(move.rank_a == move.rank_b);
        }
    }
}

TEST_CASE("a record made under other rules is changed, naming the rules and points", "[check]") {
    RecordedDecision record = recorded({{"realtime", true}, {"ml", true}}, {});
    REQUIRE(record.pick == "hybrid");
    // As an older knowledge base without realtime-and-ml-split, and with other points, had it.
    record.pick = "python";
    record.fired = {"realtime-favours-node", "ml-favours-python", "retired-rule"};
    record.ranking = {{"python", 33.3, 7, {{"ml-favours-python", 5}, {"retired-rule", 2}}},
                      {"hybrid", 27.3, 6, {{"realtime-favours-node", 3}, {"ml-favours-python", 3}}},
                      {"node", 21.2, 2, {{"realtime-favours-node", 4}, {"ml-favours-python", -2}}}};
    const DecisionCheck check = recheck_decision(shipped(), record);
    CHECK_FALSE(check.holds);
    CHECK(check.difference.pick_a == "python");
    CHECK(check.difference.pick_b == "hybrid");
    REQUIRE(check.difference.rules.size() == 2);
    CHECK(check.difference.rules[0].rule == "realtime-and-ml-split");
    CHECK(check.difference.rules[0].fired_b);
    CHECK(check.difference.rules[1].rule == "retired-rule");
    CHECK(check.difference.rules[1].fired_a);
    CHECK(check.difference.points.empty());
}

TEST_CASE("a rule fired on both sides with other points is the figure that moved", "[check]") {
    RecordedDecision record = recorded({{"realtime", true}}, {});
    for (auto& stack : record.ranking)
        if (stack.id == "node") stack.rules["realtime-favours-node"] = 6;
    const DecisionCheck check = recheck_decision(shipped(), record);
    REQUIRE(check.difference.points.size() == 1);
    CHECK(check.difference.points[0].rule == "realtime-favours-node");
    CHECK(check.difference.points[0].stack == "node");
    CHECK(check.difference.points[0].points_a == 6);
    CHECK(check.difference.points[0].points_b == 4);
}
