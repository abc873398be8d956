#include "stackpick/report/explain_report.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>

#include <fmt/format.h>

#include "stackpick/logic/analysis.hpp"
#include "stackpick/logic/logic.hpp"
#include "stackpick/report/facts_report.hpp"
#include "stackpick/report/stack_names.hpp"
#include "stackpick/report/summary.hpp"
#include "stackpick/util/json_writer.hpp"
#include "stackpick/util/number_text.hpp"
#include "stackpick/util/text.hpp"

namespace stackpick {

namespace {

// Binding strength of each rendered form: a weaker operand is parenthesised.
constexpr int k_conditional = 1;
constexpr int k_or = 2;
constexpr int k_and = 3;
constexpr int k_comparison = 5;
constexpr int k_additive = 6;
constexpr int k_multiplicative = 7;
constexpr int k_unary = 8;
constexpr int k_atom = 10;

struct Described {
    std::string text;
    int precedence = k_atom;
};

std::string operand(const Described& described, int min_precedence) {
    if (described.precedence >= min_precedence) return described.text;
    return "(" + described.text + ")";
}

std::string joined(const std::vector<Described>& operands, const std::string& separator,
                   int min_precedence) {
    std::string text;
    for (const auto& described : operands) {
        if (!text.empty()) text += separator;
        text += operand(described, min_precedence);
    }
    return text;
}

int precedence_of(logic::Binding binding) {
    switch (binding) {
        case logic::Binding::disjunction:
            return k_or;
        case logic::Binding::conjunction:
            return k_and;
        case logic::Binding::comparison:
            return k_comparison;
        case logic::Binding::additive:
            return k_additive;
        case logic::Binding::multiplicative:
            return k_multiplicative;
        case logic::Binding::none:
            break;
    }
    return k_atom;
}

/// Describes a condition from the leaves up (logic::fold), each var and val followed by the
/// value the trace recorded for it.
class Describer {
  public:
    explicit Describer(const ConditionTrace& trace) : m_trace(trace) {}

    Described literal(const nlohmann::json& value) { return {logic::to_compact_json(value)}; }
    Described array(std::vector<Described> elements) {
        return {"[" + joined(elements, ", ", k_conditional) + "]"};
    }
    Described operation(const logic::Operation& operation, std::vector<Described> operands) {
        const std::string name(operation.name);
        const logic::Notation notation =
            operation.syntax ? operation.syntax->notation : logic::Notation::call;
        const int own = operation.syntax ? precedence_of(operation.syntax->binding) : k_atom;
        const std::size_t count = operands.size();
        switch (notation) {
            case logic::Notation::read: {
                const std::string path = logic::plain_read_path(operation);
                if (!path.empty()) return {fmt::format("{} ({})", path, value_at(operation))};
                return {fmt::format("{}({}) ({})", name, joined(operands, ", ", k_conditional),
                                    value_at(operation))};
            }
            case logic::Notation::data:
                return {logic::to_compact_json(operation.argument)};
            case logic::Notation::logical:
                // Mixed and/or always get parentheses: few readers know which binds tighter.
                if (count >= 2) return {joined(operands, " " + name + " ", k_and + 1), own};
                break;
            case logic::Notation::negation:
                if (count == 1) return {"not " + operand(operands[0], k_unary), k_unary};
                break;
            case logic::Notation::comparison:
            case logic::Notation::ordering:
                if (count == 2 || (count == 3 && notation == logic::Notation::ordering))
                    return {joined(operands, " " + name + " ", k_additive), k_comparison};
                break;
            case logic::Notation::associative:
                if (count >= 2) return {joined(operands, " " + name + " ", own + 1), own};
                break;
            case logic::Notation::minus:
            case logic::Notation::division:
                if (count == 2)
                    return {fmt::format("{} {} {}", operand(operands[0], own), name,
                                        operand(operands[1], own + 1)),
                            own};
                if (count == 1 && notation == logic::Notation::minus)
                    return {"-" + operand(operands[0], k_unary), k_unary};
                break;
            case logic::Notation::conditional:
                if (count >= 3 && count % 2 == 1) return {conditional(operands), k_conditional};
                break;
            case logic::Notation::call:
                break;
        }
        return {fmt::format("{}({})", name, joined(operands, ", ", k_conditional))};
    }

  private:
    static std::string conditional(const std::vector<Described>& operands) {
        std::string text;
        for (std::size_t i = 0; i + 1 < operands.size(); i += 2)
            text += fmt::format("{}if {} then {} ", i == 0 ? "" : "else ",
                                operand(operands[i], k_or), operand(operands[i + 1], k_or));
        return text + "else " + operand(operands.back(), k_or);
    }

    /// The value the trace recorded for the var or val at this operation.
    std::string value_at(const logic::Operation& operation) const {
        for (const auto& read : m_trace.reads)
            if (read.pointer == operation.pointer)
                return read.error.empty() ? logic::to_compact_json(read.value)
                                          : fmt::format("error: {}", read.error);
        return "?";
    }

    const ConditionTrace& m_trace;
};

/// "+4", "-2", "+1.5": points as the reasons show them.
std::string signed_points(double points) { return figure_text(points, {true}); }

/// "4", "-12", "0.5".
std::string plain(double number) { return figure_text(number); }

using detail::json_figure;

/// "node +4, hybrid +2".
std::string points_list(const std::map<std::string, double>& points,
                        const KnowledgeBase& knowledge_base) {
    std::string text;
    for (const auto& stack : knowledge_base.stacks) {
        const auto found = points.find(stack.id);
        if (found == points.end() || found->second == 0) continue;
        if (!text.empty()) text += ", ";
        text += stack.id + " " + signed_points(found->second);
    }
    return text.empty() ? "no points" : text;
}

/// The points a rule would give at its factor, whether it fired or not.
std::map<std::string, double> nominal_points(const Rule& rule, double factor) {
    std::map<std::string, double> points;
    for (const auto& [stack, value] : rule.points)
        if (value * factor != 0) points[stack] = value * factor;
    return points;
}

}  // namespace

std::string describe_condition(const ConditionTrace& condition) {
    Describer describer(condition);
    std::string pointer;
    return logic::fold<Described>(condition.when, describer, pointer).text;
}

std::string condition_text(const ConditionTrace& condition, bool held) {
    return describe_condition(condition) + " -> " +
           (condition.error.empty() ? std::string(held ? "true" : "false")
                                    : fmt::format("error: {}", condition.error));
}

std::string arithmetic_text(const ScoreScale& scale) {
    if (scale.highest - scale.lowest <= 0)
        return "no rule can move any points, so every score is 50";
    return fmt::format(
        "score = 100 * (points - lowest) / (highest - lowest), rounded to one decimal, with "
        "lowest = {} and highest = {}: the fewest and the most points any stack can reach",
        plain(scale.lowest), plain(scale.highest));
}

std::string score_calculation_text(const ScoreStep& step, const ScoreScale& scale) {
    const double range = scale.highest - scale.lowest;
    if (range <= 0) return plain(step.score);
    return fmt::format("100 * ({} - {}) / {} = {:.1f}", plain(step.points),
                       scale.lowest < 0 ? "(" + plain(scale.lowest) + ")" : plain(scale.lowest),
                       plain(range), step.score);
}

std::vector<std::string> confidence_check_texts(const ExplainTrace& trace) {
    std::vector<std::string> texts;
    for (const auto& check : trace.confidence) {
        std::vector<std::string> names;
        for (const auto& id : check.stacks)
            for (const auto& step : trace.scores)
                if (step.stack == id) names.push_back(step.name);
        texts.push_back(confidence_reason_text(check, names));
    }
    return texts;
}

namespace {

constexpr std::size_t k_width = 80;

/// One rule of the trace: id and criterion, condition, effect, sources and quotes.
std::string rule_entry(const RuleTrace& rule, const std::string& effect) {
    std::string text = "  " + wrap(rule.rule + " [" + rule.criterion + "]", k_width - 2, "    ");
    text += "    " + wrap(condition_text(rule.condition, rule.held), k_width - 4, "      ");
    text += "    " + wrap(effect, k_width - 4, "      ");
    std::string cited = rule.sources.empty()
                            ? std::string("sources: none (stackpick's own)")
                            : "sources: " + fmt::format("{}", fmt::join(rule.sources, ", "));
    if (rule.disputed) cited += " (disputed)";
    text += "    " + wrap(cited, k_width - 4, "      ");
    for (const auto& quote : rule.quotes)
        text += "      " +
                wrap(fmt::format("{}: \"{}\"", quote.source, quote.text), k_width - 6, "        ");
    return text;
}

/// The fired, switched-off and not-fired sections.
std::string rules_section(const ExplainTrace& trace, const KnowledgeBase& knowledge_base) {
    std::vector<const RuleTrace*> fired, switched_off, not_fired;
    for (const auto& rule : trace.rules) {
        if (rule.fired)
            fired.push_back(&rule);
        else if (rule.factor == 0)
            switched_off.push_back(&rule);
        else
            not_fired.push_back(&rule);
    }
    std::string out =
        fmt::format("Trace: {} of {} rules fired\n", fired.size(), trace.rules.size());
    out += fmt::format("\nFired ({})\n", fired.size());
    if (fired.empty()) out += "  none: every stack has 0 points\n";
    for (const RuleTrace* rule : fired) {
        std::string effect = points_list(rule->points, knowledge_base);
        if (rule->factor != 1) effect += fmt::format(" (weighted x{})", plain(rule->factor));
        out += rule_entry(*rule, effect);
    }
    if (!switched_off.empty()) {
        out += fmt::format("\nSwitched off by --weight or --exclude-source ({})\n",
                           switched_off.size());
        for (const RuleTrace* rule : switched_off) {
            const Rule* source = knowledge_base.find_rule(rule->rule);
            out += rule_entry(
                *rule,
                "would give " + (source ? points_list(nominal_points(*source, 1), knowledge_base)
                                        : std::string("no points")));
        }
    }
    out += fmt::format("\nDid not fire ({})\n", not_fired.size());
    if (not_fired.empty()) out += "  none\n";
    for (const RuleTrace* rule : not_fired) {
        const Rule* source = knowledge_base.find_rule(rule->rule);
        const std::string would =
            source ? points_list(nominal_points(*source, rule->factor), knowledge_base) : "";
        out +=
            "  " + wrap(fmt::format("{} (would give {})", rule->rule, would), k_width - 2, "    ");
        out += "    " + wrap(condition_text(rule->condition, rule->held), k_width - 4, "      ");
    }
    return out;
}

/// The tie-breakers consulted for a tie at the top ("" when there was none).
std::string tie_breakers_section(const ExplainTrace& trace) {
    if (trace.tie_breakers.empty()) return {};
    std::string out = "\nTie-breakers (stacks tied at the top)\n";
    for (const auto& breaker : trace.tie_breakers) {
        out += "  " +
               wrap(fmt::format("{} (favours {})", breaker.id, fmt::join(breaker.favours, ", ")),
                    k_width - 2, "    ");
        out +=
            "    " + wrap(condition_text(breaker.condition, breaker.held), k_width - 4, "      ");
        out += "    " +
               wrap(breaker.applied
                        ? fmt::format("applied: kept {} in front", fmt::join(breaker.kept, ", "))
                        : std::string(breaker.held ? "not applied: it separates none of the "
                                                     "stacks still in front"
                                                   : "not applied"),
                    k_width - 4, "      ");
    }
    return out;
}

/// The hard constraints: whether each held and what it ruled out ("" when there are none).
std::string constraints_section(const ExplainTrace& trace) {
    if (trace.constraints.empty() && trace.user_ruled_out.empty()) return {};
    std::string out = "\nConstraints (a stack they rule out is not ranked)\n";
    for (const auto& constraint : trace.constraints) {
        out += "  " + wrap(fmt::format("{} (excludes {})", constraint.id,
                                       fmt::join(constraint.excludes, ", ")),
                           k_width - 2, "    ");
        out += "    " +
               wrap(condition_text(constraint.condition, constraint.held), k_width - 4, "      ");
        const std::string effect =
            !constraint.consulted ? "not consulted: every source it rests on is excluded"
            : !constraint.ruled_out.empty()
                ? fmt::format("ruled out {}", fmt::join(constraint.ruled_out, ", "))
            : constraint.held ? "ruled out nothing not already ruled out"
                              : "ruled out nothing";
        out += "    " + wrap(effect, k_width - 4, "      ");
    }
    for (const auto& stack : trace.user_ruled_out)
        out += "  " +
               wrap(fmt::format("--rule-out {}: ruled out {}", stack, stack), k_width - 2, "    ");
    return out;
}

/// From points to scores, and the confidence checks.
std::string scores_section(const ExplainTrace& trace) {
    std::string out = "\nFrom points to scores\n";
    out += "  " + wrap(arithmetic_text(trace.scale), k_width - 2, "  ");
    std::size_t id_width = 0;
    for (const auto& step : trace.scores) id_width = std::max(id_width, step.stack.size());
    for (const auto& step : trace.scores)
        out +=
            "  " + wrap(fmt::format("{:<{}}  {} points: {}", step.stack, id_width,
                                    plain(step.points), score_calculation_text(step, trace.scale)),
                        k_width - 2, "    ");

    out += fmt::format("\nConfidence: {}\n", to_string(trace.confidence_level));
    const std::vector<std::string> checks = confidence_check_texts(trace);
    for (std::size_t i = 0; i < checks.size(); ++i) {
        const std::string prefix = fmt::format("  {}. ", i + 1);
        out += prefix + wrap(checks[i], k_width - prefix.size(), std::string(prefix.size(), ' '));
    }
    return out;
}

}  // namespace

std::string render_explain_text(const ExplainTrace& trace, const KnowledgeBase& knowledge_base) {
    return terminal_safe_lines(rules_section(trace, knowledge_base) + tie_breakers_section(trace) +
                               constraints_section(trace) + scores_section(trace));
}

nlohmann::ordered_json explain_json(const ExplainTrace& trace) {
    using ordered = nlohmann::ordered_json;
    ordered rules = ordered::array();
    for (const auto& rule : trace.rules) {
        ordered reads = ordered::array();
        for (const auto& [key, value] : rule.reads)
            reads.push_back({{"key", key}, {"value", ordered(value)}});
        ordered points = ordered::object();
        for (const auto& [stack, value] : rule.points) points[stack] = json_figure(value);
        rules.push_back({{"rule", rule.rule},
                         {"fired", rule.fired},
                         {"held", rule.held},
                         {"factor", json_figure(rule.factor)},
                         {"condition", condition_text(rule.condition, rule.held)},
                         {"reads", reads},
                         {"points", points},
                         {"criterion", rule.criterion},
                         {"sources", rule.sources},
                         {"disputed", rule.disputed},
                         {"quotes", quotes_json<ordered>(rule.quotes)}});
    }
    ordered tie_breakers = ordered::array();
    for (const auto& breaker : trace.tie_breakers)
        tie_breakers.push_back({{"id", breaker.id},
                                {"favours", breaker.favours},
                                {"condition", condition_text(breaker.condition, breaker.held)},
                                {"held", breaker.held},
                                {"applied", breaker.applied},
                                {"kept", breaker.kept}});
    ordered constraints = ordered::array();
    for (const auto& constraint : trace.constraints)
        constraints.push_back({{"id", constraint.id},
                               {"excludes", constraint.excludes},
                               {"condition", condition_text(constraint.condition, constraint.held)},
                               {"consulted", constraint.consulted},
                               {"held", constraint.held},
                               {"ruled_out", constraint.ruled_out}});
    ordered scores = ordered::array();
    for (const auto& step : trace.scores)
        scores.push_back({{"stack", step.stack},
                          {"points", json_figure(step.points)},
                          {"score", json_figure(step.score)},
                          {"calculation", score_calculation_text(step, trace.scale)}});
    ordered document;
    document["rules"] = rules;
    document["tie_breakers"] = tie_breakers;
    document["constraints"] = constraints;
    document["user_ruled_out"] = trace.user_ruled_out;
    document["arithmetic"] = arithmetic_text(trace.scale);
    document["scale"] = {{"lowest", json_figure(trace.scale.lowest)},
                         {"highest", json_figure(trace.scale.highest)}};
    document["scores"] = scores;
    document["confidence"] = {{"level", to_string(trace.confidence_level)},
                              {"checks", confidence_check_texts(trace)}};
    return document;
}

namespace {

/// " [1,4]": the markers of a tie-breaker's sources ("" when it cites none).
std::string tie_break_markers(const KnowledgeBase& knowledge_base, const std::string& id) {
    for (const auto& breaker : knowledge_base.tie_breakers)
        if (breaker.id == id && !breaker.sources.empty())
            return " " + source_markers(knowledge_base.facts, breaker.sources);
    return {};
}

}  // namespace

std::string render_contrast_text(const Contrast& contrast, const KnowledgeBase& knowledge_base) {
    constexpr std::size_t width = 80;
    if (contrast.second.empty()) return {};
    const std::string first = stack_name(knowledge_base, contrast.first);
    const std::string second = stack_name(knowledge_base, contrast.second);
    std::string out = fmt::format("Why {} and not {}\n", first, second);
    if (contrast.point_gap == 0) {
        const std::string tied =
            fmt::format("They are tied on points{}",
                        contrast.rules.empty() ? std::string() : " (the rules below cancel out)");
        out +=
            "  " + wrap(contrast.tie_break.empty()
                            ? fmt::format("{}, and no tie-breaker the sources give separates them: "
                                          "there is no clear pick between them ({} is only listed "
                                          "first).",
                                          tied, first)
                            : fmt::format("{}; tie-breaker {} puts {} first: {}{}", tied,
                                          contrast.tie_break, first, contrast.tie_break_reason,
                                          tie_break_markers(knowledge_base, contrast.tie_break)),
                        width - 2, "  ");
    } else {
        out += "  " + wrap(fmt::format("{} leads by {} points ({} on the score). The rules that "
                                       "separate them ({} minus {}):",
                                       first, plain(contrast.point_gap), plain(contrast.score_gap),
                                       contrast.first, contrast.second),
                           width - 2, "  ");
    }
    for (const auto& [rule_id, gap] : contrast.rules) {
        const Rule* rule = knowledge_base.find_rule(rule_id);
        const std::string prefix = fmt::format("  {:>4}  ", signed_points(gap));
        out += prefix + wrap(rule_id + ": " + (rule ? rule->reason : std::string()),
                             width - prefix.size(), std::string(prefix.size(), ' '));
    }
    return terminal_safe_lines(out);
}

namespace {

using detail::member;
using detail::text_or_null;

/// contrast_json() through either writer (detail::JsonBuilder or detail::JsonTextWriter).
template <typename Writer>
void write_contrast_object(Writer& writer, const Contrast& contrast) {
    const auto rules = [&](Writer& out) {
        out.begin_array();
        for (const auto& [rule, gap] : contrast.rules)
            detail::write_object(out, member("rule", rule), member("points", gap));
        out.end_array();
    };
    detail::write_object(
        writer, member("first", contrast.first), member("second", text_or_null(contrast.second)),
        member("point_gap", contrast.point_gap), member("score_gap", contrast.score_gap),
        member("rules", rules), member("tie_break", text_or_null(contrast.tie_break)));
}

}  // namespace

nlohmann::ordered_json contrast_json(const Contrast& contrast) {
    detail::JsonBuilder builder;
    write_contrast_object(builder, contrast);
    return builder.take();
}

void detail::write_contrast(JsonTextWriter& writer, const Contrast& contrast) {
    write_contrast_object(writer, contrast);
}

void detail::write_contrast(JsonBuilder& builder, const Contrast& contrast) {
    write_contrast_object(builder, contrast);
}

}  // namespace stackpick
