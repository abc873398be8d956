#include "stackpick/knowledge/facts.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>

#include <fmt/format.h>

#include "stackpick/util/calendar.hpp"
#include "stackpick/util/json_file.hpp"
#include "stackpick/util/json_reader.hpp"
#include "stackpick/util/suggest.hpp"

namespace stackpick {

namespace {

using nlohmann::json;

constexpr std::string_view k_sources_file = "sources.json";
constexpr std::string_view k_use_cases_file = "use_cases.json";
/// The figures files, in topic order; the first entry of k_fact_files is sources.json.
constexpr std::array<std::string_view, 4> k_figure_files = {"performance.json", "costs.json",
                                                            "timelines.json", "ecosystem.json"};
/// The one figures file that also lists frameworks and libraries.
constexpr std::string_view k_ecosystem_file = "ecosystem.json";
constexpr std::string_view k_case_topic = "case-studies";

/// Lowercase letters and digits in words joined by single '.' or '-'.
bool is_valid_id(std::string_view id) {
    bool after_separator = true;
    for (char c : id) {
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            after_separator = false;
        } else if (c == '.' || c == '-') {
            if (after_separator) return false;
            after_separator = true;
        } else {
            return false;
        }
    }
    return !after_separator;
}

/// The first control character (C0, DEL or C1) in UTF-8 text, which must never reach a terminal.
std::optional<std::uint32_t> control_character(std::string_view text) {
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto byte = static_cast<unsigned char>(text[i]);
        if (byte < 0x20 || byte == 0x7f) return byte;
        if (byte == 0xc2 && i + 1 < text.size()) {
            const auto next = static_cast<unsigned char>(text[i + 1]);
            if (next >= 0x80 && next <= 0x9f) return next;
        }
    }
    return std::nullopt;
}

std::string join(const std::vector<std::string>& items) {
    std::string text;
    for (const auto& item : items) text += (text.empty() ? "" : ", ") + item;
    return text;
}

/// "unknown unit 'x' (did you mean 'y'?)", or the valid values when nothing is close.
std::string unknown(std::string_view kind, std::string_view word,
                    const std::vector<std::string>& candidates) {
    std::string suggestion = did_you_mean(word, candidates);
    if (suggestion.empty() && !candidates.empty())
        suggestion = fmt::format(" (expected one of: {})", join(candidates));
    return fmt::format("unknown {} '{}'{}", kind, word, suggestion);
}

std::vector<std::string> last_components_removed(std::string_view id, std::size_t keep) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (parts.size() < keep) {
        const auto dot = id.find('.', start);
        parts.emplace_back(id.substr(0, dot));
        if (dot == std::string_view::npos) break;
        start = dot + 1;
    }
    return parts;
}

std::size_t component_count(std::string_view id) {
    return static_cast<std::size_t>(std::count(id.begin(), id.end(), '.')) + 1;
}

/// Where an id was first defined, to name both places of a duplicate.
struct Seen {
    std::string file;
    std::string pointer;
};

/// An id used before every definition is known; resolved once all files are read.
struct Reference {
    std::string id;
    std::string file;
    std::string pointer;
};

/// Which ids a figure may have: those of its file's groups, or "case.<case study id>.".
struct FigureScope {
    std::string topic;
    const std::vector<FigureGroup>* groups = nullptr;
    std::string case_prefix;
};

class Parser {
  public:
    Parser(const DataDocuments& documents, const std::vector<std::string>& stack_ids,
           Diagnostics& diagnostics)
        : m_documents(documents), m_diagnostics(diagnostics) {
        m_facts.stack_ids = stack_ids;
        for (const auto& id : stack_ids) m_facts.stack_names.emplace(id, id);
    }

    Facts run() {
        if (const auto* document = find_document(k_sources_file)) parse_sources(*document);
        m_known_source_ids = m_facts.source_ids();
        for (const auto name : k_figure_files)
            if (const auto* document = find_document(name)) parse_figures_file(name, *document);
        if (const auto* document = find_document(k_use_cases_file)) parse_use_cases(*document);
        resolve_references();
        return std::move(m_facts);
    }

  private:
    const DataDocument* find_document(std::string_view name) const {
        auto it = m_documents.find(std::string(name));
        return it == m_documents.end() ? nullptr : &it->second;
    }

    /// Whether every file that may define a figure was read (sources.json defines none).
    bool all_documents_present() const {
        return std::all_of(k_fact_files.begin(), k_fact_files.end(), [&](std::string_view name) {
            return name == "sources.json" || find_document(name) != nullptr;
        });
    }

    // ---- scalar fields -------------------------------------------------------------------

    std::optional<std::string> read_text(ObjectReader& reader, std::string_view key,
                                         Presence presence) {
        auto text = reader.string(key, presence);
        if (!text) return std::nullopt;
        if (auto c = control_character(*text)) {
            reader.report(key, fmt::format("contains the control character U+{:04X}", *c));
            return std::nullopt;
        }
        return text;
    }

    /// A key that must be present, whose value is text or null.
    bool read_nullable_text(ObjectReader& reader, std::string_view key, Presence presence,
                            std::optional<std::string>& out) {
        const json* value = reader.value(key, presence);
        if (!value) return presence == Presence::optional;
        if (value->is_null()) return true;
        out = read_text(reader, key, Presence::required);
        return out.has_value();
    }

    std::optional<std::string> read_id(ObjectReader& reader, std::string_view key = "id") {
        auto id = reader.string(key, Presence::required);
        if (!id) return std::nullopt;
        if (!is_valid_id(*id)) {
            reader.report(key, fmt::format("id '{}' must be lowercase letters and digits in words "
                                           "joined by '.' or '-'",
                                           *id));
            return std::nullopt;
        }
        return id;
    }

    std::optional<std::string> read_stack(ObjectReader& reader, Presence presence) {
        auto stack = reader.string("stack", presence);
        if (!stack) return std::nullopt;
        const auto& known = m_facts.stack_ids;
        if (!known.empty() && std::find(known.begin(), known.end(), *stack) == known.end()) {
            reader.report("stack", unknown("stack", *stack, known));
            return std::nullopt;
        }
        return stack;
    }

    std::optional<std::string> read_choice(ObjectReader& reader, std::string_view key,
                                           Presence presence, std::string_view kind,
                                           const std::vector<std::string>& choices) {
        auto value = reader.string(key, presence);
        if (!value) return std::nullopt;
        if (std::find(choices.begin(), choices.end(), *value) == choices.end()) {
            reader.report(key, unknown(kind, *value, choices));
            return std::nullopt;
        }
        return value;
    }

    /// The "sources" list: at least one, no repeats; existence is checked once all are read.
    std::optional<std::vector<std::string>> read_sources(ObjectReader& reader,
                                                         const std::string& file) {
        auto sources = reader.strings("sources", Presence::required);
        if (!sources) return std::nullopt;
        if (sources->empty()) {
            reader.report("sources", "expected at least one source id");
            return std::nullopt;
        }
        bool ok = true;
        for (std::size_t i = 0; i < sources->size(); ++i) {
            const std::string pointer = fmt::format("{}/{}", reader.pointer_to("sources"), i);
            const auto& id = (*sources)[i];
            if (std::find(sources->begin(), sources->begin() + static_cast<std::ptrdiff_t>(i),
                          id) != sources->begin() + static_cast<std::ptrdiff_t>(i)) {
                m_diagnostics.add(file, pointer, fmt::format("source '{}' is cited twice", id));
                ok = false;
            }
            m_source_references.push_back({id, file, pointer});
        }
        if (!ok) return std::nullopt;
        return sources;
    }

    /// The quotes of an item whose "sources" were read as `sources`.
    std::vector<Quote> read_item_quotes(ObjectReader& reader,
                                        const std::optional<std::vector<std::string>>& sources) {
        return read_quotes(reader, sources.value_or(std::vector<std::string>{}), "quotes",
                           "sources", &m_known_source_ids);
    }

    /// Ends the reading of an item with an id: reports the keys not read, then claims the id
    /// (false when it has none or a duplicate one).
    bool finish_item(ObjectReader& reader, const std::optional<std::string>& id,
                     std::map<std::string, Seen>& seen) {
        reader.reject_unknown_keys();
        return id && claim(seen, *id, reader.file(), reader.pointer());
    }

    /// Records an id; a second definition names both places.
    bool claim(std::map<std::string, Seen>& seen, const std::string& id, const std::string& file,
               const std::string& pointer) {
        auto [it, inserted] = seen.try_emplace(id, Seen{file, pointer});
        if (inserted) return true;
        const Seen& first = it->second;
        const std::string where =
            first.file == file ? first.pointer : fmt::format("{}: {}", first.file, first.pointer);
        m_diagnostics.add(file, pointer + "/id",
                          fmt::format("duplicate id '{}' (first at {})", id, where));
        return false;
    }

    /// Calls parse(item, pointer) for each element of the array at key.
    template <class Parse>
    void for_each_item(ObjectReader& reader, std::string_view key, Presence presence, Parse parse) {
        const json* items = reader.array(key, presence);
        if (!items) return;
        for (std::size_t i = 0; i < items->size(); ++i)
            parse((*items)[i], fmt::format("{}/{}", reader.pointer_to(key), i));
    }

    /// Parses each item of the array `key` with parse(item, pointer), keeping those that parse.
    template <typename Item, typename Parse>
    void collect(ObjectReader& reader, std::string_view key, Presence presence,
                 std::vector<Item>& into, const Parse& parse) {
        for_each_item(reader, key, presence, [&](const json& item, const std::string& pointer) {
            if (auto parsed = parse(item, pointer)) into.push_back(std::move(*parsed));
        });
    }

    /// The same with one of this parser's parse_* members, called as (item, file, pointer).
    template <typename Item>
    void collect(ObjectReader& reader, std::string_view key, Presence presence,
                 std::vector<Item>& into,
                 std::optional<Item> (Parser::*parse)(const json&, const std::string&,
                                                      const std::string&)) {
        collect(reader, key, presence, into, [&](const json& item, const std::string& pointer) {
            return (this->*parse)(item, reader.file(), pointer);
        });
    }

    // ---- sources.json --------------------------------------------------------------------

    void parse_sources(const DataDocument& document) {
        const std::string& file = document.shown_name;
        ObjectReader root(document.json, file, "", m_diagnostics);
        const json* items = root.array("sources", Presence::required);
        root.reject_unknown_keys();
        if (!items) return;
        m_sources_loaded = true;
        if (items->empty()) root.report("sources", "expected at least one source");
        for (std::size_t i = 0; i < items->size(); ++i) {
            const std::string pointer = fmt::format("/sources/{}", i);
            ObjectReader reader((*items)[i], file, pointer, m_diagnostics);
            if (!reader.valid()) continue;
            Source source;
            auto id = read_id(reader);
            auto title = read_text(reader, "title", Presence::required);
            auto seed = read_text(reader, "file", Presence::required);
            bool ok = read_nullable_text(reader, "publisher", Presence::required, source.publisher);
            if (const json* year = reader.value("year", Presence::required);
                year && !year->is_null()) {
                auto value = reader.integer("year", Presence::required, 1900, 2100);
                if (value) source.year = static_cast<int>(*value);
                ok = ok && value.has_value();
            }
            // Dates say how old the figures are; published may be unknown (null).
            const auto published = reader.date("published", Presence::optional);
            const auto retrieved = reader.date("retrieved", Presence::optional);
            if (published) source.published = calendar_date_text(*published);
            if (retrieved) source.retrieved = calendar_date_text(*retrieved);
            if (published && retrieved && *retrieved < *published)
                reader.report("retrieved", fmt::format("retrieved {} is before published {}",
                                                       *source.retrieved, *source.published));
            auto covers = read_texts(reader, "covers", Presence::required, file);
            ok = read_nullable_text(reader, "interest", Presence::required, source.interest) && ok;
            reader.reject_unknown_keys();
            if (id && !claim(m_source_ids, *id, file, pointer)) continue;
            if (!ok || !id || !title || !seed || !covers) continue;
            source.id = *id;
            source.title = *title;
            source.file = *seed;
            source.covers = *covers;
            m_facts.sources.push_back(std::move(source));
        }
    }

    /// A list of non-empty texts.
    std::optional<std::vector<std::string>> read_texts(ObjectReader& reader, std::string_view key,
                                                       Presence presence, const std::string& file,
                                                       bool allow_empty = false) {
        auto texts = reader.strings(key, presence);
        if (!texts) return std::nullopt;
        if (texts->empty() && !allow_empty) {
            reader.report(key, "expected at least one entry");
            return std::nullopt;
        }
        bool ok = true;
        for (std::size_t i = 0; i < texts->size(); ++i) {
            if (auto c = control_character((*texts)[i])) {
                m_diagnostics.add(file, fmt::format("{}/{}", reader.pointer_to(key), i),
                                  fmt::format("contains the control character U+{:04X}", *c));
                ok = false;
            }
        }
        if (!ok) return std::nullopt;
        return texts;
    }

    // ---- figures files -------------------------------------------------------------------

    void parse_figures_file(std::string_view name, const DataDocument& document) {
        const std::string& file = document.shown_name;
        ObjectReader root(document.json, file, "", m_diagnostics);
        if (!root.valid()) return;
        Topic topic;
        topic.file = std::string(name);
        if (const json* value = root.object("topic", Presence::required)) {
            ObjectReader reader(*value, file, "/topic", m_diagnostics);
            auto id = read_id(reader);
            auto title = read_text(reader, "title", Presence::required);
            auto description = read_text(reader, "description", Presence::required);
            reader.reject_unknown_keys();
            if (id && std::find(k_fixed_topics.begin(), k_fixed_topics.end(), *id) !=
                          k_fixed_topics.end()) {
                reader.report("id",
                              fmt::format("topic '{}' is reserved for a built-in topic", *id));
                id.reset();
            }
            if (id && claim(m_topic_ids, *id, file, "/topic")) topic.id = *id;
            if (title) topic.title = *title;
            if (description) topic.description = *description;
        }
        collect(root, "groups", Presence::required, topic.groups, &Parser::parse_group);
        if (const json* groups = root.array("groups", Presence::optional);
            groups && groups->empty())
            root.report("groups", "expected at least one group");

        const FigureScope scope{topic.id, &topic.groups, {}};
        collect(root, "figures", Presence::required, m_facts.figures,
                [&](const json& item, const std::string& pointer) {
                    return parse_figure(item, file, pointer, scope);
                });
        collect(root, "notes", Presence::optional, m_facts.notes,
                [&](const json& item, const std::string& pointer) {
                    return parse_note(item, file, pointer, topic.id);
                });
        if (name == k_ecosystem_file) {
            collect(root, "frameworks", Presence::required, m_facts.frameworks,
                    &Parser::parse_framework);
            collect(root, "libraries", Presence::required, m_facts.libraries,
                    &Parser::parse_library);
        }
        root.reject_unknown_keys();
        m_facts.topics.push_back(std::move(topic));
    }

    std::optional<FigureGroup> parse_group(const json& item, const std::string& file,
                                           const std::string& pointer) {
        ObjectReader reader(item, file, pointer, m_diagnostics);
        if (!reader.valid()) return std::nullopt;
        auto id = read_id(reader);
        auto title = read_text(reader, "title", Presence::required);
        auto description = read_text(reader, "description", Presence::optional);
        reader.reject_unknown_keys();
        // A duplicate is reported but still groups its own file's figures, to avoid a cascade.
        if (id) claim(m_group_ids, *id, file, pointer);
        if (!id || !title) return std::nullopt;
        return FigureGroup{*id, *title, description.value_or("")};
    }

    std::optional<Quantity> read_quantity(ObjectReader& reader, const std::string& file) {
        const json* value = reader.value("value", Presence::required);
        auto unit = read_choice(reader, "unit", Presence::required, "unit", known_units());
        if (!value) return std::nullopt;
        const std::string pointer = reader.pointer_to("value");
        Quantity quantity;
        if (value->is_number()) {
            quantity.min = quantity.max = value->get<double>();
            if (!std::isfinite(quantity.min)) {
                m_diagnostics.add(file, pointer, "number out of range");
                return std::nullopt;
            }
        } else if (value->is_object()) {
            ObjectReader range(*value, file, pointer, m_diagnostics);
            auto min = range.number("min", Presence::required);
            auto max = range.number("max", Presence::required);
            range.reject_unknown_keys();
            if (!min || !max) return std::nullopt;
            if (*min > *max) {
                m_diagnostics.add(file, pointer,
                                  fmt::format("min {} is greater than max {}", *min, *max));
                return std::nullopt;
            }
            quantity.min = *min;
            quantity.max = *max;
        } else {
            m_diagnostics.add(
                file, pointer,
                fmt::format("expected a number or {{min, max}}, got {}", describe_type(*value)));
            return std::nullopt;
        }
        if (!unit) return std::nullopt;
        quantity.unit = *unit;
        return quantity;
    }

    /// The id conventions that make figures findable and pair them in the report.
    bool check_figure_id(ObjectReader& reader, const std::string& id,
                         const std::optional<std::string>& stack, const FigureScope& scope,
                         std::string& group) {
        if (scope.groups) {
            const FigureGroup* best = nullptr;
            for (const auto& candidate : *scope.groups) {
                if (id.size() > candidate.id.size() &&
                    id.compare(0, candidate.id.size(), candidate.id) == 0 &&
                    id[candidate.id.size()] == '.' &&
                    (!best || candidate.id.size() > best->id.size()))
                    best = &candidate;
            }
            if (!best) {
                std::vector<std::string> group_ids;
                std::optional<std::string> prefix_suggestion;
                std::size_t best_distance = SIZE_MAX;
                for (const auto& candidate : *scope.groups) {
                    group_ids.push_back(candidate.id);
                    const auto parts = last_components_removed(id, component_count(candidate.id));
                    const std::size_t distance = edit_distance(parts.back(), candidate.id);
                    if (distance < best_distance) {
                        best_distance = distance;
                        prefix_suggestion = candidate.id;
                    }
                }
                std::string hint;
                if (prefix_suggestion &&
                    best_distance <= std::max<std::size_t>(1, (prefix_suggestion->size() + 2) / 3))
                    hint = fmt::format(" (did you mean '{}'?)", *prefix_suggestion);
                else if (!group_ids.empty())
                    hint = fmt::format(" (groups: {})", join(group_ids));
                reader.report(
                    "id",
                    fmt::format("id '{}' does not start with a group of this file{}", id, hint));
                return false;
            }
            group = best->id;
        } else if (id.rfind(scope.case_prefix, 0) != 0 || id.size() == scope.case_prefix.size()) {
            reader.report("id", fmt::format("id '{}' must start with '{}'", id, scope.case_prefix));
            return false;
        } else {
            group = scope.case_prefix.substr(5, scope.case_prefix.size() - 6);
        }
        const auto dot = id.rfind('.');
        const std::string last = dot == std::string::npos ? id : id.substr(dot + 1);
        if (stack && last != *stack) {
            reader.report("id", fmt::format("id '{}' must end with '.{}', its stack", id, *stack));
            return false;
        }
        const auto& stacks = m_facts.stack_ids;
        if (!stack && std::find(stacks.begin(), stacks.end(), last) != stacks.end()) {
            reader.report("id", fmt::format("id '{}' ends with a stack but has no \"stack\"", id));
            return false;
        }
        return true;
    }

    std::optional<Figure> parse_figure(const json& item, const std::string& file,
                                       const std::string& pointer, const FigureScope& scope) {
        ObjectReader reader(item, file, pointer, m_diagnostics);
        if (!reader.valid()) return std::nullopt;
        Figure figure;
        auto id = read_id(reader);
        auto metric = read_text(reader, "metric", Presence::required);
        const json* stack_value = reader.value("stack", Presence::optional);
        auto stack = read_stack(reader, Presence::optional);
        bool ok = !stack_value || stack.has_value();
        auto quantity = read_quantity(reader, file);
        auto qualifier = read_choice(reader, "qualifier", Presence::optional, "qualifier",
                                     {"approx", "at-least", "below"});
        ok = ok && (qualifier || !reader.value("qualifier", Presence::optional));
        auto conditions = read_text(reader, "conditions", Presence::optional);
        ok = ok && (conditions || !reader.value("conditions", Presence::optional));
        auto sources = read_sources(reader, file);
        auto derived = reader.boolean("derived", Presence::optional);
        ok = ok && (derived || !reader.value("derived", Presence::optional));
        auto note = read_text(reader, "note", Presence::optional);
        ok = ok && (note || !reader.value("note", Presence::optional));
        if (const json* value = reader.object("contradicted", Presence::optional)) {
            ObjectReader contradiction(*value, file, reader.pointer_to("contradicted"),
                                       m_diagnostics);
            auto by = read_id(contradiction, "by");
            auto why = read_text(contradiction, "note", Presence::required);
            contradiction.reject_unknown_keys();
            if (by) m_figure_references.push_back({*by, file, contradiction.pointer_to("by")});
            if (by && why) figure.contradicted = Contradiction{*by, *why};
            ok = ok && by && why;
        } else {
            ok = ok && !reader.value("contradicted", Presence::optional);
        }
        reader.reject_unknown_keys();
        if (!id) return std::nullopt;
        ok = claim(m_figure_ids, *id, file, pointer) && ok;
        ok = ok && check_figure_id(reader, *id, stack, scope, figure.group);
        if (!ok || !metric || !quantity || !sources) return std::nullopt;
        figure.id = *id;
        figure.metric = *metric;
        figure.stack = stack;
        figure.value = *quantity;
        if (qualifier == "approx") figure.qualifier = Qualifier::approx;
        if (qualifier == "at-least") figure.qualifier = Qualifier::at_least;
        if (qualifier == "below") figure.qualifier = Qualifier::below;
        figure.conditions = conditions.value_or("");
        figure.sources = *sources;
        figure.derived = derived.value_or(false);
        figure.note = note.value_or("");
        figure.topic = scope.topic;
        return figure;
    }

    std::optional<Note> parse_note(const json& item, const std::string& file,
                                   const std::string& pointer, const std::string& topic) {
        ObjectReader reader(item, file, pointer, m_diagnostics);
        if (!reader.valid()) return std::nullopt;
        auto id = read_id(reader);
        const bool has_stack = reader.value("stack", Presence::optional) != nullptr;
        auto stack = read_stack(reader, Presence::optional);
        auto text = read_text(reader, "text", Presence::required);
        auto sources = read_sources(reader, file);
        auto quotes = read_item_quotes(reader, sources);
        if (!finish_item(reader, id, m_note_ids)) return std::nullopt;
        if ((has_stack && !stack) || !text || !sources) return std::nullopt;
        return Note{*id, stack, *text, *sources, topic, std::move(quotes)};
    }

    /// What frameworks and libraries start with: id, name and stack, read in that order.
    struct NamedItem {
        std::optional<std::string> id, name, stack;
    };
    NamedItem read_named_item(ObjectReader& reader) {
        NamedItem named;
        named.id = read_id(reader);
        named.name = read_text(reader, "name", Presence::required);
        named.stack = read_stack(reader, Presence::required);
        return named;
    }

    std::optional<Framework> parse_framework(const json& item, const std::string& file,
                                             const std::string& pointer) {
        ObjectReader reader(item, file, pointer, m_diagnostics);
        if (!reader.valid()) return std::nullopt;
        auto [id, name, stack] = read_named_item(reader);
        auto role = read_text(reader, "role", Presence::required);
        auto sources = read_sources(reader, file);
        auto quotes = read_item_quotes(reader, sources);
        if (!finish_item(reader, id, m_framework_ids)) return std::nullopt;
        if (!name || !stack || !role || !sources) return std::nullopt;
        return Framework{*id, *name, *stack, *role, *sources, std::move(quotes)};
    }

    std::optional<Library> parse_library(const json& item, const std::string& file,
                                         const std::string& pointer) {
        ObjectReader reader(item, file, pointer, m_diagnostics);
        if (!reader.valid()) return std::nullopt;
        auto [id, name, stack] = read_named_item(reader);
        auto category = read_choice(reader, "category", Presence::required, "category",
                                    known_library_categories());
        auto purpose = read_text(reader, "purpose", Presence::required);
        auto sources = read_sources(reader, file);
        auto quotes = read_item_quotes(reader, sources);
        if (!finish_item(reader, id, m_library_ids)) return std::nullopt;
        if (!name || !stack || !category || !purpose || !sources) return std::nullopt;
        return Library{*id, *name, *stack, *category, *purpose, *sources, std::move(quotes)};
    }

    // ---- use_cases.json ------------------------------------------------------------------

    void parse_use_cases(const DataDocument& document) {
        const std::string& file = document.shown_name;
        ObjectReader root(document.json, file, "", m_diagnostics);
        if (!root.valid()) return;
        collect(root, "criteria", Presence::required, m_facts.criteria, &Parser::parse_criterion);
        collect(root, "case_studies", Presence::required, m_facts.case_studies,
                &Parser::parse_case_study);
        root.reject_unknown_keys();
    }

    std::optional<Criterion> parse_criterion(const json& item, const std::string& file,
                                             const std::string& pointer) {
        ObjectReader reader(item, file, pointer, m_diagnostics);
        if (!reader.valid()) return std::nullopt;
        auto id = read_id(reader);
        auto stack = read_stack(reader, Presence::required);
        auto text = read_text(reader, "text", Presence::required);
        auto sources = read_sources(reader, file);
        auto quotes = read_item_quotes(reader, sources);
        auto figures = reader.strings("figures", Presence::optional);
        bool ok = figures || !reader.value("figures", Presence::optional);
        if (figures)
            for (std::size_t i = 0; i < figures->size(); ++i)
                m_figure_references.push_back(
                    {(*figures)[i], file, fmt::format("{}/{}", reader.pointer_to("figures"), i)});
        Criterion criterion;
        if (const json* reached = reader.object("reached_through", Presence::optional)) {
            ObjectReader through(*reached, file, reader.pointer_to("reached_through"),
                                 m_diagnostics);
            criterion.reached_through =
                through.strings("rules", Presence::required).value_or(std::vector<std::string>{});
            if (auto note = read_text(through, "note", Presence::required))
                criterion.reached_through_note = *note;
            through.reject_unknown_keys();
            if (criterion.reached_through.empty()) {
                through.report("rules", "expected at least one rule id");
                ok = false;
            }
        }
        if (auto not_asked = read_text(reader, "not_asked", Presence::optional))
            criterion.not_asked = *not_asked;
        if (!criterion.not_asked.empty() && !criterion.reached_through.empty()) {
            reader.report("not_asked",
                          "a criterion is either reached through rules or not asked, not both");
            ok = false;
        }
        if (!finish_item(reader, id, m_criterion_ids)) return std::nullopt;
        if (!ok || !stack || !text || !sources) return std::nullopt;
        criterion.id = *id;
        criterion.stack = *stack;
        criterion.text = *text;
        criterion.sources = *sources;
        criterion.figures = figures.value_or(std::vector<std::string>{});
        criterion.quotes = std::move(quotes);
        return criterion;
    }

    std::optional<CaseStudy> parse_case_study(const json& item, const std::string& file,
                                              const std::string& pointer) {
        ObjectReader reader(item, file, pointer, m_diagnostics);
        if (!reader.valid()) return std::nullopt;
        CaseStudy study;
        auto id = read_id(reader);
        auto title = read_text(reader, "title", Presence::required);
        auto stack = read_stack(reader, Presence::required);
        bool ok = read_nullable_text(reader, "company", Presence::optional, study.company);
        auto technologies = read_texts(reader, "technologies", Presence::required, file, true);
        auto summary = read_text(reader, "summary", Presence::required);
        const FigureScope scope{std::string(k_case_topic), nullptr,
                                fmt::format("case.{}.", id.value_or("?"))};
        for_each_item(reader, "figures", Presence::required,
                      [&](const json& value, const std::string& figure_pointer) {
                          if (!id) return;
                          if (auto figure = parse_figure(value, file, figure_pointer, scope))
                              study.figures.push_back(std::move(*figure));
                          else
                              ok = false;
                      });
        auto sources = read_sources(reader, file);
        study.quotes = read_item_quotes(reader, sources);
        if (!finish_item(reader, id, m_case_ids)) return std::nullopt;
        if (!ok || !title || !stack || !technologies || !summary || !sources) return std::nullopt;
        study.id = *id;
        study.title = *title;
        study.stack = *stack;
        study.technologies = *technologies;
        study.summary = *summary;
        study.sources = *sources;
        return study;
    }

    // ---- cross-file references -----------------------------------------------------------

    void resolve_references() {
        // With no source at all, one "expected at least one source" says enough.
        if (m_sources_loaded && !m_source_ids.empty()) {
            std::vector<std::string> ids;
            for (const auto& [id, seen] : m_source_ids) ids.push_back(id);
            for (const auto& reference : m_source_references)
                if (!m_source_ids.count(reference.id))
                    m_diagnostics.add(reference.file, reference.pointer,
                                      unknown("source", reference.id, ids));
        }
        // A figure may live in any figures file; without all of them, "unknown" could be wrong.
        if (all_documents_present()) {
            std::vector<std::string> ids;
            for (const auto& [id, seen] : m_figure_ids) ids.push_back(id);
            for (const auto& reference : m_figure_references)
                if (!m_figure_ids.count(reference.id))
                    m_diagnostics.add(reference.file, reference.pointer,
                                      fmt::format("unknown figure '{}'{}", reference.id,
                                                  did_you_mean(reference.id, ids)));
        }
    }

    const DataDocuments& m_documents;
    Diagnostics& m_diagnostics;
    Facts m_facts;
    bool m_sources_loaded = false;
    std::map<std::string, Seen> m_source_ids, m_topic_ids, m_group_ids, m_figure_ids, m_note_ids,
        m_framework_ids, m_library_ids, m_criterion_ids, m_case_ids;
    std::vector<Reference> m_source_references;
    std::vector<std::string> m_known_source_ids;  ///< for read_quotes, once sources.json is read
    std::vector<Reference> m_figure_references;
};

template <class T>
const T* find_by_id(const std::vector<T>& items, std::string_view id) {
    for (const auto& item : items)
        if (item.id == id) return &item;
    return nullptr;
}

}  // namespace

const std::vector<std::string>& known_units() {
    static const std::vector<std::string> units = {"requests/s",   "requests/min",
                                                   "requests/day", "transactions/s",
                                                   "ms",           "MB",
                                                   "GB",           "percent",
                                                   "usd",          "usd/hour",
                                                   "usd/month",    "usd/year",
                                                   "inr-lpa",      "hours",
                                                   "weeks",        "months",
                                                   "years",        "calendar-year",
                                                   "packages",     "downloads/week",
                                                   "jobs",         "connections",
                                                   "users",        "instances",
                                                   "multiplier",   "count"};
    return units;
}

const std::vector<std::string>& known_library_categories() {
    static const std::vector<std::string> categories = {
        "realtime", "ml",       "data",       "typing",   "orm",     "auth",
        "payments", "email",    "upload",     "security", "graphql", "testing",
        "tooling",  "scraping", "automation", "server"};
    return categories;
}

std::string_view qualifier_name(Qualifier qualifier) {
    switch (qualifier) {
        case Qualifier::approx:
            return "approx";
        case Qualifier::at_least:
            return "at-least";
        case Qualifier::below:
            return "below";
        case Qualifier::exact:
            break;
    }
    return "exact";
}

const Source* Facts::find_source(std::string_view id) const { return find_by_id(sources, id); }

const Figure* Facts::find_figure(std::string_view id) const {
    if (const auto* figure = find_by_id(figures, id)) return figure;
    for (const auto& study : case_studies)
        if (const auto* figure = find_by_id(study.figures, id)) return figure;
    return nullptr;
}

const Criterion* Facts::find_criterion(std::string_view id) const {
    return find_by_id(criteria, id);
}

const CaseStudy* Facts::find_case_study(std::string_view id) const {
    return find_by_id(case_studies, id);
}

const Topic* Facts::find_topic(std::string_view id) const { return find_by_id(topics, id); }

std::size_t Facts::source_marker(std::string_view id) const {
    for (std::size_t i = 0; i < sources.size(); ++i)
        if (sources[i].id == id) return i + 1;
    return 0;
}

std::string Facts::stack_name(std::string_view id) const {
    auto it = stack_names.find(std::string(id));
    return it == stack_names.end() ? std::string(id) : it->second;
}

std::vector<std::string> Facts::source_ids() const {
    std::vector<std::string> ids;
    for (const auto& source : sources) ids.push_back(source.id);
    return ids;
}

std::vector<std::string> Facts::criterion_ids() const {
    std::vector<std::string> ids;
    for (const auto& criterion : criteria) ids.push_back(criterion.id);
    return ids;
}

Facts parse_facts(const DataDocuments& documents, const std::vector<std::string>& stack_ids,
                  Diagnostics& diagnostics) {
    return Parser(documents, stack_ids, diagnostics).run();
}

}  // namespace stackpick
