#include "stackpick/report/report.hpp"

#include <algorithm>
#include <cmath>
#include <set>
#include <span>
#include <sstream>

#include <fmt/format.h>

#include "stackpick/engine/estimates.hpp"
#include "stackpick/engine/explain.hpp"
#include "stackpick/report/estimates_json.hpp"
#include "stackpick/report/explain_report.hpp"
#include "stackpick/report/record_block.hpp"
#include "stackpick/report/sources.hpp"
#include "stackpick/report/stack_names.hpp"
#include "stackpick/report/summary.hpp"
#include "stackpick/util/json_file.hpp"
#include "stackpick/util/json_writer.hpp"
#include "stackpick/util/number_text.hpp"
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

std::string points_text(double points) { return figure_text(points, {true}); }

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

namespace {

/// The text output, written section by section: each method appends one section to `out` and
/// notes the sources it cites, for the legend at the end.
class TextPage {
  public:
    TextPage(const Recommendation& recommendation, const KnowledgeBase& knowledge_base,
             const TextStyle& style)
        : m_recommendation(recommendation),
          m_knowledge_base(knowledge_base),
          m_paint{style.color},
          m_style(style),
          m_width(std::max<std::size_t>(style.width, 60)) {
        // The stacks in front: the pick, or each stack of a tie nothing settles.
        m_front.push_back(&recommendation.ranking.front());
        for (std::size_t i = 1; i < recommendation.open_between.size(); ++i)
            m_front.push_back(&recommendation.ranking[i]);
        m_open = m_front.size() > 1;
    }

    void headline();
    void ranking();
    void ruled_out();
    void reasons();
    void contrast(const std::string& what_would_change, const std::vector<std::string>& lines);
    void cautions();
    void frameworks_and_split();
    void cost_and_time(const std::vector<std::string>& lines);
    void answers(const ResolvedAnswers& answers);
    void legend();
    std::string text() && { return std::move(m_out); }

  private:
    std::string heading(const std::string& title) const {
        return "\n" + m_paint.bold(title) + "\n";
    }
    /// A line wrapped to the page after its prefix, later lines indented by `indent`.
    std::string item(const std::string& prefix, const std::string& text,
                     const std::string& indent) const {
        return prefix + wrap(text, m_width - prefix.size(), indent);
    }
    /// Text that cites sources gets their markers; text no source says is stackpick's own.
    std::string attribution(std::span<const std::string> sources) {
        m_cited.insert(sources.begin(), sources.end());
        return m_paint.dim(sources.empty() ? std::string("(not from a source)")
                                           : source_markers(m_knowledge_base.facts, sources));
    }

    const Recommendation& m_recommendation;
    const KnowledgeBase& m_knowledge_base;
    const Painter m_paint;
    const TextStyle& m_style;
    const std::size_t m_width;
    std::vector<const RankedStack*> m_front;
    bool m_open = false;
    std::set<std::string> m_cited;
    std::string m_out;
};

void TextPage::headline() {
    const auto& best = m_recommendation.ranking.front();
    const std::string confidence = to_string(m_recommendation.confidence);
    if (m_open) {
        std::vector<std::string> names;
        for (const auto* stack : m_front) names.push_back(terminal_safe(stack->name));
        m_out += m_paint.bold(fmt::format("No clear pick: {}", list_text(names, "or"))) +
                 fmt::format("  (confidence: {})\n", confidence);
    } else if (const AppliedTieBreak* decided = m_recommendation.tie_break()) {
        m_out += m_paint.bold(fmt::format("Recommendation: {}", terminal_safe(best.name))) +
                 fmt::format("  (tie broken: {}; confidence: {})\n", terminal_safe(decided->id),
                             confidence);
    } else {
        m_out += m_paint.bold(fmt::format("Recommendation: {}", terminal_safe(best.name))) +
                 fmt::format("  (confidence: {})\n", confidence);
    }
    m_out += item("  ", terminal_safe(summary_text(m_recommendation)), "  ");
    m_out += "\n";
}

/// The ranking with bars; "=" marks the stacks tied at the top.
void TextPage::ranking() {
    const auto& ranked = m_recommendation.ranking;
    std::size_t name_width = 0;
    for (const auto& stack : ranked) name_width = std::max(name_width, display_width(stack.name));
    const std::size_t bar_width = 30;
    for (std::size_t i = 0; i < ranked.size(); ++i) {
        const auto& stack = ranked[i];
        const std::string name = pad(terminal_safe(stack.name), name_width);
        const bool tied =
            i <= m_recommendation.tied_with.size() && !m_recommendation.tied_with.empty();
        const std::string line = fmt::format(
            "  {}.{}{}  {}  {:>5}  ({} pt{})", i + 1, tied ? "=" : " ", name,
            bar(stack.score, bar_width, m_style), score_text(stack.score),
            figure_text(stack.points), std::abs(rounded_figure(stack.points)) == 1 ? "" : "s");
        m_out += (i < m_front.size() && !m_open ? m_paint.green(line) : line) + "\n";
    }
}

/// The stacks a hard constraint removed, each with what removed it.
void TextPage::ruled_out() {
    if (m_recommendation.ruled_out.empty()) return;
    m_out += heading("Ruled out");
    for (const auto& out : m_recommendation.ruled_out) {
        const std::string name = terminal_safe(stack_name(m_knowledge_base, out.id));
        const std::string text =
            out.by_user ? fmt::format("{}: by you (--rule-out {})", name, terminal_safe(out.id))
                        : fmt::format("{}: {} {} (constraint {})", name, terminal_safe(out.reason),
                                      attribution(out.sources), terminal_safe(out.rule));
        m_out += item("  ", text, "    ");
    }
}

/// The reasons for the pick (for each stack in front when there is no clear pick).
void TextPage::reasons() {
    for (const auto* stack : m_front) {
        m_out += heading(fmt::format("Why {}", terminal_safe(stack->name)));
        if (stack->reasons.empty())
            m_out += "  No rule fired for it: answer more questions to sharpen the ranking.\n";
        for (const auto& reason : stack->reasons) {
            const std::string prefix = fmt::format("  {:>3}  ", points_text(reason.points));
            std::string text = terminal_safe(reason.text) + " " + attribution(reason.sources);
            if (reason.disputed) text += " " + m_paint.yellow("(disputed)");
            m_out += item(prefix, text, std::string(prefix.size(), ' '));
        }
    }
}

/// Why not the runner-up: the rules that separate them, and what would change the pick. The
/// tie-breakers' sources are cited there, so the legend lists them.
void TextPage::contrast(const std::string& what_would_change,
                        const std::vector<std::string>& sensitivity) {
    for (const auto& step : m_recommendation.tie_breaks)
        m_cited.insert(step.sources.begin(), step.sources.end());
    const std::string contrast =
        render_contrast_text(versus_runner_up(m_recommendation), m_knowledge_base);
    if (!contrast.empty()) {
        const auto heading_end = contrast.find('\n');
        m_out +=
            "\n" + m_paint.bold(contrast.substr(0, heading_end)) + contrast.substr(heading_end);
    }
    if (!what_would_change.empty() || !sensitivity.empty())
        m_out += heading(m_open ? "What would decide it" : "What would change it");
    if (!what_would_change.empty()) m_out += item("  ", terminal_safe(what_would_change), "    ");
    for (const auto& line : sensitivity) m_out += item("  ", terminal_safe(line), "    ");
}

void TextPage::cautions() {
    bool any_caution = false;
    for (const auto* stack : m_front) {
        if (stack->cautions.empty()) continue;
        if (!any_caution) m_out += heading("Cautions");
        any_caution = true;
        for (const auto& caution : stack->cautions) {
            const std::string label = m_open ? terminal_safe(stack->name) + ": " : std::string();
            m_out += item("  ! ",
                          label + terminal_safe(caution.text) + " " + attribution(caution.sources),
                          "    ");
        }
    }
}

void TextPage::frameworks_and_split() {
    for (const auto* stack : m_front) {
        if (stack->frameworks.empty()) continue;
        m_out +=
            heading(m_open ? fmt::format("Suggested frameworks for {}", terminal_safe(stack->name))
                           : std::string("Suggested frameworks"));
        for (const auto& framework : stack->frameworks)
            m_out += item("  - ",
                          fmt::format("{} ({}): {} {}", terminal_safe(framework.name),
                                      terminal_safe(framework.role), terminal_safe(framework.why),
                                      attribution(framework.sources)),
                          "    ");
    }
    for (const auto* stack : m_front) {
        if (stack->split.empty()) continue;
        m_out += heading("How to split it");
        for (const auto& part : stack->split) {
            const std::string services = part.services.empty()
                                             ? "(nothing yet for these answers)"
                                             : fmt::format("{}", fmt::join(part.services, "; "));
            m_out +=
                item(fmt::format("  {}: ", terminal_safe(stack_name(m_knowledge_base, part.stack))),
                     terminal_safe(services), "    ");
        }
        m_out += item(
            "  ",
            fmt::format("They talk over {} {}", terminal_safe(m_knowledge_base.split_transport),
                        attribution(m_knowledge_base.split_sources)),
            "  ");
    }
}

void TextPage::cost_and_time(const std::vector<std::string>& lines) {
    if (lines.empty()) return;
    m_out += heading("Cost and time");
    for (const auto& line : lines) m_out += item("  ", terminal_safe(line), "    ");
}

/// What was given and what was assumed, and the confidence with its reasons.
void TextPage::answers(const ResolvedAnswers& answers) {
    const auto& questions = m_knowledge_base.questions;
    m_out += heading("Answers");
    std::vector<std::string> given;
    for (const auto& question : questions)
        if (std::find(answers.assumed.begin(), answers.assumed.end(), question.id) ==
            answers.assumed.end())
            given.push_back(
                fmt::format("{}={}", question.id, answer_text(answers.values[question.key])));
    m_out += item("  ",
                  fmt::format("given: {}",
                              given.empty() ? "none" : fmt::format("{}", fmt::join(given, ", "))),
                  "    ");
    if (!answers.assumed.empty())
        m_out += item("  ",
                      fmt::format("assumed ({}, at their defaults): {}", answers.assumed.size(),
                                  fmt::join(answers.assumed, ", ")),
                      "    ");
    if (answers.assumed.size() == questions.size())
        m_out += item("  ",
                      "Nothing was answered: give flags (stackpick --help) or run 'stackpick "
                      "-i' in a terminal.",
                      "  ");
    m_out += item("  ",
                  fmt::format("confidence {}: {}", to_string(m_recommendation.confidence),
                              fmt::join(confidence_reason_texts(m_recommendation), "; ")),
                  "    ");
}

/// The legend: every source cited above, by its marker.
void TextPage::legend() {
    if (m_cited.empty()) return;
    const auto& sources = m_knowledge_base.facts.sources;
    m_out += heading("Sources");
    for (std::size_t i = 0; i < sources.size(); ++i) {
        const auto& source = sources[i];
        if (!m_cited.count(source.id)) continue;
        std::string line = fmt::format("{}", terminal_safe(source.title));
        if (source.publisher) line += fmt::format(", {}", terminal_safe(*source.publisher));
        if (source.year) line += fmt::format(", {}", *source.year);
        if (source.interest) line += fmt::format(" ({})", terminal_safe(*source.interest));
        const std::string prefix = fmt::format("  [{}] ", i + 1);
        m_out += item(prefix, line, std::string(prefix.size(), ' '));
    }
}

}  // namespace

std::string render_text(const Recommendation& recommendation, const KnowledgeBase& knowledge_base,
                        const ResolvedAnswers& answers, const TextStyle& style,
                        const std::vector<std::string>& cost_and_time,
                        const std::string& what_would_change,
                        const std::vector<std::string>& sensitivity) {
    TextPage page(recommendation, knowledge_base, style);
    page.headline();
    page.ranking();
    page.ruled_out();
    page.reasons();
    page.contrast(what_would_change, sensitivity);
    page.cautions();
    page.frameworks_and_split();
    page.cost_and_time(cost_and_time);
    page.answers(answers);
    page.legend();
    return std::move(page).text();
}

namespace {

using detail::write_contrast;

using detail::array_of;
using detail::member;
using detail::write_members;
using detail::write_object;

/// {"source": id, "text": quote}
template <typename Writer>
void write_quote(Writer& writer, const Quote& quote) {
    write_object(writer, member("source", quote.source), member("text", quote.text));
}

/// The writer refers to `quotes` (a std::vector or std::span of Quote), which must outlive it.
template <typename Writer, typename Quotes>
auto quotes_of(const Quotes& quotes) {
    return array_of(quotes, write_quote<Writer>);
}

/// A sentence that cites sources: its leading members, then "sources" and "quotes".
template <typename Writer, typename Cited, typename... Leading>
void write_cited(Writer& writer, const Cited& cited, const detail::Member<Leading>&... leading) {
    write_object(writer, leading..., member("sources", cited.sources),
                 member("quotes", quotes_of<Writer>(cited.quotes)));
}

/// {"rule", "kept", "reason", "sources", "quotes"}: one tie-breaker applied to a tie at the top.
template <typename Writer>
void write_tie_break(Writer& writer, const AppliedTieBreak& step) {
    write_cited(writer, step, member("rule", step.id), member("kept", step.kept),
                member("reason", step.reason));
}

/// Not write_cited(): "disputed" stands between the sources and the quotes.
template <typename Writer>
void write_reason(Writer& writer, const Reason& reason) {
    write_object(writer, member("rule", reason.rule), member("points", reason.points),
                 member("text", reason.text), member("sources", reason.sources),
                 member("disputed", reason.disputed),
                 member("quotes", quotes_of<Writer>(reason.quotes)));
}

template <typename Writer>
void write_caution(Writer& writer, const Caution& caution) {
    write_cited(writer, caution, member("rule", caution.rule), member("text", caution.text));
}

template <typename Writer>
void write_framework(Writer& writer, const FrameworkSuggestion& framework) {
    write_cited(writer, framework, member("id", framework.id), member("name", framework.name),
                member("role", framework.role), member("why", framework.why));
}

template <typename Writer>
void write_split_part(Writer& writer, const SplitPart& part) {
    write_object(writer, member("stack", part.stack), member("services", part.services));
}

/// One stack of "ranking": its score, points, reasons, cautions, frameworks and split.
template <typename Writer>
void write_ranked_stack(Writer& writer, const RankedStack& stack) {
    writer.begin_object();
    write_members(writer, member("id", stack.id), member("name", stack.name),
                  member("score", stack.score), member("points", stack.points),
                  member("reasons", array_of(stack.reasons, write_reason<Writer>)),
                  member("cautions", array_of(stack.cautions, write_caution<Writer>)),
                  member("frameworks", array_of(stack.frameworks, write_framework<Writer>)));
    if (!stack.split.empty())
        write_members(writer, member("split", array_of(stack.split, write_split_part<Writer>)));
    writer.end_object();
}

/// {"id", "by", "rule", "reason", "sources", "quotes"}: a stack a constraint took out.
template <typename Writer>
void write_ruled_out(Writer& writer, const RuledOut& out) {
    write_cited(writer, out, member("id", out.id), member("by", out.by_user ? "user" : "rule"),
                member("rule", detail::text_or_null(out.rule)),
                member("reason", detail::text_or_null(out.reason)));
}

/// The "recommendation" member: the pick, its confidence and how a tie was handled.
template <typename Writer>
void write_pick(Writer& writer, const Recommendation& recommendation) {
    const AppliedTieBreak* decided = recommendation.tie_break();
    write_object(
        writer, member("id", recommendation.id),
        member("confidence", to_string(recommendation.confidence)),
        member("margin", recommendation.margin), member("summary", summary_text(recommendation)),
        member("confidence_reasons", confidence_reason_texts(recommendation)),
        member("versus_runner_up",
               [&](Writer& out) { write_contrast(out, versus_runner_up(recommendation)); }),
        member("tied_with", recommendation.tied_with),
        member("open_between", recommendation.open_between),
        member("tie_break",
               [&](Writer& out) {
                   if (decided)
                       write_tie_break(out, *decided);
                   else
                       out.value(nullptr);
               }),
        member("tie_breaks", array_of(recommendation.tie_breaks, write_tie_break<Writer>)));
}

template <typename Writer>
void write_answers(Writer& writer, const KnowledgeBase& knowledge_base,
                   const ResolvedAnswers& answers) {
    writer.begin_object();
    for (const auto& question : knowledge_base.questions) {
        const auto found = answers.values.find(question.key);
        writer.key(question.key);
        writer.value(found != answers.values.end() ? *found : question.default_value);
    }
    writer.end_object();
}

template <typename Writer>
void write_scoring(Writer& writer, const ScoringOptions& options) {
    writer.begin_object();
    writer.key("weights");
    writer.begin_object();
    for (const auto& [criterion, weight] : options.weights)
        write_members(writer, member(criterion, weight));
    writer.end_object();
    write_members(writer, member("excluded_sources", options.excluded_sources),
                  member("ruled_out", options.ruled_out));
    writer.end_object();
}

/// The members of the recommendation document, in order, for which wanted(name) holds; the
/// caller opens and closes the object and adds "estimates", the extra members and "sources".
template <typename Writer, typename Wanted>
void write_recommendation_members(Writer& writer, const Recommendation& recommendation,
                                  const KnowledgeBase& knowledge_base,
                                  const ResolvedAnswers& answers, const Wanted& wanted) {
    const auto wanted_member = [&](std::string_view name, const auto& value) {
        if (wanted(name)) write_members(writer, member(name, value));
    };
    wanted_member("schema_version", "1");
    wanted_member("stackpick_version", k_version);
    wanted_member("knowledge_base", [&](Writer& out) {
        write_object(out, member("version", knowledge_base.version),
                     member("origin", knowledge_base.location.origin()));
    });
    wanted_member("answers", [&](Writer& out) { write_answers(out, knowledge_base, answers); });
    wanted_member("assumed", answers.assumed);
    wanted_member("scoring", [&](Writer& out) { write_scoring(out, recommendation.options); });
    wanted_member("ranking", array_of(recommendation.ranking, write_ranked_stack<Writer>));
    wanted_member("ruled_out", array_of(recommendation.ruled_out, write_ruled_out<Writer>));
    wanted_member("recommendation", [&](Writer& out) { write_pick(out, recommendation); });
    // What `stackpick check` needs to recompute this document, as a Markdown record keeps it.
    wanted_member("record", [&](Writer& out) {
        out.value(record_json(recommendation, knowledge_base, answers));
    });
}

/// The top-level "sources" member: every source the document cites, in marker order, as the
/// text and Markdown outputs' legends show them.
template <typename Writer>
void write_sources(Writer& writer, const Facts& facts, const std::set<std::string>& cited) {
    writer.begin_array();
    for (const auto& source : facts.sources)
        if (cited.count(source.id))
            write_object(writer, member("id", source.id), member("title", source.title),
                         member("publisher", source.publisher), member("year", source.year),
                         member("published", source.published),
                         member("retrieved", source.retrieved),
                         member("interest", source.interest));
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
    const auto add = [&](std::span<const std::string> sources) {
        cited.insert(sources.begin(), sources.end());
    };
    for (const auto& stack : recommendation.ranking) {
        for (const auto& reason : stack.reasons) add(reason.sources);
        for (const auto& caution : stack.cautions) add(caution.sources);
        for (const auto& framework : stack.frameworks) add(framework.sources);
        if (!stack.split.empty()) add(knowledge_base.split_sources);
    }
    for (const auto& step : recommendation.tie_breaks) add(step.sources);
    for (const auto& out : recommendation.ruled_out) add(out.sources);
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
        detail::write_estimates(writer, *estimates);
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
