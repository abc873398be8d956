// What-if over the shipped knowledge base: every flip is real and minimal, none is missed, the
// search stays within its budget, and the texts read as documented.

#include <algorithm>
#include <cmath>
#include <random>
#include <sstream>

#include <catch2/catch.hpp>

#include "stackpick/engine/engine.hpp"
#include "stackpick/engine/what_if.hpp"
#include "stackpick/knowledge/knowledge_base.hpp"
#include "stackpick/report/what_if_report.hpp"
#include "support/random_answers.hpp"
#include "support/shipped_knowledge_base.hpp"
#include "support/text_width.hpp"

using namespace stackpick;
using nlohmann::json;

namespace {

const KnowledgeBase& shipped() { return stackpick::testing::shipped_knowledge_base(); }

Recommendation recommend_for(const GivenAnswers& given, const ScoringOptions& options = {}) {
    return recommend(shipped(), resolve_answers(shipped().questions, given), options);
}

/// Numbers near the thresholds the rules use more often than not.
GivenAnswers random_answers(std::mt19937& random) {
    return testing::random_answers(shipped().questions, random, {0.35, 20000});
}

/// What a recommendation puts in front: its pick, or the stacks of a tie nothing settles.
std::vector<std::string> outcome_of(const Recommendation& recommendation) {
    if (!recommendation.open_between.empty()) return recommendation.open_between;
    return {recommendation.id};
}

std::vector<std::string> outcome_of(const Flip& flip) {
    if (!flip.open_between.empty()) return flip.open_between;
    return {flip.pick};
}

GivenAnswers with(GivenAnswers given, const GivenAnswers& changes) {
    for (const auto& [key, value] : changes) given[key] = value;
    return given;
}

/// Every single-answer change the brute force tries: each other boolean and choice, and for
/// numbers every value up to 300, around each threshold and at the limits.
std::vector<json> brute_force_values(const Question& question) {
    std::vector<json> values;
    switch (question.type) {
        case QuestionType::boolean:
            values = {true, false};
            break;
        case QuestionType::choice:
            for (const auto& choice : question.choices) values.emplace_back(choice.id);
            break;
        case QuestionType::integer:
        case QuestionType::number: {
            const auto low = static_cast<std::int64_t>(*question.minimum);
            const auto high = static_cast<std::int64_t>(*question.maximum);
            std::vector<std::int64_t> numbers;
            for (std::int64_t v = low; v <= std::min<std::int64_t>(high, 300); ++v)
                numbers.push_back(v);
            for (std::int64_t v = 9990; v <= 10010; ++v) numbers.push_back(v);
            numbers.insert(numbers.end(),
                           {999, 1000, 1001, 5000, 99999, 100000, 100001, high - 1, high});
            for (auto v : numbers)
                if (v >= low && v <= high) values.emplace_back(v);
            break;
        }
    }
    return values;
}

using testing::longest_line;

}  // namespace

TEST_CASE("what-if finds an integer threshold and states the range", "[what-if]") {
    // Real-time (Node.js +4) against the Python team (+4): a tie the team's language settles.
    const GivenAnswers given = {{"team", "python"}, {"realtime", true}};
    const WhatIf result = what_if(shipped(), given, {});
    CHECK(result.pick == "python");
    const auto found = std::find_if(result.flips.begin(), result.flips.end(), [](const Flip& f) {
        return f.changes.size() == 1 && f.changes.count("concurrent_users");
    });
    REQUIRE(found != result.flips.end());
    CHECK(found->changes.at("concurrent_users") == 10000);
    CHECK(found->pick == "node");
    CHECK(found->ranges.at("concurrent_users").low == 10000);
    CHECK(found->ranges.at("concurrent_users").high == 100000000);
    CHECK(render_flip_text(*found, shipped(), given) ==
          "with --concurrent-users 10000 or more instead of unknown: Node.js");

    // From above, the threshold is the largest value below it.
    const GivenAnswers busy = {{"team", "python"}, {"realtime", true}, {"concurrent_users", 50000}};
    const WhatIf down = what_if(shipped(), busy, {});
    CHECK(down.pick == "node");
    const auto lower = std::find_if(down.flips.begin(), down.flips.end(), [](const Flip& f) {
        return f.changes.size() == 1 && f.changes.count("concurrent_users");
    });
    REQUIRE(lower != down.flips.end());
    CHECK(lower->changes.at("concurrent_users") == 9999);
    CHECK(lower->pick == "python");
    CHECK(render_flip_text(*lower, shipped(), busy) ==
          "with --concurrent-users 9999 or less instead of --concurrent-users 50000: Python");
}

TEST_CASE("what-if text and JSON when only pairs of changes overturn the pick", "[what-if]") {
    // Python leads by 10 points: no single answer overturns it.
    const GivenAnswers given = {{"team", "python"}, {"ml", true}, {"product", "ml-product"}};
    const WhatIf result = what_if(shipped(), given, {});
    CHECK(result.pick == "python");
    CHECK(result.capped);
    CHECK(render_what_if_text(result, shipped(), given) ==
          "What would change the answer (each one checked by re-scoring)\n"
          "  with --concurrent-users 10000 or more instead of unknown, and --team\n"
          "    javascript instead of --team python: Node.js + Python\n"
          "  with --microservices, and --team javascript instead of --team python: Node.js\n"
          "    + Python\n"
          "  with --no-ml, and --team javascript instead of --team python: Node.js\n"
          "  with --product saas instead of --product ml-product, and --realtime: Node.js +\n"
          "    Python\n"
          "  with --product marketplace instead of --product ml-product, and --realtime:\n"
          "    Node.js + Python\n"
          "  with --product api instead of --product ml-product, and --realtime: Node.js +\n"
          "    Python\n"
          "  with --product ecommerce instead of --product ml-product, and --realtime:\n"
          "    Node.js + Python\n"
          "  with --product realtime-collab instead of --product ml-product, and\n"
          "    --realtime: Node.js + Python\n"
          "  with --product fintech instead of --product ml-product, and --realtime:\n"
          "    Node.js + Python\n"
          "  with --product saas instead of --product ml-product, and --team javascript\n"
          "    instead of --team python: Node.js + Python\n"
          "  (the first 10; the search was capped, so there are more)\n");
    const auto document = what_if_json(result);
    REQUIRE(document["what_if"].size() == 10);
    CHECK(document["what_if"][0].dump() ==
          R"({"changes":{"concurrent_users":10000,"team":"javascript"},"pick":"hybrid",)"
          R"("open_between":[],"ranges":{"concurrent_users":{"from":10000,"to":100000000}}})");
    CHECK(document["what_if"][1].dump() ==
          R"({"changes":{"microservices":true,"team":"javascript"},"pick":"hybrid",)"
          R"("open_between":[],"ranges":{}})");
    CHECK(document["what_if_capped"] == true);
}

TEST_CASE("what-if text for single changes, and when nothing changes the pick", "[what-if]") {
    const GivenAnswers given = {{"realtime", true}, {"ml", true}};
    const WhatIf result = what_if(shipped(), given, {}, 4);
    CHECK(render_what_if_text(result, shipped(), given) ==
          "What would change the answer (each one checked by re-scoring)\n"
          "  with --no-ml: Node.js\n"
          "  with --mvp: Python\n"
          "  with --one-runtime: Python\n"
          "  with --no-realtime: Python\n"
          "  (the first 4; the search was capped, so there are more)\n");
    // A number flip reports the smallest value that flips.
    const WhatIf more = what_if(shipped(), given, {}, 5);
    CHECK(more.flips[4].changes.at("team_size") == 1);

    // Every rule switched off: all stacks tie at 0, and only a tie-breaker can settle it.
    // Answers the tie-breakers read do so, and the search finds them.
    ScoringOptions off;
    for (const auto& rule : shipped().rules) off.weights[rule.criterion] = 0;
    const WhatIf settled = what_if(shipped(), given, off);
    CHECK(render_what_if_text(settled, shipped(), given) ==
          "What would change the answer (each one checked by re-scoring)\n"
          "  with --product saas instead of unknown: Node.js\n"
          "  with --product marketplace instead of unknown: Node.js\n"
          "  with --product analytics instead of unknown: Python\n"
          "  with --product ml-product instead of unknown: Python\n"
          "  with --team javascript instead of unknown: Node.js\n"
          "  with --team python instead of unknown: Python\n"
          "  with --team beginners instead of unknown: Python\n");

    // Without tie-breakers too, nothing can settle the tie at 0.
    KnowledgeBase without_tie_breakers = shipped();
    without_tie_breakers.tie_breakers.clear();
    without_tie_breakers.constraints.clear();  // --one-runtime would narrow the tie
    const WhatIf none = what_if(without_tie_breakers, given, off);
    CHECK(none.flips.empty());
    CHECK_FALSE(none.capped);
    CHECK(render_what_if_text(none, without_tie_breakers, given) ==
          "What would change the answer (each one checked by re-scoring)\n"
          "  No single change, and no pair of changes, settles the tie: no clear pick\n"
          "  (Node.js, Python or Node.js + Python).\n");
}

TEST_CASE("what-if: every flip is real and minimal, and no single flip is missed", "[what-if]") {
    std::mt19937 random(2026);
    int checked = 0, uncapped = 0, with_pairs = 0;
    for (int round = 0; round < 30; ++round) {
        const GivenAnswers given = random_answers(random);
        const ScoringOptions options = round % 5 == 4
                                           ? ScoringOptions{{{"fullstack-javascript", 0.5}}, {}, {}}
                                           : ScoringOptions{};
        const Recommendation current = recommend_for(given, options);
        const std::vector<std::string> now = outcome_of(current);
        const WhatIf result = what_if(shipped(), given, options, 1000);
        INFO("answers " << answers_document(shipped().questions, given).dump());
        CHECK(result.pick == current.id);
        CHECK(result.open_between == current.open_between);
        ++checked;

        std::size_t previous_size = 1;
        for (const Flip& flip : result.flips) {
            INFO("flip " << json(flip.changes).dump() << " -> " << flip.pick);
            REQUIRE_FALSE(flip.changes.empty());
            CHECK(flip.changes.size() <= 2);
            CHECK(flip.changes.size() >= previous_size);
            previous_size = flip.changes.size();
            CHECK(outcome_of(flip) != now);
            // Re-scored from scratch, the changes give the stated outcome.
            CHECK(outcome_of(recommend_for(with(given, flip.changes), options)) ==
                  outcome_of(flip));
            // A pair is minimal: neither change alone changes the outcome.
            if (flip.changes.size() == 2) {
                ++with_pairs;
                for (const auto& [key, value] : flip.changes)
                    CHECK(outcome_of(recommend_for(with(given, {{key, value}}), options)) == now);
            }
            // A number range holds at both of its ends.
            for (const auto& [key, range] : flip.ranges) {
                for (double end : {range.low, range.high}) {
                    GivenAnswers at_end = with(given, flip.changes);
                    at_end[key] = static_cast<std::int64_t>(end);
                    CHECK(outcome_of(recommend_for(at_end, options)) == outcome_of(flip));
                }
            }
        }
        if (result.capped) continue;
        ++uncapped;

        // Brute force over single changes: each one that flips is covered by a reported flip.
        const ResolvedAnswers resolved = resolve_answers(shipped().questions, given);
        for (const auto& question : shipped().questions) {
            for (const json& value : brute_force_values(question)) {
                if (value == resolved.values[question.key]) continue;
                const std::vector<std::string> outcome =
                    outcome_of(recommend_for(with(given, {{question.key, value}}), options));
                if (outcome == now) continue;
                INFO(question.key << " = " << value.dump() << " gives " << json(outcome).dump());
                const bool covered =
                    std::any_of(result.flips.begin(), result.flips.end(), [&](const Flip& flip) {
                        if (flip.changes.size() != 1 || !flip.changes.count(question.key) ||
                            outcome_of(flip) != outcome)
                            return false;
                        if (auto range = flip.ranges.find(question.key); range != flip.ranges.end())
                            return value.get<double>() >= range->second.low &&
                                   value.get<double>() <= range->second.high;
                        return flip.changes.at(question.key) == value;
                    });
                CHECK(covered);
            }
        }
    }
    CHECK(checked >= 20);
    CHECK(uncapped >= 20);
    CHECK(with_pairs > 0);
}

TEST_CASE("what-if is ordered by number of changes, then by answer key", "[what-if]") {
    std::mt19937 random(5);
    for (int round = 0; round < 20; ++round) {
        const WhatIf result = what_if(shipped(), random_answers(random), {}, 1000);
        for (std::size_t i = 1; i < result.flips.size(); ++i) {
            const auto& a = result.flips[i - 1].changes;
            const auto& b = result.flips[i].changes;
            CHECK(a.size() <= b.size());
            if (a.size() != b.size()) continue;
            std::vector<std::string> keys_a, keys_b;
            for (const auto& change : a) keys_a.push_back(change.first);
            for (const auto& change : b) keys_b.push_back(change.first);
            CHECK(keys_a <= keys_b);
        }
    }
}

TEST_CASE("what-if says when it is capped", "[what-if]") {
    const GivenAnswers given = {{"team", "javascript"}, {"data_heavy", true}};
    const WhatIf all = what_if(shipped(), given, {}, 1000);
    REQUIRE(all.flips.size() > 3);
    CHECK_FALSE(all.capped);
    const WhatIf three = what_if(shipped(), given, {}, 3);
    CHECK(three.capped);
    REQUIRE(three.flips.size() == 3);
    for (std::size_t i = 0; i < 3; ++i) CHECK(three.flips[i].changes == all.flips[i].changes);
    CHECK(render_what_if_text(three, shipped(), given)
              .find("(the first 3; the search was capped, so there are more)") !=
          std::string::npos);
    CHECK(what_if_json(three)["what_if_capped"] == true);
}

TEST_CASE("what-if stops at its budget on a large knowledge base and says so", "[what-if]") {
    // The shipped rules 150 times over: the same picks, 150 times the work per scoring.
    KnowledgeBase large = shipped();
    const std::vector<Rule> rules = large.rules;
    for (int copy = 1; copy < 150; ++copy)
        large.rules.insert(large.rules.end(), rules.begin(), rules.end());
    const GivenAnswers given = {{"team", "python"}, {"ml", true}, {"data_heavy", true}};
    const WhatIf result = what_if(large, given, {});
    CHECK(result.capped);
    CHECK(result.scorings * large.rules.size() <=
          k_what_if_max_evaluations + 20 * large.rules.size());
    for (const Flip& flip : result.flips)
        CHECK(recommend(large, resolve_answers(large.questions, with(given, flip.changes))).id ==
              flip.pick);
}

TEST_CASE("every what-if text fits 80 columns", "[what-if]") {
    std::mt19937 random(80);
    for (int round = 0; round < 20; ++round) {
        const GivenAnswers given = random_answers(random);
        CHECK(longest_line(render_what_if_text(what_if(shipped(), given, {}), shipped(), given)) <=
              80);
    }
}
