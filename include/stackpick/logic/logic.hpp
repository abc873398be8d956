#pragma once
/// The JSON Logic rule language: compile a rule once, evaluate it against many data documents.
///
/// Semantics follow the json-logic compat-tables suites (json-logic-engine / DataLogic); see
/// docs/rules.md for the operators, truthiness, errors and limits.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace stackpick::logic {

/// Deepest nesting of arrays and objects that compile() accepts in a rule.
inline constexpr int k_max_rule_depth = 256;
/// Longest string that cat or substr may produce, in bytes.
inline constexpr std::size_t k_max_string_bytes = std::size_t{1} << 20U;
/// Most elements that one array built by merge, map, filter or a rule array may hold.
inline constexpr std::size_t k_max_array_elements = 1'000'000;
/// Sub-expression evaluations one evaluate() may perform (about a second or two of work).
inline constexpr std::uint64_t k_max_evaluation_steps = 50'000'000;
/// Values one evaluate() may create or copy (array elements, object members, and strings at one
/// per 16 bytes): bounds its memory to roughly a hundred megabytes.
inline constexpr std::uint64_t k_max_created_values = 4'000'000;

namespace detail {
struct Compiled;
struct FastNode;
struct FastText;

/// Where a compiled condition's truthiness program is: in its own block, or copied into a
/// ConditionSet's. What the evaluator walks (the members are defined in the logic module).
struct ProgramView {
    const FastNode* nodes = nullptr;
    const FastText* texts = nullptr;
    const char* chars = nullptr;

    const FastNode& node(std::uint32_t i) const noexcept;
    const FastText& segment(std::uint32_t i) const noexcept;
    std::string_view text(std::uint32_t offset, std::uint32_t size) const noexcept;
};

/// One slot of a SlotData: its member read once, typed and flat, so that a condition reads it
/// without walking the data (see SlotData).
struct SlotValue {
    const nlohmann::json* value = nullptr;  ///< the member; null when there is none
    const char* text = nullptr;             ///< a string member's bytes (the SlotData's copy)
    std::uint32_t size = 0;                 ///< a string member's length in bytes
    std::uint8_t type = 0;                  ///< the evaluator's type (a missing member is null)
    bool truthy = false;                    ///< truthy() of the member (false when missing)
    double number = 0.0;                    ///< null 0, false 0, true 1, a number's value
};
}  // namespace detail

class SlotData;

/// The top-level data members a set of rules may read through fixed slots: known before the
/// rules are compiled (a knowledge base's answer keys), so that compile() resolves each `var` of
/// one of them to its slot once, instead of the evaluator looking the name up every time.
class SlotLayout {
  public:
    /// The names in slot order; a name given twice keeps its first slot.
    explicit SlotLayout(const std::vector<std::string>& names);

    static constexpr std::uint32_t k_none = ~std::uint32_t{0};
    /// The slot of a member name, or k_none.
    std::uint32_t find(std::string_view name) const noexcept;
    std::size_t size() const noexcept { return m_names.size(); }
    const std::vector<std::string>& names() const noexcept { return m_names; }

  private:
    friend class SlotData;
    std::vector<std::string> m_names;     ///< in slot order
    std::vector<std::uint32_t> m_sorted;  ///< slots in the order of their names' bytes
};

/// One read of the top-level data during evaluate(): the path as the rule wrote it, and its value.
struct TraceEntry {
    std::string path;
    nlohmann::json value;
};

/// Optional recorder passed to evaluate(): collects var/val reads of the top-level data in order.
struct Trace {
    std::vector<TraceEntry> reads;
};

/// A compiled rule: an immutable expression tree, cheap to copy, safe to share across threads.
class Expression {
  public:
    /// The rule `null`, which evaluates to null.
    Expression();

  private:
    explicit Expression(std::shared_ptr<const detail::Compiled> compiled);

    friend Expression compile(const nlohmann::json& rule, std::shared_ptr<const SlotLayout> layout);
    friend nlohmann::json evaluate(const Expression& expression, const nlohmann::json& data,
                                   Trace* trace);
    friend bool evaluate_truthy(const Expression& expression, const nlohmann::json& data);
    friend bool evaluate_truthy(const Expression& expression, const SlotData& data);
    friend class ConditionSet;

    /// What it was compiled to; the rule null when default-constructed.
    const detail::Compiled& compiled() const noexcept;

    std::shared_ptr<const detail::Compiled> m_compiled;  ///< null: the rule null
};

/// A rule that cannot be compiled: an unknown operator or too deep a nesting.
struct CompileError : std::runtime_error {
    CompileError(const std::string& message, std::string pointer_to_problem);
    /// JSON Pointer (RFC 6901) into the rule where the problem is; "" is the rule itself.
    std::string pointer;
};

/// A rule that failed while evaluating: a throw, "NaN", "Invalid Arguments", "Limit Exceeded".
struct RuleError : std::runtime_error {
    explicit RuleError(nlohmann::json thrown);
    /// The thrown error value, an object with at least "type", e.g. {"type":"NaN"}.
    nlohmann::json error;
};

/// Compiles a rule; throws CompileError (unknown operator, nesting deeper than k_max_rule_depth).
Expression compile(const nlohmann::json& rule);

/// As compile(), with each plain `var` of a member the layout names resolved to its slot, for
/// evaluate_truthy() over a SlotData of the same layout (any other data is read by name, as
/// always: the result never depends on the layout).
Expression compile(const nlohmann::json& rule, std::shared_ptr<const SlotLayout> layout);

/// The same layout (the same object: conditions compiled for either read the same slots), with
/// a reference count of its own. Threads that compile thousands of conditions for one layout
/// each take one, so that they do not all count on one shared counter: on a machine where a
/// cache line passes slowly between cores, that alone made a second thread several times slower.
std::shared_ptr<const SlotLayout> share_on_this_thread(
    const std::shared_ptr<const SlotLayout>& layout);

/// A data object laid out in a SlotLayout's slots: filled once per object (one pass over its
/// members), then read by any number of evaluate_truthy() calls without a name look-up. It points
/// into the data, which must outlive it unchanged; assign() reuses its storage.
class SlotData {
  public:
    explicit SlotData(std::shared_ptr<const SlotLayout> layout);
    SlotData(std::shared_ptr<const SlotLayout> layout, const nlohmann::json& data);
    // The slots' texts point into m_text, whose bytes may live inside it (a short string):
    // copies and moves point them at their own copy.
    SlotData(const SlotData& other);
    SlotData(SlotData&& other) noexcept;
    SlotData& operator=(const SlotData& other);
    SlotData& operator=(SlotData&& other) noexcept;
    ~SlotData() = default;

    /// Lays out `data` (any JSON value; only an object's members fill slots).
    void assign(const nlohmann::json& data);
    const nlohmann::json& data() const noexcept { return *m_data; }
    const SlotLayout& layout() const noexcept { return *m_layout; }

  private:
    friend bool evaluate_truthy(const Expression& expression, const SlotData& data);
    friend class ConditionSet;
    /// Whether a program compiled for `layout` reads this data through its slots: only when the
    /// layouts are the same and the data is an object (only members fill slots); by name
    /// otherwise.
    bool read_by_slot(const SlotLayout* layout) const noexcept {
        return layout == m_layout.get() && m_data->is_object();
    }
    /// Points the slots' texts, which pointed into `from`, at the same bytes of m_text.
    void rebase_texts(const char* from) noexcept;
    std::shared_ptr<const SlotLayout> m_layout;
    const nlohmann::json* m_data = nullptr;
    std::vector<detail::SlotValue> m_slots;
    std::string m_text;  ///< the string members' bytes, side by side
};

/// Conditions that are all evaluated over the same data, as a scorer runs every rule of a
/// knowledge base for each answer set. Two things make a pass over a thousand of them about
/// twice as fast as evaluating each Expression on its own:
/// - their truthiness programs are copied side by side into one block, so that a pass reads
///   memory front to back instead of following each Expression to its own allocations;
/// - evaluate() runs them grouped by shape (every `{"var": ...}`, then every `==` of a var and a
///   string, ...), so that the processor predicts which code each next condition needs, as it
///   cannot over a thousand conditions of mixed shapes in their own order.
class ConditionSet {
  public:
    ConditionSet() = default;
    explicit ConditionSet(std::vector<Expression> conditions);

    std::size_t size() const noexcept { return m_conditions.size(); }

    /// evaluate_truthy(condition i, data): the same result, error and step count.
    bool holds(std::size_t i, const SlotData& data) const;

    /// Sets held[i] (resized to size()) to holds(i, data) for every condition. When some
    /// condition throws, this throws the RuleError of one of them, not necessarily the first:
    /// holds() in order finds the first.
    void evaluate(const SlotData& data, std::vector<std::uint8_t>& held) const;

  private:
    struct Entry {
        /// The set's copy of the program, when it covers the whole condition without counting
        /// steps (a direct entry); no nodes otherwise (the Expression is evaluated).
        detail::ProgramView program;
        /// The layout the program was compiled for (null for none).
        const SlotLayout* layout = nullptr;
        /// The condition's index.
        std::uint32_t condition = 0;
    };
    bool entry_holds(const Entry& entry, const SlotData& data) const;

    std::vector<Expression> m_conditions;  ///< keep the programs' expression trees alive
    std::unique_ptr<std::byte[]> m_storage;
    /// In the order evaluate() runs them, grouped by shape (the programs are stored in this
    /// order too); those run from a copy first.
    std::vector<Entry> m_entries;
    /// Where each condition's entry is.
    std::vector<std::uint32_t> m_position;
    /// How many entries are direct; m_layout: their one layout, or null if they have several.
    std::size_t m_direct = 0;
    const SlotLayout* m_layout = nullptr;
};

/// Evaluates a compiled rule against data; throws RuleError carrying the thrown error value.
nlohmann::json evaluate(const Expression& expression, const nlohmann::json& data);

/// As evaluate(), and, when trace is not null, records each var/val read of the top-level data.
nlohmann::json evaluate(const Expression& expression, const nlohmann::json& data, Trace* trace);

/// truthy(evaluate(expression, data)) without building the result value: the fast path for
/// conditions.
bool evaluate_truthy(const Expression& expression, const nlohmann::json& data);

/// evaluate_truthy(expression, data.data()), reading the members through their slots when the
/// expression was compiled for data's layout: the same result, error and step count.
bool evaluate_truthy(const Expression& expression, const SlotData& data);

/// JavaScript-compatible truthiness: false, null, 0, NaN, "" and [] are falsy; {} is truthy.
bool truthy(const nlohmann::json& value);

/// Compact JSON as JavaScript's JSON.stringify writes it: 3.0 -> 3, -0 -> 0, 1e21 -> 1e+21,
/// shortest round-trip otherwise; invalid UTF-8 becomes U+FFFD; never "nan"; any nesting depth.
std::string to_compact_json(const nlohmann::json& value);

}  // namespace stackpick::logic
