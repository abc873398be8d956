#include "stackpick/report/what_if_report.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include <fmt/format.h>

#include "stackpick/report/answer_flags.hpp"
#include "stackpick/report/stack_names.hpp"
#include "stackpick/util/json_writer.hpp"
#include "stackpick/util/text.hpp"

namespace stackpick {

namespace {

using nlohmann::json;

/// "--team-size 2 or less", "--concurrent-users 10000 or more", "--team-size 3 to 9".
std::string range_text(const Question& question, const ValueRange& range, const json& value) {
    const bool from_minimum = !question.minimum || range.low <= *question.minimum;
    const bool to_maximum = !question.maximum || range.high >= *question.maximum;
    std::string text = shell_quote(question.flag) + " ";
    if (range.low == range.high) return text + flag_number_text(question, range.low);
    if (from_minimum && to_maximum)
        return text + flag_number_text(question, value.get<double>()) + " (or any other value)";
    if (from_minimum) return text + flag_number_text(question, range.high) + " or less";
    if (to_maximum) return text + flag_number_text(question, range.low) + " or more";
    return text + flag_number_text(question, range.low) + " to " +
           flag_number_text(question, range.high);
}

}  // namespace

std::string render_flip_text(const Flip& flip, const KnowledgeBase& knowledge_base,
                             const GivenAnswers& given) {
    const ResolvedAnswers resolved = resolve_answers(knowledge_base.questions, given);
    std::vector<std::string> parts;
    for (const auto& stack : flip.without_rule_out) parts.push_back("--rule-out " + stack);
    for (const auto& [key, value] : flip.changes) {
        const Question* question = knowledge_base.find_question_by_key(key);
        if (question == nullptr) {
            parts.push_back(fmt::format("{}={}", key, value.dump()));
            continue;
        }
        const json current = resolved.values.value(key, json());
        if (question->type == QuestionType::boolean && value.is_boolean()) {
            parts.push_back(answer_flag_text(*question, value));
            continue;
        }
        const auto range = flip.ranges.find(key);
        std::string part = range != flip.ranges.end() && value.is_number()
                               ? range_text(*question, range->second, value)
                               : answer_flag_text(*question, value);
        part += " instead of " + answer_flag_text(*question, current);
        parts.push_back(std::move(part));
    }
    // "--a x instead of --a y and --b" would read as one change: a comma separates them.
    const bool long_parts = std::any_of(parts.begin(), parts.end(), [](const std::string& part) {
        return part.find(" instead of ") != std::string::npos;
    });
    if (flip.changes.empty() && !flip.without_rule_out.empty())
        return fmt::format("without {}: {}", fmt::join(parts, " and "),
                           outcome_text(knowledge_base, flip.pick, flip.open_between));
    return fmt::format("with {}: {}", fmt::join(parts, long_parts ? ", and " : " and "),
                       outcome_text(knowledge_base, flip.pick, flip.open_between));
}

std::string render_what_if_text(const WhatIf& what_if, const KnowledgeBase& knowledge_base,
                                const GivenAnswers& given,
                                const std::vector<std::string>& weight_flips) {
    constexpr std::size_t width = 80;
    std::string out = "What would change the answer (each one checked by re-scoring)\n";
    if (what_if.flips.empty())
        out += what_if.capped
                   ? "  The search was cut short before it found any change that does.\n"
                   : "  " + wrap(what_if.open_between.empty()
                                     ? fmt::format("No single change, and no pair of changes, "
                                                   "ranks anything above {}.",
                                                   stack_name(knowledge_base, what_if.pick))
                                     : fmt::format("No single change, and no pair of changes, "
                                                   "settles the tie: {}.",
                                                   outcome_text(knowledge_base, what_if.pick,
                                                                what_if.open_between)),
                                 width - 2, "  ");
    for (const Flip& flip : what_if.flips)
        out += "  " + wrap(render_flip_text(flip, knowledge_base, given), width - 2, "    ");
    if (what_if.capped && !what_if.flips.empty())
        out += "  " + wrap(fmt::format("(the first {}; the search was capped, so there are more)",
                                       what_if.flips.size()),
                           width - 2, "  ");
    for (const auto& line : weight_flips) out += "  " + wrap(line, width - 2, "    ");
    return terminal_safe_lines(out);
}

nlohmann::ordered_json what_if_json(const WhatIf& what_if) {
    using ordered = nlohmann::ordered_json;
    ordered flips = ordered::array();
    for (const Flip& flip : what_if.flips) {
        ordered changes = ordered::object();
        for (const auto& [key, value] : flip.changes) changes[key] = ordered(value);
        ordered ranges = ordered::object();
        for (const auto& [key, range] : flip.ranges) {
            ranges[key] = {{"from", detail::json_figure(range.low)},
                           {"to", detail::json_figure(range.high)}};
        }
        ordered entry = {{"changes", changes},
                         {"pick", flip.pick},
                         {"open_between", flip.open_between},
                         {"ranges", ranges}};
        if (!flip.without_rule_out.empty()) entry["without_rule_out"] = flip.without_rule_out;
        flips.push_back(std::move(entry));
    }
    ordered document;
    document["what_if"] = flips;
    document["what_if_capped"] = what_if.capped;
    return document;
}

}  // namespace stackpick
