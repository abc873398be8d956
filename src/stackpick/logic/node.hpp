#pragma once
/// Internal to the logic module: the compiled expression tree and the evaluator's entry points.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "operators.hpp"
#include "stackpick/logic/logic.hpp"
#include "value.hpp"

namespace stackpick::logic::detail {

/// One JSON Pointer reference token: "~" and "/" escaped.
std::string escape_token(std::string_view key);

/// One step of a data path: an object key, which also indexes arrays when it is a canonical
/// non-negative integer ("0", "12"; not "01" or "-1").
struct Segment {
    std::string key;
    /// key_prefix(key), which most key comparisons need alone.
    std::uint64_t prefix = 0;
    std::size_t index = 0;
    bool is_index = false;
};

/// The first 8 bytes of a key as a big-endian number, padded with zero bytes: comparing two
/// prefixes orders their keys, when they differ.
inline std::uint64_t key_prefix(std::string_view key) noexcept {
    std::uint64_t prefix = 0;
    for (std::size_t i = 0; i < 8; ++i) {
        const auto byte = i < key.size() ? static_cast<unsigned char>(key[i]) : 0U;
        prefix = (prefix << 8U) | byte;
    }
    return prefix;
}

/// A compiled expression. Children live in `args`; var/val/exists paths are split once here.
struct Node {
    Op op = Op::Const;
    /// The single argument is an expression whose value supplies the arguments: an array value
    /// is the argument list, anything else is the one argument ({"+": {"var": "xs"}}).
    bool dynamic = false;
    /// var/val/exists: `path` and `climb` were fixed at compile time.
    bool static_path = false;
    /// var: args[1] is the default value.
    bool has_default = false;
    /// val/exists: how many scope levels to climb before following `path` ([[n], ...]).
    std::size_t climb = 0;
    json literal;
    std::vector<Node> args;
    std::vector<Segment> path;
    /// var/val: the path as written, recorded in a Trace.
    std::string trace_path;
};

/// A path segment or a string of a FastProgram: `size` bytes at `offset` of its text.
struct FastText {
    std::uint32_t offset = 0;
    std::uint32_t size = 0;
    /// As Segment::index; k_not_an_index when the key is not a canonical array index.
    std::uint64_t index = 0;
    /// As Segment::prefix.
    std::uint64_t prefix = 0;
};

inline constexpr std::uint64_t k_not_an_index = ~std::uint64_t{0};

/// One node of a FastProgram (48 bytes; a typical condition fits in two or three cache lines).
struct FastNode {
    FastKind kind = FastKind::Slow;
    /// Compare: the comparison.
    Op op = Op::Const;
    /// Compare: the type of the literal.
    Type constant = Type::Null;
    /// Counts one evaluation step on entry, as the general evaluator would (it does not count
    /// literals and plain var reads that are operands).
    bool step = false;
    /// Var/Compare/InList: reads the same path as the sibling before it, which has just been
    /// read ({"and": [{"!=": [{"var": "n"}, null]}, {"<": [{"var": "n"}, 5]}]}).
    bool same_path = false;
    /// And/Or/Not: the first child; Var/Compare/InList: the first path segment.
    std::uint32_t first = 0;
    /// How many children or path segments.
    std::uint32_t count = 0;
    /// Var/Compare/InList: the layout's slot of a one-segment path, else SlotLayout::k_none.
    std::uint32_t slot = SlotLayout::k_none;
    /// Compare: the literal string (in the program's text); InList: the strings (FastTexts).
    std::uint32_t text = 0;
    std::uint32_t text_size = 0;
    /// Compare: the literal as a number (strings parsed, as == and < convert them).
    double number = 0.0;
    /// Slow: the expression; Compare/InList: the whole comparison, for the unusual operand types.
    const Node* node = nullptr;
};

inline const FastNode& ProgramView::node(std::uint32_t i) const noexcept { return nodes[i]; }
inline const FastText& ProgramView::segment(std::uint32_t i) const noexcept { return texts[i]; }
inline std::string_view ProgramView::text(std::uint32_t offset, std::uint32_t size) const noexcept {
    return {chars + offset, size};
}

/// The sizes of a program's three parts.
struct ProgramSize {
    std::size_t nodes = 0;
    std::size_t texts = 0;
    std::size_t chars = 0;

    /// Bytes the three take side by side (nodes first: the strictest alignment).
    std::size_t bytes() const noexcept {
        return nodes * sizeof(FastNode) + texts * sizeof(FastText) + chars + 1;
    }
};

/// Copies a program's parts side by side into `at` (bytes() of them, aligned for FastNode) and
/// says where they are.
ProgramView place_program(std::byte* at, const ProgramView& from, const ProgramSize& size);

/// A condition compiled for evaluate_truthy(): nodes, path segments and strings in one
/// allocation, next to each other in memory. Empty when the root is not one of the fast shapes.
class FastProgram {
  public:
    FastProgram() = default;
    FastProgram(const std::vector<FastNode>& nodes, const std::vector<FastText>& texts,
                const std::string& text, bool counted);
    FastProgram(FastProgram&& other) noexcept { *this = std::move(other); }
    FastProgram& operator=(FastProgram&& other) noexcept {
        m_storage = std::move(other.m_storage);
        m_view = std::exchange(other.m_view, {});
        m_size = std::exchange(other.m_size, {});
        m_counted = std::exchange(other.m_counted, false);
        return *this;
    }
    FastProgram(const FastProgram&) = delete;
    FastProgram& operator=(const FastProgram&) = delete;
    ~FastProgram() = default;

    bool empty() const noexcept { return m_view.nodes == nullptr; }
    const ProgramView& view() const noexcept { return m_view; }
    const ProgramSize& size() const noexcept { return m_size; }
    /// Steps must be counted: some node is Slow, or the program is large enough to reach
    /// k_max_evaluation_steps.
    bool counted() const noexcept { return m_counted; }

  private:
    std::unique_ptr<std::byte[]> m_storage;
    ProgramView m_view;
    ProgramSize m_size;
    bool m_counted = false;
};

/// What an Expression holds: the expression tree, and the program evaluate_truthy() runs. Never
/// copied or moved: the program points into the tree.
struct Compiled {
    Compiled() = default;
    Compiled(const Compiled&) = delete;
    Compiled& operator=(const Compiled&) = delete;
    ~Compiled() = default;

    FastProgram fast;
    Node root;
    /// The layout the program's slots refer to; null when it has none.
    std::shared_ptr<const SlotLayout> layout;
};

/// Makes a path segment from a key text.
Segment make_segment(std::string key);
/// Scope levels that [[n], ...] climbs: |n| truncated; a value that is not a number climbs none.
std::size_t climb_levels(const json& level);
/// Splits a var path on "." ("" is the whole context).
std::vector<Segment> split_var_path(const std::string& path);

/// The internal exception carrying a thrown error value; RuleError is built from it at the API.
struct Thrown {
    json error;
};

/// Compiles a rule; throws CompileError.
Node compile_rule(const json& rule);
/// The truthiness program of a compiled rule (empty when its root is not a fast shape), with
/// the paths the layout names resolved to slots (none when layout is null).
FastProgram compile_fast(const Node& root, const SlotLayout* layout);
/// Evaluates a compiled rule; throws Thrown.
json evaluate_root(const Node& root, const json& data, Trace* trace);
/// truthy(evaluate_root(root, data, nullptr)) without building the result; throws Thrown.
bool evaluate_root_truthy(const Compiled& compiled, const json& data);
/// The same over data laid out in slots (data.layout() must be compiled.layout's); throws Thrown.
bool evaluate_root_truthy(const Compiled& compiled, const SlotValue* slots, const json& data);
/// A member's value as a slot holds it (text pointing into the member; a missing one is null).
SlotValue slot_value(const json* value) noexcept;

[[noreturn]] void throw_error(const char* type);
[[noreturn]] void throw_limit(const std::string& message);

}  // namespace stackpick::logic::detail
