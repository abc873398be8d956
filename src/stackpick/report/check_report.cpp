#include "stackpick/report/check_report.hpp"

#include <fmt/format.h>

#include "stackpick/report/diff_report.hpp"
#include "stackpick/report/stack_names.hpp"
#include "stackpick/util/json_writer.hpp"
#include "stackpick/util/number_text.hpp"
#include "stackpick/util/text.hpp"

namespace stackpick {

namespace {

using detail::json_figure;
using ordered = nlohmann::ordered_json;

constexpr std::size_t k_width = 80;

/// The stacks whose points differ between the record and now (beyond the rounding written).
std::vector<const ScoreMove*> moved_points(const AnswersDiff& difference) {
    std::vector<const ScoreMove*> moved;
    for (const auto& move : difference.scores)
        if (!figures_agree(move.points_a, move.points_b)) moved.push_back(&move);
    return moved;
}

std::string status_of(const RecordCheck& check) {
    if (!check.result) return "cannot_recheck";
    return check.result->holds ? "holds" : "changed";
}

/// Lines indented by two more spaces.
std::string indented(const std::string& lines) {
    std::string out;
    std::size_t start = 0;
    while (start < lines.size()) {
        const std::size_t end = lines.find('\n', start);
        const std::size_t stop = end == std::string::npos ? lines.size() : end + 1;
        const std::string line = lines.substr(start, stop - start);
        out += (line == "\n" ? "" : "  ") + line;
        start = stop;
    }
    return out;
}

std::string checked_text(const RecordCheck& check, const KnowledgeBase& knowledge_base) {
    if (!check.result)
        return wrap(check.file + ": cannot re-check", k_width, "  ") + "  " +
               wrap(check.cannot, k_width - 2, "    ");
    const DecisionCheck& result = *check.result;
    const AnswersDiff& difference = result.difference;
    const std::string then = outcome_text(knowledge_base, difference.pick_a, difference.open_a);
    const std::string now = outcome_text(knowledge_base, difference.pick_b, difference.open_b);
    std::string out = result.holds
                          ? wrap(fmt::format("{}: holds: {}", check.file, now), k_width, "  ")
                          : wrap(fmt::format("{}: changed: was {}, now {}", check.file, then, now),
                                 k_width, "  ");
    out += "  " + wrap(fmt::format("recorded with stackpick {} and knowledge base {}; re-scored "
                                   "with knowledge base {}",
                                   result.stackpick_then, result.knowledge_base_then,
                                   result.knowledge_base_now),
                       k_width - 2, "    ");
    if (result.holds) {
        std::vector<std::string> moves;
        for (const ScoreMove* move : moved_points(difference))
            moves.push_back(fmt::format("{} {} -> {}", stack_name(knowledge_base, move->stack),
                                        figure_text(move->points_a), figure_text(move->points_b)));
        out += "  " + wrap("Points that moved: " +
                               (moves.empty() ? std::string("none") : list_text(moves, "and")),
                           k_width - 2, "    ");
        return out;
    }
    out += indented(
        diff_rules_text(difference, knowledge_base, "the record", "today's knowledge base"));
    out += indented("\nScores (recorded -> now)\n" + diff_scores_text(difference, knowledge_base));
    return out;
}

ordered outcome_json(const std::string& pick, const std::vector<std::string>& open) {
    return {{"pick", pick}, {"open_between", open}};
}

}  // namespace

std::string render_check_text(const std::vector<RecordCheck>& checks,
                              const KnowledgeBase& knowledge_base) {
    std::string out;
    std::size_t holds = 0, changed = 0, cannot = 0;
    for (const auto& check : checks) {
        if (!out.empty()) out += "\n";
        out += checked_text(check, knowledge_base);
        (check.result ? (check.result->holds ? holds : changed) : cannot) += 1;
    }
    out += fmt::format("\n{} record{}: holds {}, changed {}, cannot re-check {}\n", checks.size(),
                       checks.size() == 1 ? "" : "s", holds, changed, cannot);
    return terminal_safe_lines(out);
}

ordered check_json(const std::vector<RecordCheck>& checks, const KnowledgeBase& knowledge_base) {
    ordered records = ordered::array();
    ordered counts = {{"holds", 0}, {"changed", 0}, {"cannot_recheck", 0}};
    for (const auto& check : checks) {
        const std::string status = status_of(check);
        counts[status] = counts[status].get<int>() + 1;
        ordered entry = {{"file", check.file}, {"status", status}};
        if (!check.result) {
            entry["reason"] = check.cannot;
            entry["recorded"] = nullptr;
            entry["now"] = nullptr;
            entry["moved"] = ordered::array();
            entry["difference"] = nullptr;
            records.push_back(std::move(entry));
            continue;
        }
        const auto& result = *check.result;
        const auto& difference = result.difference;
        entry["reason"] = nullptr;
        entry["recorded"] = outcome_json(difference.pick_a, difference.open_a);
        entry["recorded"]["stackpick_version"] = result.stackpick_then;
        entry["recorded"]["knowledge_base"] = result.knowledge_base_then;
        entry["now"] = outcome_json(difference.pick_b, difference.open_b);
        entry["now"]["knowledge_base"] = result.knowledge_base_now;
        ordered moved = ordered::array();
        for (const ScoreMove* move : moved_points(difference))
            moved.push_back({{"stack", move->stack},
                             {"recorded", json_figure(move->points_a)},
                             {"now", json_figure(move->points_b)}});
        entry["moved"] = moved;
        entry["difference"] = diff_json(difference);
        records.push_back(std::move(entry));
    }
    ordered document;
    document["schema_version"] = "1";
    document["knowledge_base"] = {{"version", knowledge_base.version},
                                  {"origin", knowledge_base.location.origin()}};
    document["records"] = records;
    document["counts"] = counts;
    return document;
}

}  // namespace stackpick
