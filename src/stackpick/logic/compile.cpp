// compile(): turns a rule (JSON) into the immutable Node tree that the evaluator walks.

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <limits>
#include <memory>
#include <new>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "node.hpp"
#include "stackpick/logic/logic.hpp"
#include "stackpick/util/suggest.hpp"

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
    segment.prefix = key_prefix(key);
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

using detail::ArgMode;
using detail::Arity;
using detail::FastKind;
using detail::FastNode;
using detail::find_operator;
using detail::json;
using detail::k_operators;
using detail::Node;
using detail::Op;
using detail::OperatorInfo;
using detail::Segment;

/// An array that holds no operator at any depth (only scalars, arrays of them, and objects that
/// are data): it compiles to itself, so it is copied once instead of element by element.
bool is_plain_data(const json& array) {
    for (const json& element : array) {
        if (element.is_object() && element.size() == 1) return false;
        if (element.is_array() && !is_plain_data(element)) return false;
    }
    return true;
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

std::string describe_location(const std::string& pointer) {
    return pointer.empty() ? std::string("the top level") : pointer;
}

/// One step of a JSON Pointer, kept as a view while compiling; written out only for an error.
struct PointerStep {
    std::string_view key;  ///< the member name, when is_key
    std::size_t index = 0;
    bool is_key = false;
};

std::string join_pointer(const std::vector<PointerStep>& steps) {
    std::string pointer;
    for (const auto& step : steps) {
        pointer += '/';
        pointer += step.is_key ? pointer_token(step.key) : std::to_string(step.index);
    }
    return pointer;
}

/// Finds the first place nested deeper than k_max_rule_depth, without recursion (rules may be
/// arbitrarily deep; the compiler's own recursion is only safe once this has passed).
std::optional<std::string> find_too_deep(const json& rule) {
    struct Frame {
        const json* value;
        std::size_t index;
        json::object_t::const_iterator member;
    };
    const auto is_container = [](const json& j) { return j.is_array() || j.is_object(); };
    if (!is_container(rule)) return std::nullopt;
    // Kept from call to call on the thread: compiling a knowledge base runs this thousands of
    // times.
    thread_local std::vector<Frame> stack;
    stack.clear();
    const auto push = [&](const json& j) -> bool {
        if (stack.size() >= static_cast<std::size_t>(k_max_rule_depth)) return false;
        json::object_t::const_iterator member{};
        if (j.is_object()) member = j.get_ref<const json::object_t&>().begin();
        stack.push_back({&j, 0, member});
        return true;
    };
    // The pointer to the child that frame `depth` has just stepped to (its index or member was
    // advanced past it).
    const auto pointer_to = [&](std::size_t depth) {
        std::vector<PointerStep> steps;
        for (std::size_t i = 0; i <= depth; ++i) {
            const Frame& frame = stack[i];
            if (frame.value->is_array()) {
                steps.push_back({{}, frame.index - 1, false});
            } else {
                steps.push_back({std::prev(frame.member)->first, 0, true});
            }
        }
        return join_pointer(steps);
    };
    push(rule);
    while (!stack.empty()) {
        Frame& frame = stack.back();
        const json* child = nullptr;
        if (frame.value->is_array()) {
            const auto& array = frame.value->get_ref<const json::array_t&>();
            if (frame.index == array.size()) {
                stack.pop_back();
                continue;
            }
            child = &array[frame.index++];
        } else {
            const auto& object = frame.value->get_ref<const json::object_t&>();
            if (frame.member == object.end()) {
                stack.pop_back();
                continue;
            }
            child = &frame.member->second;
            ++frame.member;
        }
        if (!is_container(*child)) continue;
        if (!push(*child)) return pointer_to(stack.size() - 1);
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
        if (is_plain_data(array)) {
            node.literal = array;
            return node;
        }
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
            m_steps.push_back({{}, i, false});
            nodes.push_back(compile_value(array[i]));
            m_steps.pop_back();
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
            const std::string pointer = join_pointer(m_steps);
            throw CompileError("unknown operator " + to_compact_json(json(name)) + " at " +
                                   describe_location(pointer) + did_you_mean(name, candidates),
                               pointer);
        }
        m_steps.push_back({name, 0, true});
        Node node = compile_arguments(*info, argument);
        m_steps.pop_back();
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
                if (!arity_met(info.arity, node, argument)) return fail_node("Invalid Arguments");
                return node;
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

    /// False when a list operator's arguments are wrong in the rule itself.
    static bool arity_met(Arity arity, const Node& node, const json& argument) {
        const std::size_t count = node.args.size();
        switch (arity) {
            case Arity::Any:
                return true;
            case Arity::Chain:
                return count >= 2;
            case Arity::EachTest:
                return count == 2;
            case Arity::EachMap:
                // A literal null as the array or the body is a mistake in the rule itself.
                return count == 2 && !argument[0].is_null() && !argument[1].is_null();
            case Arity::EachReduce:
                return count == 2 || count == 3;
        }
        return true;
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
    /// The pointer to where compiling is, kept from call to call on the thread (a knowledge base
    /// compiles thousands of rules); empty again after every compile, whether it threw or not.
    static std::vector<PointerStep>& steps() {
        thread_local std::vector<PointerStep> space;
        space.clear();
        return space;
    }
    std::vector<PointerStep>& m_steps = steps();
};

/// Builds the FastProgram of a compiled tree: the shapes it knows become typed nodes, anything
/// else a Slow node that defers to the general evaluator.
class FastCompiler {
  public:
    explicit FastCompiler(const SlotLayout* layout) : m_layout(layout) {}

    detail::FastProgram compile(const Node& root) {
        if (kind_of(root) == FastKind::Slow) return {};
        m_nodes.emplace_back();
        fill(0, root, false);
        constexpr std::size_t k_most = std::numeric_limits<std::uint32_t>::max();
        if (m_nodes.size() > k_most || m_texts.size() > k_most || m_text.size() > k_most) {
            return {};  // beyond the 32-bit offsets: the general evaluator handles it
        }
        const bool counted = m_slow || m_steps > k_max_evaluation_steps;
        return detail::FastProgram(m_nodes, m_texts, m_text, counted);
    }

  private:
    /// A var read that the general evaluator resolves in line (see eval_operand there).
    static bool is_plain_var(const Node& node) {
        return node.op == Op::Var && node.static_path && !node.has_default;
    }

    static bool is_scalar_literal(const Node& node) {
        const json& value = node.literal;
        return node.op == Op::Const &&
               (value.is_null() || value.is_boolean() || value.is_number() || value.is_string());
    }

    static bool is_string_list(const Node& node) {
        return node.op == Op::Const && node.literal.is_array() &&
               std::all_of(node.literal.begin(), node.literal.end(),
                           [](const json& element) { return element.is_string(); });
    }

    /// The kind of the node: its operator's, when its operands take the shape that kind reads.
    static FastKind kind_of(const Node& node) {
        const FastKind kind = detail::row_of(node.op).fast;
        switch (kind) {
            case FastKind::Var:
                return is_plain_var(node) ? kind : FastKind::Slow;
            case FastKind::Compare:
                return node.args.size() == 2 && is_plain_var(node.args[0]) &&
                               is_scalar_literal(node.args[1])
                           ? kind
                           : FastKind::Slow;
            case FastKind::InList:
                return !node.dynamic && node.args.size() == 2 && is_plain_var(node.args[0]) &&
                               is_string_list(node.args[1])
                           ? kind
                           : FastKind::Slow;
            case FastKind::Not:
                return !node.dynamic && node.args.size() == 1 ? kind : FastKind::Slow;
            default:  // Const, And, Or take any operands; Slow
                return kind;
        }
    }

    /// The path a Var, Compare or InList node reads, or null for other kinds.
    static const std::vector<Segment>* read_path(const Node& node) {
        switch (kind_of(node)) {
            case FastKind::Var:
                return &node.path;
            case FastKind::Compare:
            case FastKind::InList:
                return &node.args[0].path;
            default:
                return nullptr;
        }
    }

    static bool same_keys(const std::vector<Segment>& a, const std::vector<Segment>& b) {
        return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                          [](const Segment& x, const Segment& y) { return x.key == y.key; });
    }

    std::uint32_t add_text(std::string_view text) {
        const auto offset = static_cast<std::uint32_t>(m_text.size());
        m_text.append(text);
        return offset;
    }

    void add_path(FastNode& fast, const std::vector<Segment>& path) {
        fast.first = static_cast<std::uint32_t>(m_texts.size());
        fast.count = static_cast<std::uint32_t>(path.size());
        if (m_layout != nullptr && path.size() == 1) fast.slot = m_layout->find(path[0].key);
        for (const Segment& segment : path) {
            m_texts.push_back(
                {add_text(segment.key), static_cast<std::uint32_t>(segment.key.size()),
                 segment.is_index ? segment.index : detail::k_not_an_index, segment.prefix});
        }
    }

    /// Fills m_nodes[index] from `node`; `operand` when the general evaluator would reach it
    /// through eval_operand (which counts no step for literals and plain var reads).
    void fill(std::size_t index, const Node& node, bool operand) {
        FastNode fast;
        fast.kind = kind_of(node);
        fast.node = &node;
        fast.step = !(operand && (fast.kind == FastKind::Const || fast.kind == FastKind::Var));
        switch (fast.kind) {
            case FastKind::Const:
                fast.number = detail::truthy_json(node.literal) ? 1.0 : 0.0;
                break;
            case FastKind::Var:
                add_path(fast, node.path);
                break;
            case FastKind::Compare: {
                add_path(fast, node.args[0].path);
                const json& literal = node.args[1].literal;
                fast.op = node.op;
                fast.constant = detail::type_of(literal);
                fast.number = detail::to_number(literal);
                if (literal.is_string()) {
                    const auto& text = literal.get_ref<const json::string_t&>();
                    fast.text = add_text(text);
                    fast.text_size = static_cast<std::uint32_t>(text.size());
                }
                break;
            }
            case FastKind::InList: {
                add_path(fast, node.args[0].path);
                const json& list = node.args[1].literal;
                fast.text = static_cast<std::uint32_t>(m_texts.size());
                fast.text_size = static_cast<std::uint32_t>(list.size());
                for (const json& element : list) {
                    const auto& text = element.get_ref<const json::string_t&>();
                    m_texts.push_back({add_text(text), static_cast<std::uint32_t>(text.size()),
                                       detail::k_not_an_index, 0});
                }
                m_steps += list.size();  // `in` counts a step per element it compares
                break;
            }
            case FastKind::And:
            case FastKind::Or:
            case FastKind::Not:
                fast.number = node.op == Op::Not ? 1.0 : 0.0;
                fast.first = static_cast<std::uint32_t>(m_nodes.size());
                fast.count = static_cast<std::uint32_t>(node.args.size());
                m_nodes.resize(m_nodes.size() + node.args.size());  // the children, side by side
                for (std::size_t i = 0; i < node.args.size(); ++i) {
                    fill(fast.first + i, node.args[i], true);
                    if (i > 0 && fast.kind != FastKind::Not) {
                        const std::vector<Segment>* before = read_path(node.args[i - 1]);
                        const std::vector<Segment>* path = read_path(node.args[i]);
                        m_nodes[fast.first + i].same_path =
                            before != nullptr && path != nullptr && same_keys(*before, *path);
                    }
                }
                break;
            case FastKind::Slow:
                fast.step = false;  // eval() counts it
                m_slow = true;
                break;
        }
        if (fast.step) ++m_steps;
        m_nodes[index] = fast;
    }

    /// Work space kept from call to call on the thread (the program copies out what it needs).
    struct Scratch {
        std::vector<FastNode> nodes;
        std::vector<detail::FastText> texts;
        std::string text;
    };
    static Scratch& scratch() {
        thread_local Scratch space;
        space.nodes.clear();
        space.texts.clear();
        space.text.clear();
        return space;
    }

    const SlotLayout* m_layout = nullptr;
    Scratch& m_scratch = scratch();
    std::vector<FastNode>& m_nodes = m_scratch.nodes;
    std::vector<detail::FastText>& m_texts = m_scratch.texts;
    std::string& m_text = m_scratch.text;
    std::size_t m_steps = 0;
    bool m_slow = false;
};

}  // namespace

namespace detail {

ProgramView place_program(std::byte* at, const ProgramView& from, const ProgramSize& size) {
    static_assert(alignof(FastNode) >= alignof(FastText) && alignof(FastText) >= alignof(char));
    ProgramView placed;
    placed.nodes =
        std::uninitialized_copy_n(from.nodes, size.nodes, reinterpret_cast<FastNode*>(at)) -
        size.nodes;
    at += size.nodes * sizeof(FastNode);
    placed.texts =
        std::uninitialized_copy_n(from.texts, size.texts, reinterpret_cast<FastText*>(at)) -
        size.texts;
    at += size.texts * sizeof(FastText);
    char* chars = reinterpret_cast<char*>(at);
    std::copy_n(from.chars, size.chars, chars);
    chars[size.chars] = '\0';
    placed.chars = chars;
    return placed;
}

FastProgram::FastProgram(const std::vector<FastNode>& nodes, const std::vector<FastText>& texts,
                         const std::string& text, bool counted)
    : m_size{nodes.size(), texts.size(), text.size()}, m_counted(counted) {
    // One array of std::byte from new[] is aligned for any object that fits in it.
    m_storage = std::make_unique<std::byte[]>(m_size.bytes());
    m_view = place_program(m_storage.get(), {nodes.data(), texts.data(), text.data()}, m_size);
}

FastProgram compile_fast(const Node& root, const SlotLayout* layout) {
    return FastCompiler(layout).compile(root);
}

Node compile_rule(const json& rule) {
    if (auto pointer = find_too_deep(rule)) {
        throw CompileError(
            "rule nested deeper than " + std::to_string(k_max_rule_depth) + " levels", *pointer);
    }
    Compiler compiler;
    return compiler.compile(rule);
}

std::string escape_token(std::string_view key) { return pointer_token(key); }

}  // namespace detail

}  // namespace stackpick::logic
