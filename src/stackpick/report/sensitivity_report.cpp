#include "stackpick/report/sensitivity_report.hpp"

#include <cmath>
#include <cstdint>

#include <fmt/format.h>

#include "stackpick/report/stack_names.hpp"
#include "stackpick/util/json_writer.hpp"
#include "stackpick/util/number_text.hpp"

namespace stackpick {

namespace {

/// Thresholds are ratios of points: figures like any other (two decimals, text and JSON alike).
std::string weight_text(double weight) { return figure_text(weight); }

nlohmann::ordered_json weight_json(double weight) { return detail::json_figure(weight); }

/// "above" when the threshold is past the current weight, "below" when under it.
const char* side(const WeightSensitivity& weight) {
    return *weight.threshold > weight.current ? "above" : "below";
}

/// How many criteria "Most sensitive to" names.
constexpr std::size_t k_most_sensitive = 3;

}  // namespace

std::vector<std::string> sensitivity_lines(const Sensitivity& sensitivity,
                                           const KnowledgeBase& knowledge_base) {
    std::vector<std::string> lines;
    std::string most;
    std::size_t named = 0;
    for (const auto& weight : sensitivity.weights) {
        if (!weight.threshold || named == k_most_sensitive) continue;
        const std::string name = stack_name(knowledge_base, weight.flips_to);
        most += named == 0 ? fmt::format("{} (the pick becomes {} {} weight {})", weight.criterion,
                                         name, side(weight), weight_text(*weight.threshold))
                           : fmt::format(", {} ({} {} {})", weight.criterion, name, side(weight),
                                         weight_text(*weight.threshold));
        ++named;
    }
    if (named > 0) lines.push_back("Most sensitive to: " + most);
    std::string sources;
    for (const auto& source : sensitivity.sources) {
        if (source.flips_to.empty()) continue;
        sources += fmt::format("{}--exclude-source {}: {}", sources.empty() ? "" : "; ",
                               source.source, stack_name(knowledge_base, source.flips_to));
    }
    if (!sources.empty()) lines.push_back("Leaving out one source changes it: with " + sources);
    return lines;
}

std::vector<std::string> weight_flip_lines(const Sensitivity& sensitivity,
                                           const KnowledgeBase& knowledge_base) {
    std::vector<std::string> lines;
    for (const auto& weight : sensitivity.weights)
        if (weight.threshold)
            lines.push_back(fmt::format("with --weight {} {} {}: {}", weight.criterion,
                                        side(weight), weight_text(*weight.threshold),
                                        stack_name(knowledge_base, weight.flips_to)));
    return lines;
}

nlohmann::ordered_json sensitivity_json(const Sensitivity& sensitivity) {
    using ordered = nlohmann::ordered_json;
    ordered weights = ordered::array();
    for (const auto& weight : sensitivity.weights)
        weights.push_back(
            {{"criterion", weight.criterion},
             {"weight", weight.threshold ? weight_json(*weight.threshold) : ordered()},
             {"current", weight_json(weight.current)},
             {"flips_to", weight.flips_to.empty() ? ordered() : ordered(weight.flips_to)},
             {"range", {{"min", weight_json(weight.min)}, {"max", weight_json(weight.max)}}}});
    ordered sources = ordered::array();
    for (const auto& source : sensitivity.sources)
        sources.push_back(
            {{"source", source.source},
             {"flips_to", source.flips_to.empty() ? ordered() : ordered(source.flips_to)}});
    ordered document;
    document["sensitivity"] = weights;
    document["source_sensitivity"] = sources;
    return document;
}

}  // namespace stackpick
