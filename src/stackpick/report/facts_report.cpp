#include "stackpick/report/facts_report.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <iterator>
#include <ostream>
#include <set>
#include <span>

#include <fmt/compile.h>
#include <fmt/format.h>

#include "stackpick/util/error.hpp"
#include "stackpick/util/json_writer.hpp"
#include "stackpick/util/number_text.hpp"
#include "stackpick/util/suggest.hpp"
#include "stackpick/util/text.hpp"

namespace stackpick {

namespace {

using nlohmann::json;

constexpr std::size_t k_width = 80;
constexpr std::size_t k_label_width = 24;
constexpr std::size_t k_gap = 2;

/// How a unit is written around a number: "$" + n + "/h".
struct UnitStyle {
    std::string_view unit;
    std::string_view prefix;
    std::string_view suffix;
};

constexpr std::array<UnitStyle, 26> k_unit_styles = {{
    {"requests/s", "", " req/s"},
    {"requests/min", "", " req/min"},
    {"requests/day", "", " req/day"},
    {"transactions/s", "", " tx/s"},
    {"ms", "", " ms"},
    {"MB", "", " MB"},
    {"GB", "", " GB"},
    {"percent", "", "%"},
    {"usd", "$", ""},
    {"usd/hour", "$", "/h"},
    {"usd/month", "$", "/month"},
    {"usd/year", "$", "/year"},
    {"inr-lpa", "INR ", " LPA"},
    {"hours", "", " hours"},
    {"weeks", "", " weeks"},
    {"months", "", " months"},
    {"years", "", " years"},
    {"calendar-year", "", ""},
    {"packages", "", " packages"},
    {"downloads/week", "", " a week"},
    {"jobs", "", " jobs"},
    {"connections", "", " connections"},
    {"users", "", " users"},
    {"instances", "", " instances"},
    {"multiplier", "", "x"},
    {"count", "", ""},
}};

/// 12450 -> "12,450"; 1.5 -> "1.5"; 99.97 -> "99.97"; years are not grouped.
void append_number(std::string& text, double value, bool group_thousands) {
    append_figure(text, value, {false, group_thousands});
}

/// Writes text wrapped to the page, the first line after `first`, the rest indented by `indent`.
void write_wrapped(std::ostream& out, const std::string& first, const std::string& text,
                   std::size_t indent) {
    const std::size_t first_width = display_width(first);
    const auto lines = wrap_lines(text, k_width - std::max(first_width, indent));
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (i == 0)
            out << first << std::string(first_width < indent ? indent - first_width : 0, ' ');
        else
            out << std::string(indent, ' ');
        out << lines[i] << '\n';
    }
}

/// The quotes behind an item, one per line under it: `[1] "..."`.
void write_quotes(std::ostream& out, const Facts& facts, std::span<const Quote> quotes,
                  std::size_t indent) {
    for (const auto& quote : quotes)
        write_wrapped(out, std::string(indent, ' ') + source_markers(facts, {quote.source}) + " ",
                      "\"" + quote.text + "\"", indent + 4);
}

/// Lines of a table row: the label column, then one block of lines per value column.
void write_row(std::ostream& out, const std::string& label,
               const std::vector<std::vector<std::string>>& cells,
               const std::vector<std::size_t>& widths) {
    auto label_lines = wrap_lines(label, k_label_width);
    std::size_t height = label_lines.size();
    for (const auto& cell : cells) height = std::max(height, cell.size());
    for (std::size_t row = 0; row < height; ++row) {
        std::string line = pad(row < label_lines.size() ? label_lines[row] : "", k_label_width);
        for (std::size_t column = 0; column < cells.size(); ++column) {
            line += std::string(k_gap, ' ');
            const auto& cell = cells[column];
            line += pad(row < cell.size() ? cell[row] : "", widths[column]);
        }
        while (!line.empty() && line.back() == ' ') line.pop_back();
        out << line << '\n';
    }
}

/// The lines of a cell: the wrapped value, then its conditions in parentheses.
std::vector<std::string> cell_lines(const std::string& value, const std::string& conditions,
                                    std::size_t width) {
    auto lines = wrap_lines(value, width);
    if (!conditions.empty()) {
        auto more = wrap_lines("(" + conditions + ")", width);
        lines.insert(lines.end(), more.begin(), more.end());
    }
    return lines;
}

std::string figure_value_text(const Facts& facts, const Figure& figure) {
    std::string text = format_quantity(figure.value, figure.qualifier);
    text += ' ' + source_markers(facts, figure.sources);
    if (figure.derived) text += " *";
    if (figure.contradicted) text += " !";
    return text;
}

/// The stacks shown as columns: the first two, in stack order, that the figures use.
std::vector<std::string> column_stacks(const Facts& facts,
                                       const std::vector<const Figure*>& figures) {
    std::vector<std::string> order = facts.stack_ids;
    for (const auto* figure : figures)
        if (figure->stack && std::find(order.begin(), order.end(), *figure->stack) == order.end())
            order.push_back(*figure->stack);
    std::vector<std::string> columns;
    for (const auto& stack : order) {
        const bool used = std::any_of(figures.begin(), figures.end(),
                                      [&](const Figure* figure) { return figure->stack == stack; });
        if (used && columns.size() < 2) columns.push_back(stack);
    }
    return columns;
}

/// Figures of a row: one per column stack (null when absent), or one figure spanning them.
struct Row {
    std::string stem;
    std::vector<const Figure*> cells;
    const Figure* spanning = nullptr;
};

std::vector<Row> pair_rows(const std::vector<const Figure*>& figures,
                           const std::vector<std::string>& columns) {
    std::vector<Row> rows;
    for (const auto* figure : figures) {
        const auto column = figure->stack
                                ? std::find(columns.begin(), columns.end(), *figure->stack)
                                : columns.end();
        if (column == columns.end()) {
            rows.push_back({figure->id, {}, figure});
            continue;
        }
        const auto index = static_cast<std::size_t>(column - columns.begin());
        const std::string stem =
            figure->id.substr(0, figure->id.size() - figure->stack->size() - 1);
        auto row = std::find_if(rows.begin(), rows.end(), [&](const Row& candidate) {
            return !candidate.spanning && candidate.stem == stem && !candidate.cells[index];
        });
        if (row == rows.end()) {
            rows.push_back({stem, std::vector<const Figure*>(columns.size(), nullptr), nullptr});
            row = rows.end() - 1;
        }
        row->cells[index] = figure;
    }
    return rows;
}

/// A table of figures: rows paired by id stem, conditions shown once per stack and text,
/// then footnotes for notes, derived values and contradictions.
void write_figure_table(std::ostream& out, const Facts& facts,
                        const std::vector<const Figure*>& figures) {
    const auto columns = column_stacks(facts, figures);
    const std::size_t count = std::max<std::size_t>(columns.size(), 1);
    const std::size_t column_width = (k_width - k_label_width - count * k_gap) / count;
    const std::vector<std::size_t> widths(columns.size(), column_width);
    const std::size_t span_width = k_width - k_label_width - k_gap;
    if (!columns.empty()) {
        std::vector<std::vector<std::string>> header;
        std::vector<std::vector<std::string>> rule;
        for (const auto& stack : columns) {
            header.push_back({facts.stack_name(stack)});
            rule.push_back({std::string(column_width, '-')});
        }
        write_row(out, "", header, widths);
        write_row(out, std::string(k_label_width, '-'), rule, widths);
    }
    std::set<std::pair<std::string, std::string>> shown_conditions;
    auto conditions_of = [&](const Figure& figure) {
        if (figure.conditions.empty()) return std::string();
        if (!shown_conditions.insert({figure.stack.value_or(""), figure.conditions}).second)
            return std::string();
        return figure.conditions;
    };
    for (const auto& row : pair_rows(figures, columns)) {
        if (row.spanning) {
            const Figure& figure = *row.spanning;
            std::string value = figure_value_text(facts, figure);
            if (figure.stack) value = facts.stack_name(*figure.stack) + ": " + value;
            write_row(out, figure.metric, {cell_lines(value, conditions_of(figure), span_width)},
                      {span_width});
            continue;
        }
        std::string label;
        std::vector<std::vector<std::string>> cells;
        for (std::size_t i = 0; i < columns.size(); ++i) {
            const Figure* figure = row.cells[i];
            if (!figure) {
                cells.push_back({"-"});
                continue;
            }
            if (label.empty()) label = figure->metric;
            cells.push_back(cell_lines(figure_value_text(facts, *figure), conditions_of(*figure),
                                       column_width));
        }
        write_row(out, label, cells, widths);
    }
    std::set<std::string> shown_notes;
    for (const auto* figure : figures) {
        if (!figure->note.empty() && shown_notes.insert(figure->note).second) {
            if (figure->derived)
                write_wrapped(out, "* ", figure->note, 2);
            else
                write_wrapped(out, "- ",
                              fmt::format("{}{}: {}", figure->metric,
                                          figure->stack ? ", " + facts.stack_name(*figure->stack)
                                                        : std::string(),
                                          figure->note),
                              2);
        }
        if (figure->contradicted)
            write_wrapped(out, "! ",
                          fmt::format("{} is contradicted by {}: {}", figure->metric,
                                      figure->contradicted->by, figure->contradicted->note),
                          2);
    }
}

void collect_sources(std::set<std::string>& used, const std::vector<std::string>& ids) {
    used.insert(ids.begin(), ids.end());
}

void write_legend(std::ostream& out, const Facts& facts, const std::set<std::string>& used) {
    out << "\nSources\n";
    for (std::size_t i = 0; i < facts.sources.size(); ++i) {
        const Source& source = facts.sources[i];
        if (!used.count(source.id)) continue;
        const std::string publisher = source.publisher.value_or("Publisher not stated");
        const std::string year = source.year ? std::to_string(*source.year) : "no year stated";
        write_wrapped(out, fmt::format("[{}] ", i + 1),
                      fmt::format("{} ({}). {}, {}. Interest: {}.", source.title, source.id,
                                  publisher, year, source.interest.value_or("none stated")),
                      4);
    }
}

void write_topic_list(std::ostream& out, const Facts& facts) {
    out << "Topics (stackpick facts TOPIC):\n";
    const auto topics = fact_topics(facts);
    std::size_t width = 0;
    for (const auto& topic : topics) width = std::max(width, topic.size());
    for (const auto& topic : topics)
        write_wrapped(out, "  " + pad(topic, width + 2), describe_topic(facts, topic), width + 4);
}

void write_heading(std::ostream& out, const std::string& title, const std::string& description) {
    write_wrapped(out, "", fmt::format("{}: {}", title, description), 0);
}

void write_figures_topic(std::ostream& out, const Facts& facts, const Topic& topic,
                         bool with_quotes) {
    write_heading(out, topic.title, topic.description);
    std::set<std::string> used;
    for (const auto& group : topic.groups) {
        std::vector<const Figure*> figures;
        for (const auto& figure : facts.figures)
            if (figure.topic == topic.id && figure.group == group.id) figures.push_back(&figure);
        if (figures.empty()) continue;
        out << "\n== " << group.title << " ==\n";
        if (!group.description.empty()) write_wrapped(out, "", group.description, 0);
        write_figure_table(out, facts, figures);
        for (const auto* figure : figures) collect_sources(used, figure->sources);
    }
    bool first = true;
    for (const auto& note : facts.notes) {
        if (note.topic != topic.id) continue;
        if (first) out << "\nNotes\n";
        first = false;
        // "Python: ..." unless the text already starts by naming its stack.
        std::string stack = note.stack ? facts.stack_name(*note.stack) : "";
        stack = stack.empty() || note.text.rfind(stack, 0) == 0 ? "" : stack + ": ";
        write_wrapped(out, "- ",
                      fmt::format("{}{} {}", stack, note.text, source_markers(facts, note.sources)),
                      2);
        if (with_quotes) write_quotes(out, facts, note.quotes, 4);
        collect_sources(used, note.sources);
    }
    write_legend(out, facts, used);
}

/// Stacks in display order: the known stacks, then any other the items use.
template <class Items>
std::vector<std::string> stacks_of(const Facts& facts, const Items& items) {
    std::vector<std::string> order = facts.stack_ids;
    for (const auto& item : items)
        if (std::find(order.begin(), order.end(), item.stack) == order.end())
            order.push_back(item.stack);
    return order;
}

void write_use_cases(std::ostream& out, const Facts& facts, bool with_quotes) {
    write_heading(out, "Use cases", describe_topic(facts, "use-cases"));
    std::set<std::string> used;
    std::size_t width = 0;
    for (const auto& criterion : facts.criteria) width = std::max(width, criterion.id.size());
    width = std::min<std::size_t>(width, 20);
    for (const auto& stack : stacks_of(facts, facts.criteria)) {
        bool first = true;
        for (const auto& criterion : facts.criteria) {
            if (criterion.stack != stack) continue;
            if (first) out << "\nChoose " << facts.stack_name(stack) << "\n";
            first = false;
            // An id wider than the column gets a line of its own.
            const bool own_line = criterion.id.size() > width;
            if (own_line) out << "  " << criterion.id << '\n';
            write_wrapped(out, "  " + pad(own_line ? "" : criterion.id, width + 2),
                          criterion.text + " " + source_markers(facts, criterion.sources),
                          width + 4);
            // How the rules reach it, or why nothing asks about it: stackpick's own words.
            if (!criterion.reached_through.empty())
                write_wrapped(out, std::string(width + 4, ' '),
                              fmt::format("(reached through {}: {})",
                                          fmt::join(criterion.reached_through, ", "),
                                          criterion.reached_through_note),
                              width + 5);
            if (!criterion.not_asked.empty())
                write_wrapped(out, std::string(width + 4, ' '),
                              fmt::format("(not asked: {})", criterion.not_asked), width + 5);
            if (with_quotes) write_quotes(out, facts, criterion.quotes, width + 4);
            collect_sources(used, criterion.sources);
        }
    }
    write_legend(out, facts, used);
}

void write_frameworks(std::ostream& out, const Facts& facts, bool with_quotes) {
    write_heading(out, "Frameworks", describe_topic(facts, "frameworks"));
    std::set<std::string> used;
    constexpr std::size_t name_width = 22;
    for (const auto& stack : stacks_of(facts, facts.frameworks)) {
        bool first = true;
        for (const auto& framework : facts.frameworks) {
            if (framework.stack != stack) continue;
            if (first) out << "\n" << facts.stack_name(stack) << " frameworks\n";
            first = false;
            write_wrapped(out, "  " + pad(framework.name, name_width),
                          framework.role + " " + source_markers(facts, framework.sources),
                          name_width + 2);
            if (with_quotes) write_quotes(out, facts, framework.quotes, name_width + 2);
            collect_sources(used, framework.sources);
        }
    }
    for (const auto& stack : stacks_of(facts, facts.libraries)) {
        bool first = true;
        for (const auto& category : known_library_categories()) {
            for (const auto& library : facts.libraries) {
                if (library.stack != stack || library.category != category) continue;
                if (first) out << "\n" << facts.stack_name(stack) << " libraries\n";
                first = false;
                write_wrapped(out, "  " + pad(library.name, name_width),
                              fmt::format("{}: {} {}", library.category, library.purpose,
                                          source_markers(facts, library.sources)),
                              name_width + 2);
                if (with_quotes) write_quotes(out, facts, library.quotes, name_width + 2);
                collect_sources(used, library.sources);
            }
        }
    }
    write_legend(out, facts, used);
}

void write_case_studies(std::ostream& out, const Facts& facts, bool with_quotes) {
    write_heading(out, "Case studies", describe_topic(facts, "case-studies"));
    std::set<std::string> used;
    for (const auto& study : facts.case_studies) {
        out << "\n== " << study.title << " " << source_markers(facts, study.sources) << " ==\n";
        std::string line = facts.stack_name(study.stack);
        if (study.company) line += "; " + *study.company;
        if (!study.technologies.empty()) {
            line += "; ";
            for (std::size_t i = 0; i < study.technologies.size(); ++i)
                line += (i ? ", " : "") + study.technologies[i];
        }
        write_wrapped(out, "", line, 0);
        write_wrapped(out, "", study.summary, 0);
        if (with_quotes) write_quotes(out, facts, study.quotes, 2);
        std::vector<const Figure*> figures;
        for (const auto& figure : study.figures) figures.push_back(&figure);
        if (!figures.empty()) write_figure_table(out, facts, figures);
        collect_sources(used, study.sources);
        for (const auto* figure : figures) collect_sources(used, figure->sources);
    }
    write_legend(out, facts, used);
}

void write_sources(std::ostream& out, const Facts& facts) {
    write_heading(out, "Sources", describe_topic(facts, "sources"));
    for (std::size_t i = 0; i < facts.sources.size(); ++i) {
        const Source& source = facts.sources[i];
        out << '\n';
        write_wrapped(out, fmt::format("[{}] ", i + 1),
                      fmt::format("{} ({})", source.title, source.id), 4);
        write_wrapped(out, "    Publisher: ", source.publisher.value_or("not stated"), 15);
        write_wrapped(
            out, "    Year:      ", source.year ? std::to_string(*source.year) : "not stated", 15);
        write_wrapped(out, "    Published: ", source.published.value_or("not stated"), 15);
        write_wrapped(out, "    Retrieved: ", source.retrieved.value_or("not recorded"), 15);
        write_wrapped(out, "    File:      ", source.file, 15);
        std::string covers;
        for (std::size_t j = 0; j < source.covers.size(); ++j)
            covers += (j ? "; " : "") + source.covers[j];
        write_wrapped(out, "    Covers:    ", covers, 15);
        write_wrapped(out, "    Interest:  ", source.interest.value_or("none stated"), 15);
    }
}

/// Throws the UsageError for a topic that is not one of fact_topics().
void check_topic(const Facts& facts, const std::string& topic) {
    const auto topics = fact_topics(facts);
    if (topic.empty() || std::find(topics.begin(), topics.end(), topic) != topics.end()) return;
    std::string valid;
    for (const auto& name : topics) valid += (valid.empty() ? "" : ", ") + name;
    throw UsageError(fmt::format("unknown topic '{}'{}; valid topics: {}", topic,
                                 did_you_mean(topic, topics), valid));
}

json number_json(double value) { return detail::json_figure<json>(value); }

json nullable(const std::string& text) { return text.empty() ? json(nullptr) : json(text); }

json markers_json(const Facts& facts, const std::vector<std::string>& ids) {
    std::vector<std::size_t> markers;
    for (const auto& id : ids)
        if (auto marker = facts.source_marker(id)) markers.push_back(marker);
    std::sort(markers.begin(), markers.end());
    return markers;
}

json figure_json(const Facts& facts, const Figure& figure) {
    json contradicted = nullptr;
    if (figure.contradicted)
        contradicted = {{"by", figure.contradicted->by}, {"note", figure.contradicted->note}};
    return {
        {"id", figure.id},
        {"metric", figure.metric},
        {"stack", figure.stack ? json(*figure.stack) : json(nullptr)},
        {"value", {{"min", number_json(figure.value.min)}, {"max", number_json(figure.value.max)}}},
        {"unit", figure.value.unit},
        {"qualifier", qualifier_name(figure.qualifier)},
        {"text", format_quantity(figure.value, figure.qualifier)},
        {"conditions", nullable(figure.conditions)},
        {"note", nullable(figure.note)},
        {"derived", figure.derived},
        {"contradicted", contradicted},
        {"sources", figure.sources},
        {"markers", markers_json(facts, figure.sources)},
    };
}

json source_json(const Facts& facts, const Source& source) {
    return {
        {"id", source.id},
        {"marker", facts.source_marker(source.id)},
        {"title", source.title},
        {"file", source.file},
        {"publisher", source.publisher ? json(*source.publisher) : json(nullptr)},
        {"year", source.year ? json(*source.year) : json(nullptr)},
        {"published", source.published ? json(*source.published) : json(nullptr)},
        {"retrieved", source.retrieved ? json(*source.retrieved) : json(nullptr)},
        {"covers", source.covers},
        {"interest", source.interest ? json(*source.interest) : json(nullptr)},
    };
}

json sources_json(const Facts& facts, const std::set<std::string>& used) {
    json list = json::array();
    for (const auto& source : facts.sources)
        if (used.count(source.id)) list.push_back(source_json(facts, source));
    return list;
}

json figures_topic_json(const Facts& facts, const Topic& topic, std::set<std::string>& used) {
    json groups = json::array();
    for (const auto& group : topic.groups) {
        json figures = json::array();
        for (const auto& figure : facts.figures) {
            if (figure.topic != topic.id || figure.group != group.id) continue;
            figures.push_back(figure_json(facts, figure));
            collect_sources(used, figure.sources);
        }
        groups.push_back({{"id", group.id},
                          {"title", group.title},
                          {"description", nullable(group.description)},
                          {"figures", figures}});
    }
    json notes = json::array();
    for (const auto& note : facts.notes) {
        if (note.topic != topic.id) continue;
        notes.push_back({{"id", note.id},
                         {"stack", note.stack ? json(*note.stack) : json(nullptr)},
                         {"text", note.text},
                         {"sources", note.sources},
                         {"markers", markers_json(facts, note.sources)},
                         {"quotes", quotes_json<json>(note.quotes)}});
        collect_sources(used, note.sources);
    }
    return {{"groups", groups}, {"notes", notes}};
}

}  // namespace

std::string format_quantity(const Quantity& quantity, Qualifier qualifier) {
    const auto style =
        std::find_if(k_unit_styles.begin(), k_unit_styles.end(),
                     [&](const UnitStyle& candidate) { return candidate.unit == quantity.unit; });
    const bool found = style != k_unit_styles.end();
    // An unknown unit still shows, spelled out.
    const std::string_view suffix = found ? style->suffix : std::string_view(quantity.unit);
    const bool group = quantity.unit != "calendar-year";
    std::string text;
    if (qualifier == Qualifier::approx) text += '~';
    if (qualifier == Qualifier::below) text += '<';
    if (found) text += style->prefix;
    append_number(text, quantity.min, group);
    if (quantity.is_range()) {
        const bool negative = quantity.min < 0 || quantity.max < 0;
        text += negative ? " to " : "-";
        append_number(text, quantity.max, group);
    }
    if (!found && !suffix.empty()) text += ' ';
    // "10,000+ connections" but "60%+": the plus sign follows what is attached to the number.
    const bool attached = !suffix.empty() && suffix.front() != ' ' && found;
    if (qualifier == Qualifier::at_least && !attached) text += '+';
    text += suffix;
    if (qualifier == Qualifier::at_least && attached) text += '+';
    return text;
}

std::vector<std::string> fact_topics(const Facts& facts) {
    std::vector<std::string> topics;
    for (const auto& topic : facts.topics)
        if (!topic.id.empty()) topics.push_back(topic.id);
    for (const auto topic : k_fixed_topics) topics.emplace_back(topic);
    return topics;
}

std::string describe_topic(const Facts& facts, std::string_view topic) {
    if (const Topic* found = facts.find_topic(topic)) return found->description;
    if (topic == "frameworks") return "Frameworks and libraries per stack, and what each is for";
    if (topic == "use-cases")
        return "When to choose Node.js, Python or both, merged from every source";
    if (topic == "case-studies") return "Case studies and their figures";
    if (topic == "sources")
        return "The articles behind every figure, and their publishers' interests";
    return "";
}

void write_facts_text(std::ostream& out, const Facts& facts, const std::string& topic,
                      bool with_quotes) {
    check_topic(facts, topic);
    if (topic.empty()) return write_topic_list(out, facts);
    if (const Topic* found = facts.find_topic(topic))
        return write_figures_topic(out, facts, *found, with_quotes);
    if (topic == "frameworks") return write_frameworks(out, facts, with_quotes);
    if (topic == "use-cases") return write_use_cases(out, facts, with_quotes);
    if (topic == "case-studies") return write_case_studies(out, facts, with_quotes);
    write_sources(out, facts);
}

namespace {

/// The document for no topic: the list of topics.
json topic_list_json(const Facts& facts, json document) {
    document["topic"] = nullptr;
    json topics = json::array();
    for (const auto& name : fact_topics(facts))
        topics.push_back({{"id", name}, {"description", describe_topic(facts, name)}});
    document["topics"] = std::move(topics);
    return document;
}

/// Adds the "frameworks" topic's frameworks and libraries, noting the sources they cite.
void add_frameworks(json& document, const Facts& facts, std::set<std::string>& used) {
    document["title"] = "Frameworks";
    json frameworks = json::array();
    for (const auto& framework : facts.frameworks) {
        frameworks.push_back({{"id", framework.id},
                              {"name", framework.name},
                              {"stack", framework.stack},
                              {"role", framework.role},
                              {"sources", framework.sources},
                              {"markers", markers_json(facts, framework.sources)},
                              {"quotes", quotes_json<json>(framework.quotes)}});
        collect_sources(used, framework.sources);
    }
    json libraries = json::array();
    for (const auto& library : facts.libraries) {
        libraries.push_back({{"id", library.id},
                             {"name", library.name},
                             {"stack", library.stack},
                             {"category", library.category},
                             {"purpose", library.purpose},
                             {"sources", library.sources},
                             {"markers", markers_json(facts, library.sources)},
                             {"quotes", quotes_json<json>(library.quotes)}});
        collect_sources(used, library.sources);
    }
    document["frameworks"] = std::move(frameworks);
    document["libraries"] = std::move(libraries);
}

/// Adds the "use-cases" topic's criteria, noting the sources they cite.
void add_use_cases(json& document, const Facts& facts, std::set<std::string>& used) {
    document["title"] = "Use cases";
    json criteria = json::array();
    for (const auto& criterion : facts.criteria) {
        criteria.push_back(
            {{"id", criterion.id},
             {"stack", criterion.stack},
             {"text", criterion.text},
             {"figures", criterion.figures},
             {"sources", criterion.sources},
             {"markers", markers_json(facts, criterion.sources)},
             {"quotes", quotes_json<json>(criterion.quotes)},
             {"reached_through", criterion.reached_through.empty()
                                     ? json(nullptr)
                                     : json{{"rules", criterion.reached_through},
                                            {"note", criterion.reached_through_note}}},
             {"not_asked", nullable(criterion.not_asked)}});
        collect_sources(used, criterion.sources);
    }
    document["criteria"] = std::move(criteria);
}

/// Adds the "case-studies" topic's studies with their figures, noting the sources they cite.
void add_case_studies(json& document, const Facts& facts, std::set<std::string>& used) {
    document["title"] = "Case studies";
    json studies = json::array();
    for (const auto& study : facts.case_studies) {
        json figures = json::array();
        for (const auto& figure : study.figures) {
            figures.push_back(figure_json(facts, figure));
            collect_sources(used, figure.sources);
        }
        studies.push_back({{"id", study.id},
                           {"title", study.title},
                           {"stack", study.stack},
                           {"company", study.company ? json(*study.company) : json(nullptr)},
                           {"technologies", study.technologies},
                           {"summary", study.summary},
                           {"figures", std::move(figures)},
                           {"sources", study.sources},
                           {"markers", markers_json(facts, study.sources)},
                           {"quotes", quotes_json<json>(study.quotes)}});
        collect_sources(used, study.sources);
    }
    document["case_studies"] = std::move(studies);
}

}  // namespace

json facts_to_json(const Facts& facts, const std::string& topic) {
    check_topic(facts, topic);
    json document = {{"schema_version", "1"}};
    if (topic.empty()) return topic_list_json(facts, std::move(document));
    document["topic"] = topic;
    document["description"] = describe_topic(facts, topic);
    std::set<std::string> used;
    if (const Topic* found = facts.find_topic(topic)) {
        document["title"] = found->title;
        document.update(figures_topic_json(facts, *found, used));
    } else if (topic == "frameworks") {
        add_frameworks(document, facts, used);
    } else if (topic == "use-cases") {
        add_use_cases(document, facts, used);
    } else if (topic == "case-studies") {
        add_case_studies(document, facts, used);
    } else {
        document["title"] = "Sources";
        for (const auto& source : facts.sources) used.insert(source.id);
    }
    document["sources"] = sources_json(facts, used);
    return document;
}

}  // namespace stackpick
