#include "stackpick/report/summary.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "stackpick/report/stack_names.hpp"
#include "stackpick/util/number_text.hpp"
#include "stackpick/util/text.hpp"

namespace stackpick {

namespace {

/// "Node.js", "Node.js and Python", "Node.js, Python and Node.js + Python".
std::string names_of(const Recommendation& result, const std::vector<std::string>& ids) {
    std::vector<std::string> names;
    for (const auto& id : ids)
        for (const auto& stack : result.ranking)
            if (stack.id == id) names.push_back(stack.name);
    return list_text(names, "and");
}

/// "1 point", "4 points", "0.3 points".
std::string points_text(double points) {
    return fmt::format("{} point{}", figure_text(points), rounded_figure(points) == 1 ? "" : "s");
}

}  // namespace

std::string summary_text(const Recommendation& result) {
    const auto& first = result.ranking.front();
    if (result.ranking.size() < 2) return fmt::format("{} is the only option.", first.name);
    const auto& second = result.ranking[1];
    if (!result.tied_with.empty()) {
        std::string summary;
        if (!result.open_between.empty()) {
            summary = fmt::format(
                "No clear pick: {} are tied on {} and nothing the sources give decides between "
                "them for these answers.",
                names_of(result, result.open_between), points_text(first.points));
        } else {
            std::vector<std::string> tied{first.id};
            tied.insert(tied.end(), result.tied_with.begin(), result.tied_with.end());
            summary =
                fmt::format("{} are tied on {}; the tie goes to {}: {}", names_of(result, tied),
                            points_text(first.points), first.name, result.tie_break()->reason);
        }
        // Tie-breakers that only narrowed the tie: say which stacks each moved behind, and why.
        std::vector<std::string> in_front{first.id};
        in_front.insert(in_front.end(), result.tied_with.begin(), result.tied_with.end());
        const std::size_t narrowing =
            result.tie_breaks.size() - (result.open_between.empty() ? 1 : 0);
        for (std::size_t i = 0; i < narrowing; ++i) {
            const auto& step = result.tie_breaks[i];
            std::vector<std::string> behind;
            for (const auto& id : in_front)
                if (std::find(step.kept.begin(), step.kept.end(), id) == step.kept.end())
                    behind.push_back(id);
            summary += fmt::format(" {} {} behind: {}", names_of(result, behind),
                                   behind.size() == 1 ? "comes" : "come", step.reason);
            in_front = step.kept;
        }
        return summary;
    }
    std::string summary = fmt::format("{} ranks first, {} points ahead of {}.", first.name,
                                      figure_text(result.margin), second.name);
    if (!first.reasons.empty() && first.reasons.front().points > 0)
        (summary += ' ') += first.reasons.front().text;
    return summary;
}

std::string confidence_reason_text(const ConfidenceReason& reason,
                                   const std::vector<std::string>& stack_names) {
    using Kind = ConfidenceReason::Kind;
    switch (reason.kind) {
        case Kind::tie_decided:
            return fmt::format("tied on points with {}, and a tie-breaker decided (low)",
                               list_text(stack_names, "and"));
        case Kind::tie_open:
            return fmt::format("no clear pick: {} are tied on points (low)",
                               list_text(stack_names, "and"));
        case Kind::margin_high:
            return fmt::format("margin of {} points is at least {} (high)",
                               figure_text(reason.margin), figure_text(reason.at_least));
        case Kind::margin_medium:
            return fmt::format("margin of {} points is at least {} but below {} (medium)",
                               figure_text(reason.margin), figure_text(reason.at_least),
                               figure_text(reason.below));
        case Kind::margin_low:
            return fmt::format("margin of {} points is below {} (low)", figure_text(reason.margin),
                               figure_text(reason.below));
        case Kind::few_answers:
            return fmt::format(
                "only {} of {} questions answered (high needs at least {}): medium at most",
                reason.answered, reason.questions, reason.needed);
        case Kind::answers_checked:
            return fmt::format(
                "{} of {} questions answered (high needs at least {}): {}", reason.answered,
                reason.questions, reason.needed,
                reason.level == Confidence::high ? "no cap" : "no effect below high");
        case Kind::disputed_lead:
            if (reason.disputed >= reason.lead)
                return fmt::format(
                    "the whole {}-point lead comes from claims the sources dispute: one level "
                    "lower",
                    figure_text(reason.lead));
            return fmt::format(
                "{} of the {}-point lead comes from claims the sources dispute: one level lower",
                figure_text(reason.disputed), figure_text(reason.lead));
        case Kind::no_lead:
            return "no points lead, so disputed claims cannot lower it";
        case Kind::only_option:
            return "the constraints leave it the only stack to rank (high)";
        case Kind::disputed_checked:
            return fmt::format(
                "{} of the {}-point lead comes from claims the sources dispute (more than {} would "
                "lower it one level): {}",
                figure_text(reason.disputed), figure_text(reason.lead), figure_text(reason.limit),
                reason.level == Confidence::low ? "already low" : "no change");
    }
    return {};
}

std::string score_text(double score) { return fmt::format("{:.1f}", score); }

std::vector<std::string> confidence_reason_texts(const Recommendation& recommendation) {
    std::vector<std::string> texts;
    texts.reserve(recommendation.confidence_reasons.size());
    for (const auto& reason : recommendation.confidence_reasons) {
        std::vector<std::string> names;
        for (const auto& id : reason.stacks)
            for (const auto& stack : recommendation.ranking)
                if (stack.id == id) names.push_back(stack.name);
        texts.push_back(confidence_reason_text(reason, names));
    }
    return texts;
}

}  // namespace stackpick
