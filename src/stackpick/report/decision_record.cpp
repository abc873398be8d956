#include "stackpick/report/decision_record.hpp"

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "stackpick/report/facts_report.hpp"
#include "stackpick/report/report.hpp"
#include "stackpick/report/summary.hpp"
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
    return markers.empty() ? " (not from a source)" : " " + markdown_text(markers);
}

/// The quotes behind a list item, as a nested list: `  * [1] "..."`, so a reader can check
/// each claim against its article.
std::string quote_lines(const Facts& facts, const std::vector<Quote>& quotes) {
    std::string out;
    for (const auto& quote : quotes)
        out += fmt::format("  * {} \"{}\"\n", markdown_text(source_markers(facts, {quote.source})),
                           markdown_text(quote.text));
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

std::string markdown_text(const std::string& text) {
    std::string out;
    for (const char character : text) {
        const auto c = static_cast<unsigned char>(character);
        if (c < 0x20 || c == 0x7f) {
            out += ' ';
        } else if (std::string_view("\\`*_{}[]<>#|!").find(static_cast<char>(c)) !=
                   std::string_view::npos) {
            out += '\\';
            out += static_cast<char>(c);
        } else {
            out += static_cast<char>(c);
        }
    }
    return out;
}

std::string render_decision_record(const Recommendation& recommendation,
                                   const KnowledgeBase& knowledge_base,
                                   const ResolvedAnswers& answers, const Estimates& estimates) {
    const Facts& facts = knowledge_base.facts;
    std::set<std::string> cited;
    const auto& best = recommendation.ranking.front();
    std::vector<std::string> open_names;
    for (const auto& id : recommendation.open_between)
        if (const auto* stack = knowledge_base.find_stack(id)) open_names.push_back(stack->name);
    const bool open = !open_names.empty();
    const std::string open_list = list_text(open_names, "and");
    std::string out;

    if (open)
        out +=
            fmt::format("# Backend stack: no clear pick between {}\n\n", markdown_text(open_list));
    else
        out += fmt::format("# Backend stack: {}\n\n", markdown_text(best.name));
    out += fmt::format(
        "* Status: {}\n* Confidence: {}\n* Generated by: stackpick {}, knowledge base {}\n\n",
        open ? "open, between " + markdown_text(open_list) : std::string("proposed"),
        to_string(recommendation.confidence), k_version, markdown_text(knowledge_base.version));

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
        markdown_text(product), markdown_text(fmt::format("{}", fmt::join(names, ", "))),
        facts.sources.size());

    out += "## Decision Drivers\n\n";
    std::size_t given = 0;
    for (const auto& question : knowledge_base.questions) {
        if (std::find(answers.assumed.begin(), answers.assumed.end(), question.id) !=
            answers.assumed.end())
            continue;
        ++given;
        out += fmt::format("* {} **{}**\n", markdown_text(question.prompt),
                           markdown_text(answer_value(question, answers.values[question.key])));
    }
    if (given == 0) out += "* No answers were given: every driver is at its default.\n";
    if (!answers.assumed.empty())
        out += fmt::format("* Assumed at their defaults: {}\n",
                           markdown_text(fmt::format("{}", fmt::join(answers.assumed, ", "))));
    out += "\n## Considered Options\n\n";
    for (const auto& stack : knowledge_base.stacks)
        out +=
            fmt::format("* {}: {}\n", markdown_text(stack.name), markdown_text(stack.description));

    out += "\n## Decision Outcome\n\n";
    if (open)
        out += fmt::format("No option is chosen yet. {}\n\n",
                           markdown_text(summary_text(recommendation)));
    else
        out += fmt::format("Chosen option: \"**{}**\", because {}\n\n", markdown_text(best.name),
                           markdown_text(summary_text(recommendation)));
    for (const auto& step : recommendation.tie_breaks) {
        out += fmt::format("Tie-breaker {}: {}{}\n", markdown_text(step.id),
                           markdown_text(step.reason), cite(facts, step.sources, cited));
        out += quote_lines(facts, step.quotes) + "\n";
    }
    out += fmt::format(
        "Confidence is {}: {}.\n\n", to_string(recommendation.confidence),
        markdown_text(fmt::format("{}", fmt::join(confidence_reason_texts(recommendation), "; "))));
    if (!open && !best.frameworks.empty()) {
        out += "Suggested frameworks:\n\n";
        for (const auto& framework : best.frameworks)
            out += fmt::format("* {} ({}): {}{}\n", markdown_text(framework.name),
                               markdown_text(framework.role), markdown_text(framework.why),
                               cite(facts, framework.sources, cited)) +
                   quote_lines(facts, framework.quotes);
        out += "\n";
    }
    if (!open && !best.split.empty()) {
        out += "How the services are split:\n\n" + split_diagram(best, knowledge_base) + "\n";
        out +=
            fmt::format("They talk over {}{}.\n\n", markdown_text(knowledge_base.split_transport),
                        cite(facts, knowledge_base.split_sources, cited));
    }

    if (!open) {
        out += "### Consequences\n\n";
        for (const auto& reason : best.reasons)
            if (reason.points > 0)
                out += fmt::format("* Good, because {}{}\n", markdown_text(reason.text),
                                   cite(facts, reason.sources, cited));
        for (const auto& caution : best.cautions)
            out += fmt::format("* Bad, because {}{}\n", markdown_text(caution.text),
                               cite(facts, caution.sources, cited));
        for (const auto& reason : best.reasons)
            if (reason.points < 0)
                out += fmt::format("* Bad, because {}{}\n", markdown_text(reason.text),
                                   cite(facts, reason.sources, cited));
        if (best.reasons.empty() && best.cautions.empty())
            out += "* No rule fired for it: answer more questions.\n";
        out += "\n";
    }

    out += "## Pros and Cons of the Options\n\n";
    for (const auto& stack : recommendation.ranking) {
        out += fmt::format("### {}\n\nScore {:.1f} of 100 ({:g} points).\n\n",
                           markdown_text(stack.name), stack.score, stack.points);
        bool any = false;
        for (const auto& reason : stack.reasons) {
            out += fmt::format("* {}, because {}{}{}\n", reason.points > 0 ? "Good" : "Bad",
                               markdown_text(reason.text), cite(facts, reason.sources, cited),
                               reason.disputed ? " (disputed among sources)" : "");
            out += quote_lines(facts, reason.quotes);
            any = true;
        }
        for (const auto& caution : stack.cautions) {
            out += fmt::format("* Bad, because {}{}\n", markdown_text(caution.text),
                               cite(facts, caution.sources, cited));
            out += quote_lines(facts, caution.quotes);
            any = true;
        }
        if (!any) out += "* Neutral: no rule moved it for these answers.\n";
        out += "\n";
    }

    std::string estimates_markdown = render_estimates_markdown(estimates, knowledge_base);
    if (!estimates_markdown.empty()) {
        out += estimates_markdown;
        if (out.back() != '\n') out += "\n";
        out += "\n";
        // The estimates cite by marker too; list every source they may use.
        for (const auto& source : facts.sources) cited.insert(source.id);
    }

    out += "## Sources\n\n";
    for (std::size_t i = 0; i < facts.sources.size(); ++i) {
        const auto& source = facts.sources[i];
        if (!cited.count(source.id)) continue;
        std::string line = fmt::format("{}. {}", i + 1, markdown_text(source.title));
        if (source.publisher) line += ", " + markdown_text(*source.publisher);
        if (source.year) line += fmt::format(", {}", *source.year);
        if (source.interest)
            line += fmt::format(" (publisher's interest: {})", markdown_text(*source.interest));
        out += line + "\n";
    }
    return out;
}

}  // namespace stackpick
