#include "stackpick/logic/logic.hpp"

#include <algorithm>
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

Expression compile(const nlohmann::json& rule) { return compile(rule, nullptr); }

Expression compile(const nlohmann::json& rule, std::shared_ptr<const SlotLayout> layout) {
    auto compiled = std::make_shared<detail::Compiled>();
    compiled->root = detail::compile_rule(rule);
    // After the tree has its final place: the program points into it.
    compiled->fast = detail::compile_fast(compiled->root, layout.get());
    compiled->layout = std::move(layout);
    return Expression(std::move(compiled));
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
