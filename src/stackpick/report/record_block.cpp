#include "stackpick/report/record_block.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "stackpick/util/json_writer.hpp"
#include "stackpick/version.hpp"

namespace stackpick {

namespace {

using detail::json_figure;
using ordered = nlohmann::ordered_json;

/// The answers given (not assumed), in question order, as the --answers format has them.
ordered given_answers_json(const KnowledgeBase& knowledge_base, const ResolvedAnswers& answers) {
    ordered given = ordered::object();
    for (const auto& question : knowledge_base.questions) {
        const bool assumed = std::find(answers.assumed.begin(), answers.assumed.end(),
                                       question.id) != answers.assumed.end();
        const auto found = answers.values.find(question.key);
        if (!assumed && found != answers.values.end()) given[question.key] = ordered(*found);
    }
    return given;
}

ordered ranked_json(const RankedStack& stack) {
    ordered rules = ordered::object();
    for (const auto& reason : stack.reasons) rules[reason.rule] = json_figure(reason.points);
    return {{"id", stack.id},
            {"score", json_figure(stack.score)},
            {"points", json_figure(stack.points)},
            {"rules", rules}};
}

}  // namespace

ordered record_json(const Recommendation& recommendation, const KnowledgeBase& knowledge_base,
                    const ResolvedAnswers& answers) {
    ordered weights = ordered::object();
    for (const auto& [criterion, weight] : recommendation.options.weights)
        // An input, kept exactly as given (not rounded as computed figures are); whole as 2.
        weights[criterion] = std::trunc(weight) == weight && std::abs(weight) < 1e15
                                 ? ordered(static_cast<std::int64_t>(weight))
                                 : ordered(weight);
    ordered fired = ordered::array();
    for (const auto& outcome : recommendation.outcomes)
        if (outcome.fired) fired.push_back(outcome.rule);
    ordered ranking = ordered::array();
    for (const auto& stack : recommendation.ranking) ranking.push_back(ranked_json(stack));
    ordered record;
    record["record_version"] = "1";
    record["stackpick_version"] = k_version;
    record["knowledge_base"] = knowledge_base.version;
    record["answers"] = given_answers_json(knowledge_base, answers);
    record["weights"] = weights;
    record["excluded_sources"] = recommendation.options.excluded_sources;
    record["ruled_out"] = recommendation.options.ruled_out;
    record["pick"] = recommendation.id;
    record["open_between"] = recommendation.open_between;
    record["confidence"] = to_string(recommendation.confidence);
    record["fired"] = fired;
    record["ranking"] = ranking;
    return record;
}

std::string render_front_matter(const Recommendation& recommendation, const std::string& date) {
    return "---\nstatus: " +
           std::string(recommendation.open_between.empty() ? "proposed" : "open") +
           "\ndate: " + date + "\ndecision-makers:\n---\n\n";
}

std::string render_record_block(const ordered& record) {
    return "\n## Record for re-checking\n\n"
           "`stackpick check` reads the block below to re-score this decision against a newer "
           "knowledge base. Edit the prose above as you like; leave the block as it is.\n\n"
           "```" +
           std::string(k_record_block_info) + "\n" +
           record.dump(2, ' ', false, ordered::error_handler_t::replace) + "\n```\n";
}

}  // namespace stackpick
