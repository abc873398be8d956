#include "stackpick/report/html_diff.hpp"

#include <fmt/format.h>

#include "stackpick/report/answer_flags.hpp"
#include "stackpick/report/html_page.hpp"
#include "stackpick/report/stack_names.hpp"
#include "stackpick/report/summary.hpp"
#include "stackpick/report/svg_chart.hpp"
#include "stackpick/util/text.hpp"

namespace stackpick {

namespace {

std::string scores_figure(const AnswersDiff& diff, const KnowledgeBase& knowledge_base) {
    svg::BarChart chart;
    chart.axis_max = 100;
    chart.axis_label = "score (0-100); A then B for each stack";
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> described;
    for (const auto& move : diff.scores) {
        const std::string name = stack_name(knowledge_base, move.stack);
        chart.bars.push_back({name + " (A)", move.score_a, score_text(move.score_a), 0});
        chart.bars.push_back({name + " (B)", move.score_b, score_text(move.score_b), 1});
        const double delta = move.points_b - move.points_a;
        rows.push_back({html_escape(name), score_text(move.score_a), score_text(move.score_b),
                        delta == 0 ? "no change" : fmt::format("{:+}", delta),
                        fmt::format("#{} &#8594; #{}", move.rank_a, move.rank_b)});
        described.push_back(fmt::format("{} {} (A), {} (B)", name, score_text(move.score_a),
                                        score_text(move.score_b)));
    }
    chart.text = {"chart-diff", "Scores under A and under B",
                  "Each stack's score on 0 to 100 with answers A and with answers B: " +
                      list_text(described, "and") + "."};
    return html_figure(
        svg::bar_chart(chart),
        html_table("Scores (A then B)", {"Stack", "Score A", "Score B", "Points", "Rank"}, rows));
}

std::string answers_and_rules(const AnswersDiff& diff, const KnowledgeBase& knowledge_base) {
    std::string out = fmt::format("<h2>Answers that differ ({})</h2>\n", diff.answers.size());
    std::vector<std::vector<std::string>> rows;
    for (const auto& difference : diff.answers) {
        const Question* question = knowledge_base.find_question_by_key(difference.key);
        const auto shown = [&](const nlohmann::json& value) {
            return html_escape(question != nullptr ? answer_flag_text(*question, value)
                                                   : value.dump());
        };
        rows.push_back({html_escape(difference.key), shown(difference.a), shown(difference.b)});
    }
    out +=
        diff.answers.empty() ? html_paragraph("None.") : html_table("", {"Answer", "A", "B"}, rows);
    out += fmt::format("<h2>Rules that fire in one only ({})</h2>\n", diff.rules.size());
    rows.clear();
    for (const auto& rule : diff.rules)
        rows.push_back(
            {html_escape(rule.rule), rule.fired_a ? "fires" : "-", rule.fired_b ? "fires" : "-"});
    out += diff.rules.empty() ? html_paragraph("None.") : html_table("", {"Rule", "A", "B"}, rows);
    return out;
}

}  // namespace

std::string render_diff_html(const AnswersDiff& diff, const KnowledgeBase& knowledge_base,
                             const std::string& label_a, const std::string& label_b) {
    const std::string pick_a = outcome_text(knowledge_base, diff.pick_a, diff.open_a);
    const std::string pick_b = outcome_text(knowledge_base, diff.pick_b, diff.open_b);
    const std::string title = fmt::format("Comparing A ({}) with B ({})", label_a, label_b);
    std::string body = "<h1>" + html_escape(title) + "</h1>\n";
    body += diff.pick_changed()
                ? html_paragraph(fmt::format("The pick changes: {} (A) -> {} (B)", pick_a, pick_b))
                : html_paragraph(fmt::format("The {} stays {}",
                                             diff.open_a.empty() ? "pick" : "outcome", pick_a));
    if (diff.confidence_a != diff.confidence_b)
        body += html_paragraph(fmt::format("Confidence: {} -> {}", to_string(diff.confidence_a),
                                           to_string(diff.confidence_b)));
    if (!diff.changed())
        body += html_paragraph("No difference: the same answers give the same result.");
    body += "<h2>Scores (A and B)</h2>\n" + scores_figure(diff, knowledge_base);
    body += answers_and_rules(diff, knowledge_base);
    return html_page(title, body);
}

}  // namespace stackpick
