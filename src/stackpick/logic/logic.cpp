#include "stackpick/logic/logic.hpp"

#include <memory>
#include <string>
#include <utility>

#include "node.hpp"
#include "value.hpp"

namespace stackpick::logic {

CompileError::CompileError(const std::string& message, std::string pointer_to_problem)
    : std::runtime_error(message), pointer(std::move(pointer_to_problem)) {}

RuleError::RuleError(nlohmann::json thrown)
    : std::runtime_error("rule threw " + to_compact_json(thrown)), error(std::move(thrown)) {}

Expression::Expression() : m_compiled(std::make_shared<const detail::Compiled>()) {}

Expression::Expression(std::shared_ptr<const detail::Compiled> compiled)
    : m_compiled(std::move(compiled)) {}

Expression compile(const nlohmann::json& rule) {
    auto compiled = std::make_shared<detail::Compiled>();
    compiled->root = detail::compile_rule(rule);
    // After the tree has its final place: the program points into it.
    compiled->fast = detail::compile_fast(compiled->root);
    return Expression(std::move(compiled));
}

nlohmann::json evaluate(const Expression& expression, const nlohmann::json& data) {
    return evaluate(expression, data, nullptr);
}

nlohmann::json evaluate(const Expression& expression, const nlohmann::json& data, Trace* trace) {
    try {
        return detail::evaluate_root(expression.m_compiled->root, data, trace);
    } catch (detail::Thrown& thrown) {
        throw RuleError(std::move(thrown.error));
    }
}

// evaluate_truthy() is in eval_fast.cpp, next to the truthiness program it runs.

bool truthy(const nlohmann::json& value) { return detail::truthy_json(value); }

std::string to_compact_json(const nlohmann::json& value) {
    std::string out;
    detail::write_compact_json(out, value);
    return out;
}

}  // namespace stackpick::logic
