// The one scorer: the scale, the sums of the rules that fire, and the ranking with its
// tie-breakers, exactly as recommend() reports them.

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "stackpick/engine/engine.hpp"
#include "stackpick/engine/scorer.hpp"
#include "support/random_answers.hpp"
#include "support/shipped_knowledge_base.hpp"

using namespace stackpick;

namespace {

const KnowledgeBase& shipped() { return stackpick::testing::shipped_knowledge_base(); }

std::size_t index_of(const std::string& id) {
    for (std::size_t i = 0; i < shipped().stacks.size(); ++i)
        if (shipped().stacks[i].id == id) return i;
    FAIL("no stack " << id);
    return 0;
}

/// Points in knowledge-base order from {id, points} pairs.
std::vector<double> points_of(const std::vector<std::pair<std::string, double>>& given) {
    std::vector<double> points(shipped().stacks.size(), 0.0);
    for (const auto& [id, value] : given) points[index_of(id)] = value;
    return points;
}

std::vector<std::string> ids_of(const std::vector<std::size_t>& order) {
    std::vector<std::string> ids;
    for (const std::size_t s : order) ids.push_back(shipped().stacks[s].id);
    return ids;
}

}  // namespace

TEST_CASE("the scorer's scale spans the fewest and the most points any stack reaches",
          "[engine][scorer]") {
    const ScoringOptions none;
    const Scorer scorer(shipped(), none);
    CHECK(scorer.scale().lowest == -12);
    CHECK(scorer.scale().highest == 49);
    CHECK(scorer.active_rules().size() == shipped().rules.size());
    CHECK(score_scale(shipped()).lowest == -12);

    // Switched-off rules neither fire nor move the scale.
    ScoringOptions off;
    for (const auto& rule : shipped().rules) off.weights[rule.criterion] = 0;
    const Scorer silent(shipped(), off);
    CHECK(silent.active_rules().empty());
    CHECK(silent.scale().lowest == 0);
    CHECK(silent.scale().highest == 0);
    CHECK(silent.scale().scale(0) == 50);
}

TEST_CASE("the scorer sums the fired rules' points per stack", "[engine][scorer]") {
    const ScoringOptions options;
    const Scorer scorer(shipped(), options);
    const auto answers =
        resolve_answers(shipped().questions, {{"realtime", true}, {"ml", true}}).values;
    std::vector<double> points;
    std::vector<std::size_t> fired;
    scorer.sum(answers, points, &fired);
    CHECK(points[index_of("hybrid")] == 11);
    CHECK(points[index_of("python")] == 5);
    std::vector<std::string> rules;
    for (const std::size_t f : fired) rules.push_back(shipped().rules[scorer.active_rules()[f]].id);
    CHECK(std::find(rules.begin(), rules.end(), "realtime-and-ml-split") != rules.end());
    CHECK(std::find(rules.begin(), rules.end(), "python-team") == rules.end());

    // Any answers: the sums are recommend()'s points, stack for stack.
    std::mt19937 random(11);
    for (int round = 0; round < 30; ++round) {
        const ResolvedAnswers resolved =
            resolve_answers(shipped().questions,
                            testing::random_answers(shipped().questions, random, {0.35, 20000}));
        scorer.sum(resolved.values, points);
        const Recommendation recommendation = recommend(shipped(), resolved, options);
        for (const auto& stack : recommendation.ranking)
            CHECK(settled_points(points[index_of(stack.id)]) == stack.points);
    }
}

TEST_CASE("the scorer ranks on points and lets the tie-breakers settle a tie", "[engine][scorer]") {
    const ScoringOptions options;
    const Scorer scorer(shipped(), options);
    const auto answers = [](const GivenAnswers& given) {
        return resolve_answers(shipped().questions, given).values;
    };

    const PointsRanking lead =
        scorer.rank(points_of({{"node", 2}, {"python", 7}, {"hybrid", 3}}), answers({}));
    CHECK(ids_of(lead.order) == std::vector<std::string>{"python", "hybrid", "node"});
    CHECK(lead.tied == 1);
    CHECK(lead.candidates == 1);
    CHECK(lead.tie_breakers.empty());

    // Tied on 4: the team's language decides.
    const PointsRanking decided = scorer.rank(
        points_of({{"node", 4}, {"python", 4}, {"hybrid", 1}}), answers({{"team", "python"}}));
    CHECK(ids_of(decided.order) == std::vector<std::string>{"python", "node", "hybrid"});
    CHECK(decided.tied == 2);
    CHECK(decided.candidates == 1);
    REQUIRE(decided.tie_breakers.size() == 1);
    CHECK(shipped().tie_breakers[decided.tie_breakers[0].tie_breaker].id == "team-knows-python");
    CHECK(ids_of(decided.tie_breakers[0].kept) == std::vector<std::string>{"python"});

    // A three-way tie with nothing answered: the hybrid moves behind, the rest stays open.
    const PointsRanking open = scorer.rank(points_of({}), answers({}));
    CHECK(ids_of(open.order) == std::vector<std::string>{"node", "python", "hybrid"});
    CHECK(open.tied == 3);
    CHECK(open.candidates == 2);
    REQUIRE(open.tie_breakers.size() == 1);
    CHECK(shipped().tie_breakers[open.tie_breakers[0].tie_breaker].id == "start-with-one-runtime");
}
