#include "stackpick/engine/what_if.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <set>
#include <stdexcept>
#include <tuple>

#include <fmt/format.h>

#include "stackpick/engine/scorer.hpp"
#include "stackpick/logic/analysis.hpp"
#include "stackpick/logic/logic.hpp"
#include "stackpick/util/error.hpp"

namespace stackpick {

namespace {

using nlohmann::json;

/// The stacks in front after scoring (indexes into KnowledgeBase::stacks, ranking order): one
/// for a pick, several for a tie that stays open.
using Outcome = std::vector<std::size_t>;

/// Scores answers for the top pick only: the engine's scorer, without reasons, frameworks or
/// strings, so that the search can afford thousands of scorings. Allocates nothing per scoring
/// beyond the ranking.
class PickScorer {
  public:
    PickScorer(const KnowledgeBase& knowledge_base, const ScoringOptions& options)
        : m_scorer(knowledge_base, options) {}

    /// The stacks in front, as recommend() ranks them: the pick alone, or the stacks of a tie
    /// that no tie-breaker settles.
    Outcome pick(const json& answers) {
        ++m_scorings;
        m_scorer.sum(answers, m_points);
        const PointsRanking ranking = m_scorer.rank(m_points, answers);
        return Outcome(ranking.order.begin(),
                       ranking.order.begin() + static_cast<std::ptrdiff_t>(ranking.candidates));
    }

    std::size_t scorings() const { return m_scorings; }
    /// Conditions evaluated so far (each scoring evaluates every rule that can fire).
    std::size_t evaluations() const { return m_scorings * m_scorer.active_rules().size(); }

  private:
    Scorer m_scorer;
    std::vector<double> m_points;
    std::size_t m_scorings = 0;
};

bool is_numeric(const Question& question) {
    return question.type == QuestionType::integer || question.type == QuestionType::number;
}

/// Whether a condition (of a rule or a tie-breaker) may read the answer `key`.
bool may_read(const json& when, const std::vector<std::string>& reads, const std::string& key) {
    return !logic::reads_are_complete(when) ||
           std::find(reads.begin(), reads.end(), key) != reads.end();
}

/// A number question's values cut into pieces within which no rule or tie-breaker can tell two
/// values apart: a condition compares the answer with numbers c, so its outcome can change only
/// where v reaches c (>=, <, ==) or passes it (<=, >, ==). Each piece is [low, high], ascending.
std::vector<ValueRange> number_pieces(const KnowledgeBase& knowledge_base,
                                      const Question& question) {
    constexpr double k_safe = 9007199254740992.0;  // 2^53: integers stay exact
    const bool integer = question.type == QuestionType::integer;
    double low = question.minimum.value_or(-k_safe);
    double high = question.maximum.value_or(k_safe);
    if (integer) {
        low = std::ceil(std::max(low, -k_safe));
        high = std::floor(std::min(high, k_safe));
    }
    if (!(low <= high)) return {};

    std::vector<double> numbers;
    const auto add_numbers = [&](const json& when) {
        const std::vector<double> found = logic::number_literals(when);
        numbers.insert(numbers.end(), found.begin(), found.end());
    };
    for (const auto& rule : knowledge_base.rules)
        if (may_read(rule.when, rule.reads, question.key)) add_numbers(rule.when);
    for (const auto& breaker : knowledge_base.tie_breakers)
        if (may_read(breaker.when, breaker.reads, question.key)) add_numbers(breaker.when);
    for (const auto& constraint : knowledge_base.constraints)
        if (may_read(constraint.when, constraint.reads, question.key)) add_numbers(constraint.when);
    std::set<double> starts{low};
    const auto add_start = [&](double start) {
        if (std::isfinite(start) && start > low && start <= high) starts.insert(start);
    };
    for (double number : numbers) {
        if (integer) {
            add_start(std::ceil(number));
            add_start(std::floor(number) + 1);
        } else {
            add_start(number);
            add_start(std::nextafter(number, std::numeric_limits<double>::infinity()));
        }
    }
    std::vector<ValueRange> pieces;
    for (auto start = starts.begin(); start != starts.end(); ++start) {
        const auto next = std::next(start);
        double end = high;
        if (next != starts.end())
            end = integer ? *next - 1
                          : std::nextafter(*next, -std::numeric_limits<double>::infinity());
        pieces.push_back({*start, end});
    }
    return pieces;
}

json number_value(const Question& question, double value) {
    if (question.type == QuestionType::integer) return static_cast<std::int64_t>(value);
    return value;
}

/// Whether changing this answer can change the outcome: some rule that can fire, or some
/// tie-breaker that can be consulted, reads it. Answers nothing reads (such as the cost-estimate
/// inputs) cannot change the pick and are not tried.
bool may_change_outcome(const KnowledgeBase& knowledge_base, const ScoringOptions& options,
                        const std::string& key) {
    const bool rule_reads = std::any_of(
        knowledge_base.rules.begin(), knowledge_base.rules.end(), [&](const Rule& rule) {
            return options.factor(rule) != 0 && may_read(rule.when, rule.reads, key);
        });
    const bool constraint_reads =
        std::any_of(knowledge_base.constraints.begin(), knowledge_base.constraints.end(),
                    [&](const Constraint& constraint) {
                        return constraint_consulted(constraint, options) &&
                               may_read(constraint.when, constraint.reads, key);
                    });
    return rule_reads || constraint_reads ||
           std::any_of(knowledge_base.tie_breakers.begin(), knowledge_base.tie_breakers.end(),
                       [&](const TieBreaker& breaker) {
                           return !options.excludes_all(breaker.sources) &&
                                  may_read(breaker.when, breaker.reads, key);
                       });
}

/// One changed answer the search tries.
struct Candidate {
    json value;             ///< the representative value tried
    ValueRange piece;       ///< for a number question: the values the representative stands for
    std::size_t index = 0;  ///< for a number question: the piece's position, for adjacency
};

/// The value in [low, high] nearest the current answer; the lowest when the answer is unknown.
double nearest(const ValueRange& range, const json& current) {
    if (current.is_number() && current.get<double>() > range.high) return range.high;
    return range.low;
}

/// The changes worth trying for one question, in the order they are reported.
std::vector<Candidate> candidates_for(const KnowledgeBase& knowledge_base, const Question& question,
                                      const json& current) {
    std::vector<Candidate> candidates;
    switch (question.type) {
        case QuestionType::boolean:
            if (current.is_boolean()) {
                candidates.push_back({!current.get<bool>(), {}, 0});
            } else {
                candidates.push_back({true, {}, 0});
                candidates.push_back({false, {}, 0});
            }
            break;
        case QuestionType::choice:
            for (const auto& choice : question.choices)
                if (!(current.is_string() && current.get<std::string>() == choice.id))
                    candidates.push_back({choice.id, {}, 0});
            break;
        case QuestionType::integer:
        case QuestionType::number: {
            const auto pieces = number_pieces(knowledge_base, question);
            for (std::size_t i = 0; i < pieces.size(); ++i) {
                const ValueRange& piece = pieces[i];
                if (current.is_number() && current.get<double>() >= piece.low &&
                    current.get<double>() <= piece.high)
                    continue;  // where the answer already is
                candidates.push_back({number_value(question, nearest(piece, current)), piece, i});
            }
            break;
        }
    }
    return candidates;
}

/// Consecutive candidates of one question, [first, last]; more than one only for numbers.
struct Span {
    std::size_t question = 0;  ///< position in the search's key order
    std::size_t first = 0;
    std::size_t last = 0;
    auto tied() const { return std::tie(question, first, last); }
};

/// A set of changes found to flip the pick.
struct Found {
    std::vector<Span> spans;  ///< in key order
    Outcome pick;
};

class Search {
  public:
    Search(const KnowledgeBase& knowledge_base, const GivenAnswers& given,
           const ScoringOptions& options)
        : m_knowledge_base(knowledge_base),
          m_given(given),
          m_options(options),
          m_scorer(knowledge_base, options) {
        ResolvedAnswers resolved = resolve_answers(knowledge_base.questions, given);
        m_answers = std::move(resolved.values);
        for (const auto& question : knowledge_base.questions) m_order.push_back(&question);
        std::sort(m_order.begin(), m_order.end(),
                  [](const Question* a, const Question* b) { return a->key < b->key; });
        for (const Question* question : m_order) {
            json& slot = m_answers[question->key];
            m_slots.push_back(&slot);
            m_current.push_back(slot);
            m_candidates.push_back(may_change_outcome(knowledge_base, options, question->key)
                                       ? candidates_for(knowledge_base, *question, slot)
                                       : std::vector<Candidate>{});
        }
    }

    WhatIf run(std::size_t max_flips) {
        WhatIf result;
        const Recommendation now = recommend(
            m_knowledge_base, resolve_answers(m_knowledge_base.questions, m_given), m_options);
        result.pick = now.id;
        result.open_between = now.open_between;
        m_pick = m_scorer.pick(m_answers);
        if (ids_of(m_pick) != front_of(now))
            throw std::logic_error("what-if scoring disagrees with the engine on " + now.id);

        // Single changes: all of them, always (a few dozen scorings).
        std::vector<Found> found;
        std::vector<Span> quiet;  // changes that leave the pick alone, for the pairs
        for (std::size_t q = 0; q < m_order.size(); ++q)
            for (std::size_t c = 0; c < m_candidates[q].size(); ++c) {
                const Span span{q, c, c};
                Outcome pick = score({span});
                if (pick.empty()) continue;  // rules out every stack: no pick to change to
                if (pick != m_pick)
                    found.push_back({{span}, std::move(pick)});
                else
                    quiet.push_back(span);
            }
        merge_runs(found, 0);

        // Pairs in which neither change flips the pick alone. When the single changes already
        // fill max_flips, the pairs only decide whether more exist: stop at the first one.
        const bool pairs_wanted = found.size() < max_flips;
        bool cut_short = false;
        bool more_exist = false;
        std::vector<Found> pairs;
        for (std::size_t i = 0; i < quiet.size() && !cut_short && !more_exist; ++i)
            for (std::size_t j = i + 1; j < quiet.size(); ++j) {
                if (quiet[i].question == quiet[j].question) continue;
                if (m_scorer.evaluations() >= k_what_if_max_evaluations) {
                    cut_short = true;
                    break;
                }
                Outcome pick = score({quiet[i], quiet[j]});
                if (pick == m_pick || pick.empty()) continue;
                if (!pairs_wanted) {
                    more_exist = true;
                    break;
                }
                pairs.push_back({{quiet[i], quiet[j]}, std::move(pick)});
            }
        merge_runs(pairs, 1);
        merge_runs(pairs, 0);
        found.insert(found.end(), pairs.begin(), pairs.end());
        std::stable_sort(found.begin(), found.end(), [](const Found& a, const Found& b) {
            if (a.spans.size() != b.spans.size()) return a.spans.size() < b.spans.size();
            for (std::size_t i = 0; i < a.spans.size(); ++i)
                if (a.spans[i].question != b.spans[i].question)
                    return a.spans[i].question < b.spans[i].question;
            for (std::size_t i = 0; i < a.spans.size(); ++i)
                if (a.spans[i].first != b.spans[i].first)
                    return a.spans[i].first < b.spans[i].first;
            return false;
        });

        add_rule_out_flips(result);
        result.capped = cut_short || more_exist || found.size() > max_flips;
        for (const Found& flip : found) {
            if (result.flips.size() == max_flips) break;
            if (auto verified = verify(flip)) result.flips.push_back(std::move(*verified));
        }
        result.scorings = m_scorer.scorings() + m_full_scorings;
        return result;
    }

  private:
    /// Each --rule-out that, dropped alone, changes the pick with the answers as they are;
    /// checked by recommend() like every flip.
    void add_rule_out_flips(WhatIf& result) {
        for (const std::string& stack : m_options.ruled_out) {
            ScoringOptions without = m_options;
            without.ruled_out.erase(
                std::remove(without.ruled_out.begin(), without.ruled_out.end(), stack),
                without.ruled_out.end());
            ++m_full_scorings;
            const Recommendation changed = recommend(
                m_knowledge_base, resolve_answers(m_knowledge_base.questions, m_given), without);
            if (front_of(changed) == ids_of(m_pick)) continue;
            Flip flip;
            flip.without_rule_out.push_back(stack);
            flip.pick = changed.id;
            flip.open_between = changed.open_between;
            result.flips.push_back(std::move(flip));
        }
    }

    /// The stack ids of an outcome.
    std::vector<std::string> ids_of(const Outcome& outcome) const {
        std::vector<std::string> ids;
        for (const std::size_t s : outcome) ids.push_back(m_knowledge_base.stacks[s].id);
        return ids;
    }

    /// The stacks in front of a recommendation, as an outcome's ids.
    static std::vector<std::string> front_of(const Recommendation& recommendation) {
        if (!recommendation.open_between.empty()) return recommendation.open_between;
        return {recommendation.id};
    }

    /// The outcome with these changes applied (and then undone).
    Outcome score(const std::vector<Span>& spans) {
        for (const Span& span : spans) *m_slots[span.question] = value_of(span);
        Outcome pick = m_scorer.pick(m_answers);
        for (const Span& span : spans) *m_slots[span.question] = m_current[span.question];
        return pick;
    }

    ValueRange range_of(const Span& span) const {
        const auto& candidates = m_candidates[span.question];
        return {candidates[span.first].piece.low, candidates[span.last].piece.high};
    }

    /// The value reported for a span: its candidate, or for a run of number pieces the value
    /// nearest the current answer (a representative that was scored).
    json value_of(const Span& span) const {
        const Question& question = *m_order[span.question];
        if (!is_numeric(question) || span.first == span.last)
            return m_candidates[span.question][span.first].value;
        return number_value(question, nearest(range_of(span), m_current[span.question]));
    }

    /// Joins flips that differ only in adjacent number pieces of the spans[dimension] question
    /// and give the same pick, into one run.
    void merge_runs(std::vector<Found>& flips, std::size_t dimension) const {
        const auto others = [dimension](const Found& flip) {
            std::vector<std::tuple<std::size_t, std::size_t, std::size_t>> rest;
            for (std::size_t i = 0; i < flip.spans.size(); ++i)
                if (i != dimension) rest.push_back(flip.spans[i].tied());
            return rest;
        };
        std::stable_sort(flips.begin(), flips.end(), [&](const Found& a, const Found& b) {
            const auto key_a = std::make_tuple(others(a), a.pick, a.spans[dimension].question,
                                               a.spans[dimension].first);
            const auto key_b = std::make_tuple(others(b), b.pick, b.spans[dimension].question,
                                               b.spans[dimension].first);
            return key_a < key_b;
        });
        std::vector<Found> merged;
        for (Found& flip : flips) {
            if (!merged.empty()) {
                Found& previous = merged.back();
                Span& run = previous.spans[dimension];
                const Span& next = flip.spans[dimension];
                const auto& candidates = m_candidates[next.question];
                if (previous.pick == flip.pick && run.question == next.question &&
                    is_numeric(*m_order[next.question]) && others(previous) == others(flip) &&
                    candidates[run.last].index + 1 == candidates[next.first].index) {
                    run.last = next.last;
                    continue;
                }
            }
            merged.push_back(std::move(flip));
        }
        flips = std::move(merged);
    }

    /// The flip as reported, if recommend() agrees; ranges kept only where both ends agree too.
    std::optional<Flip> verify(const Found& found) {
        Flip flip;
        flip.pick = m_knowledge_base.stacks[found.pick.front()].id;
        if (found.pick.size() > 1) flip.open_between = ids_of(found.pick);
        GivenAnswers changed = m_given;
        for (const Span& span : found.spans) {
            const Question& question = *m_order[span.question];
            flip.changes[question.key] = value_of(span);
            changed[question.key] = value_of(span);
        }
        ++m_full_scorings;
        if (front_of(recommend(m_knowledge_base,
                               resolve_answers(m_knowledge_base.questions, changed), m_options)) !=
            ids_of(found.pick))
            return std::nullopt;

        for (std::size_t i = 0; i < found.spans.size(); ++i) {
            const Span& span = found.spans[i];
            const Question& question = *m_order[span.question];
            if (!is_numeric(question)) continue;
            ValueRange range = range_of(span);
            bool holds_at_ends = true;
            for (double end : {range.low, range.high}) {
                for (const Span& other : found.spans) *m_slots[other.question] = value_of(other);
                *m_slots[span.question] = number_value(question, end);
                holds_at_ends = holds_at_ends && m_scorer.pick(m_answers) == found.pick;
                for (const Span& other : found.spans)
                    *m_slots[other.question] = m_current[other.question];
            }
            if (!holds_at_ends) {
                const double value = value_of(span).get<double>();
                range = {value, value};
            }
            flip.ranges[question.key] = range;
        }
        return flip;
    }

    const KnowledgeBase& m_knowledge_base;
    const GivenAnswers& m_given;
    const ScoringOptions& m_options;
    PickScorer m_scorer;
    json m_answers;
    std::vector<const Question*> m_order;  ///< questions by answer key
    std::vector<json*> m_slots;            ///< each question's answer in m_answers
    std::vector<json> m_current;           ///< each question's answer as given or assumed
    std::vector<std::vector<Candidate>> m_candidates;
    Outcome m_pick;
    std::size_t m_full_scorings = 0;
};

}  // namespace

WhatIf what_if(const KnowledgeBase& knowledge_base, const GivenAnswers& given,
               const ScoringOptions& options, std::size_t max_flips) {
    return Search(knowledge_base, given, options).run(max_flips);
}

}  // namespace stackpick
