// The summary sentence and the confidence reasons in words, from the engine's structured values.

#include <catch2/catch.hpp>

#include "stackpick/engine/engine.hpp"
#include "stackpick/report/summary.hpp"
#include "support/shipped_knowledge_base.hpp"

using namespace stackpick;

namespace {

const KnowledgeBase& shipped() { return stackpick::testing::shipped_knowledge_base(); }

Recommendation recommend_for(const GivenAnswers& given) {
    return recommend(shipped(), resolve_answers(shipped().questions, given));
}

}  // namespace

TEST_CASE("an open tie is summarised with what came behind and why", "[report][summary]") {
    const Recommendation recommendation = recommend_for({});
    CHECK(summary_text(recommendation) ==
          "No clear pick: Node.js and Python are tied on 0 points and nothing the sources give "
          "decides between them for these answers. Node.js + Python comes behind: start with one "
          "stack, and add services in the other later if needed.");
    CHECK(confidence_reason_texts(recommendation) ==
          std::vector<std::string>{"no clear pick: Node.js and Python are tied on points (low)"});
}

TEST_CASE("a tie a tie-breaker decided is summarised with its reason", "[report][summary]") {
    const Recommendation recommendation = recommend_for(
        {{"team", "python"}, {"realtime", true}, {"team_size", 3}, {"concurrent_users", 500}});
    CHECK(summary_text(recommendation) ==
          "Python and Node.js are tied on 4 points; the tie goes to Python: the team already "
          "knows Python, and a team with Python expertise should not switch languages for "
          "switching's sake.");
    CHECK(confidence_reason_texts(recommendation) ==
          std::vector<std::string>{"tied on points with Node.js, and a tie-breaker decided (low)"});
}

TEST_CASE("a lead is summarised with the margin and the strongest reason", "[report][summary]") {
    const Recommendation recommendation = recommend_for({{"realtime", true}, {"ml", true}});
    CHECK(summary_text(recommendation) ==
          "Node.js + Python ranks first, 9.8 points ahead of Python. Real-time and ML are "
          "workloads of both kinds: the sources' hybrid puts real-time services on Node.js and ML "
          "services on Python.");
    CHECK(confidence_reason_texts(recommendation) ==
          std::vector<std::string>{"margin of 9.8 points is at least 4 but below 10 (medium)"});
}

TEST_CASE("each kind of confidence reason has its words", "[report][summary]") {
    using Kind = ConfidenceReason::Kind;
    ConfidenceReason reason;
    reason.kind = Kind::margin_high;
    reason.margin = 12.5;
    reason.at_least = 10;
    CHECK(confidence_reason_text(reason, {}) == "margin of 12.5 points is at least 10 (high)");
    reason.kind = Kind::margin_low;
    reason.margin = 2;
    reason.below = 4;
    CHECK(confidence_reason_text(reason, {}) == "margin of 2 points is below 4 (low)");

    ConfidenceReason few;
    few.kind = Kind::few_answers;
    few.answered = 2;
    few.questions = 15;
    few.needed = 3;
    CHECK(confidence_reason_text(few, {}) ==
          "only 2 of 15 questions answered (high needs at least 3): medium at most");
    few.kind = Kind::answers_checked;
    few.level = Confidence::high;
    CHECK(confidence_reason_text(few, {}) ==
          "2 of 15 questions answered (high needs at least 3): no cap");

    ConfidenceReason disputed;
    disputed.kind = Kind::disputed_lead;
    disputed.disputed = 2;
    disputed.lead = 3;
    disputed.limit = 1.5;
    CHECK(confidence_reason_text(disputed, {}) ==
          "2 of the 3-point lead comes from claims the sources dispute: one level lower");
    disputed.disputed = 3;
    CHECK(confidence_reason_text(disputed, {}) ==
          "the whole 3-point lead comes from claims the sources dispute: one level lower");
    disputed.kind = Kind::disputed_checked;
    disputed.disputed = 1;
    disputed.level = Confidence::low;
    CHECK(confidence_reason_text(disputed, {}) ==
          "1 of the 3-point lead comes from claims the sources dispute (more than 1.5 would lower "
          "it one level): already low");

    ConfidenceReason tie;
    tie.kind = Kind::tie_open;
    CHECK(confidence_reason_text(tie, {"Node.js", "Python", "Node.js + Python"}) ==
          "no clear pick: Node.js, Python and Node.js + Python are tied on points (low)");
}
