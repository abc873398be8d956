#include "stackpick/logic/analysis.hpp"

#include <algorithm>
#include <optional>

#include "node.hpp"

namespace stackpick::logic {

namespace {

using detail::Op;
using nlohmann::json;

/// The syntax of each operator, by what the compiler makes of its name.
OperatorSyntax syntax_of(Op op) {
    switch (op) {
        case Op::Var:
        case Op::Val:
            return {Notation::read, Binding::none};
        case Op::Const:
            return {Notation::data, Binding::none};
        case Op::And:
            return {Notation::logical, Binding::conjunction};
        case Op::Or:
            return {Notation::logical, Binding::disjunction};
        case Op::Not:
            return {Notation::negation, Binding::none};
        case Op::Eq:
        case Op::Ne:
        case Op::StrictEq:
        case Op::StrictNe:
        case Op::Gt:
        case Op::Ge:
        case Op::In:
            return {Notation::comparison, Binding::comparison};
        case Op::Lt:
        case Op::Le:
            return {Notation::ordering, Binding::comparison};
        case Op::Add:
            return {Notation::associative, Binding::additive};
        case Op::Mul:
            return {Notation::associative, Binding::multiplicative};
        case Op::Sub:
            return {Notation::minus, Binding::additive};
        case Op::Div:
        case Op::Mod:
            return {Notation::division, Binding::multiplicative};
        case Op::If:
            return {Notation::conditional, Binding::none};
        default:
            return {Notation::call, Binding::none};
    }
}

/// Operators that iterate: their operands after the first are evaluated with each element of
/// the first as their data.
bool is_iterator(Op op) { return detail::iterates(detail::row_of(op).arity); }

/// Operators whose operands after the first are evaluated against other data than the answers
/// (each element, or the error caught).
bool changes_scope(Op op) { return op == Op::Try || is_iterator(op); }

/// The path a var or val names first: its argument, or the first element of an argument array.
const json& first_path(const json& argument) {
    return argument.is_array() && !argument.empty() ? argument[0] : argument;
}

bool is_literal_path(const json& path) {
    return path.is_string() && !path.get_ref<const std::string&>().empty();
}

std::string first_segment(const std::string& path) { return path.substr(0, path.find('.')); }

void append_index(std::string& pointer, std::size_t index) {
    pointer += '/';
    pointer += std::to_string(index);
}

/// reads(), with `pointer` a single buffer extended on the way down and cut back on the way up:
/// building a string per node cost more than compiling the condition (10,000-rule knowledge
/// bases).
void collect_reads(const json& node, std::string& pointer, std::vector<Read>& found) {
    const std::size_t own_length = pointer.size();
    if (node.is_array()) {
        for (std::size_t i = 0; i < node.size(); ++i) {
            append_index(pointer, i);
            collect_reads(node[i], pointer, found);
            pointer.resize(own_length);
        }
        return;
    }
    if (!node.is_object() || node.size() != 1) return;
    const std::string& name = node.begin().key();
    const json& argument = node.begin().value();
    pointer += '/';
    pointer += pointer_token(name);
    const std::size_t argument_length = pointer.size();
    const std::optional<Op> op = detail::find_op(name);
    if (op == Op::Var || op == Op::Val) {
        const json& path = first_path(argument);
        if (is_literal_path(path)) {
            const auto& text = path.get_ref<const std::string&>();
            found.push_back({*op == Op::Var ? first_segment(text) : text, pointer});
        }
    } else if (op == Op::Missing && argument.is_array()) {
        for (std::size_t i = 0; i < argument.size(); ++i) {
            if (!argument[i].is_string()) continue;
            append_index(pointer, i);
            found.push_back({first_segment(argument[i].get_ref<const std::string&>()), pointer});
            pointer.resize(argument_length);
        }
    } else if (op && is_iterator(*op) && argument.is_array()) {
        // Only the collection reads the answers; the other operands read each element.
        if (!argument.empty()) {
            append_index(pointer, 0);
            collect_reads(argument[0], pointer, found);
        }
    } else {
        collect_reads(argument, pointer, found);
    }
    pointer.resize(own_length);
}

bool complete(const json& node);

bool all_complete(const json& nodes) { return std::all_of(nodes.begin(), nodes.end(), complete); }

bool complete(const json& node) {
    if (node.is_array()) return all_complete(node);
    if (!node.is_object() || node.size() != 1) return true;  // a literal
    const std::optional<Op> op = detail::find_op(node.begin().key());
    const json& argument = node.begin().value();
    if (!op) return false;
    switch (*op) {
        case Op::Const:
            return true;  // preserve: data
        case Op::Var:
            // A default is evaluated against the answers too.
            return is_literal_path(first_path(argument)) &&
                   (!argument.is_array() || argument.size() < 2 || complete(argument[1]));
        case Op::Val:
            return is_literal_path(first_path(argument));
        case Op::Missing:
            return argument.is_array() &&
                   std::all_of(argument.begin(), argument.end(),
                               [](const json& key) { return key.is_string(); });
        case Op::Exists:
        case Op::MissingSome:
            return false;
        default:
            return !changes_scope(*op) && complete(argument);
    }
}

void collect_numbers(const json& node, std::vector<double>& numbers) {
    if (node.is_number()) {
        numbers.push_back(node.get<double>());
    } else if (node.is_array() || node.is_object()) {
        for (const auto& child : node) collect_numbers(child, numbers);
    }
}

void walk_node(const json& node, std::string& pointer,
               const std::function<void(const Operation&)>& visit) {
    const std::size_t own_length = pointer.size();
    if (node.is_array()) {
        for (std::size_t i = 0; i < node.size(); ++i) {
            append_index(pointer, i);
            walk_node(node[i], pointer, visit);
            pointer.resize(own_length);
        }
        return;
    }
    if (!node.is_object() || node.size() != 1) return;
    const std::string& name = node.begin().key();
    visit(Operation{name, operator_syntax(name), node, node.begin().value(), pointer});
    pointer += '/';
    pointer += pointer_token(name);
    walk_node(node.begin().value(), pointer, visit);
    pointer.resize(own_length);
}

}  // namespace

std::vector<Read> reads(const nlohmann::json& condition) {
    std::vector<Read> found;
    std::string pointer;
    collect_reads(condition, pointer, found);
    return found;
}

bool reads_are_complete(const nlohmann::json& condition) { return complete(condition); }

std::vector<double> number_literals(const nlohmann::json& condition) {
    std::vector<double> numbers;
    collect_numbers(condition, numbers);
    return numbers;
}

const OperatorSyntax* operator_syntax(std::string_view name) {
    static const auto table = [] {
        std::vector<std::pair<std::string, OperatorSyntax>> entries;
        for (const std::string_view known : detail::operator_names())
            entries.emplace_back(std::string(known), syntax_of(*detail::find_op(known)));
        return entries;
    }();
    for (const auto& [known, syntax] : table)
        if (known == name) return &syntax;
    return nullptr;
}

std::string plain_read_path(const Operation& operation) {
    if (operation.syntax == nullptr || operation.syntax->notation != Notation::read) return {};
    const json& argument = operation.argument;
    const bool is_var = detail::find_op(operation.name) == Op::Var;
    if (argument.is_array() && argument.empty()) return {};
    if (is_var) {
        if (argument.is_array() && argument.size() > 1) return {};  // a default
        const json& path = first_path(argument);
        if (path.is_string()) return path.get<std::string>();
        if (path.is_number()) return path.dump();
        return {};
    }
    std::string text;
    for (const auto& segment : argument.is_array() ? argument : json::array({argument})) {
        if (!segment.is_string() && !segment.is_number()) return {};
        if (!text.empty()) text += '.';
        text += segment.is_string() ? segment.get<std::string>() : segment.dump();
    }
    return text;
}

void walk(const nlohmann::json& condition, const std::function<void(const Operation&)>& visit) {
    std::string pointer;
    walk_node(condition, pointer, visit);
}

std::string pointer_token(std::string_view key) { return detail::escape_token(key); }

}  // namespace stackpick::logic
