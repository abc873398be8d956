#include "stackpick/engine/explain.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <set>
#include <string_view>
#include <unordered_map>

#include <fmt/format.h>

#include "stackpick/logic/logic.hpp"
#include "stackpick/util/error.hpp"

namespace stackpick {

namespace {

using nlohmann::json;

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

Described describe(const json& node, const json& answers);

std::string operand(const json& node, const json& answers, int min_precedence) {
    Described described = describe(node, answers);
    if (described.precedence >= min_precedence) return described.text;
    return "(" + described.text + ")";
}

std::string joined(const json& arguments, const json& answers, const std::string& separator,
                   int min_precedence) {
    std::string text;
    for (const auto& argument : arguments) {
        if (!text.empty()) text += separator;
        text += operand(argument, answers, min_precedence);
    }
    return text;
}

/// The value a var/val reads, as the engine sees it (evaluated, so defaults apply).
std::string read_value(const json& node, const json& answers) {
    try {
        return logic::to_compact_json(logic::evaluate(logic::compile(node), answers));
    } catch (const std::exception& e) {
        return fmt::format("error: {}", e.what());
    }
}

/// The path of a var or val with literal arguments ("concurrent_users", "load.peak"), or "".
std::string literal_path(const std::string& op, const json& arguments) {
    if (arguments.empty()) return {};
    const json& path = arguments[0];
    if (op == "var") {
        if (path.is_string()) return path.get<std::string>();
        if (path.is_number()) return path.dump();
        return {};
    }
    std::string text;
    for (const auto& segment : arguments) {
        if (!segment.is_string() && !segment.is_number()) return {};
        if (!text.empty()) text += '.';
        text += segment.is_string() ? segment.get<std::string>() : segment.dump();
    }
    return text;
}

Described describe_operation(const std::string& op, const json& value, const json& node,
                             const json& answers) {
    static const std::set<std::string> comparisons = {"==", "===", "!=", "!==", "<",
                                                      "<=", ">",   ">=", "in"};
    const json arguments = value.is_array() ? value : json::array({value});
    const std::size_t count = arguments.size();

    if (op == "var" || op == "val") {
        const std::string path = literal_path(op, arguments);
        if (!path.empty() && (op == "val" || count == 1))
            return {fmt::format("{} ({})", path, read_value(node, answers)), k_atom};
        return {fmt::format("{}({}) ({})", op, joined(arguments, answers, ", ", k_conditional),
                            read_value(node, answers)),
                k_atom};
    }
    if (op == "preserve") return {logic::to_compact_json(value), k_atom};
    if ((op == "and" || op == "or") && count >= 2) {
        const int precedence = op == "and" ? k_and : k_or;
        // Mixed and/or always get parentheses: few readers know which binds tighter.
        return {joined(arguments, answers, " " + op + " ", k_and + 1), precedence};
    }
    if (op == "!" && count == 1) return {"not " + operand(arguments[0], answers, k_unary), k_unary};
    if (comparisons.count(op) && count == 2)
        return {fmt::format("{} {} {}", operand(arguments[0], answers, k_additive), op,
                            operand(arguments[1], answers, k_additive)),
                k_comparison};
    if ((op == "<" || op == "<=") && count == 3)
        return {joined(arguments, answers, " " + op + " ", k_additive), k_comparison};
    if ((op == "+" || op == "*") && count >= 2)
        return {joined(arguments, answers, " " + op + " ",
                       op == "+" ? k_additive + 1 : k_multiplicative + 1),
                op == "+" ? k_additive : k_multiplicative};
    if ((op == "-" || op == "/" || op == "%") && count == 2) {
        const int precedence = op == "-" ? k_additive : k_multiplicative;
        return {fmt::format("{} {} {}", operand(arguments[0], answers, precedence), op,
                            operand(arguments[1], answers, precedence + 1)),
                precedence};
    }
    if (op == "-" && count == 1) return {"-" + operand(arguments[0], answers, k_unary), k_unary};
    if ((op == "if" || op == "?:") && count >= 3 && count % 2 == 1) {
        std::string text;
        for (std::size_t i = 0; i + 1 < count; i += 2)
            text += fmt::format("{}if {} then {} ", i == 0 ? "" : "else ",
                                operand(arguments[i], answers, k_or),
                                operand(arguments[i + 1], answers, k_or));
        text += "else " + operand(arguments[count - 1], answers, k_or);
        return {text, k_conditional};
    }
    return {fmt::format("{}({})", op, joined(arguments, answers, ", ", k_conditional)), k_atom};
}

Described describe(const json& node, const json& answers) {
    if (node.is_object() && node.size() == 1)
        return describe_operation(node.begin().key(), node.begin().value(), node, answers);
    if (node.is_array()) return {"[" + joined(node, answers, ", ", k_conditional) + "]", k_atom};
    return {logic::to_compact_json(node), k_atom};
}

/// The confidence checks in the engine's order, each saying whether it applied.
std::vector<ConfidenceReason> confidence_checks(const KnowledgeBase& knowledge_base,
                                                const ResolvedAnswers& answers,
                                                const Recommendation& recommendation) {
    using Kind = ConfidenceReason::Kind;
    const auto& settings = knowledge_base.confidence;
    const auto& reasons = recommendation.confidence_reasons;
    if (recommendation.ranking.size() < 2 || reasons.empty()) return reasons;
    const auto& first = recommendation.ranking[0];
    const auto& second = recommendation.ranking[1];

    std::vector<ConfidenceReason> checks{reasons[0]};
    std::size_t used = 1;
    Confidence level = recommendation.margin >= settings.high_margin     ? Confidence::high
                       : recommendation.margin >= settings.medium_margin ? Confidence::medium
                                                                         : Confidence::low;
    const std::size_t total = knowledge_base.questions.size();
    const std::size_t answered = total - answers.assumed.size();
    if (level == Confidence::high && answered < settings.min_answers_for_high) {
        if (used < reasons.size()) checks.push_back(reasons[used++]);
        level = Confidence::medium;
    } else {
        ConfidenceReason check;
        check.kind = Kind::answers_checked;
        check.answered = answered;
        check.questions = total;
        check.needed = settings.min_answers_for_high;
        check.level = level;
        checks.push_back(check);
    }

    const double disputed = disputed_lead(knowledge_base, recommendation, recommendation.options);
    const double lead = first.points - second.points;
    if (lead > 0 && disputed > settings.disputed_share * lead && level != Confidence::low) {
        if (used < reasons.size()) checks.push_back(reasons[used++]);
    } else if (lead <= 0) {
        ConfidenceReason check;
        check.kind = Kind::no_lead;
        checks.push_back(check);
    } else {
        ConfidenceReason check;
        check.kind = Kind::disputed_checked;
        check.disputed = disputed;
        check.lead = lead;
        check.limit = settings.disputed_share * lead;
        check.level = level;
        checks.push_back(check);
    }
    // Should the engine's checks ever change shape, its own reasons are the truth.
    if (used != reasons.size()) return reasons;
    return checks;
}

}  // namespace

std::string describe_condition(const nlohmann::json& when, const nlohmann::json& answers) {
    return describe(when, answers).text;
}

ExplainTrace explain(const KnowledgeBase& knowledge_base, const ResolvedAnswers& answers,
                     const Recommendation& recommendation) {
    ExplainTrace trace;
    const ScoringOptions& options = recommendation.options;
    for (std::size_t i = 0; i < knowledge_base.rules.size(); ++i) {
        const Rule& rule = knowledge_base.rules[i];
        RuleTrace traced;
        traced.rule = rule.id;
        traced.factor = options.factor(rule);
        traced.criterion = rule.criterion;
        traced.sources = rule.sources;
        traced.disputed = rule.disputed;
        traced.quotes = rule.quotes;
        if (i < recommendation.outcomes.size() && recommendation.outcomes[i].rule == rule.id)
            traced.fired = recommendation.outcomes[i].fired;

        logic::Trace reads;
        std::string result;
        try {
            traced.held = logic::truthy(logic::evaluate(rule.condition, answers.values, &reads));
            result = traced.held ? "true" : "false";
        } catch (const logic::RuleError& e) {
            // The engine never evaluates a rule that is switched off; anything else is bad data.
            if (traced.factor != 0) throw evaluation_error("rule", rule.id, e);
            result = fmt::format("error: {}", e.what());
        }
        traced.condition_text = describe_condition(rule.when, answers.values) + " -> " + result;
        for (auto& read : reads.reads) {
            const bool seen =
                std::any_of(traced.reads.begin(), traced.reads.end(),
                            [&](const auto& earlier) { return earlier.first == read.path; });
            if (!seen) traced.reads.emplace_back(read.path, std::move(read.value));
        }
        if (traced.fired)
            for (const auto& stack : knowledge_base.stacks) {
                const double points = rule.points_for(stack.id) * traced.factor;
                if (points != 0) traced.points[stack.id] = points;
            }
        trace.rules.push_back(std::move(traced));
    }

    if (!recommendation.tied_with.empty()) {
        for (const auto& breaker : knowledge_base.tie_breakers) {
            TieBreakerTrace traced{breaker.id, {}, false, false, {}, breaker.favours};
            std::string result;
            try {
                traced.held = logic::evaluate_truthy(breaker.condition, answers.values);
                result = traced.held ? "true" : "false";
            } catch (const logic::RuleError& e) {
                result = fmt::format("error: {}", e.what());
            }
            traced.condition_text =
                describe_condition(breaker.when, answers.values) + " -> " + result;
            for (const auto& step : recommendation.tie_breaks)
                if (step.id == breaker.id) {
                    traced.applied = true;
                    traced.kept = step.kept;
                }
            trace.tie_breakers.push_back(std::move(traced));
        }
    }

    trace.scale = recommendation.scale;
    for (const auto& stack : recommendation.ranking)
        trace.scores.push_back({stack.id, stack.name, stack.points, stack.score});

    trace.confidence_level = recommendation.confidence;
    trace.confidence = confidence_checks(knowledge_base, answers, recommendation);
    return trace;
}

Contrast versus_runner_up(const Recommendation& recommendation) {
    Contrast contrast;
    if (recommendation.ranking.empty()) return contrast;
    const RankedStack& first = recommendation.ranking[0];
    contrast.first = first.id;
    if (recommendation.ranking.size() < 2) return contrast;
    const RankedStack& second = recommendation.ranking[1];
    contrast.second = second.id;
    contrast.point_gap = first.points - second.points;
    contrast.score_gap = recommendation.margin;
    for (const auto& step : recommendation.tie_breaks) {
        const auto kept = [&](const std::string& id) {
            return std::find(step.kept.begin(), step.kept.end(), id) != step.kept.end();
        };
        if (contrast.point_gap == 0 && kept(first.id) && !kept(second.id)) {
            contrast.tie_break = step.id;
            contrast.tie_break_reason = step.reason;
            break;
        }
    }

    // Hashed views of the reasons' rule ids: with many rules, a std::map of copies costs more
    // than the rest of the contrast.
    std::unordered_map<std::string_view, double> gaps;
    gaps.reserve(first.reasons.size() + second.reasons.size());
    for (const auto& reason : first.reasons) gaps[reason.rule] += reason.points;
    for (const auto& reason : second.reasons) gaps[reason.rule] -= reason.points;
    // Knowledge-base order first, so that equal gaps keep it after the stable sort.
    for (const auto& outcome : recommendation.outcomes) {
        if (gaps.empty()) break;
        const auto found = gaps.find(outcome.rule);
        if (found == gaps.end()) continue;
        if (found->second != 0) contrast.rules.emplace_back(found->first, found->second);
        gaps.erase(found);
    }
    // Rules the outcomes do not list, in id order.
    std::vector<std::pair<std::string_view, double>> rest(gaps.begin(), gaps.end());
    std::sort(rest.begin(), rest.end());
    for (const auto& [rule, gap] : rest)
        if (gap != 0) contrast.rules.emplace_back(rule, gap);
    std::stable_sort(contrast.rules.begin(), contrast.rules.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
    return contrast;
}

}  // namespace stackpick
