// Explain, why-not-the-runner-up, what-if and diff over the shipped knowledge base: the trace
// adds up, every what-if flip is real and none is missed, and the texts read as documented.

#include <algorithm>
#include <cmath>
#include <random>
#include <sstream>

#include <catch2/catch.hpp>

#include "stackpick/engine/diff.hpp"
#include "stackpick/engine/engine.hpp"
#include "stackpick/engine/explain.hpp"
#include "stackpick/engine/what_if.hpp"
#include "stackpick/knowledge/knowledge_base.hpp"
#include "stackpick/logic/logic.hpp"
#include "stackpick/report/diff_report.hpp"
#include "stackpick/report/explain_report.hpp"
#include "stackpick/report/what_if_report.hpp"
#include "support/random_answers.hpp"
#include "support/shipped_knowledge_base.hpp"

using namespace stackpick;
using nlohmann::json;

namespace {

const KnowledgeBase& shipped() { return stackpick::testing::shipped_knowledge_base(); }

Recommendation recommend_for(const GivenAnswers& given, const ScoringOptions& options = {}) {
    return recommend(shipped(), resolve_answers(shipped().questions, given), options);
}

ExplainTrace explain_for(const GivenAnswers& given, const ScoringOptions& options = {}) {
    const ResolvedAnswers answers = resolve_answers(shipped().questions, given);
    return explain(shipped(), answers, recommend(shipped(), answers, options));
}

const RuleTrace& traced(const ExplainTrace& trace, const std::string& rule) {
    for (const auto& entry : trace.rules)
        if (entry.rule == rule) return entry;
    FAIL("no rule " << rule << " in the trace");
    throw std::logic_error("unreachable");
}

/// The rule's condition as the trace shows it.
std::string shown(const ExplainTrace& trace, const std::string& rule) {
    const RuleTrace& entry = traced(trace, rule);
    return condition_text(entry.condition, entry.held);
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

/// The widest line in columns: one per code point (the quotes hold dashes and arrows).
std::size_t longest_line(const std::string& text) {
    std::istringstream lines(text);
    std::string line;
    std::size_t longest = 0;
    while (std::getline(lines, line)) {
        const auto columns =
            static_cast<std::size_t>(std::count_if(line.begin(), line.end(), [](char c) {
                return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
            }));
        longest = std::max(longest, columns);
    }
    return longest;
}

}  // namespace

TEST_CASE("the trace's points per stack add up exactly to each stack's points", "[explain]") {
    const GivenAnswers given = {{"realtime", true},          {"ml", true},
                                {"team", "javascript"},      {"team_size", 5},
                                {"concurrent_users", 50000}, {"product", "saas"},
                                {"frontend", "react"},       {"tight_budget", true}};
    for (const ScoringOptions& options :
         {ScoringOptions{}, ScoringOptions{{{"realtime", 0}, {"ml-ai", 2}}, {}},
          ScoringOptions{{}, {"guide-2026"}}}) {
        const ResolvedAnswers answers = resolve_answers(shipped().questions, given);
        const Recommendation recommendation = recommend(shipped(), answers, options);
        const ExplainTrace trace = explain(shipped(), answers, recommendation);
        for (const auto& stack : recommendation.ranking) {
            double sum = 0;
            for (const auto& rule : trace.rules)
                if (auto found = rule.points.find(stack.id); found != rule.points.end())
                    sum += found->second;
            CHECK(sum == stack.points);
        }
    }
}

TEST_CASE("the trace lists every rule once, in order, fired as the engine says", "[explain]") {
    std::mt19937 random(9);
    for (int round = 0; round < 25; ++round) {
        const GivenAnswers given = random_answers(random);
        const ScoringOptions options =
            round % 3 == 0 ? ScoringOptions{{{"realtime", 0}}, {}} : ScoringOptions{};
        const ResolvedAnswers answers = resolve_answers(shipped().questions, given);
        const Recommendation recommendation = recommend(shipped(), answers, options);
        const ExplainTrace trace = explain(shipped(), answers, recommendation);
        REQUIRE(trace.rules.size() == shipped().rules.size());
        for (std::size_t i = 0; i < trace.rules.size(); ++i) {
            const Rule& rule = shipped().rules[i];
            const RuleTrace& entry = trace.rules[i];
            CHECK(entry.rule == rule.id);
            CHECK(entry.fired == recommendation.outcomes[i].fired);
            // Direct evaluation, without the trace.
            const bool held = logic::evaluate_truthy(rule.condition, answers.values);
            CHECK(entry.held == held);
            CHECK(entry.fired == (held && options.factor(rule) != 0));
            CHECK(entry.points.empty() == (!entry.fired || rule.points.empty()));
            for (const auto& [key, value] : entry.reads) {
                CHECK(std::find(rule.reads.begin(), rule.reads.end(), key) != rule.reads.end());
                CHECK(value == answers.values[key]);
            }
        }
    }
}

TEST_CASE("a condition is shown with the values it read and its result", "[explain]") {
    const ExplainTrace trace = explain_for({{"concurrent_users", 50000},
                                            {"team_size", 5},
                                            {"frontend", "react"},
                                            {"team", "python"},
                                            {"realtime", true}});
    CHECK(shown(trace, "high-concurrency") == "concurrent_users (50000) >= 10000 -> true");
    CHECK(shown(trace, "small-team-one-runtime") ==
          "team_size (5) != null and team_size (5) <= 2 -> false");
    CHECK(shown(trace, "javascript-frontend") ==
          R"(frontend ("react") in ["react", "vue", "angular", "svelte"] -> true)");
    CHECK(shown(trace, "javascript-team") == R"(team ("python") == "javascript" -> false)");
    CHECK(shown(trace, "realtime-and-ml-split") == "realtime (true) and ml (false) -> false");
    CHECK(shown(trace, "python-serves-realtime-too") ==
          "realtime (true) and ml (false) and (mvp (false) or (team_size (5) != null and "
          "team_size (5) <= 2)) and not (concurrent_users (50000) >= 10000) -> false");
    CHECK(traced(trace, "python-serves-realtime-too").reads.size() == 2);

    // The reads are what the evaluation actually read: `and` stops at the first false.
    const auto& reads = traced(trace, "realtime-and-ml-split").reads;
    REQUIRE(reads.size() == 2);
    CHECK(reads[0] == std::pair<std::string, json>{"realtime", true});
    CHECK(reads[1] == std::pair<std::string, json>{"ml", false});
    CHECK(traced(trace, "high-concurrency").points ==
          std::map<std::string, double>{{"node", 4}, {"hybrid", 2}});
}

TEST_CASE("conditions outside the shipped rules are described readably too", "[explain]") {
    const json answers = {{"a", 3}, {"b", nullptr}, {"load", {{"peak", 8000}}}};
    const auto described = [&](const char* rule) {
        return describe_condition(trace_condition(json::parse(rule), answers));
    };
    CHECK(described(R"({"!": {"var": "b"}})") == "not b (null)");
    CHECK(described(R"({"<": [1, {"var": "a"}, 10]})") == "1 < a (3) < 10");
    CHECK(described(R"({">": [{"*": [{"+": [{"var": "a"}, 1]}, 2]}, 7]})") ==
          "(a (3) + 1) * 2 > 7");
    CHECK(described(R"({"if": [{"var": "b"}, "x", "y"]})") == R"(if b (null) then "x" else "y")");
    CHECK(described(R"({"var": ["missing", 5]})") == "var(\"missing\", 5) (5)");
    CHECK(described(R"({"val": ["load", "peak"]})") == "load.peak (8000)");
    CHECK(described(R"({"missing": ["a", "c"]})") == R"(missing("a", "c"))");
    CHECK(described(R"({"or": [{"and": [true, false]}, {"!!": [0]}]})") ==
          "(true and false) or !!(0)");
}

TEST_CASE("the trace shows the score arithmetic and each confidence check", "[explain]") {
    const ExplainTrace trace = explain_for({{"realtime", true}, {"ml", true}});
    CHECK(trace.scale.lowest == -12);
    CHECK(trace.scale.highest == 49);
    REQUIRE(trace.scores.size() == 3);
    CHECK(trace.scores[0].stack == "hybrid");
    CHECK(score_calculation_text(trace.scores[0], trace.scale) == "100 * (11 - (-12)) / 61 = 37.7");
    CHECK(arithmetic_text(trace.scale) ==
          "score = 100 * (points - lowest) / (highest - lowest), rounded to one decimal, with "
          "lowest = -12 and highest = 49: the fewest and the most points any stack can reach");
    CHECK(trace.confidence_level == Confidence::medium);
    CHECK(confidence_check_texts(trace) ==
          std::vector<std::string>{
              "margin of 9.8 points is at least 4 but below 10 (medium)",
              "2 of " + std::to_string(shipped().questions.size()) +
                  " questions answered (high needs at least 3): no effect below high",
              "0 of the 6-point lead comes from claims the sources dispute (more than 3 would "
              "lower it one level): no change"});

    // A margin high enough for high confidence, capped at medium by two answers.
    const ExplainTrace capped = explain_for({{"team", "python"}, {"product", "analytics"}});
    CHECK(confidence_check_texts(capped) ==
          std::vector<std::string>{
              "margin of 13.1 points is at least 10 (high)",
              "only 2 of " + std::to_string(shipped().questions.size()) +
                  " questions answered (high needs at least 3): medium at most",
              "0 of the 8-point lead comes from claims the sources dispute (more than 4 would "
              "lower it one level): no change"});
}

TEST_CASE("switched-off rules are traced as holding but not firing", "[explain]") {
    const ScoringOptions options{{{"realtime", 0}}, {}};
    const ExplainTrace trace = explain_for({{"realtime", true}}, options);
    const RuleTrace& rule = traced(trace, "realtime-favours-node");
    CHECK(rule.held);
    CHECK_FALSE(rule.fired);
    CHECK(rule.factor == 0);
    CHECK(rule.points.empty());
    const std::string text = render_explain_text(trace, shipped());
    CHECK(text.find("Switched off by --weight or --exclude-source (2)") != std::string::npos);
}

TEST_CASE("the contrast names the rules that separate the pick from the runner-up", "[explain]") {
    const Recommendation recommendation = recommend_for({{"realtime", true}, {"ml", true}});
    const Contrast contrast = versus_runner_up(recommendation);
    CHECK(contrast.first == "hybrid");
    CHECK(contrast.second == "python");
    CHECK(contrast.point_gap == 6);
    CHECK(contrast.score_gap == recommendation.margin);
    CHECK(contrast.rules ==
          std::vector<std::pair<std::string, double>>{{"realtime-and-ml-split", 5},
                                                      {"realtime-favours-node", 3},
                                                      {"ml-favours-python", -2}});
    CHECK(render_contrast_text(contrast, shipped()) ==
          "Why Node.js + Python and not Python\n"
          "  Node.js + Python leads by 6 points (9.8 on the score). The rules that separate\n"
          "  them (hybrid minus python):\n"
          "    +5  realtime-and-ml-split: Real-time and ML are workloads of both kinds: the\n"
          "        sources' hybrid puts real-time services on Node.js and ML\n"
          "        services on Python.\n"
          "    +3  realtime-favours-node: Every source names real-time features (chat, live\n"
          "        updates, WebSockets) as a Node.js strength.\n"
          "    -2  ml-favours-python: ML and AI features run on Python's ecosystem\n"
          "        (TensorFlow, PyTorch, scikit-learn, Hugging Face); Node.js's ML\n"
          "        libraries are called limited.\n");
    const auto document = contrast_json(contrast);
    CHECK(document.dump() ==
          R"({"first":"hybrid","second":"python","point_gap":6,"score_gap":9.8,"rules":[)"
          R"({"rule":"realtime-and-ml-split","points":5},{"rule":"realtime-favours-node",)"
          R"("points":3},{"rule":"ml-favours-python","points":-2}],"tie_break":null})");
}

TEST_CASE("the contrast's rules always add up to the points gap", "[explain]") {
    std::mt19937 random(17);
    for (int round = 0; round < 50; ++round) {
        const Recommendation recommendation = recommend_for(random_answers(random));
        const Contrast contrast = versus_runner_up(recommendation);
        double sum = 0;
        for (std::size_t i = 0; i < contrast.rules.size(); ++i) {
            sum += contrast.rules[i].second;
            CHECK(contrast.rules[i].second != 0);
            if (i > 0) CHECK(contrast.rules[i - 1].second >= contrast.rules[i].second);
        }
        CHECK(sum == Approx(contrast.point_gap));
        CHECK(contrast.point_gap >= 0);
    }
}

TEST_CASE("a tie has no separating rules and says so", "[explain]") {
    const Contrast contrast = versus_runner_up(recommend_for({}));
    CHECK(contrast.point_gap == 0);
    CHECK(contrast.rules.empty());
    CHECK(render_contrast_text(contrast, shipped()) ==
          "Why Node.js and not Python\n"
          "  They are tied on points, and no tie-breaker the sources give separates them:\n"
          "  there is no clear pick between them (Node.js is only listed first).\n");

    // A tie where rules cancel out lists them, and names the tie-breaker that decided it.
    const Contrast cancelled =
        versus_runner_up(recommend_for({{"team", "python"}, {"concurrent_users", 50000}}));
    CHECK(cancelled.point_gap == 0);
    CHECK(cancelled.first == "python");
    CHECK(cancelled.rules == std::vector<std::pair<std::string, double>>{{"python-team", 4},
                                                                         {"high-concurrency", -4}});
    CHECK(cancelled.tie_break == "team-knows-python");
    CHECK(render_contrast_text(cancelled, shipped()) ==
          "Why Python and not Node.js\n"
          "  They are tied on points (the rules below cancel out); tie-breaker\n"
          "  team-knows-python puts Python first: the team already knows Python, and a\n"
          "  team with Python expertise should not switch languages for switching's sake.\n"
          "  [3,4]\n"
          "    +4  python-team: A team with Python expertise should not switch languages\n"
          "        for switching's sake.\n"
          "    -4  high-concurrency: At 10,000 or more concurrent connections Node.js's\n"
          "        event loop is the advantage the sources name.\n");
}

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
          "  with --no-realtime: Python\n"
          "  with --team-size 2 or less instead of unknown: Python\n"
          "  (the first 4; the search was capped, so there are more)\n");
    CHECK(result.flips[3].changes.at("team_size") == 1);  // the smallest value that flips

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
        const ScoringOptions options =
            round % 5 == 4 ? ScoringOptions{{{"fullstack-javascript", 0.5}}, {}} : ScoringOptions{};
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

TEST_CASE("every text fits 80 columns", "[explain][what-if][diff]") {
    std::mt19937 random(80);
    for (int round = 0; round < 20; ++round) {
        const GivenAnswers given = random_answers(random);
        const GivenAnswers other = random_answers(random);
        const ResolvedAnswers answers = resolve_answers(shipped().questions, given);
        const Recommendation recommendation = recommend(shipped(), answers);
        CHECK(longest_line(render_explain_text(explain(shipped(), answers, recommendation),
                                               shipped())) <= 80);
        CHECK(longest_line(render_contrast_text(versus_runner_up(recommendation), shipped())) <=
              80);
        CHECK(longest_line(render_what_if_text(what_if(shipped(), given, {}), shipped(), given)) <=
              80);
        CHECK(longest_line(render_diff_text(diff_answers(shipped(), given, other, {}), shipped(),
                                            "first.json", "second.json")) <= 80);
    }
}

TEST_CASE("the trace as JSON has every rule with its condition, reads and points", "[explain]") {
    const ExplainTrace trace = explain_for({{"concurrent_users", 50000}});
    const auto document = explain_json(trace);
    REQUIRE(document["rules"].size() == shipped().rules.size());
    const auto& rule = *std::find_if(document["rules"].begin(), document["rules"].end(),
                                     [](const auto& r) { return r["rule"] == "high-concurrency"; });
    CHECK(rule.dump() ==
          R"({"rule":"high-concurrency","fired":true,"held":true,"factor":1,)"
          R"("condition":"concurrent_users (50000) >= 10000 -> true",)"
          R"("reads":[{"key":"concurrent_users","value":50000}],"points":{"hybrid":2,"node":4},)"
          R"("criterion":"high-concurrency",)"
          R"("sources":["elitecoders-2025","guide-2026","soatech-2026"],"disputed":false,)"
          R"("quotes":[{"source":"elitecoders-2025","text":"Excellent: Event loop handles 10k+ )"
          R"(connections"},{"source":"guide-2026","text":"High-concurrency scenarios: Node can )"
          R"(handle 10,000+ simultaneous connections on a single thread"},{"source":)"
          R"("soatech-2026","text":"You're handling 10,000+ concurrent WebSocket connections )"
          R"js((Node.js advantage)"}]})js");
    CHECK(document["scale"].dump() == R"({"lowest":-12,"highest":49})");
    CHECK(document["scores"][0]["stack"] == "node");
    CHECK(document["confidence"]["level"] == to_string(trace.confidence_level));
}
