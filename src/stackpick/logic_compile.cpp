// compile(): turns a rule (JSON) into the immutable Node tree that the evaluator walks.

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "logic_node.hpp"
#include "stackpick/logic.hpp"
#include "stackpick/suggest.hpp"

namespace stackpick::logic {

namespace detail {

Segment make_segment(std::string key) {
    Segment segment;
    // Canonical array indexes only: "0", "7", "12" (not "", "01", "-1", "1.0"), at most 18 digits.
    const bool digits =
        !key.empty() && key.size() <= 18 &&
        std::all_of(key.begin(), key.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (digits && (key.size() == 1 || key.front() != '0')) {
        std::size_t index = 0;
        for (const char c : key) index = index * 10 + static_cast<std::size_t>(c - '0');
        segment.index = index;
        segment.is_index = true;
    }
    segment.key = std::move(key);
    return segment;
}

std::size_t climb_levels(const json& level) {
    const double n = std::abs(to_number(level));
    if (!(n >= 1.0)) return 0;              // also NaN: climbs none
    constexpr double k_most = 1'000'000.0;  // far above any real nesting; avoids overflow
    return static_cast<std::size_t>(std::min(n, k_most));
}

std::vector<Segment> split_var_path(const std::string& path) {
    std::vector<Segment> segments;
    if (path.empty()) return segments;
    std::size_t start = 0;
    while (true) {
        const std::size_t dot = path.find('.', start);
        if (dot == std::string::npos) {
            segments.push_back(make_segment(path.substr(start)));
            return segments;
        }
        segments.push_back(make_segment(path.substr(start, dot - start)));
        start = dot + 1;
    }
}

}  // namespace detail

namespace {

using detail::json;
using detail::Node;
using detail::Op;
using detail::Segment;

/// How an operator takes its argument.
enum class ArgMode {
    List,      ///< must be a literal array of expressions, evaluated lazily by the operator
    Variadic,  ///< an array of expressions, or one expression whose value supplies them
    Path,      ///< as Variadic, and a literal path is split at compile time (var, val, exists)
    Preserve,  ///< the argument is data, never evaluated
};

struct OperatorInfo {
    std::string_view name;
    Op op;
    ArgMode mode;
};

constexpr std::array k_operators = {
    OperatorInfo{"var", Op::Var, ArgMode::Path},
    OperatorInfo{"val", Op::Val, ArgMode::Path},
    OperatorInfo{"exists", Op::Exists, ArgMode::Path},
    OperatorInfo{"missing", Op::Missing, ArgMode::Variadic},
    OperatorInfo{"missing_some", Op::MissingSome, ArgMode::Variadic},
    OperatorInfo{"if", Op::If, ArgMode::List},
    OperatorInfo{"?:", Op::If, ArgMode::List},
    OperatorInfo{"and", Op::And, ArgMode::List},
    OperatorInfo{"or", Op::Or, ArgMode::List},
    OperatorInfo{"!", Op::Not, ArgMode::Variadic},
    OperatorInfo{"!!", Op::NotNot, ArgMode::Variadic},
    OperatorInfo{"??", Op::Coalesce, ArgMode::Variadic},
    OperatorInfo{"try", Op::Try, ArgMode::Variadic},
    OperatorInfo{"throw", Op::Throw, ArgMode::Variadic},
    OperatorInfo{"==", Op::Eq, ArgMode::List},
    OperatorInfo{"!=", Op::Ne, ArgMode::List},
    OperatorInfo{"===", Op::StrictEq, ArgMode::List},
    OperatorInfo{"!==", Op::StrictNe, ArgMode::List},
    OperatorInfo{"<", Op::Lt, ArgMode::List},
    OperatorInfo{"<=", Op::Le, ArgMode::List},
    OperatorInfo{">", Op::Gt, ArgMode::List},
    OperatorInfo{">=", Op::Ge, ArgMode::List},
    OperatorInfo{"+", Op::Add, ArgMode::Variadic},
    OperatorInfo{"-", Op::Sub, ArgMode::Variadic},
    OperatorInfo{"*", Op::Mul, ArgMode::Variadic},
    OperatorInfo{"/", Op::Div, ArgMode::Variadic},
    OperatorInfo{"%", Op::Mod, ArgMode::Variadic},
    OperatorInfo{"max", Op::Max, ArgMode::Variadic},
    OperatorInfo{"min", Op::Min, ArgMode::Variadic},
    OperatorInfo{"in", Op::In, ArgMode::Variadic},
    OperatorInfo{"cat", Op::Cat, ArgMode::Variadic},
    OperatorInfo{"substr", Op::Substr, ArgMode::Variadic},
    OperatorInfo{"merge", Op::Merge, ArgMode::Variadic},
    OperatorInfo{"map", Op::Map, ArgMode::List},
    OperatorInfo{"filter", Op::Filter, ArgMode::List},
    OperatorInfo{"reduce", Op::Reduce, ArgMode::List},
    OperatorInfo{"all", Op::All, ArgMode::List},
    OperatorInfo{"some", Op::Some, ArgMode::List},
    OperatorInfo{"none", Op::None, ArgMode::List},
    OperatorInfo{"preserve", Op::Const, ArgMode::Preserve},
};

const OperatorInfo* find_operator(std::string_view name) {
    for (const auto& info : k_operators) {
        if (info.name == name) return &info;
    }
    return nullptr;
}

std::string pointer_token(std::string_view key) {
    std::string token;
    token.reserve(key.size());
    for (const char c : key) {
        if (c == '~') {
            token += "~0";
        } else if (c == '/') {
            token += "~1";
        } else {
            token += c;
        }
    }
    return token;
}

std::string join_pointer(const std::vector<std::string>& tokens) {
    std::string pointer;
    for (const auto& token : tokens) {
        pointer += '/';
        pointer += token;
    }
    return pointer;
}

std::string describe_location(const std::string& pointer) {
    return pointer.empty() ? std::string("the top level") : pointer;
}

/// Finds the first place nested deeper than k_max_rule_depth, without recursion (rules may be
/// arbitrarily deep; the compiler's own recursion is only safe once this has passed).
std::optional<std::string> find_too_deep(const json& rule) {
    struct Frame {
        const json* value;
        std::size_t index;
        json::object_t::const_iterator member;
        std::string token;
    };
    const auto is_container = [](const json& j) { return j.is_array() || j.is_object(); };
    if (!is_container(rule)) return std::nullopt;
    std::vector<Frame> stack;
    const auto push = [&](const json& j, std::string token) -> bool {
        if (stack.size() >= static_cast<std::size_t>(k_max_rule_depth)) return false;
        json::object_t::const_iterator member{};
        if (j.is_object()) member = j.get_ref<const json::object_t&>().begin();
        stack.push_back({&j, 0, member, std::move(token)});
        return true;
    };
    const auto pointer_with = [&](const std::string& last) {
        std::vector<std::string> tokens;
        for (std::size_t i = 1; i < stack.size(); ++i) tokens.push_back(stack[i].token);
        tokens.push_back(last);
        return join_pointer(tokens);
    };
    push(rule, {});
    while (!stack.empty()) {
        Frame& frame = stack.back();
        const json* child = nullptr;
        std::string token;
        if (frame.value->is_array()) {
            const auto& array = frame.value->get_ref<const json::array_t&>();
            if (frame.index == array.size()) {
                stack.pop_back();
                continue;
            }
            token = std::to_string(frame.index);
            child = &array[frame.index++];
        } else {
            const auto& object = frame.value->get_ref<const json::object_t&>();
            if (frame.member == object.end()) {
                stack.pop_back();
                continue;
            }
            token = pointer_token(frame.member->first);
            child = &frame.member->second;
            ++frame.member;
        }
        if (!is_container(*child)) continue;
        if (!push(*child, token)) return pointer_with(token);
    }
    return std::nullopt;
}

Node fail_node(const char* type) {
    Node node;
    node.op = Op::Fail;
    node.literal = json{{"type", type}};
    return node;
}

bool is_const(const Node& node) { return node.op == Op::Const; }

/// The key a literal path element names: JavaScript String(value); null names nothing.
std::optional<std::string> literal_key(const json& element) {
    if (element.is_null()) return std::nullopt;
    std::string key;
    detail::append_js_string(key, element);
    return key;
}

class Compiler {
  public:
    Node compile(const json& rule) { return compile_value(rule); }

  private:
    Node compile_value(const json& value) {
        if (value.is_array()) return compile_array(value);
        if (value.is_object() && value.size() == 1) {
            const auto& [name, argument] = *value.get_ref<const json::object_t&>().begin();
            return compile_operator(name, argument);
        }
        // Scalars, {} and objects with several keys are data.
        Node node;
        node.literal = value;
        return node;
    }

    Node compile_array(const json& array) {
        Node node;
        node.op = Op::Array;
        node.args = compile_elements(array);
        if (std::all_of(node.args.begin(), node.args.end(), is_const)) {
            node.op = Op::Const;
            node.args.clear();
            node.literal = array;
        }
        return node;
    }

    std::vector<Node> compile_elements(const json& array) {
        std::vector<Node> nodes;
        nodes.reserve(array.size());
        for (std::size_t i = 0; i < array.size(); ++i) {
            m_tokens.push_back(std::to_string(i));
            nodes.push_back(compile_value(array[i]));
            m_tokens.pop_back();
        }
        return nodes;
    }

    Node compile_operator(const std::string& name, const json& argument) {
        const OperatorInfo* info = find_operator(name);
        if (info == nullptr) {
            // Suggest words for words and symbols for symbols: "a" is not a typo of "!".
            const auto is_word = [](std::string_view text) {
                return !text.empty() &&
                       (std::isalpha(static_cast<unsigned char>(text[0])) != 0 || text[0] == '_');
            };
            std::vector<std::string> candidates;
            for (const auto& op : k_operators) {
                if (is_word(op.name) == is_word(name)) candidates.emplace_back(op.name);
            }
            const std::string pointer = join_pointer(m_tokens);
            throw CompileError("unknown operator " + to_compact_json(json(name)) + " at " +
                                   describe_location(pointer) + did_you_mean(name, candidates),
                               pointer);
        }
        m_tokens.push_back(pointer_token(name));
        Node node = compile_arguments(*info, argument);
        m_tokens.pop_back();
        return node;
    }

    Node compile_arguments(const OperatorInfo& info, const json& argument) {
        Node node;
        node.op = info.op;
        switch (info.mode) {
            case ArgMode::Preserve:
                node.literal = argument;
                return node;
            case ArgMode::List:
                if (!argument.is_array()) {
                    compile_value(argument);  // still report unknown operators inside
                    return fail_node("Invalid Arguments");
                }
                node.args = compile_elements(argument);
                return check_list_arguments(std::move(node), argument);
            case ArgMode::Variadic:
            case ArgMode::Path:
                if (argument.is_array()) {
                    node.args = compile_elements(argument);
                } else {
                    node.args.push_back(compile_value(argument));
                    // A literal that is not an array is simply the one argument.
                    node.dynamic = !(is_const(node.args[0]) && !node.args[0].literal.is_array());
                }
                if (info.mode == ArgMode::Path) prepare_path(node);
                return node;
        }
        return node;
    }

    static Node check_list_arguments(Node node, const json& argument) {
        const std::size_t count = node.args.size();
        switch (node.op) {
            case Op::Eq:
            case Op::Ne:
            case Op::StrictEq:
            case Op::StrictNe:
            case Op::Lt:
            case Op::Le:
            case Op::Gt:
            case Op::Ge:
                if (count < 2) return fail_node("Invalid Arguments");
                break;
            case Op::Map:
            case Op::Filter:
                // A literal null as the array or the body is a mistake in the rule itself.
                if (count != 2 || argument[0].is_null() || argument[1].is_null()) {
                    return fail_node("Invalid Arguments");
                }
                break;
            case Op::All:
            case Op::Some:
            case Op::None:
                if (count != 2) return fail_node("Invalid Arguments");
                break;
            case Op::Reduce:
                if (count != 2 && count != 3) return fail_node("Invalid Arguments");
                break;
            default:
                break;
        }
        return node;
    }

    /// Splits a literal var/val/exists path once, so evaluation only walks it.
    static void prepare_path(Node& node) {
        if (node.dynamic) return;
        if (node.op == Op::Var) {
            node.has_default = node.args.size() > 1;
            if (!node.args.empty() && !is_const(node.args[0])) return;
            std::string text;
            if (!node.args.empty() && !node.args[0].literal.is_null()) {
                detail::append_js_string(text, node.args[0].literal);
            }
            node.path = detail::split_var_path(text);
            node.trace_path = text;
            node.static_path = true;
            return;
        }
        if (!std::all_of(node.args.begin(), node.args.end(), is_const)) return;
        std::size_t first = 0;
        if (!node.args.empty()) {
            const json& head = node.args[0].literal;
            if (head.is_array() && head.size() == 1) {
                node.climb = detail::climb_levels(head[0]);
                first = 1;
            }
        }
        for (std::size_t i = first; i < node.args.size(); ++i) {
            if (auto key = literal_key(node.args[i].literal)) {
                if (!node.trace_path.empty()) node.trace_path += '.';
                node.trace_path += *key;
                node.path.push_back(detail::make_segment(std::move(*key)));
            }
        }
        node.static_path = true;
    }

  private:
    std::vector<std::string> m_tokens;
};

}  // namespace

namespace detail {

Node compile_rule(const json& rule) {
    if (auto pointer = find_too_deep(rule)) {
        throw CompileError(
            "rule nested deeper than " + std::to_string(k_max_rule_depth) + " levels", *pointer);
    }
    Compiler compiler;
    return compiler.compile(rule);
}

}  // namespace detail

}  // namespace stackpick::logic
