// evaluate(): walks the compiled Node tree against a data document.
//
// Values borrow from the data and the rule wherever they can (Value::Kind::Ref), so reading a
// variable copies nothing; JSON is built only for results that are new (cat, merge, map...) and
// for the final answer. Every borrowed pointer refers to storage that outlives its use: the data,
// the rule, or a value owned by an operator that is still running (see reduce and try, which copy
// what would otherwise outlive them).

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "node.hpp"
#include "stackpick/logic/logic.hpp"

namespace stackpick::logic {

namespace detail {

void throw_error(const char* type) { throw Thrown{json{{"type", type}}}; }

void throw_limit(const std::string& message) {
    throw Thrown{json{{"type", "Limit Exceeded"}, {"message", message}}};
}

}  // namespace detail

namespace {

using detail::array_of;
using detail::FastKind;
using detail::FastNode;
using detail::FastText;
using detail::json;
using detail::Node;
using detail::Op;
using detail::Segment;
using detail::throw_error;
using detail::throw_limit;
using detail::Thrown;
using detail::to_number;
using detail::Type;
using detail::type_of;
using detail::Value;

/// The context an expression sees. Level 0 is the data (or, inside reduce, the pair
/// {"accumulator", "current"}); level 1 is the iteration {"index", "iterator"} (null outside
/// iterators); levels 2 and 3 are those of the enclosing scope, and so on ([[n], ...] climbs).
struct Scope {
    const json* data = nullptr;
    const Value* accumulator = nullptr;  ///< set inside reduce
    const json* current = nullptr;       ///< set inside reduce
    bool iteration = false;
    std::size_t index = 0;
    const json* iterator = nullptr;
    const Scope* outer = nullptr;
    bool is_root = false;
};

/// Per-evaluation bookkeeping: the optional trace and the two budgets (see logic.hpp).
struct State {
    Trace* trace = nullptr;
    std::uint64_t steps = 0;
    std::uint64_t created = 0;

    /// Counts one sub-expression evaluation.
    void step() {
        if (++steps > k_max_evaluation_steps) {
            throw_limit("evaluation took more than " + std::to_string(k_max_evaluation_steps) +
                        " steps");
        }
    }

    /// Counts values created or copied.
    void create(std::uint64_t values) {
        created += values;
        if (created > k_max_created_values) {
            throw_limit("evaluation created more than " + std::to_string(k_max_created_values) +
                        " values");
        }
    }

    /// Counts a new string of `bytes` bytes.
    void create_string(std::size_t bytes) { create(1 + bytes / 16); }
};

Value eval(const Node& node, const Scope& scope, State& state);
inline Value eval_operand(const Node& node, const Scope& scope, State& state);

// ---- copying, without recursion (data may be nested arbitrarily deep) ----

json copy_json(const json& source, State& state) {
    if (!source.is_structured()) {
        state.create(source.is_string() ? 1 + source.get_ref<const json::string_t&>().size() / 16
                                        : 1);
        return source;
    }
    json result;
    std::vector<std::pair<const json*, json*>> stack{{&source, &result}};
    while (!stack.empty()) {
        const auto [from, to] = stack.back();
        stack.pop_back();
        state.create(1);
        if (from->is_array()) {
            const auto& elements = from->get_ref<const json::array_t&>();
            *to = json::array();
            auto& copies = to->get_ref<json::array_t&>();
            copies.resize(elements.size());  // never resized again: the pointers stay valid
            for (std::size_t i = 0; i < elements.size(); ++i) {
                stack.emplace_back(&elements[i], &copies[i]);
            }
        } else if (from->is_object()) {
            *to = json::object();
            auto& members = to->get_ref<json::object_t&>();
            for (const auto& [key, value] : from->get_ref<const json::object_t&>()) {
                stack.emplace_back(&value, &members.emplace(key, nullptr).first->second);
            }
        } else {
            if (from->is_string())
                state.create_string(from->get_ref<const json::string_t&>().size());
            *to = *from;
        }
    }
    return result;
}

/// The value as JSON, without consuming it.
json snapshot(const Value& value, State& state) {
    switch (value.kind()) {
        case Value::Kind::Null:
            return json();
        case Value::Kind::Bool:
            return json(value.as_bool());
        case Value::Kind::Number:
            return detail::number_to_json(value.as_number());
        default:
            return copy_json(*value.json_ptr(), state);
    }
}

json to_json(Value&& value, State& state) {
    if (value.kind() == Value::Kind::Owned) return std::move(value.owned_json());
    return snapshot(value, state);
}

/// The same value, no longer borrowing (for values that outlive what they point into).
Value own(Value&& value, State& state) {
    if (value.kind() != Value::Kind::Ref) return std::move(value);
    return Value::owned(copy_json(*value.json_ptr(), state));
}

/// Element `index` of the array `holder` holds: moved out when holder owns it, else borrowed.
Value take_element(Value& holder, std::size_t index) {
    if (holder.kind() == Value::Kind::Owned) {
        return Value::owned(std::move(holder.owned_json()[index]));
    }
    return Value::ref(&(*holder.json_ptr())[index]);
}

const std::string& string_of(const Value& value) {
    return value.json_ptr()->get_ref<const json::string_t&>();
}

Value finish_number(double result) {
    if (!std::isfinite(result)) throw_error("NaN");
    return Value::number(result);
}

// ---- arguments ----

/// Calls f(Value&) with each argument: each element of the array, or each value of the
/// dynamic argument's array (or that value itself when it is not an array).
template <class F>
void for_each_arg(const Node& node, const Scope& scope, State& state, F&& f) {
    if (!node.dynamic) {
        for (const Node& arg : node.args) {
            Value value = eval_operand(arg, scope, state);
            f(value);
        }
        return;
    }
    Value holder = eval(node.args[0], scope, state);
    if (const json* array = array_of(holder)) {
        for (const json& element : *array) {
            Value value = Value::ref(&element);
            f(value);
        }
    } else {
        f(holder);
    }
}

/// All arguments, evaluated eagerly, for operators that need them by position.
class Args {
  public:
    Args(const Node& node, const Scope& scope, State& state) {
        if (!node.dynamic) {
            for (const Node& arg : node.args) push(eval(arg, scope, state));
            return;
        }
        m_holder = eval(node.args[0], scope, state);
        if (const json* array = array_of(m_holder)) {
            m_borrowed = m_holder.kind() == Value::Kind::Owned;
            for (const json& element : *array) push(Value::ref(&element));
        } else {
            push(std::move(m_holder));
        }
    }
    Args(const Args&) = delete;
    Args& operator=(const Args&) = delete;
    ~Args() = default;

    std::size_t size() const { return m_size; }
    Value& operator[](std::size_t i) { return i < m_inline.size() ? m_inline[i] : m_more[i - 3]; }

    /// Argument i, safe to return from the operator.
    Value take(std::size_t i, State& state) {
        Value& value = (*this)[i];
        return m_borrowed ? own(std::move(value), state) : std::move(value);
    }

  private:
    void push(Value value) {
        if (m_size < m_inline.size()) {
            m_inline[m_size] = std::move(value);
        } else {
            m_more.push_back(std::move(value));
        }
        ++m_size;
    }

    Value m_holder;
    bool m_borrowed = false;  ///< the arguments point into m_holder, which dies with this
    std::array<Value, 3> m_inline;
    std::vector<Value> m_more;
    std::size_t m_size = 0;
};

// ---- paths: var, val, exists, missing ----

/// A position reached while walking a path.
struct Cursor {
    enum class Kind : std::uint8_t { Missing, Json, Reduce, Iteration, Number, Accumulator };
    Kind kind = Kind::Missing;
    const json* value = nullptr;
    const Scope* scope = nullptr;
    double number = 0.0;
};

Cursor context_cursor(const Scope& scope) {
    Cursor cursor;
    if (scope.accumulator != nullptr) {
        cursor.kind = Cursor::Kind::Reduce;
        cursor.scope = &scope;
    } else {
        cursor.kind = Cursor::Kind::Json;
        cursor.value = scope.data;
    }
    return cursor;
}

Cursor climb(const Scope& scope, std::size_t levels) {
    const Scope* at = &scope;
    for (; levels >= 2; levels -= 2) {
        at = at->outer;
        if (at == nullptr) return {};
    }
    if (levels == 0) return context_cursor(*at);
    Cursor cursor;
    if (at->iteration) {
        cursor.kind = Cursor::Kind::Iteration;
        cursor.scope = at;
    }
    return cursor;
}

/// The `Word` (std::uint32_t or std::uint64_t) at `at`, read so that comparing two such words
/// orders them as their bytes compare (big-endian order).
template <class Word>
[[gnu::always_inline]] inline Word load_ordered(const char* at) noexcept {
    Word word;
    std::memcpy(&word, at, sizeof(Word));
    if constexpr (std::endian::native == std::endian::little) {
        if constexpr (sizeof(Word) == 8) {
            word = __builtin_bswap64(word);
        } else {
            word = __builtin_bswap32(word);
        }
    }
    return word;
}

/// Compares bytes [from, size) of a and b (size at least sizeof(Word)) a word at a time, the
/// last word overlapping the one before: -1, 0 or 1.
template <class Word>
inline int compare_words(const char* a, const char* b, std::size_t from,
                         std::size_t size) noexcept {
    for (std::size_t i = from;; i += sizeof(Word)) {
        const std::size_t at = std::min(i, size - sizeof(Word));
        const Word x = load_ordered<Word>(a + at);
        const Word y = load_ordered<Word>(b + at);
        if (x != y) return x < y ? -1 : 1;
        if (at == size - sizeof(Word)) return 0;
    }
}

/// The order of a and b whose first `from` bytes are known to be equal: -1, 0 or 1. Out of line:
/// the look-ups' hot loop stays small, and most comparisons end before this.
[[gnu::noinline]] int compare_from(std::string_view a, std::string_view b,
                                   std::size_t from) noexcept {
    const std::size_t common = std::min(a.size(), b.size());
    int order = 0;
    if (common <= from) {
        // nothing more to compare
    } else if (common >= 8) {
        order = compare_words<std::uint64_t>(a.data(), b.data(), from, common);
    } else if (common >= 4) {
        order = compare_words<std::uint32_t>(a.data(), b.data(), from, common);
    } else {
        for (std::size_t i = from; i < common && order == 0; ++i) {
            if (a[i] != b[i]) {
                order =
                    static_cast<unsigned char>(a[i]) < static_cast<unsigned char>(b[i]) ? -1 : 1;
            }
        }
    }
    if (order != 0) return order;
    return a.size() < b.size() ? -1 : (a.size() > b.size() ? 1 : 0);
}

/// A key to look up in an object. The map orders keys with the transparent std::less<>, so
/// find() accepts this type and compares with the operators below: the same byte order as
/// std::string::compare, but most comparisons end at the first word of the member's key,
/// compared with the key's precomputed prefix (measured with callgrind on the generated
/// knowledge bases: about 30% fewer instructions per look-up than comparing the strings).
struct KeyView {
    std::string_view text;
    std::uint64_t prefix;  ///< key_prefix(text)
};

/// The order of a member's key against the key looked up, whose first sizeof(Word) bytes are
/// known to be equal (member and key hold at least that many): -1, 0 or 1.
template <class Word>
[[gnu::always_inline]] inline int compare_rest(std::string_view member,
                                               std::string_view key) noexcept {
    const std::size_t common = std::min(member.size(), key.size());
    if (common > 2 * sizeof(Word)) return compare_from(member, key, sizeof(Word));
    if (common > sizeof(Word)) {
        // One word ending where the shorter ends covers the rest (it overlaps equal bytes).
        const std::size_t at = common - sizeof(Word);
        const Word x = load_ordered<Word>(member.data() + at);
        const Word y = load_ordered<Word>(key.data() + at);
        if (x != y) return x < y ? -1 : 1;
    }
    return member.size() < key.size() ? -1 : (member.size() > key.size() ? 1 : 0);
}

/// The order of a member's key against the key looked up: -1, 0 or 1.
[[gnu::always_inline]] inline int compare_member(const std::string& member,
                                                 const KeyView& key) noexcept {
    // A prefix that differs decides: where it differs, either both have real bytes, or the key
    // has ended (its padding 0 is below the member's byte, as the shorter key sorts first). One
    // that is equal leaves the rest to compare, unless the key has ended (then it sorts first).
    if (member.size() >= 8) {
        const auto word = load_ordered<std::uint64_t>(member.data());
        if (word != key.prefix) return word < key.prefix ? -1 : 1;
        return key.text.size() < 8 ? 1 : compare_rest<std::uint64_t>(member, key.text);
    }
    if (member.size() >= 4) {
        const auto word = load_ordered<std::uint32_t>(member.data());
        const auto prefix = static_cast<std::uint32_t>(key.prefix >> 32U);
        if (word != prefix) return word < prefix ? -1 : 1;
        return key.text.size() < 4 ? 1 : compare_rest<std::uint32_t>(member, key.text);
    }
    // Up to 3 bytes, padded like the prefix. Equal words make one key a prefix of the other
    // (any bytes of the longer beyond the shorter within the word are 0): the longer is greater.
    std::uint32_t word = 0;
    for (std::size_t i = 0; i < member.size(); ++i) {
        word |= static_cast<std::uint32_t>(static_cast<unsigned char>(member[i])) << (24U - 8U * i);
    }
    const auto prefix = static_cast<std::uint32_t>(key.prefix >> 32U);
    if (word != prefix) return word < prefix ? -1 : 1;
    return member.size() < key.text.size() ? -1 : (member.size() > key.text.size() ? 1 : 0);
}

[[gnu::always_inline]] inline bool operator<(const KeyView& a, const std::string& b) noexcept {
    return compare_member(b, a) > 0;
}

[[gnu::always_inline]] inline bool operator<(const std::string& a, const KeyView& b) noexcept {
    return compare_member(a, b) < 0;
}

/// The member or element of `value` that `segment` names, or null.
const json* child(const json& value, const Segment& segment) noexcept {
    if (const auto* members = value.get_ptr<const json::object_t*>()) {
        const auto found = members->find(KeyView{segment.key, segment.prefix});
        return found == members->end() ? nullptr : &found->second;
    }
    if (const auto* elements = value.get_ptr<const json::array_t*>()) {
        return segment.is_index && segment.index < elements->size() ? &(*elements)[segment.index]
                                                                    : nullptr;
    }
    return nullptr;
}

/// The hot path of var and val: a literal path into plain JSON, from segment `first` on.
const json* walk_json(const json* at, const std::vector<Segment>& path,
                      std::size_t first = 0) noexcept {
    for (std::size_t i = first; i < path.size() && at != nullptr; ++i) at = child(*at, path[i]);
    return at;
}

/// Inside reduce: "current..." and "accumulator..." without building the {accumulator, current}
/// pair. False when the path goes elsewhere (then the general walk handles it).
bool read_reduce_slot(const Node& node, const Scope& scope, Value& out) {
    if (node.path.empty()) return false;
    const std::string& slot = node.path.front().key;
    const json* from = nullptr;
    if (slot == "current") {
        from = scope.current;
    } else if (slot == "accumulator") {
        const Value& accumulator = *scope.accumulator;
        from = accumulator.json_ptr();
        if (from == nullptr) {                       // an inline scalar: it has no members
            if (node.path.size() != 1) return true;  // out stays null
            out = accumulator.kind() == Value::Kind::Bool ? Value::boolean(accumulator.as_bool())
                  : accumulator.kind() == Value::Kind::Number
                      ? Value::number(accumulator.as_number())
                      : Value();
            return true;
        }
    } else {
        return false;
    }
    if (const json* value = walk_json(from, node.path, 1)) out = Value::ref(value);
    return true;
}

Cursor cursor_for(const Value& value) {
    Cursor cursor;
    if (const json* j = value.json_ptr()) {
        cursor.kind = Cursor::Kind::Json;
        cursor.value = j;
    } else {
        cursor.kind = Cursor::Kind::Accumulator;
    }
    return cursor;
}

Cursor step(const Cursor& from, const Segment& segment) {
    Cursor next;
    switch (from.kind) {
        case Cursor::Kind::Json:
            next.value = child(*from.value, segment);
            if (next.value != nullptr) next.kind = Cursor::Kind::Json;
            return next;
        case Cursor::Kind::Reduce:
            if (segment.key == "accumulator") {
                next = cursor_for(*from.scope->accumulator);
                next.scope = from.scope;
            } else if (segment.key == "current") {
                next.kind = Cursor::Kind::Json;
                next.value = from.scope->current;
            }
            return next;
        case Cursor::Kind::Iteration:
            if (segment.key == "index") {
                next.kind = Cursor::Kind::Number;
                next.number = static_cast<double>(from.scope->index);
            } else if (segment.key == "iterator") {
                next.kind = Cursor::Kind::Json;
                next.value = from.scope->iterator;
            }
            return next;
        default:  // scalars have no members
            return next;
    }
}

/// eval() for operands, with the two commonest kinds resolved in line: literals and var reads
/// with a literal path from plain JSON (no reduce context, no trace, no default).
inline Value eval_operand(const Node& node, const Scope& scope, State& state) {
    if (node.op == Op::Const) return Value::ref(&node.literal);
    if (node.op == Op::Var && node.static_path && !node.has_default &&
        scope.accumulator == nullptr && state.trace == nullptr) {
        const json* value = walk_json(scope.data, node.path);
        return value != nullptr ? Value::ref(value) : Value();
    }
    return eval(node, scope, state);
}

Value scalar_copy(const Value& value) {
    switch (value.kind()) {
        case Value::Kind::Bool:
            return Value::boolean(value.as_bool());
        case Value::Kind::Number:
            return Value::number(value.as_number());
        default:
            return {};
    }
}

/// The value at a (found) cursor.
Value cursor_value(const Cursor& cursor, State& state) {
    switch (cursor.kind) {
        case Cursor::Kind::Json:
            return Value::ref(cursor.value);
        case Cursor::Kind::Number:
            return Value::number(cursor.number);
        case Cursor::Kind::Accumulator:
            return scalar_copy(*cursor.scope->accumulator);
        case Cursor::Kind::Reduce: {
            json pair = json::object();
            pair["accumulator"] = snapshot(*cursor.scope->accumulator, state);
            pair["current"] = copy_json(*cursor.scope->current, state);
            return Value::owned(std::move(pair));
        }
        case Cursor::Kind::Iteration: {
            json info = json::object();
            info["index"] = cursor.scope->index;
            info["iterator"] = copy_json(*cursor.scope->iterator, state);
            return Value::owned(std::move(info));
        }
        default:
            return {};
    }
}

bool found(const Cursor& cursor) { return cursor.kind != Cursor::Kind::Missing; }

Cursor walk(Cursor cursor, const std::vector<Segment>& path) {
    for (const Segment& segment : path) {
        if (!found(cursor)) break;
        cursor = step(cursor, segment);
    }
    return cursor;
}

void record(State& state, const Scope& scope, const std::string& path, const Value& value) {
    if (!scope.is_root) return;
    state.trace->reads.push_back({path, snapshot(value, state)});
}

std::string js_string(const Value& value) {
    std::string text;
    detail::append_js_string(text, value);
    return text;
}

[[gnu::noinline]] Value op_var(const Node& node, const Scope& scope, State& state) {
    if (node.static_path && scope.accumulator == nullptr) {
        const json* value = walk_json(scope.data, node.path);
        if (state.trace != nullptr) {
            record(state, scope, node.trace_path, value != nullptr ? Value::ref(value) : Value());
        }
        if (value != nullptr) return Value::ref(value);
        return node.has_default ? eval(node.args[1], scope, state) : Value();
    }
    if (node.static_path && state.trace == nullptr) {
        Value value;
        if (read_reduce_slot(node, scope, value)) {
            if (type_of(value) != Type::Null || !node.has_default) return value;
            // null here may be a value that exists: the general walk below tells them apart
        }
    }
    if (node.static_path) {
        const Cursor cursor = walk(context_cursor(scope), node.path);
        if (found(cursor)) {
            Value value = cursor_value(cursor, state);
            if (state.trace != nullptr) record(state, scope, node.trace_path, value);
            return value;
        }
        if (state.trace != nullptr) record(state, scope, node.trace_path, Value());
        return node.has_default ? eval(node.args[1], scope, state) : Value();
    }
    Args args(node, scope, state);
    std::string path;
    if (args.size() > 0 && type_of(args[0]) != Type::Null) path = js_string(args[0]);
    const Cursor cursor = walk(context_cursor(scope), detail::split_var_path(path));
    Value value = found(cursor) ? cursor_value(cursor, state) : Value();
    if (!found(cursor) && args.size() > 1) value = args.take(1, state);
    if (state.trace != nullptr) record(state, scope, path, value);
    return value;
}

/// Walks a val/exists path: literal (split at compile time) or computed from the arguments.
Cursor val_cursor(const Node& node, const Scope& scope, State& state) {
    if (node.static_path) {
        return walk(node.climb > 0 ? climb(scope, node.climb) : context_cursor(scope), node.path);
    }
    Args args(node, scope, state);
    std::size_t first = 0;
    std::size_t levels = 0;
    if (args.size() > 0) {
        if (const json* head = array_of(args[0]); head != nullptr && head->size() == 1) {
            levels = detail::climb_levels((*head)[0]);
            first = 1;
        }
    }
    Cursor cursor = levels > 0 ? climb(scope, levels) : context_cursor(scope);
    for (std::size_t i = first; i < args.size() && found(cursor); ++i) {
        if (type_of(args[i]) == Type::Null) continue;
        cursor = step(cursor, detail::make_segment(js_string(args[i])));
    }
    return cursor;
}

[[gnu::noinline]] Value op_val(const Node& node, const Scope& scope, State& state) {
    if (node.static_path && node.climb == 0 && scope.accumulator == nullptr) {
        const json* value = walk_json(scope.data, node.path);
        Value result = value != nullptr ? Value::ref(value) : Value();
        if (state.trace != nullptr) record(state, scope, node.trace_path, result);
        return result;
    }
    const Cursor cursor = val_cursor(node, scope, state);
    Value value = found(cursor) ? cursor_value(cursor, state) : Value();
    if (node.static_path && node.climb == 0 && state.trace != nullptr) {
        record(state, scope, node.trace_path, value);
    }
    return value;
}

/// missing treats null and "" as missing, as json-logic-js does.
bool is_missing(const Scope& scope, const std::string& key) {
    const Cursor cursor = walk(context_cursor(scope), detail::split_var_path(key));
    if (!found(cursor)) return true;
    if (cursor.kind != Cursor::Kind::Json) return false;
    return cursor.value->is_null() ||
           (cursor.value->is_string() && cursor.value->get_ref<const json::string_t&>().empty());
}

/// The keys missing from the data, in order; `total` receives how many keys were asked about.
json missing_keys(const Scope& scope, Value& keys, State& state, std::size_t& total) {
    json missing = json::array();
    const auto check = [&](const Value& key) {
        ++total;
        state.step();
        if (is_missing(scope, js_string(key))) missing.push_back(snapshot(key, state));
    };
    if (const json* array = array_of(keys)) {
        for (const json& element : *array) check(Value::ref(&element));
    } else {
        check(keys);
    }
    return missing;
}

[[gnu::noinline]] Value op_missing(const Node& node, const Scope& scope, State& state) {
    Args args(node, scope, state);
    std::size_t total = 0;
    if (args.size() > 0 && array_of(args[0]) != nullptr) {
        return Value::owned(missing_keys(scope, args[0], state, total));
    }
    json missing = json::array();
    for (std::size_t i = 0; i < args.size(); ++i) {
        for (auto& key : missing_keys(scope, args[i], state, total)) {
            missing.push_back(std::move(key));
        }
    }
    return Value::owned(std::move(missing));
}

[[gnu::noinline]] Value op_missing_some(const Node& node, const Scope& scope, State& state) {
    Args args(node, scope, state);
    const double need = args.size() > 0 ? to_number(args[0]) : 0.0;
    std::size_t total = 0;
    json missing = json::array();
    if (args.size() > 1) missing = missing_keys(scope, args[1], state, total);
    const double present = static_cast<double>(total - missing.size());
    return Value::owned(present >= need ? json::array() : std::move(missing));
}

// ---- logic ----

[[gnu::noinline]] Value op_if(const Node& node, const Scope& scope, State& state) {
    const auto& args = node.args;
    if (args.empty()) return {};
    if (args.size() == 1) return eval_operand(args[0], scope, state);
    std::size_t i = 0;
    for (; i + 1 < args.size(); i += 2) {
        if (detail::truthy_value(eval_operand(args[i], scope, state))) {
            return eval_operand(args[i + 1], scope, state);
        }
    }
    return i < args.size() ? eval_operand(args[i], scope, state) : Value();
}

[[gnu::noinline]] Value op_and_or(const Node& node, const Scope& scope, State& state, bool is_and) {
    const auto& args = node.args;
    if (args.empty()) return Value::boolean(false);
    for (std::size_t i = 0; i + 1 < args.size(); ++i) {
        Value value = eval_operand(args[i], scope, state);
        if (detail::truthy_value(value) != is_and) return value;
    }
    return eval_operand(args.back(), scope, state);
}

[[gnu::noinline]] Value op_coalesce(const Node& node, const Scope& scope, State& state) {
    if (!node.dynamic) {
        for (const Node& arg : node.args) {
            Value value = eval(arg, scope, state);
            if (type_of(value) != Type::Null) return value;
        }
        return {};
    }
    Value holder = eval(node.args[0], scope, state);
    const json* array = array_of(holder);
    if (array == nullptr) return holder;
    for (std::size_t i = 0; i < array->size(); ++i) {
        if (!(*array)[i].is_null()) return take_element(holder, i);
    }
    return {};
}

[[gnu::noinline]] Value op_try(const Node& node, const Scope& scope, State& state) {
    if (node.dynamic) {
        Value holder = eval(node.args[0], scope, state);
        const json* array = array_of(holder);
        if (array == nullptr) return holder;
        return array->empty() ? Value() : take_element(holder, 0);
    }
    json last_error;
    bool failed = false;
    for (const Node& arg : node.args) {
        try {
            if (!failed) return eval(arg, scope, state);
            // The fallback sees the error as its context: {"val": "type"} reads the error type.
            Scope error_scope;
            error_scope.data = &last_error;
            error_scope.outer = &scope;
            return own(eval(arg, error_scope, state), state);
        } catch (Thrown& thrown) {
            last_error = std::move(thrown.error);
            failed = true;
        }
    }
    if (failed) throw Thrown{std::move(last_error)};
    return {};
}

[[noreturn, gnu::noinline]] void op_throw(const Node& node, const Scope& scope, State& state) {
    Args args(node, scope, state);
    json error = args.size() > 0 ? to_json(args.take(0, state), state) : json();
    if (!error.is_object()) error = json{{"type", std::move(error)}};
    throw Thrown{std::move(error)};
}

[[gnu::noinline]] Value op_not(const Node& node, const Scope& scope, State& state) {
    bool value = false;
    if (!node.dynamic && node.args.size() == 1) {
        value = detail::truthy_value(eval_operand(node.args[0], scope, state));
    } else {
        Args args(node, scope, state);
        value = args.size() > 0 && detail::truthy_value(args[0]);
    }
    return Value::boolean(node.op == Op::Not ? !value : value);
}

// ---- comparison ----

bool is_container(Type type) { return type == Type::Array || type == Type::Object; }

/// An operand of == or an ordering, classified once: its type, and its number unless it is a
/// string (strings are converted only when compared with something else).
struct Operand {
    Type type = Type::Null;
    double number = 0.0;
    const std::string* text = nullptr;
};

inline Operand classify(const Value& value) noexcept {
    Operand operand;
    switch (value.kind()) {
        case Value::Kind::Null:
            return operand;
        case Value::Kind::Bool:
            operand.type = Type::Bool;
            operand.number = value.as_bool() ? 1.0 : 0.0;
            return operand;
        case Value::Kind::Number:
            operand.type = Type::Number;
            operand.number = value.as_number();
            return operand;
        default:
            break;
    }
    const json& j = *value.json_ptr();
    operand.type = type_of(j);
    if (operand.type == Type::String) {
        operand.text = &j.get_ref<const json::string_t&>();
    } else if (operand.type != Type::Array && operand.type != Type::Object) {
        operand.number = to_number(j);
    }
    return operand;
}

double number_of(const Operand& operand) noexcept {
    return operand.text != nullptr ? detail::parse_js_number(*operand.text) : operand.number;
}

/// Both operands as numbers; a number against a string that is not a number cannot be compared:
/// that is the NaN error. Arrays and objects never compare.
std::pair<double, double> numbers_of(const Operand& a, const Operand& b) {
    if (is_container(a.type) || is_container(b.type)) throw_error("NaN");
    const double x = number_of(a);
    const double y = number_of(b);
    if ((a.type == Type::Number && b.type == Type::String && std::isnan(y)) ||
        (b.type == Type::Number && a.type == Type::String && std::isnan(x))) {
        throw_error("NaN");
    }
    return {x, y};
}

/// ==: same types compare by value; otherwise both sides become numbers (null 0, booleans 0/1,
/// numeric strings), and a side that is not a number makes them unequal (null == "x" is false).
bool loose_equal(const Value& a, const Value& b) {
    const Operand x = classify(a);
    const Operand y = classify(b);
    if (x.type == y.type && !is_container(x.type)) {
        return x.type == Type::String ? *x.text == *y.text : x.number == y.number;
    }
    const auto [nx, ny] = numbers_of(x, y);
    return nx == ny;  // false when either is NaN
}

/// <, <=, >, >=: two strings compare as text; otherwise as numbers, where a side that is not a
/// number makes the comparison false.
bool ordered(Op op, const Value& a, const Value& b) {
    const Operand x = classify(a);
    const Operand y = classify(b);
    int order = 0;
    if (x.type == Type::String && y.type == Type::String) {
        const int c = x.text->compare(*y.text);
        order = c < 0 ? -1 : (c > 0 ? 1 : 0);
    } else {
        const auto [nx, ny] = numbers_of(x, y);
        if (std::isnan(nx) || std::isnan(ny)) return false;
        order = nx < ny ? -1 : (nx > ny ? 1 : 0);
    }
    switch (op) {
        case Op::Lt:
            return order < 0;
        case Op::Le:
            return order <= 0;
        case Op::Gt:
            return order > 0;
        default:
            return order >= 0;
    }
}

/// The value as a double when it is a number (inline or JSON), for the fast path of comparisons.
inline bool number_value(const Value& value, double& out) noexcept {
    if (value.kind() == Value::Kind::Number) {
        out = value.as_number();
        return true;
    }
    const json* j = value.json_ptr();
    if (j == nullptr) return false;
    switch (j->type()) {
        case json::value_t::number_integer:
            out = static_cast<double>(*j->get_ptr<const json::number_integer_t*>());
            return true;
        case json::value_t::number_unsigned:
            out = static_cast<double>(*j->get_ptr<const json::number_unsigned_t*>());
            return true;
        case json::value_t::number_float:
            out = *j->get_ptr<const json::number_float_t*>();
            return true;
        default:
            return false;
    }
}

bool compare_pair(Op op, const Value& a, const Value& b) {
    double x = 0.0;
    double y = 0.0;
    if (op != Op::StrictEq && op != Op::StrictNe && number_value(a, x) && number_value(b, y)) {
        switch (op) {
            case Op::Eq:
                return x == y;
            case Op::Ne:
                return x != y;
            case Op::Lt:
                return x < y;
            case Op::Le:
                return x <= y;
            case Op::Gt:
                return x > y;
            default:
                return x >= y;
        }
    }
    switch (op) {
        case Op::Eq:
            return loose_equal(a, b);
        case Op::Ne:
            return !loose_equal(a, b);
        case Op::StrictEq:
            return detail::strict_equal(a, b);
        case Op::StrictNe:
            return !detail::strict_equal(a, b);
        default:
            return ordered(op, a, b);
    }
}

/// Chained and lazy: {"<": [a, b, c]} is a < b && b < c, and c is not evaluated when a < b fails.
[[gnu::noinline]] Value op_compare(const Node& node, const Scope& scope, State& state) {
    if (node.args.size() == 2) {  // the usual form, without moving values along the chain
        const Value left = eval_operand(node.args[0], scope, state);
        const Value right = eval_operand(node.args[1], scope, state);
        return Value::boolean(compare_pair(node.op, left, right));
    }
    Value left = eval_operand(node.args[0], scope, state);
    for (std::size_t i = 1; i < node.args.size(); ++i) {
        Value right = eval_operand(node.args[i], scope, state);
        if (!compare_pair(node.op, left, right)) return Value::boolean(false);
        left = std::move(right);
    }
    return Value::boolean(true);
}

// ---- arithmetic ----

[[gnu::noinline]] Value op_arithmetic(const Node& node, const Scope& scope, State& state) {
    std::size_t count = 0;
    bool not_a_number = false;
    double result = node.op == Op::Mul ? 1.0 : 0.0;
    // Every argument is evaluated before NaN is reported, so an error thrown by a later
    // argument wins, as when JavaScript evaluates all arguments first.
    for_each_arg(node, scope, state, [&](const Value& value) {
        const double x = to_number(value);
        if (std::isnan(x)) not_a_number = true;
        switch (node.op) {
            case Op::Add:
                result += x;
                break;
            case Op::Mul:
                result *= x;
                break;
            case Op::Sub:
                result = count == 0 ? x : result - x;
                break;
            case Op::Div:
                result = count == 0 ? x : result / x;
                break;
            case Op::Mod:
                result = count == 0 ? x : std::fmod(result, x);
                break;
            case Op::Max:
                result = count == 0 ? x : std::max(result, x);
                break;
            default:  // Min
                result = count == 0 ? x : std::min(result, x);
                break;
        }
        ++count;
    });
    switch (node.op) {
        case Op::Sub:
        case Op::Div:
            if (count == 0) throw_error("Invalid Arguments");
            break;
        case Op::Mod:
            if (count < 2) throw_error("Invalid Arguments");
            break;
        case Op::Max:
        case Op::Min:
            if (count == 0 && !not_a_number) return {};
            break;
        default:
            break;
    }
    if (not_a_number) throw_error("NaN");
    if (count == 1 && node.op == Op::Sub) result = -result;
    if (count == 1 && node.op == Op::Div) result = 1.0 / result;
    return finish_number(result);
}

// ---- strings and arrays ----

void check_string_size(std::size_t size, const char* op) {
    if (size > k_max_string_bytes) {
        throw_limit(std::string(op) + " result longer than " + std::to_string(k_max_string_bytes) +
                    " bytes");
    }
}

void check_array_size(std::size_t size, const char* op) {
    if (size > k_max_array_elements) {
        throw_limit(std::string(op) + " result longer than " +
                    std::to_string(k_max_array_elements) + " elements");
    }
}

bool contains(const Value& needle, const Value& haystack, State& state) {
    switch (type_of(haystack)) {
        case Type::String:
            return string_of(haystack).find(js_string(needle)) != std::string::npos;
        case Type::Array:
            for (const json& element : *haystack.json_ptr()) {
                state.step();
                if (detail::strict_equal(needle, Value::ref(&element))) return true;
            }
            return false;
        default:
            return false;
    }
}

[[gnu::noinline]] Value op_in(const Node& node, const Scope& scope, State& state) {
    if (!node.dynamic && node.args.size() == 2) {  // the usual form, without Args
        const Value needle = eval_operand(node.args[0], scope, state);
        const Value haystack = eval_operand(node.args[1], scope, state);
        return Value::boolean(contains(needle, haystack, state));
    }
    Args args(node, scope, state);
    return Value::boolean(args.size() >= 2 && contains(args[0], args[1], state));
}

[[gnu::noinline]] Value op_cat(const Node& node, const Scope& scope, State& state) {
    std::string text;
    for_each_arg(node, scope, state, [&](const Value& value) {
        if (type_of(value) != Type::Null) detail::append_js_string(text, value);
        check_string_size(text.size(), "cat");
    });
    state.create_string(text.size());
    return Value::owned(json(std::move(text)));
}

/// ToIntegerOrInfinity, clamped to [-limit, limit] so that converting it is always defined.
double clamped_integer(double x, double limit) {
    if (std::isnan(x)) return 0.0;
    return std::clamp(std::trunc(x), -limit, limit);
}

/// JavaScript substr(start, length) over code points; a negative length drops that many from the
/// end.
[[gnu::noinline]] Value op_substr(const Node& node, const Scope& scope, State& state) {
    Args args(node, scope, state);
    std::string text;
    if (args.size() > 0 && type_of(args[0]) != Type::Null) text = js_string(args[0]);
    const std::size_t length = detail::count_code_points(text);
    const double size = static_cast<double>(length);
    double start = args.size() > 1 ? clamped_integer(to_number(args[1]), size) : 0.0;
    if (start < 0) start = std::max(size + start, 0.0);
    double count = size - start;
    if (args.size() > 2) {
        const double wanted = clamped_integer(to_number(args[2]), size);
        count = wanted < 0 ? std::max(count + wanted, 0.0) : std::min(wanted, count);
    }
    const std::size_t from = detail::code_point_offset(text, static_cast<std::size_t>(start));
    const std::size_t bytes = detail::code_point_offset(std::string_view(text).substr(from),
                                                        static_cast<std::size_t>(count));
    check_string_size(bytes, "substr");
    state.create_string(bytes);
    return Value::owned(json(text.substr(from, bytes)));
}

[[gnu::noinline]] Value op_merge(const Node& node, const Scope& scope, State& state) {
    json result = json::array();
    auto& elements = result.get_ref<json::array_t&>();
    for_each_arg(node, scope, state, [&](Value& value) {
        const json* array = array_of(value);
        if (array == nullptr) {
            check_array_size(elements.size() + 1, "merge");
            state.create(1);
            elements.push_back(to_json(std::move(value), state));
            return;
        }
        check_array_size(elements.size() + array->size(), "merge");
        if (value.kind() == Value::Kind::Owned) {
            auto& owned = value.owned_json().get_ref<json::array_t&>();
            state.create(owned.size());
            std::move(owned.begin(), owned.end(), std::back_inserter(elements));
        } else {
            for (const json& element : *array) elements.push_back(copy_json(element, state));
        }
    });
    return Value::owned(std::move(result));
}

// ---- iterators ----

/// The array an iterator walks; null means none.
const json* iteration_source(const Value& source, bool null_is_empty) {
    if (const json* array = array_of(source)) return array;
    if (null_is_empty && type_of(source) == Type::Null) return nullptr;
    throw_error("Invalid Arguments");
}

Scope iteration_scope(const json& array, const Scope& outer) {
    Scope scope;
    scope.iteration = true;
    scope.iterator = &array;
    scope.outer = &outer;
    return scope;
}

[[gnu::noinline]] Value op_map_filter(const Node& node, const Scope& scope, State& state) {
    const Value source = eval(node.args[0], scope, state);
    json result = json::array();
    const json* array = iteration_source(source, true);
    if (array == nullptr) return Value::owned(std::move(result));
    check_array_size(array->size(), node.op == Op::Map ? "map" : "filter");
    auto& elements = result.get_ref<json::array_t&>();
    if (node.op == Op::Map) elements.reserve(array->size());
    Scope inner = iteration_scope(*array, scope);
    for (std::size_t i = 0; i < array->size(); ++i) {
        const json& element = (*array)[i];
        inner.data = &element;
        inner.index = i;
        Value value = eval_operand(node.args[1], inner, state);
        if (node.op == Op::Map) {
            state.create(1);
            elements.push_back(to_json(std::move(value), state));
        } else if (detail::truthy_value(value)) {
            elements.push_back(copy_json(element, state));
        }
    }
    return Value::owned(std::move(result));
}

[[gnu::noinline]] Value op_quantifier(const Node& node, const Scope& scope, State& state) {
    const Value source = eval(node.args[0], scope, state);
    const json* array = iteration_source(source, false);
    // all of nothing is false here (as in the suites), some of nothing false, none of nothing true.
    if (array->empty()) return Value::boolean(node.op == Op::None);
    const bool want = node.op == Op::All;  // all stops at the first falsy, some/none at a truthy
    Scope inner = iteration_scope(*array, scope);
    for (std::size_t i = 0; i < array->size(); ++i) {
        inner.data = &(*array)[i];
        inner.index = i;
        if (detail::truthy_value(eval_operand(node.args[1], inner, state)) != want) {
            return Value::boolean(node.op == Op::Some);
        }
    }
    return Value::boolean(node.op != Op::Some);
}

[[gnu::noinline]] Value op_reduce(const Node& node, const Scope& scope, State& state) {
    const bool has_initial = node.args.size() == 3;
    Value accumulator = has_initial ? eval(node.args[2], scope, state) : Value();
    const Value source = eval(node.args[0], scope, state);
    const json* array = iteration_source(source, true);
    if (array == nullptr) return accumulator;
    std::size_t first = 0;
    if (!has_initial) {
        if (array->empty()) return {};
        accumulator = Value::ref(&(*array)[0]);
        first = 1;
    }
    Scope inner = iteration_scope(*array, scope);
    inner.accumulator = &accumulator;
    for (std::size_t i = first; i < array->size(); ++i) {
        inner.current = &(*array)[i];
        inner.index = i;
        Value next = eval(node.args[1], inner, state);
        // The body may return a part of the accumulator it is about to replace.
        if (accumulator.kind() == Value::Kind::Owned && next.kind() == Value::Kind::Ref) {
            next = own(std::move(next), state);
        }
        accumulator = std::move(next);
    }
    // A borrowed result may point into the source array, which dies here.
    if (source.kind() == Value::Kind::Owned) accumulator = own(std::move(accumulator), state);
    return accumulator;
}

[[gnu::noinline]] Value op_array(const Node& node, const Scope& scope, State& state) {
    json result = json::array();
    auto& elements = result.get_ref<json::array_t&>();
    elements.reserve(node.args.size());
    for (const Node& arg : node.args) {
        state.create(1);
        elements.push_back(to_json(eval(arg, scope, state), state));
    }
    return Value::owned(std::move(result));
}

Value eval(const Node& node, const Scope& scope, State& state) {
    state.step();
    switch (node.op) {
        case Op::Const:
            return Value::ref(&node.literal);
        case Op::Array:
            return op_array(node, scope, state);
        case Op::Fail:
            throw Thrown{node.literal};
        case Op::Var:
            return op_var(node, scope, state);
        case Op::Val:
            return op_val(node, scope, state);
        case Op::Exists:
            return Value::boolean(found(val_cursor(node, scope, state)));
        case Op::Missing:
            return op_missing(node, scope, state);
        case Op::MissingSome:
            return op_missing_some(node, scope, state);
        case Op::If:
            return op_if(node, scope, state);
        case Op::And:
            return op_and_or(node, scope, state, true);
        case Op::Or:
            return op_and_or(node, scope, state, false);
        case Op::Not:
        case Op::NotNot:
            return op_not(node, scope, state);
        case Op::Coalesce:
            return op_coalesce(node, scope, state);
        case Op::Try:
            return op_try(node, scope, state);
        case Op::Throw:
            op_throw(node, scope, state);
        case Op::Eq:
        case Op::Ne:
        case Op::StrictEq:
        case Op::StrictNe:
        case Op::Lt:
        case Op::Le:
        case Op::Gt:
        case Op::Ge:
            return op_compare(node, scope, state);
        case Op::Add:
        case Op::Sub:
        case Op::Mul:
        case Op::Div:
        case Op::Mod:
        case Op::Max:
        case Op::Min:
            return op_arithmetic(node, scope, state);
        case Op::In:
            return op_in(node, scope, state);
        case Op::Cat:
            return op_cat(node, scope, state);
        case Op::Substr:
            return op_substr(node, scope, state);
        case Op::Merge:
            return op_merge(node, scope, state);
        case Op::Map:
        case Op::Filter:
            return op_map_filter(node, scope, state);
        case Op::Reduce:
            return op_reduce(node, scope, state);
        case Op::All:
        case Op::Some:
        case Op::None:
            return op_quantifier(node, scope, state);
    }
    return {};
}

// ---- the truthiness program (FastProgram) ----

/// The value a Var/Compare/InList node's path names in the data, or null when it is missing:
/// the same walk as walk_json(), over the program's own copy of the path.
[[gnu::always_inline]] inline const json* fast_lookup(const detail::FastProgram& program,
                                                      const FastNode& node,
                                                      const json& data) noexcept {
    const json* at = &data;
    for (std::uint32_t i = 0; i < node.count; ++i) {
        const FastText& segment = program.segment(node.first + i);
        if (const auto* members = at->get_ptr<const json::object_t*>()) {
            const auto found =
                members->find(KeyView{program.text(segment.offset, segment.size), segment.prefix});
            if (found == members->end()) return nullptr;
            at = &found->second;
        } else if (const auto* elements = at->get_ptr<const json::array_t*>()) {
            if (segment.index >= elements->size()) return nullptr;  // also k_not_an_index
            at = &(*elements)[static_cast<std::size_t>(segment.index)];
        } else {
            return nullptr;
        }
    }
    return at;
}

/// to_number() of a value that is not a string, in line.
[[gnu::always_inline]] inline double scalar_number(const json& value) noexcept {
    // The usual answer first. (get_ptr<number_integer_t*> would also accept unsigned numbers.)
    if (value.type() == json::value_t::number_integer) {
        return static_cast<double>(*value.get_ptr<const json::number_integer_t*>());
    }
    switch (value.type()) {
        case json::value_t::null:
            return 0.0;
        case json::value_t::boolean:
            return *value.get_ptr<const json::boolean_t*>() ? 1.0 : 0.0;
        case json::value_t::number_integer:
            return static_cast<double>(*value.get_ptr<const json::number_integer_t*>());
        case json::value_t::number_unsigned:
            return static_cast<double>(*value.get_ptr<const json::number_unsigned_t*>());
        case json::value_t::number_float:
            return *value.get_ptr<const json::number_float_t*>();
        default:
            return to_number(value);
    }
}

/// compare_pair(node.op, value, literal) for the usual operand types: 1 or 0; -1 for the types
/// that need the general comparison (numbers under ===, a string against a non-string, arrays
/// and objects, and a number against a non-numeric string, which throws).
[[gnu::always_inline]] inline int fast_compare(const detail::FastProgram& program,
                                               const FastNode& node, const json* value) noexcept {
    const Type type = value != nullptr ? type_of(*value) : Type::Null;
    if (node.op == Op::StrictEq || node.op == Op::StrictNe) {
        bool equal = false;
        if (type == node.constant) {
            switch (type) {
                case Type::Null:
                    equal = true;
                    break;
                case Type::Bool:
                    equal = *value->get_ptr<const json::boolean_t*>() == (node.number != 0.0);
                    break;
                case Type::String:
                    equal = *value->get_ptr<const json::string_t*>() ==
                            program.text(node.text, node.text_size);
                    break;
                default:
                    return -1;
            }
        }
        return equal == (node.op == Op::StrictEq) ? 1 : 0;
    }
    if (type == Type::String) {
        if (node.constant != Type::String) return -1;
        const std::string_view text = *value->get_ptr<const json::string_t*>();
        const std::string_view literal = program.text(node.text, node.text_size);
        switch (node.op) {
            case Op::Eq:
                return text == literal ? 1 : 0;
            case Op::Ne:
                return text != literal ? 1 : 0;
            case Op::Lt:
                return text < literal ? 1 : 0;
            case Op::Le:
                return text <= literal ? 1 : 0;
            case Op::Gt:
                return text > literal ? 1 : 0;
            default:
                return text >= literal ? 1 : 0;
        }
    }
    if (type == Type::Array || type == Type::Object) return -1;
    if (type == Type::Number && node.constant == Type::String && std::isnan(node.number)) return -1;
    // null, booleans and numbers against a number (null 0, booleans 0 and 1, strings converted).
    const double x = value != nullptr ? scalar_number(*value) : 0.0;
    const double y = node.number;
    switch (node.op) {
        case Op::Eq:
            return x == y ? 1 : 0;
        case Op::Ne:
            return x != y ? 1 : 0;
        case Op::Lt:
            return x < y ? 1 : 0;
        case Op::Le:
            return x <= y ? 1 : 0;
        case Op::Gt:
            return x > y ? 1 : 0;
        default:
            return x >= y ? 1 : 0;
    }
}

/// compare_pair() for the operand types that fast_compare() leaves to it.
[[gnu::noinline]] bool general_compare(const FastNode& node, const json* value) {
    return compare_pair(node.op, value != nullptr ? Value::ref(value) : Value(),
                        Value::ref(&node.node->args[1].literal));
}

[[gnu::noinline]] bool slow_truthy(const Node& node, const Scope& scope, State& state) {
    return detail::truthy_value(eval(node, scope, state));
}

/// What the program runs with: the data alone (Plain), or also the general evaluator's scope and
/// state (Counted: steps are counted and limited exactly as the general evaluator counts them,
/// and Slow nodes run; a program without them cannot reach the step limit).
struct PlainContext {
    const json* data;
};

struct CountedContext {
    const json* data;
    const Scope* scope;
    State* state;
};

template <class Context>
inline constexpr bool k_counted = std::is_same_v<Context, CountedContext>;

template <class Context>
bool fast_truthy(const detail::FastProgram& program, std::uint32_t index, Context& context);

/// truthy() of a node that reads the data or is a literal (Var, Compare, InList, Const), in line
/// in its parent's loop.
/// `last` holds the value of the path read before, and receives this node's.
template <class Context>
[[gnu::always_inline]] inline bool leaf_truthy(const detail::FastProgram& program,
                                               const FastNode& node, Context& context,
                                               const json*& last) {
    if constexpr (k_counted<Context>) {
        if (node.step) context.state->step();
    }
    if (node.kind == FastKind::Const) return node.number != 0.0;
    const json* value = node.same_path ? last : fast_lookup(program, node, *context.data);
    last = value;
    if (node.kind == FastKind::Var) {
        if (value == nullptr) return false;
        const auto* flag = value->get_ptr<const json::boolean_t*>();  // the usual answer
        return flag != nullptr ? *flag : detail::truthy_json(*value);
    }
    if (node.kind == FastKind::Compare) {
        const int result = fast_compare(program, node, value);
        return result >= 0 ? result != 0 : general_compare(node, value);
    }
    const std::string* needle =
        value != nullptr ? value->get_ptr<const json::string_t*>() : nullptr;
    for (std::uint32_t i = 0; i < node.text_size; ++i) {
        if constexpr (k_counted<Context>) context.state->step();
        if (needle == nullptr) continue;  // only a string is === to a string
        const FastText& element = program.segment(node.text + i);
        if (*needle == program.text(element.offset, element.size)) return true;
    }
    return false;
}

inline bool is_leaf(FastKind kind) noexcept {
    return kind == FastKind::Var || kind == FastKind::Compare || kind == FastKind::InList ||
           kind == FastKind::Const;
}

/// truthy() of child `index`: leaves in line, other kinds by a call.
template <class Context>
[[gnu::always_inline]] inline bool child_truthy(const detail::FastProgram& program,
                                                std::uint32_t index, Context& context,
                                                const json*& last) {
    const FastNode& child = program.node(index);
    return is_leaf(child.kind) ? leaf_truthy(program, child, context, last)
                               : fast_truthy(program, index, context);
}

/// truthy(eval(node)) for node `index` of the program.
template <class Context>
bool fast_truthy(const detail::FastProgram& program, std::uint32_t index, Context& context) {
    const FastNode& node = program.node(index);
    switch (node.kind) {
        case FastKind::And:
        case FastKind::Or:
        case FastKind::Not:
            if constexpr (k_counted<Context>) {
                if (node.step) context.state->step();
            }
            break;
        case FastKind::Slow:
            if constexpr (k_counted<Context>) {
                return slow_truthy(*node.node, *context.scope, *context.state);
            } else {
                return false;  // a program with Slow nodes is Counted
            }
        default: {
            const json* last = nullptr;  // same_path is never set on a node without siblings
            return leaf_truthy(program, node, context, last);
        }
    }
    const json* last = nullptr;
    if (node.kind == FastKind::Not) {
        return child_truthy(program, node.first, context, last) != (node.number != 0.0);
    }
    // and: false at the first falsy (or with none); or: true at the first truthy.
    const bool is_and = node.kind == FastKind::And;
    for (std::uint32_t i = 0; i < node.count; ++i) {
        if (child_truthy(program, node.first + i, context, last) != is_and) return !is_and;
    }
    return is_and && node.count != 0;
}

}  // namespace

namespace detail {

json evaluate_root(const Node& root, const json& data, Trace* trace) {
    State state;
    state.trace = trace;
    Scope scope;
    scope.data = &data;
    scope.is_root = true;
    return to_json(eval(root, scope, state), state);
}

bool evaluate_root_truthy(const Compiled& compiled, const json& data) {
    if (!compiled.fast.empty() && !compiled.fast.counted()) {
        PlainContext context{&data};
        return fast_truthy(compiled.fast, 0, context);
    }
    State state;
    Scope scope;
    scope.data = &data;
    scope.is_root = true;
    const FastProgram& fast = compiled.fast;
    if (fast.empty()) return truthy_value(eval(compiled.root, scope, state));
    CountedContext context{&data, &scope, &state};
    return fast_truthy(fast, 0, context);
}

}  // namespace detail

bool evaluate_truthy(const Expression& expression, const nlohmann::json& data) {
    try {
        return detail::evaluate_root_truthy(*expression.m_compiled, data);
    } catch (detail::Thrown& thrown) {
        throw RuleError(std::move(thrown.error));
    }
}

}  // namespace stackpick::logic
