#include "stackpick/engine/diff.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>

#include <fmt/format.h>

#include "stackpick/engine/what_if.hpp"
#include "stackpick/report/report.hpp"

namespace stackpick {

namespace {

/// Whole numbers as integers (10, not 10.0), so JSON reads as people write it.
nlohmann::ordered_json json_number(double value) {
    if (std::trunc(value) == value && std::abs(value) < 1e15)
        return static_cast<std::int64_t>(value);
    return value;
}

std::size_t rank_of(const Recommendation& recommendation, const std::string& stack) {
    for (std::size_t i = 0; i < recommendation.ranking.size(); ++i)
        if (recommendation.ranking[i].id == stack) return i + 1;
    return 0;
}

const RankedStack* ranked(const Recommendation& recommendation, const std::string& stack) {
    for (const auto& entry : recommendation.ranking)
        if (entry.id == stack) return &entry;
    return nullptr;
}

}  // namespace

bool AnswersDiff::changed() const {
    const bool scores_moved = std::any_of(scores.begin(), scores.end(), [](const ScoreMove& m) {
        return m.points_a != m.points_b || m.score_a != m.score_b || m.rank_a != m.rank_b;
    });
    return !answers.empty() || !rules.empty() || scores_moved || pick_changed() ||
           confidence_a != confidence_b;
}

AnswersDiff diff_answers(const KnowledgeBase& knowledge_base, const GivenAnswers& a,
                         const GivenAnswers& b, const ScoringOptions& options) {
    const ResolvedAnswers resolved_a = resolve_answers(knowledge_base.questions, a);
    const ResolvedAnswers resolved_b = resolve_answers(knowledge_base.questions, b);
    const Recommendation result_a = recommend(knowledge_base, resolved_a, options);
    const Recommendation result_b = recommend(knowledge_base, resolved_b, options);

    AnswersDiff diff;
    for (const auto& question : knowledge_base.questions) {
        const auto& value_a = resolved_a.values[question.key];
        const auto& value_b = resolved_b.values[question.key];
        if (value_a != value_b) diff.answers.push_back({question.key, value_a, value_b});
    }
    for (std::size_t i = 0; i < result_a.outcomes.size() && i < result_b.outcomes.size(); ++i)
        if (result_a.outcomes[i].fired != result_b.outcomes[i].fired)
            diff.rules.push_back({result_a.outcomes[i].rule, result_a.outcomes[i].fired,
                                  result_b.outcomes[i].fired});
    for (const auto& stack : knowledge_base.stacks) {
        ScoreMove move{
            stack.id, 0, 0, 0, 0, rank_of(result_a, stack.id), rank_of(result_b, stack.id)};
        if (const RankedStack* entry = ranked(result_a, stack.id)) {
            move.points_a = entry->points;
            move.score_a = entry->score;
        }
        if (const RankedStack* entry = ranked(result_b, stack.id)) {
            move.points_b = entry->points;
            move.score_b = entry->score;
        }
        diff.scores.push_back(std::move(move));
    }
    diff.pick_a = result_a.id;
    diff.pick_b = result_b.id;
    diff.open_a = result_a.open_between;
    diff.open_b = result_b.open_between;
    diff.confidence_a = result_a.confidence;
    diff.confidence_b = result_b.confidence;
    return diff;
}

std::string render_diff_text(const AnswersDiff& diff, const KnowledgeBase& knowledge_base,
                             const std::string& label_a, const std::string& label_b) {
    constexpr std::size_t width = 80;
    std::string out;
    const std::string pick_a = outcome_text(knowledge_base, diff.pick_a, diff.open_a);
    const std::string pick_b = outcome_text(knowledge_base, diff.pick_b, diff.open_b);
    out += wrap(fmt::format("Comparing A ({}) with B ({})", label_a, label_b), width, "  ");
    if (diff.pick_changed())
        out += wrap(fmt::format("The pick changes: {} (A) -> {} (B)", pick_a, pick_b), width, "  ");
    else
        out +=
            wrap(fmt::format("The {} stays {}", diff.open_a.empty() ? "pick" : "outcome", pick_a),
                 width, "  ");
    if (diff.confidence_a != diff.confidence_b)
        out += fmt::format("Confidence: {} -> {}\n", to_string(diff.confidence_a),
                           to_string(diff.confidence_b));
    if (!diff.changed()) out += "No difference: the same answers give the same result.\n";

    out += fmt::format("\nAnswers that differ ({})\n", diff.answers.size());
    if (diff.answers.empty()) out += "  none\n";
    for (const auto& difference : diff.answers) {
        const Question* question = knowledge_base.find_question_by_key(difference.key);
        const auto shown = [&](const nlohmann::json& value) {
            return question != nullptr ? answer_flag_text(*question, value) : value.dump();
        };
        out += "  " + wrap(fmt::format("{}: {} -> {}", difference.key, shown(difference.a),
                                       shown(difference.b)),
                           width - 2, "    ");
    }

    out += fmt::format("\nRules that fire in one only ({})\n", diff.rules.size());
    if (diff.rules.empty()) out += "  none\n";
    for (const auto& rule : diff.rules)
        out += fmt::format("  {} {} (fires in {} only)\n", rule.fired_b ? '+' : '-', rule.rule,
                           rule.fired_b ? "B" : "A");

    out += "\nScores (A -> B)\n";
    std::size_t name_width = 0;
    for (const auto& move : diff.scores)
        name_width = std::max(name_width, stack_name(knowledge_base, move.stack).size());
    for (const auto& move : diff.scores) {
        const double delta = move.points_b - move.points_a;
        out += fmt::format("  {:<{}}  {:>5.1f} -> {:>5.1f}  ({} points, #{} -> #{})\n",
                           stack_name(knowledge_base, move.stack), name_width, move.score_a,
                           move.score_b, delta == 0 ? "no change in" : fmt::format("{:+}", delta),
                           move.rank_a, move.rank_b);
    }
    return terminal_safe_lines(out);
}

nlohmann::ordered_json diff_json(const AnswersDiff& diff) {
    using ordered = nlohmann::ordered_json;
    ordered answers = ordered::array();
    for (const auto& difference : diff.answers)
        answers.push_back({{"key", difference.key},
                           {"a", ordered::parse(difference.a.dump())},
                           {"b", ordered::parse(difference.b.dump())}});
    ordered rules = ordered::array();
    for (const auto& rule : diff.rules)
        rules.push_back({{"rule", rule.rule}, {"a", rule.fired_a}, {"b", rule.fired_b}});
    ordered scores = ordered::array();
    for (const auto& move : diff.scores)
        scores.push_back({{"stack", move.stack},
                          {"a",
                           {{"points", json_number(move.points_a)},
                            {"score", json_number(move.score_a)},
                            {"rank", move.rank_a}}},
                          {"b",
                           {{"points", json_number(move.points_b)},
                            {"score", json_number(move.score_b)},
                            {"rank", move.rank_b}}}});
    ordered document;
    document["changed"] = diff.changed();
    document["pick"] = {{"a", diff.pick_a},
                        {"b", diff.pick_b},
                        {"changed", diff.pick_changed()},
                        {"open_between", {{"a", diff.open_a}, {"b", diff.open_b}}}};
    document["confidence"] = {{"a", to_string(diff.confidence_a)},
                              {"b", to_string(diff.confidence_b)}};
    document["answers"] = answers;
    document["rules"] = rules;
    document["scores"] = scores;
    return document;
}

}  // namespace stackpick
