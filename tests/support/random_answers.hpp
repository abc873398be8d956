#pragma once
// Random but valid answers for property-style tests: each question answered or left unknown.

#include <algorithm>
#include <cstdint>
#include <random>
#include <vector>

#include "stackpick/knowledge/answers.hpp"
#include "stackpick/knowledge/question.hpp"

namespace stackpick::testing {

/// How random_answers() draws.
struct RandomAnswersShape {
    double true_probability = 0.4;  ///< a boolean answered true
    /// Integers are drawn up to this (or the question's maximum): small values are where the
    /// rules' thresholds are.
    double integer_ceiling = 100000;
};

/// Every question answered with a valid value, or (one time in three) left unknown.
inline GivenAnswers random_answers(const std::vector<Question>& questions, std::mt19937& random,
                                   const RandomAnswersShape& shape = {}) {
    GivenAnswers given;
    for (const auto& question : questions) {
        if (std::uniform_int_distribution<int>(0, 2)(random) == 0) continue;  // left assumed
        switch (question.type) {
            case QuestionType::boolean:
                given[question.key] = std::bernoulli_distribution(shape.true_probability)(random);
                break;
            case QuestionType::choice: {
                const auto index = std::uniform_int_distribution<std::size_t>(
                    0, question.choices.size() - 1)(random);
                given[question.key] = question.choices[index].id;
                break;
            }
            case QuestionType::integer: {
                const auto max = std::min(*question.maximum, shape.integer_ceiling);
                given[question.key] = static_cast<std::int64_t>(
                    std::uniform_real_distribution<double>(*question.minimum, max)(random));
                break;
            }
            case QuestionType::number:
                given[question.key] = std::uniform_real_distribution<double>(
                    *question.minimum, *question.maximum)(random);
                break;
        }
    }
    return given;
}

}  // namespace stackpick::testing
