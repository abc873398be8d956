#include "stackpick/knowledge/snapshot.hpp"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstring>
#include <exception>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <thread>
#include <type_traits>
#include <vector>

#include <fmt/format.h>

#include "stackpick/util/worker_pool.hpp"

namespace stackpick {

namespace {

/// First bytes of every snapshot; the number changes whenever the layout below does.
constexpr std::string_view k_magic = "stackpick knowledge-base snapshot 4\n";

/// A compiled condition is stored as the rule it was compiled from, and compiled again once the
/// whole snapshot is read (a fraction of a millisecond for the shipped rules; on several threads
/// for thousands): the expression tree has no serialised form to keep in step with the engine.
struct CompiledFrom {
    logic::Expression& expression;
    const nlohmann::json& rule;
};

/// Not stored: the slots conditions are compiled for, made again from the questions on reading
/// (answer_slots_of), before the conditions that use them.
struct AnswerSlots {
    std::shared_ptr<const logic::SlotLayout>& slots;
    const std::vector<Question>& questions;
};

/// The same for an optional condition (a question's ask_if).
struct OptionallyCompiledFrom {
    std::optional<logic::Expression>& expression;
    const nlohmann::json& rule;
};

/// The rules, stored each after its length in bytes: reading them is most of reading a large
/// knowledge base, and with the lengths the reader shares them out among threads, each of which
/// reads its rules and compiles their conditions (for the answer slots, read before them).
struct RulesInSlices {
    std::vector<Rule>& rules;
    const std::shared_ptr<const logic::SlotLayout>& slots;
};

// Each value type lists its members once; the writer and the reader both walk these lists, so
// a member cannot be written and forgotten on reading. A member added to a struct must be added
// here too: the layout checks at the end of this file stop the build when a type's size changes
// (most additions), and the round-trip tests compare every output with the JSON loader's.

template <class Archive>
void fields(Archive& archive, Quote& quote) {
    archive(quote.source, quote.text);
}

template <class Archive>
void fields(Archive& archive, Source& source) {
    archive(source.id, source.title, source.file, source.publisher, source.year, source.published,
            source.retrieved, source.covers, source.interest);
}

template <class Archive>
void fields(Archive& archive, Quantity& quantity) {
    archive(quantity.min, quantity.max, quantity.unit);
}

template <class Archive>
void fields(Archive& archive, Contradiction& contradiction) {
    archive(contradiction.by, contradiction.note);
}

template <class Archive>
void fields(Archive& archive, Figure& figure) {
    archive(figure.id, figure.metric, figure.stack, figure.value, figure.qualifier,
            figure.conditions, figure.sources, figure.derived, figure.note, figure.contradicted,
            figure.topic, figure.group);
}

template <class Archive>
void fields(Archive& archive, Note& note) {
    archive(note.id, note.stack, note.text, note.sources, note.topic, note.quotes);
}

template <class Archive>
void fields(Archive& archive, FigureGroup& group) {
    archive(group.id, group.title, group.description);
}

template <class Archive>
void fields(Archive& archive, Topic& topic) {
    archive(topic.id, topic.title, topic.description, topic.groups, topic.file);
}

template <class Archive>
void fields(Archive& archive, Criterion& criterion) {
    archive(criterion.id, criterion.stack, criterion.text, criterion.sources, criterion.figures,
            criterion.quotes, criterion.reached_through, criterion.reached_through_note,
            criterion.not_asked);
}

template <class Archive>
void fields(Archive& archive, Framework& framework) {
    archive(framework.id, framework.name, framework.stack, framework.role, framework.sources,
            framework.quotes);
}

template <class Archive>
void fields(Archive& archive, Library& library) {
    archive(library.id, library.name, library.stack, library.category, library.purpose,
            library.sources, library.quotes);
}

template <class Archive>
void fields(Archive& archive, CaseStudy& study) {
    archive(study.id, study.title, study.stack, study.company, study.technologies, study.summary,
            study.figures, study.sources, study.quotes);
}

template <class Archive>
void fields(Archive& archive, Facts& facts) {
    archive(facts.sources, facts.topics, facts.figures, facts.notes, facts.criteria,
            facts.case_studies, facts.frameworks, facts.libraries, facts.stack_ids,
            facts.stack_names);
}

template <class Archive>
void fields(Archive& archive, Choice& choice) {
    archive(choice.id, choice.description);
}

template <class Archive>
void fields(Archive& archive, Question& question) {
    archive(question.id, question.key, question.flag, question.type, question.prompt, question.help,
            question.choices, question.minimum, question.maximum, question.unit,
            question.default_value, question.sources, question.quotes, question.ask_if_rule,
            question.estimates_input,
            OptionallyCompiledFrom{question.ask_if, question.ask_if_rule});
}

template <class Archive>
void fields(Archive& archive, RuleCaution& caution) {
    archive(caution.text, caution.sources, caution.quotes);
}

template <class Archive>
void fields(Archive& archive, Rule& rule) {
    archive(rule.id, rule.when, CompiledFrom{rule.condition, rule.when}, rule.reads, rule.points,
            rule.cautions, rule.reason, rule.criterion, rule.sources, rule.disputed, rule.quotes);
}

template <class Archive>
void fields(Archive& archive, TieBreaker& breaker) {
    archive(breaker.id, breaker.when, CompiledFrom{breaker.condition, breaker.when}, breaker.reads,
            breaker.favours, breaker.reason, breaker.sources, breaker.quotes);
}

template <class Archive>
void fields(Archive& archive, Constraint& constraint) {
    archive(constraint.id, constraint.when, CompiledFrom{constraint.condition, constraint.when},
            constraint.reads, constraint.excludes, constraint.reason, constraint.criterion,
            constraint.sources, constraint.quotes);
}

template <class Archive>
void fields(Archive& archive, FrameworkPick& pick) {
    archive(pick.stack, pick.role, pick.framework, pick.when,
            CompiledFrom{pick.condition, pick.when}, pick.why, pick.sources, pick.quotes);
}

template <class Archive>
void fields(Archive& archive, SplitService& service) {
    archive(service.stack, service.service, service.when,
            CompiledFrom{service.condition, service.when});
}

template <class Archive>
void fields(Archive& archive, Stack& stack) {
    archive(stack.id, stack.name, stack.description, stack.combines);
}

template <class Archive>
void fields(Archive& archive, ConfidenceSettings& settings) {
    archive(settings.high_margin, settings.medium_margin, settings.min_answers_for_high,
            settings.disputed_share);
}

/// Everything but the location, which is where it was loaded from, not what it says.
template <class Archive>
void fields(Archive& archive, KnowledgeBase& knowledge_base) {
    archive(knowledge_base.format_version, knowledge_base.version, knowledge_base.date,
            knowledge_base.review_by, knowledge_base.stacks, knowledge_base.confidence,
            knowledge_base.facts, knowledge_base.questions,
            AnswerSlots{knowledge_base.answer_slots, knowledge_base.questions},
            RulesInSlices{knowledge_base.rules, knowledge_base.answer_slots},
            knowledge_base.framework_picks, knowledge_base.split, knowledge_base.split_transport,
            knowledge_base.split_sources, knowledge_base.split_quotes, knowledge_base.tie_breakers,
            knowledge_base.constraints);
}

/// How many values each stored enum has: a byte outside them is damage, never cast into an enum
/// that a switch would then fall out of. An enumerator added to one of these must be counted here.
template <class Enum>
constexpr std::int64_t k_enum_values = 0;
template <>
constexpr std::int64_t k_enum_values<QuestionType> = 4;
template <>
constexpr std::int64_t k_enum_values<Qualifier> = 4;

template <class T, class Archive>
concept HasFields = requires(Archive& archive, T& value) {
    fields(archive, value);
};

class Writer {
  public:
    template <class... Values>
    void operator()(const Values&... values) {
        (put(values), ...);
    }

    std::string take() { return std::move(m_bytes); }

  private:
    void put_fixed(std::uint64_t bits) {
        char bytes[8];
        for (int i = 0; i < 8; ++i) bytes[i] = static_cast<char>((bits >> (8 * i)) & 0xffU);
        m_bytes.append(bytes, sizeof bytes);
    }

    void put(bool value) { m_bytes.push_back(value ? '\1' : '\0'); }
    void put(std::int64_t value) { put_fixed(static_cast<std::uint64_t>(value)); }
    void put(int value) { put(static_cast<std::int64_t>(value)); }
    void put(std::size_t value) { put_fixed(value); }
    void put(double value) {
        std::uint64_t bits = 0;
        std::memcpy(&bits, &value, sizeof bits);
        put_fixed(bits);
    }
    void put(const std::string& value) {
        put(value.size());
        m_bytes.append(value);
    }
    // JSON values (rules as written, defaults) as a tagged tree: reading them back builds the
    // values directly instead of parsing text.
    void put(const nlohmann::json& value) {
        using Type = nlohmann::json::value_t;
        put(static_cast<std::int64_t>(value.type()));
        switch (value.type()) {
            case Type::boolean:
                put(value.get<bool>());
                break;
            case Type::number_integer:
                put(value.get<std::int64_t>());
                break;
            case Type::number_unsigned:
                put_fixed(value.get<std::uint64_t>());
                break;
            case Type::number_float:
                put(value.get<double>());
                break;
            case Type::string:
                put(value.get_ref<const std::string&>());
                break;
            case Type::array:
                put(value.size());
                for (const auto& element : value) put(element);
                break;
            case Type::object:
                put(value.size());
                for (const auto& [key, member] : value.items()) {
                    put(key);
                    put(member);
                }
                break;
            default:
                break;  // null; binary and discarded never come out of the loader
        }
    }
    void put(const CompiledFrom&) {}
    void put(const AnswerSlots&) {}
    void put(const RulesInSlices& rules) {
        put(rules.rules.size());
        for (const Rule& rule : rules.rules) {
            Writer one;
            one(rule);
            put(one.m_bytes);
        }
    }
    void put(const OptionallyCompiledFrom& compiled) { put(compiled.expression.has_value()); }

    template <class Enum>
    requires std::is_enum_v<Enum>
    void put(Enum value) { put(static_cast<std::int64_t>(value)); }

    template <class T>
    void put(const std::optional<T>& value) {
        put(value.has_value());
        if (value) put(*value);
    }

    template <class T>
    void put(const std::vector<T>& values) {
        put(values.size());
        for (const auto& value : values) put(value);
    }

    template <class Key, class Value>
    void put(const std::map<Key, Value>& values) {
        put(values.size());
        for (const auto& [key, value] : values) {
            put(key);
            put(value);
        }
    }

    // fields() takes a mutable reference so that one list serves both directions; the writer
    // only reads through it.
    template <class T>
    requires HasFields<T, Writer>
    void put(const T& value) { fields(*this, const_cast<T&>(value)); }

    std::string m_bytes;
};

class Reader {
  public:
    explicit Reader(std::string_view bytes) : m_rest(bytes) {}

    template <class... Values>
    void operator()(Values&&... values) {
        (get(values), ...);
    }

    bool at_end() const { return m_rest.empty(); }

    std::string_view take(std::size_t count) {
        if (count > m_rest.size()) throw SnapshotError("the snapshot is truncated");
        const auto taken = m_rest.substr(0, count);
        m_rest.remove_prefix(count);
        return taken;
    }

  private:
    std::uint64_t get_fixed() {
        const auto bytes = take(8);
        if constexpr (std::endian::native == std::endian::little) {
            std::uint64_t bits = 0;  // one load: most of what a snapshot holds is these
            std::memcpy(&bits, bytes.data(), sizeof bits);
            return bits;
        } else {
            std::uint64_t bits = 0;
            for (int i = 0; i < 8; ++i)
                bits |=
                    std::uint64_t{static_cast<unsigned char>(bytes[static_cast<std::size_t>(i)])}
                    << (8 * i);
            return bits;
        }
    }

    /// A count of elements, each taking at least one byte: more than the bytes left is damage,
    /// not a reason to reserve gigabytes.
    std::size_t get_count() {
        const std::uint64_t count = get_fixed();
        if (count > m_rest.size()) throw SnapshotError("the snapshot has an impossible count");
        return static_cast<std::size_t>(count);
    }

    void get(bool& value) {
        const char byte = take(1)[0];
        if (byte != '\0' && byte != '\1') throw SnapshotError("the snapshot has a bad boolean");
        value = byte == '\1';
    }
    void get(std::int64_t& value) { value = static_cast<std::int64_t>(get_fixed()); }
    void get(int& value) {
        std::int64_t wide = 0;
        get(wide);
        value = static_cast<int>(wide);
    }
    void get(std::size_t& value) { value = static_cast<std::size_t>(get_fixed()); }
    void get(double& value) {
        const std::uint64_t bits = get_fixed();
        std::memcpy(&value, &bits, sizeof value);
    }
    void get(std::string& value) {
        const std::size_t size = get_count();
        const std::string_view bytes = take(size);
        value.assign(bytes.data(), bytes.size());
    }
    void get(nlohmann::json& value) {
        if (++m_depth > k_max_json_depth) throw SnapshotError("the snapshot nests too deeply");
        using Type = nlohmann::json::value_t;
        std::int64_t tag = 0;
        get(tag);
        switch (static_cast<Type>(tag)) {
            case Type::null:
                value = nullptr;
                break;
            case Type::boolean:
                value = get_value<bool>();
                break;
            case Type::number_integer:
                value = get_value<std::int64_t>();
                break;
            case Type::number_unsigned:
                value = get_fixed();
                break;
            case Type::number_float:
                value = get_value<double>();
                break;
            case Type::string:
                value = get_value<std::string>();
                break;
            case Type::array: {
                value = nlohmann::json::array();
                const std::size_t size = get_count();
                auto& elements = value.get_ref<nlohmann::json::array_t&>();
                elements.reserve(size);  // the count is at most the bytes left
                for (std::size_t i = 0; i < size; ++i) get(elements.emplace_back());
                break;
            }
            case Type::object: {
                value = nlohmann::json::object();
                const std::size_t size = get_count();
                auto& members = value.get_ref<nlohmann::json::object_t&>();
                for (std::size_t i = 0; i < size; ++i) {
                    auto key = get_value<std::string>();
                    get(members.try_emplace(members.end(), std::move(key))->second);
                }
                break;
            }
            default:
                throw SnapshotError("the snapshot has a bad JSON value");
        }
        --m_depth;
    }

    template <class T>
    T get_value() {
        T value{};
        get(value);
        return value;
    }
    void get(AnswerSlots& slots) { slots.slots = answer_slots_of(slots.questions); }
    void get(RulesInSlices& rules);  // below, with the compiling
    // Compiled later, all at once (compile_conditions): here only whether there is one.
    void get(CompiledFrom&) {}
    void get(OptionallyCompiledFrom& compiled) {
        bool present = false;
        get(present);
        if (present)
            compiled.expression.emplace();
        else
            compiled.expression.reset();
    }

    template <class Enum>
    requires std::is_enum_v<Enum>
    void get(Enum& value) {
        static_assert(k_enum_values<Enum> > 0, "count this enum's values in k_enum_values");
        std::int64_t underlying = 0;
        get(underlying);
        if (underlying < 0 || underlying >= k_enum_values<Enum>)
            throw SnapshotError("the snapshot has a bad enumeration value");
        value = static_cast<Enum>(underlying);
    }

    template <class T>
    void get(std::optional<T>& value) {
        bool present = false;
        get(present);
        if (!present) {
            value.reset();
            return;
        }
        value.emplace();
        get(*value);
    }

    /// Grown as elements are read, from a bounded reservation: a damaged count is found out
    /// when the bytes run short, before it can ask for gigabytes of elements.
    template <class T>
    void get(std::vector<T>& values) {
        const std::size_t size = get_count();
        values.clear();
        values.reserve(std::min(size, std::max<std::size_t>(1, k_reserved_bytes / sizeof(T))));
        for (std::size_t i = 0; i < size; ++i) get(values.emplace_back());
    }

    template <class Key, class Value>
    void get(std::map<Key, Value>& values) {
        const std::size_t size = get_count();
        values.clear();
        for (std::size_t i = 0; i < size; ++i) {
            Key key{};
            Value value{};
            get(key);
            get(value);
            values.emplace(std::move(key), std::move(value));
        }
    }

    template <class T>
    requires HasFields<T, Reader>
    void get(T& value) { fields(*this, value); }

    /// Deeper than any rule the loader accepts (logic::k_max_rule_depth): damage, not data.
    static constexpr int k_max_json_depth = logic::k_max_rule_depth + 8;
    static constexpr std::size_t k_reserved_bytes = 16u << 20;

    std::string_view m_rest;
    int m_depth = 0;
};

/// One condition to compile: the expression to fill and the rule it comes from.
struct Compilation {
    logic::Expression* expression;
    const nlohmann::json* rule;
    bool slotted;  ///< reads the answers through KnowledgeBase::answer_slots (not an ask_if)
};

/// Walks a read knowledge base through the same fields() lists and gathers every condition to
/// compile; run after reading, when no vector will move its elements any more.
class ConditionFinder {
  public:
    template <class... Values>
    void operator()(Values&&... values) {
        (visit(values), ...);
    }

    std::vector<Compilation> take() { return std::move(m_found); }

  private:
    template <class T>
    void visit(T&) {}              // a string, number or JSON value: nothing compiled inside
    void visit(RulesInSlices&) {}  // compiled as they are read
    void visit(CompiledFrom& compiled) {
        m_found.push_back({&compiled.expression, &compiled.rule, true});
    }
    void visit(OptionallyCompiledFrom& compiled) {
        if (compiled.expression) m_found.push_back({&*compiled.expression, &compiled.rule, false});
    }
    template <class T>
    void visit(std::optional<T>& value) {
        if (value) visit(*value);
    }
    template <class T>
    void visit(std::vector<T>& values) {
        for (auto& value : values) visit(value);
    }
    template <class Key, class Value>
    void visit(std::map<Key, Value>& values) {
        for (auto& entry : values) visit(entry.second);
    }
    template <class T>
    requires HasFields<T, ConditionFinder>
    void visit(T& value) { fields(*this, value); }

    std::vector<Compilation> m_found;
};

/// Compiles each found condition, for `slots` where it reads the answers.
void compile_each(std::span<const Compilation> compilations,
                  const std::shared_ptr<const logic::SlotLayout>& slots) {
    for (const Compilation& compilation : compilations)
        *compilation.expression =
            logic::compile(*compilation.rule, compilation.slotted ? slots : nullptr);
}

/// Conditions per thread before compiling them is worth a second thread (as for loading rules).
constexpr std::size_t k_conditions_per_thread = 2000;

std::size_t cores() { return std::max(1u, std::thread::hardware_concurrency()); }

/// How many slices of `count` items to share out among the cores.
std::size_t slices_for(std::size_t count) {
    return std::clamp<std::size_t>(count / k_conditions_per_thread, 1, cores());
}

/// Runs work(slice) for every slice, on as many threads as there are slices or cores; the
/// first failure is rethrown.
template <class Work>
void run_slices(std::size_t slices, const Work& work) {
    std::vector<std::exception_ptr> failures(slices);
    const auto guarded = [&](std::size_t slice) {
        try {
            work(slice);
        } catch (...) {
            failures[slice] = std::current_exception();
        }
    };
    if (slices == 1) {
        guarded(0);
    } else {
        WorkerPool pool(std::min(slices, cores()));
        pool.run(slices, [&](std::size_t slice, std::size_t) { guarded(slice); });
    }
    for (const auto& failure : failures)
        if (failure) std::rethrow_exception(failure);
}

/// The fewest bytes a stored rule takes (its ten members' counts and tags alone take more): a
/// shorter one is damage, not a reason to make room for millions of rules.
constexpr std::size_t k_least_rule_bytes = 64;

void Reader::get(RulesInSlices& in) {
    const std::size_t count = get_count();
    std::vector<std::string_view> stored;
    stored.reserve(std::min(count, m_rest.size() / (8 + k_least_rule_bytes)));
    for (std::size_t i = 0; i < count; ++i) {
        const std::size_t size = get_count();
        if (size < k_least_rule_bytes) throw SnapshotError("the snapshot has a damaged rule");
        stored.push_back(take(size));
    }
    // Every rule's bytes are there: the count is real.
    in.rules.clear();
    in.rules.resize(count);
    // More slices than cores, handed out as threads finish theirs: when the second core starts
    // late or runs slower, the first takes more of them instead of waiting.
    const std::size_t slices = slices_for(count) == 1 ? 1 : std::min<std::size_t>(count / 500, 16);
    run_slices(slices, [&](std::size_t slice) {
        const auto slots = logic::share_on_this_thread(in.slots);
        for (std::size_t i = count * slice / slices; i < count * (slice + 1) / slices; ++i) {
            Rule& rule = in.rules[i];
            Reader reader(stored[i]);
            reader(rule);
            if (!reader.at_end()) throw SnapshotError("the snapshot has bytes after a rule");
            ConditionFinder finder;
            finder(rule);
            compile_each(finder.take(), slots);
        }
    });
}

/// Compiles every condition of a read knowledge base, in slices on several threads when there are
/// thousands (compiling is most of reading a large snapshot). The first failure is rethrown.
void compile_conditions(KnowledgeBase& knowledge_base) {
    ConditionFinder finder;
    finder(knowledge_base);
    const auto compilations = finder.take();
    const std::size_t count = compilations.size();
    const std::size_t slices = slices_for(count);
    run_slices(slices, [&](std::size_t slice) {
        const std::size_t first = count * slice / slices;
        compile_each(std::span(compilations).subspan(first, count * (slice + 1) / slices - first),
                     knowledge_base.answer_slots);
    });
}

}  // namespace

std::string write_snapshot(const KnowledgeBase& knowledge_base) {
    Writer writer;
    writer(std::string(k_magic));
    writer(knowledge_base);
    return writer.take();
}

KnowledgeBase read_snapshot(std::string_view bytes, const KnowledgeBaseLocation& location) {
    Reader reader(bytes);
    std::string magic;
    try {
        reader(magic);
    } catch (const SnapshotError&) {
    }
    if (magic != k_magic)
        throw SnapshotError("the embedded knowledge base is not a snapshot this build wrote");
    KnowledgeBase knowledge_base;
    try {
        reader(knowledge_base);
        if (!reader.at_end()) throw SnapshotError("the snapshot has bytes after its end");
        compile_conditions(knowledge_base);
    } catch (const nlohmann::json::exception& e) {
        throw SnapshotError(fmt::format("the snapshot holds a damaged rule: {}", e.what()));
    } catch (const logic::CompileError& e) {
        throw SnapshotError(
            fmt::format("the snapshot holds a rule that does not compile: {}", e.what()));
    }
    knowledge_base.location = location;
    return knowledge_base;
}

// Layout checks: each value type's size, so that a member added without a line in its fields()
// list above stops the build here (unless it fits in padding). Measured with GCC's and clang's
// libstdc++ on x86-64, the only platform these numbers are known for; everywhere, the round-trip
// tests compare the outputs of a snapshot with those of the JSON it came from. (Compiled
// conditions are left out of the sums: they are the engine's business, not stored.)
#if defined(__GLIBCXX__) && defined(__x86_64__)
static_assert(sizeof(Quote) == 64, "Quote changed: update fields(Quote) and this size");
static_assert(sizeof(Source) == 288, "Source changed: update fields(Source) and this size");
static_assert(sizeof(Quantity) == 48, "Quantity changed: update fields(Quantity) and this size");
static_assert(sizeof(Contradiction) == 64, "Contradiction changed: update its fields()");
static_assert(sizeof(Figure) == 392, "Figure changed: update fields(Figure) and this size");
static_assert(sizeof(Note) == 184, "Note changed: update fields(Note) and this size");
static_assert(sizeof(FigureGroup) == 96, "FigureGroup changed: update its fields()");
static_assert(sizeof(Topic) == 152, "Topic changed: update fields(Topic) and this size");
static_assert(sizeof(Criterion) == 256, "Criterion changed: update its fields()");
static_assert(sizeof(Framework) == 176, "Framework changed: update its fields()");
static_assert(sizeof(Library) == 208, "Library changed: update fields(Library) and this size");
static_assert(sizeof(CaseStudy) == 264, "CaseStudy changed: update its fields()");
static_assert(sizeof(Facts) == 264, "Facts changed: update fields(Facts) and this size");
static_assert(sizeof(Choice) == 64, "Choice changed: update fields(Choice) and this size");
static_assert(sizeof(Question) - sizeof(std::optional<logic::Expression>) == 344,
              "Question changed: update fields(Question) and this size");
static_assert(sizeof(Rule) - sizeof(logic::Expression) == 288,
              "Rule changed: update fields(Rule) and this size");
static_assert(sizeof(FrameworkPick) - sizeof(logic::Expression) == 192,
              "FrameworkPick changed: update its fields()");
static_assert(sizeof(RuleCaution) == 80, "RuleCaution changed: update its fields()");
static_assert(sizeof(TieBreaker) - sizeof(logic::Expression) == 176,
              "TieBreaker changed: update its fields()");
static_assert(sizeof(Constraint) - sizeof(logic::Expression) == 208,
              "Constraint changed: update its fields()");
static_assert(sizeof(SplitService) - sizeof(logic::Expression) == 80,
              "SplitService changed: update its fields()");
static_assert(sizeof(Stack) == 120, "Stack changed: update fields(Stack) and this size");
static_assert(sizeof(ConfidenceSettings) == 32, "ConfidenceSettings changed: update fields()");
static_assert(sizeof(KnowledgeBase) == 736, "KnowledgeBase changed: update its fields()");
#endif

}  // namespace stackpick
