#include "stackpick/logic.hpp"

#include <memory>
#include <string>
#include <utility>

#include "logic_node.hpp"
#include "logic_value.hpp"

namespace stackpick::logic {

CompileError::CompileError(const std::string& message, std::string pointer_to_problem)
    : std::runtime_error(message), pointer(std::move(pointer_to_problem)) {}

RuleError::RuleError(nlohmann::json thrown)
    : std::runtime_error("rule threw " + to_compact_json(thrown)), error(std::move(thrown)) {}

Expression::Expression() : m_root(std::make_shared<const detail::Node>()) {}

Expression::Expression(std::shared_ptr<const detail::Node> root) : m_root(std::move(root)) {}

Expression compile(const nlohmann::json& rule) {
    return Expression(std::make_shared<const detail::Node>(detail::compile_rule(rule)));
}

nlohmann::json evaluate(const Expression& expression, const nlohmann::json& data) {
    return evaluate(expression, data, nullptr);
}

nlohmann::json evaluate(const Expression& expression, const nlohmann::json& data, Trace* trace) {
    try {
        return detail::evaluate_root(*expression.m_root, data, trace);
    } catch (detail::Thrown& thrown) {
        throw RuleError(std::move(thrown.error));
    }
}

bool evaluate_truthy(const Expression& expression, const nlohmann::json& data) {
    try {
        return detail::evaluate_root_truthy(*expression.m_root, data);
    } catch (detail::Thrown& thrown) {
        throw RuleError(std::move(thrown.error));
    }
}

bool truthy(const nlohmann::json& value) { return detail::truthy_json(value); }

std::string to_compact_json(const nlohmann::json& value) {
    std::string out;
    detail::write_compact_json(out, value);
    return out;
}

}  // namespace stackpick::logic
