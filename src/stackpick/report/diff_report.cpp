#include "stackpick/report/diff_report.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>

#include <fmt/format.h>

#include "stackpick/report/answer_flags.hpp"
#include "stackpick/report/stack_names.hpp"
#include "stackpick/util/json_writer.hpp"
#include "stackpick/util/number_text.hpp"
#include "stackpick/util/text.hpp"

namespace stackpick {

namespace {

using detail::json_figure;

}  // namespace

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

    out += diff_rules_text(diff, knowledge_base, "A", "B");
    out += "\nScores (A -> B)\n" + diff_scores_text(diff, knowledge_base);
    return terminal_safe_lines(out);
}

std::string diff_rules_text(const AnswersDiff& diff, const KnowledgeBase& knowledge_base,
                            const std::string& label_a, const std::string& label_b) {
    std::string out = fmt::format("\nRules that fire in one only ({})\n", diff.rules.size());
    if (diff.rules.empty()) out += "  none\n";
    for (const auto& rule : diff.rules)
        out += fmt::format("  {} {} (fires in {} only)\n", rule.fired_b ? '+' : '-', rule.rule,
                           rule.fired_b ? label_b : label_a);
    if (diff.points.empty()) return out;
    out += fmt::format("\nRules whose points changed ({})\n", diff.points.size());
    for (const auto& move : diff.points)
        out += fmt::format("  {}: {} {} -> {} points\n", move.rule,
                           stack_name(knowledge_base, move.stack), figure_text(move.points_a),
                           figure_text(move.points_b));
    return out;
}

std::string diff_scores_text(const AnswersDiff& diff, const KnowledgeBase& knowledge_base) {
    std::string out;
    std::size_t name_width = 0;
    for (const auto& move : diff.scores)
        name_width = std::max(name_width, stack_name(knowledge_base, move.stack).size());
    for (const auto& move : diff.scores) {
        const double delta = move.points_b - move.points_a;
        out += fmt::format("  {:<{}}  {:>5.1f} -> {:>5.1f}  ({} points, #{} -> #{})\n",
                           stack_name(knowledge_base, move.stack), name_width, move.score_a,
                           move.score_b,
                           rounded_figure(delta) == 0 ? "no change in" : figure_text(delta, {true}),
                           move.rank_a, move.rank_b);
    }
    return out;
}

nlohmann::ordered_json diff_json(const AnswersDiff& diff) {
    using ordered = nlohmann::ordered_json;
    ordered answers = ordered::array();
    for (const auto& difference : diff.answers)
        answers.push_back(
            {{"key", difference.key}, {"a", ordered(difference.a)}, {"b", ordered(difference.b)}});
    ordered rules = ordered::array();
    for (const auto& rule : diff.rules)
        rules.push_back({{"rule", rule.rule}, {"a", rule.fired_a}, {"b", rule.fired_b}});
    ordered points = ordered::array();
    for (const auto& move : diff.points)
        points.push_back({{"rule", move.rule},
                          {"stack", move.stack},
                          {"a", json_figure(move.points_a)},
                          {"b", json_figure(move.points_b)}});
    ordered scores = ordered::array();
    for (const auto& move : diff.scores)
        scores.push_back({{"stack", move.stack},
                          {"a",
                           {{"points", json_figure(move.points_a)},
                            {"score", json_figure(move.score_a)},
                            {"rank", move.rank_a}}},
                          {"b",
                           {{"points", json_figure(move.points_b)},
                            {"score", json_figure(move.score_b)},
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
    document["points"] = points;
    document["scores"] = scores;
    return document;
}

}  // namespace stackpick
