// Explain and why-not-the-runner-up over the shipped knowledge base: the trace adds up, and the
// texts read as documented.

#include <algorithm>
#include <cmath>
#include <random>
#include <sstream>

#include <catch2/catch.hpp>

#include "stackpick/engine/engine.hpp"
#include "stackpick/engine/explain.hpp"
#include "stackpick/knowledge/knowledge_base.hpp"
#include "stackpick/logic/logic.hpp"
#include "stackpick/report/explain_report.hpp"
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

using testing::longest_line;

}  // namespace

TEST_CASE("the trace's points per stack add up exactly to each stack's points", "[explain]") {
    const GivenAnswers given = {{"realtime", true},          {"ml", true},
                                {"team", "javascript"},      {"team_size", 5},
                                {"concurrent_users", 50000}, {"product", "saas"},
                                {"frontend", "react"},       {"tight_budget", true}};
    for (const ScoringOptions& options :
         {ScoringOptions{}, ScoringOptions{{{"realtime", 0}, {"ml-ai", 2}}, {}, {}},
          ScoringOptions{{}, {"guide-2026"}, {}}}) {
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
            round % 3 == 0 ? ScoringOptions{{{"realtime", 0}}, {}, {}} : ScoringOptions{};
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
    const ScoringOptions options{{{"realtime", 0}}, {}, {}};
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

TEST_CASE("every explain text fits 80 columns", "[explain]") {
    std::mt19937 random(80);
    for (int round = 0; round < 20; ++round) {
        const GivenAnswers given = random_answers(random);
        const ResolvedAnswers answers = resolve_answers(shipped().questions, given);
        const Recommendation recommendation = recommend(shipped(), answers);
        CHECK(longest_line(render_explain_text(explain(shipped(), answers, recommendation),
                                               shipped())) <= 80);
        CHECK(longest_line(render_contrast_text(versus_runner_up(recommendation), shipped())) <=
              80);
    }
}
