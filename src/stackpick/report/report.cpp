#include "stackpick/report/report.hpp"

#include <algorithm>
#include <cmath>
#include <set>
#include <sstream>
#include <type_traits>

#include <fmt/format.h>

#include "stackpick/engine/estimates.hpp"
#include "stackpick/engine/explain.hpp"
#include "stackpick/report/estimates_json.hpp"
#include "stackpick/report/sources.hpp"
#include "stackpick/util/json_file.hpp"
#include "stackpick/util/json_writer.hpp"
#include "stackpick/util/text.hpp"
#include "stackpick/version.hpp"

namespace stackpick {

namespace {

/// ANSI styles for the text output, off unless the terminal takes them.
struct Painter {
    bool enabled;
    std::string bold(const std::string& text) const { return ansi_style("1", text, enabled); }
    std::string dim(const std::string& text) const { return ansi_style("2", text, enabled); }
    std::string green(const std::string& text) const { return ansi_style("32", text, enabled); }
    std::string yellow(const std::string& text) const { return ansi_style("33", text, enabled); }
};

std::string points_text(double points) { return fmt::format("{:+g}", points); }

std::string score_text(double score) { return fmt::format("{:.1f}", score); }

std::string bar(double score, std::size_t width, const TextStyle& style) {
    const auto filled = static_cast<std::size_t>(
        std::lround(std::clamp(score, 0.0, 100.0) / 100.0 * static_cast<double>(width)));
    std::string text;
    for (std::size_t i = 0; i < width; ++i)
        text += i < filled ? (style.unicode ? "\u2588" : "#") : (style.unicode ? "\u2591" : ".");
    return text;
}

std::string answer_text(const nlohmann::json& value) {
    if (value.is_boolean()) return value.get<bool>() ? "yes" : "no";
    if (value.is_string()) return value.get<std::string>();
    if (value.is_null()) return "unknown";
    return value.dump();
}

}  // namespace

std::string stack_name(const KnowledgeBase& knowledge_base, const std::string& id) {
    const Stack* stack = knowledge_base.find_stack(id);
    return stack != nullptr ? stack->name : id;
}

std::string outcome_text(const KnowledgeBase& knowledge_base, const std::string& pick,
                         const std::vector<std::string>& open_between) {
    if (open_between.empty()) return stack_name(knowledge_base, pick);
    std::vector<std::string> names;
    for (const auto& id : open_between) names.push_back(stack_name(knowledge_base, id));
    return fmt::format("no clear pick ({})", list_text(names, "or"));
}

std::string render_text(const Recommendation& recommendation, const KnowledgeBase& knowledge_base,
                        const ResolvedAnswers& answers, const TextStyle& style,
                        const std::vector<std::string>& cost_and_time,
                        const std::string& what_would_change) {
    const Painter paint{style.color};
    const Facts& facts = knowledge_base.facts;
    const std::size_t width = std::max<std::size_t>(style.width, 60);
    std::string out;
    std::set<std::string> cited;
    const auto cite = [&](const std::vector<std::string>& sources) {
        cited.insert(sources.begin(), sources.end());
        return source_markers(facts, sources);
    };

    const auto& best = recommendation.ranking.front();
    // The stacks in front: the pick, or each stack of a tie nothing settles.
    std::vector<const RankedStack*> front{&best};
    for (std::size_t i = 1; i < recommendation.open_between.size(); ++i)
        front.push_back(&recommendation.ranking[i]);
    const bool open = front.size() > 1;
    if (open) {
        std::vector<std::string> names;
        for (const auto* stack : front) names.push_back(terminal_safe(stack->name));
        out += paint.bold(fmt::format("No clear pick: {}", list_text(names, "or"))) +
               fmt::format("  (confidence: {})\n", to_string(recommendation.confidence));
    } else if (const AppliedTieBreak* decided = recommendation.tie_break()) {
        out += paint.bold(fmt::format("Recommendation: {}", terminal_safe(best.name))) +
               fmt::format("  (tie broken: {}; confidence: {})\n", terminal_safe(decided->id),
                           to_string(recommendation.confidence));
    } else {
        out += paint.bold(fmt::format("Recommendation: {}", terminal_safe(best.name))) +
               fmt::format("  (confidence: {})\n", to_string(recommendation.confidence));
    }
    out += "  " + wrap(terminal_safe(recommendation.summary), width - 2, "  ");
    out += "\n";

    // Ranking with bars; "=" marks the stacks tied at the top.
    std::size_t name_width = 0;
    for (const auto& stack : recommendation.ranking)
        name_width = std::max(name_width, display_width(stack.name));
    const std::size_t bar_width = 30;
    for (std::size_t i = 0; i < recommendation.ranking.size(); ++i) {
        const auto& stack = recommendation.ranking[i];
        std::string name = terminal_safe(stack.name);
        name += std::string(name_width - display_width(stack.name), ' ');
        const bool tied = i <= recommendation.tied_with.size() && !recommendation.tied_with.empty();
        std::string line =
            fmt::format("  {}.{}{}  {}  {:>5}  ({:g} pt{})", i + 1, tied ? "=" : " ", name,
                        bar(stack.score, bar_width, style), score_text(stack.score), stack.points,
                        stack.points == 1 || stack.points == -1 ? "" : "s");
        out += (i < front.size() && !open ? paint.green(line) : line) + "\n";
    }

    // Text that cites sources gets their markers; text no source says is marked as stackpick's.
    const auto attribution = [&](const std::vector<std::string>& sources) {
        return sources.empty() ? paint.dim("(not from a source)") : paint.dim(cite(sources));
    };

    // Reasons for the pick (for each stack in front when there is no clear pick).
    for (const auto* stack : front) {
        out += "\n" + paint.bold(fmt::format("Why {}", terminal_safe(stack->name))) + "\n";
        if (stack->reasons.empty())
            out += "  No rule fired for it: answer more questions to sharpen the ranking.\n";
        for (const auto& reason : stack->reasons) {
            const std::string prefix = fmt::format("  {:>3}  ", points_text(reason.points));
            std::string text = terminal_safe(reason.text) + " " + attribution(reason.sources);
            if (reason.disputed) text += " " + paint.yellow("(disputed)");
            out += prefix + wrap(text, width - prefix.size(), std::string(prefix.size(), ' '));
        }
    }

    // Why not the runner-up: the rules that separate them, and what would change the pick. The
    // tie-breakers' sources are cited there, so the legend lists them.
    for (const auto& step : recommendation.tie_breaks) cite(step.sources);
    const std::string contrast =
        render_contrast_text(versus_runner_up(recommendation), knowledge_base);
    if (!contrast.empty()) {
        const auto heading_end = contrast.find('\n');
        out += "\n" + paint.bold(contrast.substr(0, heading_end)) + contrast.substr(heading_end);
    }
    if (!what_would_change.empty()) {
        out += "\n" + paint.bold(open ? "What would decide it" : "What would change it") + "\n";
        out += "  " + wrap(terminal_safe(what_would_change), width - 2, "    ");
    }

    // Cautions for the stacks in front.
    bool any_caution = false;
    for (const auto* stack : front) {
        if (stack->cautions.empty()) continue;
        if (!any_caution) out += "\n" + paint.bold("Cautions") + "\n";
        any_caution = true;
        for (const auto& caution : stack->cautions) {
            const std::string label = open ? terminal_safe(stack->name) + ": " : std::string();
            out += "  ! " +
                   wrap(label + terminal_safe(caution.text) + " " + attribution(caution.sources),
                        width - 4, "    ");
        }
    }

    // Frameworks and, for a hybrid, the split.
    for (const auto* stack : front) {
        if (stack->frameworks.empty()) continue;
        out +=
            "\n" +
            paint.bold(open ? fmt::format("Suggested frameworks for {}", terminal_safe(stack->name))
                            : std::string("Suggested frameworks")) +
            "\n";
        for (const auto& framework : stack->frameworks) {
            const std::string prefix = "  - ";
            out += prefix +
                   wrap(fmt::format("{} ({}): {} {}", terminal_safe(framework.name),
                                    terminal_safe(framework.role), terminal_safe(framework.why),
                                    attribution(framework.sources)),
                        width - prefix.size(), "    ");
        }
    }
    for (const auto* stack : front) {
        if (stack->split.empty()) continue;
        out += "\n" + paint.bold("How to split it") + "\n";
        for (const auto& part : stack->split) {
            const auto* part_stack = knowledge_base.find_stack(part.stack);
            const std::string label = part_stack ? part_stack->name : part.stack;
            const std::string services = part.services.empty()
                                             ? "(nothing yet for these answers)"
                                             : fmt::format("{}", fmt::join(part.services, "; "));
            const std::string prefix = fmt::format("  {}: ", terminal_safe(label));
            out += prefix + wrap(terminal_safe(services), width - prefix.size(), "    ");
        }
        out += "  " + wrap(fmt::format("They talk over {} {}",
                                       terminal_safe(knowledge_base.split_transport),
                                       attribution(knowledge_base.split_sources)),
                           width - 2, "  ");
    }

    if (!cost_and_time.empty()) {
        out += "\n" + paint.bold("Cost and time") + "\n";
        for (const auto& line : cost_and_time)
            out += "  " + wrap(terminal_safe(line), width - 2, "    ");
    }

    // What was assumed.
    out += "\n" + paint.bold("Answers") + "\n";
    std::vector<std::string> given;
    for (const auto& question : knowledge_base.questions) {
        if (std::find(answers.assumed.begin(), answers.assumed.end(), question.id) !=
            answers.assumed.end())
            continue;
        given.push_back(
            fmt::format("{}={}", question.id, answer_text(answers.values[question.key])));
    }
    out +=
        "  " + wrap(fmt::format("given: {}",
                                given.empty() ? "none" : fmt::format("{}", fmt::join(given, ", "))),
                    width - 2, "    ");
    if (!answers.assumed.empty())
        out += "  " + wrap(fmt::format("assumed ({}, at their defaults): {}",
                                       answers.assumed.size(), fmt::join(answers.assumed, ", ")),
                           width - 2, "    ");
    if (answers.assumed.size() == knowledge_base.questions.size())
        out += "  " + wrap(
                          "Nothing was answered: give flags (stackpick --help) or run 'stackpick "
                          "-i' in a terminal.",
                          width - 2, "  ");
    out += "  " + wrap(fmt::format("confidence {}: {}", to_string(recommendation.confidence),
                                   fmt::join(recommendation.confidence_reasons, "; ")),
                       width - 2, "    ");

    // Legend of the sources cited above.
    if (!cited.empty()) {
        out += "\n" + paint.bold("Sources") + "\n";
        for (std::size_t i = 0; i < facts.sources.size(); ++i) {
            const auto& source = facts.sources[i];
            if (!cited.count(source.id)) continue;
            std::string line = fmt::format("{}", terminal_safe(source.title));
            if (source.publisher) line += fmt::format(", {}", terminal_safe(*source.publisher));
            if (source.year) line += fmt::format(", {}", *source.year);
            if (source.interest) line += fmt::format(" ({})", terminal_safe(*source.interest));
            const std::string prefix = fmt::format("  [{}] ", i + 1);
            out += prefix + wrap(line, width - prefix.size(), std::string(prefix.size(), ' '));
        }
    }
    return out;
}

namespace {

void write_contrast(detail::JsonBuilder& builder, const Contrast& contrast) {
    builder.value(contrast_json(contrast));
}

using detail::write_contrast;

/// [{"source": id, "text": quote}, ...]
template <typename Writer>
void write_quotes(Writer& writer, const std::vector<Quote>& quotes) {
    writer.begin_array();
    for (const auto& quote : quotes) {
        writer.begin_object();
        writer.key("source");
        writer.value(quote.source);
        writer.key("text");
        writer.value(quote.text);
        writer.end_object();
    }
    writer.end_array();
}

/// Whole numbers as integers (10, not 10.0), so JSON reads as people write it.
template <typename Writer>
void write_number(Writer& writer, double value) {
    if (std::trunc(value) == value && std::abs(value) < 1e15)
        writer.value(static_cast<std::int64_t>(value));
    else
        writer.value(value);
}

/// {"rule", "kept", "reason", "sources", "quotes"}: one tie-breaker applied to a tie at the top.
template <typename Writer>
void write_tie_break(Writer& writer, const AppliedTieBreak& step) {
    writer.begin_object();
    writer.key("rule");
    writer.value(step.id);
    writer.key("kept");
    writer.value(step.kept);
    writer.key("reason");
    writer.value(step.reason);
    writer.key("sources");
    writer.value(step.sources);
    writer.key("quotes");
    write_quotes(writer, step.quotes);
    writer.end_object();
}

/// The members of the recommendation document, in order, for which wanted(name) holds; the
/// caller opens and closes the object and adds "estimates", the extra members and "sources".
template <typename Writer, typename Wanted>
void write_recommendation_members(Writer& writer, const Recommendation& recommendation,
                                  const KnowledgeBase& knowledge_base,
                                  const ResolvedAnswers& answers, const Wanted& wanted) {
    const auto member = [&](std::string_view name, const auto& write) {
        if (!wanted(name)) return;
        writer.key(name);
        write();
    };
    member("schema_version", [&] { writer.value("1"); });
    member("stackpick_version", [&] { writer.value(k_version); });
    member("knowledge_base", [&] {
        writer.begin_object();
        writer.key("version");
        writer.value(knowledge_base.version);
        writer.key("origin");
        writer.value(knowledge_base.location.origin());
        writer.end_object();
    });
    member("answers", [&] {
        writer.begin_object();
        for (const auto& question : knowledge_base.questions) {
            const auto found = answers.values.find(question.key);
            writer.key(question.key);
            writer.value(found != answers.values.end() ? *found : question.default_value);
        }
        writer.end_object();
    });
    member("assumed", [&] { writer.value(answers.assumed); });
    member("scoring", [&] {
        writer.begin_object();
        writer.key("weights");
        writer.begin_object();
        for (const auto& [criterion, weight] : recommendation.options.weights) {
            writer.key(criterion);
            write_number(writer, weight);
        }
        writer.end_object();
        writer.key("excluded_sources");
        writer.value(recommendation.options.excluded_sources);
        writer.end_object();
    });
    member("ranking", [&] {
        writer.begin_array();
        for (const auto& stack : recommendation.ranking) {
            writer.begin_object();
            writer.key("id");
            writer.value(stack.id);
            writer.key("name");
            writer.value(stack.name);
            writer.key("score");
            write_number(writer, stack.score);
            writer.key("points");
            write_number(writer, stack.points);
            writer.key("reasons");
            writer.begin_array();
            for (const auto& reason : stack.reasons) {
                writer.begin_object();
                writer.key("rule");
                writer.value(reason.rule);
                writer.key("points");
                write_number(writer, reason.points);
                writer.key("text");
                writer.value(reason.text);
                writer.key("sources");
                writer.value(reason.sources);
                writer.key("disputed");
                writer.value(reason.disputed);
                writer.key("quotes");
                write_quotes(writer, reason.quotes);
                writer.end_object();
            }
            writer.end_array();
            writer.key("cautions");
            writer.begin_array();
            for (const auto& caution : stack.cautions) {
                writer.begin_object();
                writer.key("rule");
                writer.value(caution.rule);
                writer.key("text");
                writer.value(caution.text);
                writer.key("sources");
                writer.value(caution.sources);
                writer.key("quotes");
                write_quotes(writer, caution.quotes);
                writer.end_object();
            }
            writer.end_array();
            writer.key("frameworks");
            writer.begin_array();
            for (const auto& framework : stack.frameworks) {
                writer.begin_object();
                writer.key("id");
                writer.value(framework.id);
                writer.key("name");
                writer.value(framework.name);
                writer.key("role");
                writer.value(framework.role);
                writer.key("why");
                writer.value(framework.why);
                writer.key("sources");
                writer.value(framework.sources);
                writer.key("quotes");
                write_quotes(writer, framework.quotes);
                writer.end_object();
            }
            writer.end_array();
            if (!stack.split.empty()) {
                writer.key("split");
                writer.begin_array();
                for (const auto& part : stack.split) {
                    writer.begin_object();
                    writer.key("stack");
                    writer.value(part.stack);
                    writer.key("services");
                    writer.value(part.services);
                    writer.end_object();
                }
                writer.end_array();
            }
            writer.end_object();
        }
        writer.end_array();
    });
    member("recommendation", [&] {
        writer.begin_object();
        writer.key("id");
        writer.value(recommendation.id);
        writer.key("confidence");
        writer.value(to_string(recommendation.confidence));
        writer.key("margin");
        write_number(writer, recommendation.margin);
        writer.key("summary");
        writer.value(recommendation.summary);
        writer.key("confidence_reasons");
        writer.value(recommendation.confidence_reasons);
        writer.key("versus_runner_up");
        write_contrast(writer, versus_runner_up(recommendation));
        writer.key("tied_with");
        writer.value(recommendation.tied_with);
        writer.key("open_between");
        writer.value(recommendation.open_between);
        writer.key("tie_break");
        if (const AppliedTieBreak* decided = recommendation.tie_break())
            write_tie_break(writer, *decided);
        else
            writer.value(nullptr);
        writer.key("tie_breaks");
        writer.begin_array();
        for (const auto& step : recommendation.tie_breaks) write_tie_break(writer, step);
        writer.end_array();
        writer.end_object();
    });
}

/// The top-level "sources" member: every source the document cites, in marker order, as the
/// text and Markdown outputs' legends show them.
template <typename Writer>
void write_sources(Writer& writer, const Facts& facts, const std::set<std::string>& cited) {
    writer.begin_array();
    for (const auto& source : facts.sources) {
        if (!cited.count(source.id)) continue;
        writer.begin_object();
        writer.key("id");
        writer.value(source.id);
        writer.key("title");
        writer.value(source.title);
        writer.key("publisher");
        if (source.publisher)
            writer.value(*source.publisher);
        else
            writer.value(nullptr);
        writer.key("year");
        if (source.year)
            writer.value(static_cast<std::int64_t>(*source.year));
        else
            writer.value(nullptr);
        writer.key("interest");
        if (source.interest)
            writer.value(*source.interest);
        else
            writer.value(nullptr);
        writer.end_object();
    }
    writer.end_array();
}

}  // namespace

namespace {

/// Every "sources" list of strings anywhere in a document built elsewhere (the trace's rules).
void collect_sources(const nlohmann::ordered_json& value, std::set<std::string>& cited) {
    if (value.is_object()) {
        for (const auto& [key, member] : value.items()) {
            if (key == "sources" && member.is_array()) {
                for (const auto& id : member)
                    if (id.is_string()) cited.insert(id.get<std::string>());
            } else {
                collect_sources(member, cited);
            }
        }
    } else if (value.is_array()) {
        for (const auto& element : value) collect_sources(element, cited);
    }
}

/// The sources a recommendation document cites: its reasons, cautions, frameworks, split and
/// tie-breaks, its estimates, and whatever the extra members cite.
std::set<std::string> cited_sources(const Recommendation& recommendation,
                                    const KnowledgeBase& knowledge_base, const Estimates* estimates,
                                    const nlohmann::ordered_json& extra_members) {
    std::set<std::string> cited;
    const auto add = [&](const std::vector<std::string>& sources) {
        cited.insert(sources.begin(), sources.end());
    };
    for (const auto& stack : recommendation.ranking) {
        for (const auto& reason : stack.reasons) add(reason.sources);
        for (const auto& caution : stack.cautions) add(caution.sources);
        for (const auto& framework : stack.frameworks) add(framework.sources);
        if (!stack.split.empty()) add(knowledge_base.split_sources);
    }
    for (const auto& step : recommendation.tie_breaks) add(step.sources);
    if (estimates != nullptr) {
        const auto used = estimate_sources(*estimates);
        cited.insert(used.begin(), used.end());
    }
    collect_sources(extra_members, cited);
    return cited;
}

/// The document --json prints and batch writes: recommendation, estimates, the extra members,
/// then the sources it cites; only the members named in fields (empty: all).
template <typename Writer>
void write_recommendation_document(Writer& writer, const Recommendation& recommendation,
                                   const KnowledgeBase& knowledge_base,
                                   const ResolvedAnswers& answers, const Estimates* estimates,
                                   const std::vector<std::string>& fields,
                                   const nlohmann::ordered_json& extra_members) {
    const auto wanted = [&](std::string_view name) {
        return fields.empty() || std::find(fields.begin(), fields.end(), name) != fields.end();
    };
    writer.begin_object();
    write_recommendation_members(writer, recommendation, knowledge_base, answers, wanted);
    if (estimates != nullptr && wanted("estimates")) {
        writer.key("estimates");
        if constexpr (std::is_same_v<Writer, detail::JsonTextWriter>)
            detail::write_estimates(writer, *estimates);
        else
            writer.value(estimates_json(*estimates));
    }
    for (const auto& [key, value] : extra_members.items()) {
        writer.key(key);
        writer.value(value);
    }
    if (wanted("sources")) {
        writer.key("sources");
        write_sources(writer, knowledge_base.facts,
                      cited_sources(recommendation, knowledge_base, estimates, extra_members));
    }
    writer.end_object();
}

}  // namespace

nlohmann::ordered_json recommendation_json(const Recommendation& recommendation,
                                           const KnowledgeBase& knowledge_base,
                                           const ResolvedAnswers& answers,
                                           const Estimates* estimates,
                                           const nlohmann::ordered_json& extra_members) {
    detail::JsonBuilder builder;
    write_recommendation_document(builder, recommendation, knowledge_base, answers, estimates, {},
                                  extra_members);
    return builder.take();
}

nlohmann::ordered_json recommendation_document(const KnowledgeBase& knowledge_base,
                                               const ResolvedAnswers& answers,
                                               const ScoringOptions& options) {
    const Estimates estimates = estimate(knowledge_base, answers);
    return recommendation_json(recommend(knowledge_base, answers, options), knowledge_base, answers,
                               &estimates);
}

void append_recommendation_document(std::string& out, const Recommendation& recommendation,
                                    const KnowledgeBase& knowledge_base,
                                    const ResolvedAnswers& answers, const Estimates* estimates,
                                    const std::vector<std::string>& fields) {
    detail::JsonTextWriter writer(out);
    write_recommendation_document(writer, recommendation, knowledge_base, answers, estimates,
                                  fields, nlohmann::ordered_json::object());
}

std::string recommendation_document_text(const Recommendation& recommendation,
                                         const KnowledgeBase& knowledge_base,
                                         const ResolvedAnswers& answers, const Estimates& estimates,
                                         const nlohmann::ordered_json& extra_members) {
    std::string out;
    detail::JsonTextWriter writer(out, 2);
    write_recommendation_document(writer, recommendation, knowledge_base, answers, &estimates, {},
                                  extra_members);
    out += '\n';
    return out;
}

}  // namespace stackpick
