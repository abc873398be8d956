#include "stackpick/logic/logic.hpp"

#include <algorithm>
#include <memory>
#include <string>
#include <tuple>
#include <utility>

#include "node.hpp"
#include "value.hpp"

namespace stackpick::logic {

CompileError::CompileError(const std::string& message, std::string pointer_to_problem)
    : std::runtime_error(message), pointer(std::move(pointer_to_problem)) {}

RuleError::RuleError(nlohmann::json thrown)
    : std::runtime_error("rule threw " + to_compact_json(thrown)), error(std::move(thrown)) {}

// A default Expression holds nothing: knowledge bases default-construct one per rule before
// reading it, on several threads, and neither an allocation nor a count shared between the
// threads (a cache line they would pass back and forth) is worth it for a value about to go.
Expression::Expression() = default;

const detail::Compiled& Expression::compiled() const noexcept {
    static const detail::Compiled null_rule;
    return m_compiled ? *m_compiled : null_rule;
}

Expression::Expression(std::shared_ptr<const detail::Compiled> compiled)
    : m_compiled(std::move(compiled)) {}

Expression compile(const nlohmann::json& rule) { return compile(rule, nullptr); }

Expression compile(const nlohmann::json& rule, std::shared_ptr<const SlotLayout> layout) {
    auto compiled = std::make_shared<detail::Compiled>();
    compiled->root = detail::compile_rule(rule);
    // After the tree has its final place: the program points into it.
    compiled->fast = detail::compile_fast(compiled->root, layout.get());
    compiled->layout = std::move(layout);
    return Expression(std::move(compiled));
}

ConditionSet::ConditionSet(std::vector<Expression> conditions)
    : m_conditions(std::move(conditions)),
      m_entries(m_conditions.size()),
      m_position(m_conditions.size()) {
    // Each copied program starts where FastNode's alignment allows, as in its own block.
    const auto aligned = [](std::size_t bytes) {
        constexpr std::size_t k_align = alignof(detail::FastNode);
        return (bytes + k_align - 1) / k_align * k_align;
    };
    const auto copied = [](const Expression& condition) {
        const detail::FastProgram& fast = condition.compiled().fast;
        return !fast.empty() && !fast.counted();
    };
    std::size_t bytes = 0;
    for (const Expression& condition : m_conditions)
        if (copied(condition)) bytes += aligned(condition.compiled().fast.size().bytes());
    // Ordered by shape: what the walker's branches depend on, node by node, apart from the data.
    // Similar shapes end up next to each other too, which helps the prediction from one group to
    // the next. Conditions it does not run from a copy come last, as one group.
    const auto node_shape = [](const detail::FastNode& node) {
        return std::tuple(node.kind, node.op, node.constant, node.count,
                          node.slot != SlotLayout::k_none, node.same_path, node.step);
    };
    const auto shape_before = [&](std::uint32_t a, std::uint32_t b) {
        const bool copied_a = copied(m_conditions[a]), copied_b = copied(m_conditions[b]);
        if (!copied_a || !copied_b) return copied_a && !copied_b;
        const detail::FastProgram& x = m_conditions[a].compiled().fast;
        const detail::FastProgram& y = m_conditions[b].compiled().fast;
        const std::uint32_t common =
            static_cast<std::uint32_t>(std::min(x.size().nodes, y.size().nodes));
        for (std::uint32_t n = 0; n < common; ++n) {
            const auto shape_x = node_shape(x.view().node(n));
            const auto shape_y = node_shape(y.view().node(n));
            if (shape_x != shape_y) return shape_x < shape_y;
        }
        return x.size().nodes < y.size().nodes;
    };
    std::vector<std::uint32_t> order(m_conditions.size());
    for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), shape_before);
    // One array of std::byte from new[] is aligned for any object that fits in it.
    m_storage = std::make_unique<std::byte[]>(bytes);
    std::byte* at = m_storage.get();
    bool one_layout = true;
    for (std::uint32_t position = 0; position < order.size(); ++position) {
        const std::uint32_t i = order[position];
        const detail::Compiled& compiled = m_conditions[i].compiled();
        Entry& entry = m_entries[position];
        m_position[i] = position;
        entry.condition = i;
        entry.layout = compiled.layout.get();
        if (!copied(m_conditions[i])) continue;
        entry.program = detail::place_program(at, compiled.fast.view(), compiled.fast.size());
        at += aligned(compiled.fast.size().bytes());
        if (m_direct++ == 0) m_layout = entry.layout;
        one_layout = one_layout && entry.layout == m_layout;
    }
    if (!one_layout) m_layout = nullptr;
}

std::shared_ptr<const SlotLayout> share_on_this_thread(
    const std::shared_ptr<const SlotLayout>& layout) {
    if (!layout) return layout;
    // The aliasing constructor: owns a copy of `layout` (one count on the shared counter, for
    // as long as any copy of the result lives), points at the same SlotLayout.
    auto holder = std::make_shared<const std::shared_ptr<const SlotLayout>>(layout);
    return {holder, layout.get()};
}

SlotLayout::SlotLayout(const std::vector<std::string>& names) {
    for (const auto& name : names) {
        if (std::find(m_names.begin(), m_names.end(), name) == m_names.end())
            m_names.push_back(name);
    }
    m_sorted.resize(m_names.size());
    for (std::uint32_t i = 0; i < m_sorted.size(); ++i) m_sorted[i] = i;
    std::sort(m_sorted.begin(), m_sorted.end(),
              [&](std::uint32_t a, std::uint32_t b) { return m_names[a] < m_names[b]; });
}

std::uint32_t SlotLayout::find(std::string_view name) const noexcept {
    const auto at = std::lower_bound(
        m_sorted.begin(), m_sorted.end(), name,
        [&](std::uint32_t slot, std::string_view key) { return m_names[slot] < key; });
    return at != m_sorted.end() && m_names[*at] == name ? *at : k_none;
}

SlotData::SlotData(std::shared_ptr<const SlotLayout> layout)
    : m_layout(std::move(layout)), m_slots(m_layout->size()) {
    static const nlohmann::json null_value;
    m_data = &null_value;
}

SlotData::SlotData(std::shared_ptr<const SlotLayout> layout, const nlohmann::json& data)
    : SlotData(std::move(layout)) {
    assign(data);
}

SlotData::SlotData(const SlotData& other)
    : m_layout(other.m_layout), m_data(other.m_data), m_slots(other.m_slots), m_text(other.m_text) {
    rebase_texts(other.m_text.data());
}

SlotData::SlotData(SlotData&& other) noexcept
    : m_layout(std::move(other.m_layout)), m_data(other.m_data), m_slots(std::move(other.m_slots)) {
    const char* from = other.m_text.data();
    m_text = std::move(other.m_text);
    rebase_texts(from);
}

SlotData& SlotData::operator=(const SlotData& other) {
    if (this != &other) *this = SlotData(other);
    return *this;
}

SlotData& SlotData::operator=(SlotData&& other) noexcept {
    if (this == &other) return *this;
    m_layout = std::move(other.m_layout);
    m_data = other.m_data;
    m_slots = std::move(other.m_slots);
    const char* from = other.m_text.data();
    m_text = std::move(other.m_text);
    rebase_texts(from);
    return *this;
}

void SlotData::rebase_texts(const char* from) noexcept {
    for (auto& value : m_slots)
        if (value.text != nullptr) value.text = m_text.data() + (value.text - from);
}

void SlotData::assign(const nlohmann::json& data) {
    m_data = &data;
    std::fill(m_slots.begin(), m_slots.end(), detail::SlotValue{});
    m_text.clear();
    const auto* members = data.get_ptr<const nlohmann::json::object_t*>();
    if (members == nullptr) return;
    // One pass over both, in the order of the names' bytes (std::map's order).
    const auto& names = m_layout->m_names;
    auto member = members->begin();
    std::size_t text_bytes = 0;
    for (const std::uint32_t slot : m_layout->m_sorted) {
        const std::string& name = names[slot];
        while (member != members->end() && member->first < name) ++member;
        if (member == members->end()) break;
        if (member->first != name) continue;
        m_slots[slot] = detail::slot_value(&member->second);
        text_bytes += m_slots[slot].size;
    }
    // The strings copied next to each other: a condition then reads none of the data's nodes.
    m_text.reserve(text_bytes);
    for (auto& value : m_slots) {
        if (value.text == nullptr) continue;
        const std::size_t offset = m_text.size();
        m_text.append(value.text, value.size);
        value.text = m_text.data() + offset;
    }
}

nlohmann::json evaluate(const Expression& expression, const nlohmann::json& data) {
    return evaluate(expression, data, nullptr);
}

nlohmann::json evaluate(const Expression& expression, const nlohmann::json& data, Trace* trace) {
    try {
        return detail::evaluate_root(expression.compiled().root, data, trace);
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
