#include "stackpick/report/decision_record.hpp"

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "stackpick/report/estimates_markdown.hpp"
#include "stackpick/report/facts_report.hpp"
#include "stackpick/report/report.hpp"
#include "stackpick/report/summary.hpp"
#include "stackpick/util/number_text.hpp"
#include "stackpick/util/text.hpp"
#include "stackpick/version.hpp"

namespace stackpick {

namespace {

std::string answer_value(const Question& question, const nlohmann::json& value) {
    if (value.is_null()) return "unknown";
    if (value.is_boolean()) return value.get<bool>() ? "yes" : "no";
    if (question.type == QuestionType::choice && value.is_string()) {
        for (const auto& choice : question.choices)
            if (choice.id == value.get<std::string>())
                return choice.id + " (" + choice.description + ")";
    }
    if (value.is_string()) return value.get<std::string>();
    std::string text = value.dump();
    if (!question.unit.empty()) text += " " + question.unit;
    return text;
}

/// "[1](#sources), [3](#sources)"-style citations would clutter; plain "[1,3]" as in the text
/// output.
std::string cite(const Facts& facts, const std::vector<std::string>& sources,
                 std::set<std::string>& cited) {
    cited.insert(sources.begin(), sources.end());
    const std::string markers = source_markers(facts, sources);
    return markers.empty() ? " (not from a source)" : " " + markdown_escape(markers);
}

/// The quotes behind a list item, as a nested list: `  * [1] "..."`, so a reader can check
/// each claim against its article.
std::string quote_lines(const Facts& facts, const std::vector<Quote>& quotes) {
    std::string out;
    for (const auto& quote : quotes)
        out +=
            fmt::format("  * {} \"{}\"\n", markdown_escape(source_markers(facts, {quote.source})),
                        markdown_escape(quote.text));
    return out;
}

/// Lines nested one list level deeper.
std::string indented(const std::string& lines) {
    std::string out;
    std::size_t start = 0;
    while (start < lines.size()) {
        const std::size_t end = lines.find('\n', start);
        const std::size_t stop = end == std::string::npos ? lines.size() : end + 1;
        out += "  " + lines.substr(start, stop - start);
        start = stop;
    }
    return out;
}

/// A Mermaid node label: no quotes or brackets that would end it.
std::string mermaid_label(const std::string& text) {
    std::string label;
    for (char c : text) label += (c == '"') ? '\'' : (c == '\n' ? ' ' : c);
    return label;
}

std::string split_diagram(const RankedStack& stack, const KnowledgeBase& knowledge_base) {
    std::string out = "```mermaid\nflowchart LR\n    clients([Web and mobile clients])\n";
    std::vector<std::string> entry_points, services;
    for (std::size_t p = 0; p < stack.split.size(); ++p) {
        const auto& part = stack.split[p];
        const auto* part_stack = knowledge_base.find_stack(part.stack);
        out += fmt::format("    subgraph {}[\"{}\"]\n", part.stack,
                           mermaid_label(part_stack ? part_stack->name : part.stack));
        for (std::size_t s = 0; s < part.services.size(); ++s) {
            const std::string id = fmt::format("{}{}", part.stack, s);
            out += fmt::format("        {}[\"{}\"]\n", id, mermaid_label(part.services[s]));
            (p == 0 ? entry_points : services).push_back(id);
        }
        out += "    end\n";
    }
    if (!entry_points.empty()) {
        out += fmt::format("    clients --> {}\n", entry_points.front());
        for (const auto& service : services)
            out += fmt::format(
                "    {} -->|\"{}\"| {}\n", entry_points.front(),
                mermaid_label(knowledge_base.split_transport
                                      .substr(0, knowledge_base.split_transport.find(" ("))
                                      .empty()
                                  ? "calls"
                                  : knowledge_base.split_transport.substr(
                                        0, knowledge_base.split_transport.find(" ("))),
                service);
    }
    return out + "```\n";
}

}  // namespace

namespace {

/// What every section of the record reads, and the sources cited so far (for the last one).
struct Record {
    const Recommendation& recommendation;
    const KnowledgeBase& knowledge_base;
    const ResolvedAnswers& answers;
    const Facts& facts;
    const RankedStack& best;
    bool open;              ///< a tie nothing settles: no option is chosen
    std::string open_list;  ///< "Node.js and Python" when open
    std::set<std::string> cited;
    std::string out;

    std::string cite_sources(const std::vector<std::string>& sources) {
        return cite(facts, sources, cited);
    }
};

void write_title_and_context(Record& record) {
    const auto& knowledge_base = record.knowledge_base;
    const auto& answers = record.answers;
    std::string& out = record.out;
    if (record.open)
        out += fmt::format("# Backend stack: no clear pick between {}\n\n",
                           markdown_escape(record.open_list));
    else
        out += fmt::format("# Backend stack: {}\n\n", markdown_escape(record.best.name));
    out += fmt::format(
        "* Status: {}\n* Confidence: {}\n* Generated by: stackpick {}, knowledge base {}\n\n",
        record.open ? "open, between " + markdown_escape(record.open_list)
                    : std::string("proposed"),
        to_string(record.recommendation.confidence), k_version,
        markdown_escape(knowledge_base.version));

    out += "## Context and Problem Statement\n\n";
    std::string product = "a new product";
    if (const auto* question = knowledge_base.find_question_by_key("product");
        question && answers.values.contains("product") && !answers.values["product"].is_null())
        product = "a new product: " + answer_value(*question, answers.values["product"]);
    std::vector<std::string> names;
    for (const auto& stack : knowledge_base.stacks) names.push_back(stack.name);
    out += fmt::format(
        "We are choosing the backend for {}. Which should it be built on: {}? The options are "
        "weighed against the project's needs below, with the figures and claims of {} published "
        "sources.\n\n",
        markdown_escape(product), markdown_escape(fmt::format("{}", fmt::join(names, ", "))),
        record.facts.sources.size());
}

void write_drivers_and_options(Record& record) {
    const auto& knowledge_base = record.knowledge_base;
    const auto& answers = record.answers;
    std::string& out = record.out;
    out += "## Decision Drivers\n\n";
    std::size_t given = 0;
    for (const auto& question : knowledge_base.questions) {
        if (std::find(answers.assumed.begin(), answers.assumed.end(), question.id) !=
            answers.assumed.end())
            continue;
        ++given;
        out += fmt::format("* {} **{}**\n", markdown_escape(question.prompt),
                           markdown_escape(answer_value(question, answers.values[question.key])));
    }
    if (given == 0) out += "* No answers were given: every driver is at its default.\n";
    if (!answers.assumed.empty())
        out += fmt::format("* Assumed at their defaults: {}\n",
                           markdown_escape(fmt::format("{}", fmt::join(answers.assumed, ", "))));
    out += "\n## Considered Options\n\n";
    for (const auto& stack : knowledge_base.stacks) {
        out += fmt::format("* {}: {}\n", markdown_escape(stack.name),
                           markdown_escape(stack.description));
        for (const auto& ruled_out : record.recommendation.ruled_out) {
            if (ruled_out.id != stack.id) continue;
            if (ruled_out.by_user)
                out += fmt::format("  * Ruled out by the team (--rule-out {}).\n",
                                   markdown_escape(stack.id));
            else
                out +=
                    fmt::format("  * Ruled out by constraint {}: {}{}\n",
                                markdown_escape(ruled_out.rule), markdown_escape(ruled_out.reason),
                                record.cite_sources(ruled_out.sources)) +
                    indented(quote_lines(record.facts, ruled_out.quotes));
        }
    }
}

/// The outcome: the pick (or that there is none yet), tie-breakers, confidence, frameworks and
/// the split of a hybrid.
void write_outcome(Record& record) {
    const auto& recommendation = record.recommendation;
    const auto& best = record.best;
    std::string& out = record.out;
    out += "\n## Decision Outcome\n\n";
    if (record.open)
        out += fmt::format("No option is chosen yet. {}\n\n",
                           markdown_escape(summary_text(recommendation)));
    else
        out += fmt::format("Chosen option: \"**{}**\", because {}\n\n", markdown_escape(best.name),
                           markdown_escape(summary_text(recommendation)));
    for (const auto& step : recommendation.tie_breaks) {
        out += fmt::format("Tie-breaker {}: {}{}\n", markdown_escape(step.id),
                           markdown_escape(step.reason), record.cite_sources(step.sources));
        out += quote_lines(record.facts, step.quotes) + "\n";
    }
    out += fmt::format("Confidence is {}: {}.\n\n", to_string(recommendation.confidence),
                       markdown_escape(fmt::format(
                           "{}", fmt::join(confidence_reason_texts(recommendation), "; "))));
    if (!record.open && !best.frameworks.empty()) {
        out += "Suggested frameworks:\n\n";
        for (const auto& framework : best.frameworks)
            out += fmt::format("* {} ({}): {}{}\n", markdown_escape(framework.name),
                               markdown_escape(framework.role), markdown_escape(framework.why),
                               record.cite_sources(framework.sources)) +
                   quote_lines(record.facts, framework.quotes);
        out += "\n";
    }
    if (!record.open && !best.split.empty()) {
        out +=
            "How the services are split:\n\n" + split_diagram(best, record.knowledge_base) + "\n";
        out += fmt::format("They talk over {}{}.\n\n",
                           markdown_escape(record.knowledge_base.split_transport),
                           record.cite_sources(record.knowledge_base.split_sources));
    }
}

void write_consequences(Record& record) {
    if (record.open) return;
    const auto& best = record.best;
    std::string& out = record.out;
    out += "### Consequences\n\n";
    for (const auto& reason : best.reasons)
        if (reason.points > 0)
            out += fmt::format("* Good, because {}{}\n", markdown_escape(reason.text),
                               record.cite_sources(reason.sources));
    for (const auto& caution : best.cautions)
        out += fmt::format("* Bad, because {}{}\n", markdown_escape(caution.text),
                           record.cite_sources(caution.sources));
    for (const auto& reason : best.reasons)
        if (reason.points < 0)
            out += fmt::format("* Bad, because {}{}\n", markdown_escape(reason.text),
                               record.cite_sources(reason.sources));
    if (best.reasons.empty() && best.cautions.empty())
        out += "* No rule fired for it: answer more questions.\n";
    out += "\n";
}

void write_pros_and_cons(Record& record) {
    std::string& out = record.out;
    out += "## Pros and Cons of the Options\n\n";
    for (const auto& stack : record.recommendation.ranking) {
        out += fmt::format("### {}\n\nScore {:.1f} of 100 ({} points).\n\n",
                           markdown_escape(stack.name), stack.score, figure_text(stack.points));
        bool any = false;
        for (const auto& reason : stack.reasons) {
            out += fmt::format("* {}, because {}{}{}\n", reason.points > 0 ? "Good" : "Bad",
                               markdown_escape(reason.text), record.cite_sources(reason.sources),
                               reason.disputed ? " (disputed among sources)" : "");
            out += quote_lines(record.facts, reason.quotes);
            any = true;
        }
        for (const auto& caution : stack.cautions) {
            out += fmt::format("* Bad, because {}{}\n", markdown_escape(caution.text),
                               record.cite_sources(caution.sources));
            out += quote_lines(record.facts, caution.quotes);
            any = true;
        }
        if (!any) out += "* Neutral: no rule moved it for these answers.\n";
        out += "\n";
    }
}

void write_estimates_and_sources(Record& record, const Estimates& estimates) {
    const Facts& facts = record.facts;
    std::string& out = record.out;
    const std::string estimates_markdown =
        render_estimates_markdown(estimates, record.knowledge_base);
    if (!estimates_markdown.empty()) {
        out += estimates_markdown;
        if (out.back() != '\n') out += "\n";
        out += "\n";
        // The estimates cite by marker too; list every source they may use.
        for (const auto& source : facts.sources) record.cited.insert(source.id);
    }
    out += "## Sources\n\n";
    for (std::size_t i = 0; i < facts.sources.size(); ++i) {
        const auto& source = facts.sources[i];
        if (!record.cited.count(source.id)) continue;
        std::string line = fmt::format("{}. {}", i + 1, markdown_escape(source.title));
        if (source.publisher) line += ", " + markdown_escape(*source.publisher);
        if (source.year) line += fmt::format(", {}", *source.year);
        if (source.interest)
            line += fmt::format(" (publisher's interest: {})", markdown_escape(*source.interest));
        out += line + "\n";
    }
}

}  // namespace

std::string render_decision_record(const Recommendation& recommendation,
                                   const KnowledgeBase& knowledge_base,
                                   const ResolvedAnswers& answers, const Estimates& estimates) {
    std::vector<std::string> open_names;
    for (const auto& id : recommendation.open_between)
        if (const auto* stack = knowledge_base.find_stack(id)) open_names.push_back(stack->name);
    Record record{recommendation,
                  knowledge_base,
                  answers,
                  knowledge_base.facts,
                  recommendation.ranking.front(),
                  !open_names.empty(),
                  list_text(open_names, "and"),
                  {},
                  {}};
    write_title_and_context(record);
    write_drivers_and_options(record);
    write_outcome(record);
    write_consequences(record);
    write_pros_and_cons(record);
    write_estimates_and_sources(record, estimates);
    return std::move(record.out);
}

}  // namespace stackpick
