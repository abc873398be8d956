#pragma once
/// Reading a condition without evaluating it: the answers it reads, its number literals, how each
/// operator is written, and a walk and a fold over its operations. Built on the compiler's one
/// table of operators, so that no code outside logic/ needs to know rule syntax.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace stackpick::logic {

/// One answer a condition reads, and where it reads it.
struct Read {
    std::string key;      ///< the answer key: a var path's first segment, a val's first segment
    std::string pointer;  ///< JSON Pointer to the read in the condition
};

/// Every answer the condition reads through a var or val with a literal path, or a missing with
/// literal keys, once per occurrence in order of appearance. Of map, filter, reduce, all, some
/// and none only the first operand (the collection) is read, as the others read each element.
std::vector<Read> reads(const nlohmann::json& condition);

/// Whether reads() names every answer the condition can read: every var and val has a literal,
/// non-empty path, every missing literal keys, and no operation reads in another way (exists,
/// missing_some, a computed path) or evaluates operands against other data (the iterators, try).
/// An unknown operator may read anything.
bool reads_are_complete(const nlohmann::json& condition);

/// Every number in the condition, wherever it appears (operands, defaults, preserved data), in
/// order of appearance: the thresholds an answer can be compared with, and more.
std::vector<double> number_literals(const nlohmann::json& condition);

/// How an operation is written when a condition is shown to people.
enum class Notation : std::uint8_t {
    call,         ///< name(operands): any operator without a form of its own
    read,         ///< var, val: the answer at a path
    data,         ///< preserve: its argument is data
    logical,      ///< and, or: two or more operands joined by the name
    negation,     ///< !: one operand
    comparison,   ///< ==, ===, !=, !==, >, >=, in: two operands
    ordering,     ///< <, <=: two operands, or three (a range)
    associative,  ///< +, *: two or more operands joined by the name
    minus,        ///< -: two operands, or one (negation)
    division,     ///< /, %: two operands
    conditional,  ///< if, ?:: condition, value, ..., else value
};

/// How tightly an infix operator binds, loosest first.
enum class Binding : std::uint8_t {
    none,
    disjunction,
    conjunction,
    comparison,
    additive,
    multiplicative
};

struct OperatorSyntax {
    Notation notation = Notation::call;
    Binding binding = Binding::none;
};

/// The syntax of the operator of that name, or nullptr for a name the language does not have.
const OperatorSyntax* operator_syntax(std::string_view name);

/// One operation of a condition ({"name": argument}), as walk() and fold() present it.
struct Operation {
    std::string_view name;
    const OperatorSyntax* syntax;    ///< nullptr: not an operator of the language
    const nlohmann::json& node;      ///< the whole operation
    const nlohmann::json& argument;  ///< as written
    std::string_view pointer;        ///< JSON Pointer to the operation in the condition
};

/// For a var or val that reads a literal path and nothing else (a var without a default): the
/// path as written ("concurrent_users", "load.peak"); "" otherwise.
std::string plain_read_path(const Operation& operation);

/// Calls visit() for each operation of the condition, outer ones first, in order of appearance
/// (the data of preserve included: rule syntax is walked wherever it appears).
void walk(const nlohmann::json& condition, const std::function<void(const Operation&)>& visit);

/// One reference token of a JSON Pointer: "~" and "/" escaped.
std::string pointer_token(std::string_view key);

/// The condition folded from the leaves up: visitor.literal(value) for a literal (a scalar, or
/// an object that is not an operation), visitor.array(elements) for an array of expressions,
/// visitor.operation(operation, operands) for an operation, with its argument's elements
/// folded (an argument that is not an array is its one operand; preserve's data is not folded).
template <typename T, typename Visitor>
T fold(const nlohmann::json& node, Visitor& visitor, std::string& pointer) {
    const std::size_t own_length = pointer.size();
    if (node.is_array()) {
        std::vector<T> elements;
        for (std::size_t i = 0; i < node.size(); ++i) {
            pointer += '/' + std::to_string(i);
            elements.push_back(fold<T>(node[i], visitor, pointer));
            pointer.resize(own_length);
        }
        return visitor.array(std::move(elements));
    }
    if (!node.is_object() || node.size() != 1) return visitor.literal(node);
    const std::string& name = node.begin().key();
    const nlohmann::json& argument = node.begin().value();
    const Operation operation{name, operator_syntax(name), node, argument, pointer};
    std::vector<T> operands;
    if (operation.syntax == nullptr || operation.syntax->notation != Notation::data) {
        std::string inner = pointer + '/' + pointer_token(name);
        if (argument.is_array()) {
            for (std::size_t i = 0; i < argument.size(); ++i) {
                std::string element = inner + '/' + std::to_string(i);
                operands.push_back(fold<T>(argument[i], visitor, element));
            }
        } else {
            operands.push_back(fold<T>(argument, visitor, inner));
        }
    }
    return visitor.operation(operation, std::move(operands));
}

}  // namespace stackpick::logic
