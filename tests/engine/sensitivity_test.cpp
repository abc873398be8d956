// Sensitivity to priorities and sources over the shipped knowledge base: every weight threshold
// is re-scored just inside and just past it, every range holds inside, no criterion that could
// change the pick within 0..100 is missed, and every source flip is real.

#include <algorithm>
#include <cmath>
#include <random>

#include <catch2/catch.hpp>

#include "stackpick/engine/engine.hpp"
#include "stackpick/engine/sensitivity.hpp"
#include "stackpick/knowledge/knowledge_base.hpp"
#include "stackpick/report/sensitivity_report.hpp"
#include "support/random_answers.hpp"
#include "support/shipped_knowledge_base.hpp"

using namespace stackpick;

namespace {

const KnowledgeBase& shipped() { return stackpick::testing::shipped_knowledge_base(); }

std::vector<std::string> outcome_of(const Recommendation& recommendation) {
    if (!recommendation.open_between.empty()) return recommendation.open_between;
    return {recommendation.id};
}

std::vector<std::string> outcome_at(const ResolvedAnswers& answers, ScoringOptions options,
                                    const std::string& criterion, double weight) {
    options.weights[criterion] = weight;
    return outcome_of(recommend(shipped(), answers, options));
}

}  // namespace

TEST_CASE("sensitivity: --realtime --ml names the weights that flip the hybrid", "[sensitivity]") {
    const ResolvedAnswers answers =
        resolve_answers(shipped().questions, {{"realtime", true}, {"ml", true}});
    const Recommendation now = recommend(shipped(), answers);
    REQUIRE(now.id == "hybrid");
    const Sensitivity result = sensitivity(shipped(), answers, now);
    REQUIRE_FALSE(result.weights.empty());
    const WeightSensitivity& first = result.weights.front();
    REQUIRE(first.threshold);
    CHECK(first.flips_to != "hybrid");
    CHECK(outcome_at(answers, {}, first.criterion,
                     *first.threshold - 1e-6 * (*first.threshold > 1 ? 1 : -1)) ==
          std::vector<std::string>{"hybrid"});
    // No source alone carries the hybrid: every source holds.
    for (const auto& source : result.sources) CHECK(source.flips_to.empty());
    const auto lines = sensitivity_lines(result, shipped());
    REQUIRE_FALSE(lines.empty());
    CHECK(lines.front().rfind("Most sensitive to: " + first.criterion + " (the pick becomes ", 0) ==
          0);
}

TEST_CASE("sensitivity: thresholds verified by re-scoring over generated answer sets",
          "[sensitivity]") {
    std::mt19937 random(2027);
    int thresholds = 0, holds = 0, source_flips = 0;
    for (int round = 0; round < 40; ++round) {
        const GivenAnswers given =
            testing::random_answers(shipped().questions, random, {0.35, 20000});
        ScoringOptions options;
        if (round % 4 == 3) options.weights["realtime"] = 2.5;
        if (round % 6 == 5) options.excluded_sources.push_back("guide-2026");
        const ResolvedAnswers answers = resolve_answers(shipped().questions, given);
        const Recommendation now = recommend(shipped(), answers, options);
        const Sensitivity result = sensitivity(shipped(), answers, now);
        INFO("answers " << answers_document(shipped().questions, given).dump());
        if (!now.open_between.empty()) {
            CHECK(result.weights.empty());
            continue;
        }
        const auto pick = outcome_of(now);
        std::vector<std::string> listed;
        for (const auto& weight : result.weights) {
            INFO("criterion " << weight.criterion);
            listed.push_back(weight.criterion);
            CHECK(weight.min <= weight.current);
            CHECK(weight.current <= weight.max);
            CHECK(weight.min >= 0);
            CHECK(weight.max <= 100);
            // Strictly inside the range the pick holds.
            for (double inside :
                 {(weight.min + weight.current) / 2, (weight.current + weight.max) / 2})
                if (inside != weight.min && inside != weight.max) {
                    CHECK(outcome_at(answers, options, weight.criterion, inside) == pick);
                    ++holds;
                }
            if (!weight.threshold) {
                CHECK(weight.flips_to.empty());
                continue;
            }
            ++thresholds;
            const double t = *weight.threshold;
            const double direction = t > weight.current ? 1 : t < weight.current ? -1 : 0;
            CHECK((t == weight.min || t == weight.max));
            // Just past it the pick changes, to what it says.
            const double step = 1e-6;
            const double past_up = t + step, past_down = t - step;
            const auto past = direction >= 0 && t == weight.max
                                  ? outcome_at(answers, options, weight.criterion, past_up)
                                  : outcome_at(answers, options, weight.criterion, past_down);
            CHECK(past != pick);
            CHECK(past.front() == weight.flips_to);
            // Just inside it, the pick holds.
            if (direction != 0)
                CHECK(outcome_at(answers, options, weight.criterion, t - direction * step) == pick);
        }
        // A criterion not listed cannot change the pick anywhere in 0..100.
        for (const auto& criterion : shipped().facts.criteria) {
            if (std::find(listed.begin(), listed.end(), criterion.id) != listed.end()) continue;
            INFO("unlisted criterion " << criterion.id);
            for (double weight : {0.0, 0.5, 7.0, 100.0})
                CHECK(outcome_at(answers, options, criterion.id, weight) == pick);
        }
        // Each source flip is real; each source that holds does.
        for (const auto& source : result.sources) {
            ScoringOptions without = options;
            without.excluded_sources.push_back(source.source);
            const Recommendation changed = recommend(shipped(), answers, without);
            if (source.flips_to.empty()) {
                CHECK(outcome_of(changed) == pick);
            } else {
                ++source_flips;
                CHECK(outcome_of(changed) != pick);
                CHECK(changed.id == source.flips_to);
            }
        }
    }
    CHECK(thresholds > 20);
    CHECK(holds > 20);
    INFO("source flips " << source_flips);
}

TEST_CASE("sensitivity: JSON carries weight, flips_to and range with null for no threshold",
          "[sensitivity]") {
    Sensitivity result;
    result.weights.push_back({"ml-ai", 1, 3.5, "python", 0, 3.5});
    result.weights.push_back({"realtime", 1, std::nullopt, "", 0, 100});
    result.sources.push_back({"soatech-2026", ""});
    result.sources.push_back({"guide-2026", "node"});
    CHECK(sensitivity_json(result).dump() ==
          R"({"sensitivity":[{"criterion":"ml-ai","weight":3.5,"current":1,"flips_to":"python",)"
          R"("range":{"min":0,"max":3.5}},{"criterion":"realtime","weight":null,"current":1,)"
          R"("flips_to":null,"range":{"min":0,"max":100}}],"source_sensitivity":[{"source":)"
          R"("soatech-2026","flips_to":null},{"source":"guide-2026","flips_to":"node"}]})");
    CHECK(sensitivity_lines(result, shipped()) ==
          std::vector<std::string>{
              "Most sensitive to: ml-ai (the pick becomes Python above weight 3.5)",
              "Leaving out one source changes it: with --exclude-source guide-2026: Node.js"});
    CHECK(weight_flip_lines(result, shipped()) ==
          std::vector<std::string>{"with --weight ml-ai above 3.5: Python"});
}
