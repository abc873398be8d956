#include "record_file.hpp"

#include <algorithm>
#include <cctype>
#include <istream>

#include <fmt/format.h>

#include "stackpick/report/record_block.hpp"
#include "stackpick/util/diagnostics.hpp"
#include "stackpick/util/error.hpp"
#include "stackpick/util/json_file.hpp"
#include "stackpick/util/json_reader.hpp"
#include "stackpick/util/output.hpp"
#include "stackpick/util/suggest.hpp"

namespace stackpick {

namespace {

/// A record is a Markdown page or a --json document (explain and what-if make it large).
constexpr JsonLimits k_record_limits{8u << 20, 64, 64u << 10};

/// Where the record's object is inside the text as parsed.
struct LocatedRecord {
    nlohmann::json record;
    std::string pointer;  ///< "" for a Markdown block, "/record" in a --json document
};

bool starts_with(std::string_view text, std::string_view prefix) {
    return text.substr(0, prefix.size()) == prefix;
}

/// The lines of text as [begin, end) offsets, without their newlines.
std::vector<std::pair<std::size_t, std::size_t>> line_spans(std::string_view text) {
    std::vector<std::pair<std::size_t, std::size_t>> lines;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        lines.emplace_back(start, end);
        start = end + 1;
    }
    return lines;
}

/// The block's JSON, parsed with the rest of the page blanked to spaces, so that an error's
/// line:column is the file's own.
LocatedRecord markdown_record(const std::string& text, const std::string& shown) {
    const auto lines = line_spans(text);
    const std::string opening = std::string("```") + k_record_block_info;
    std::size_t open = lines.size();
    for (std::size_t i = 0; i < lines.size() && open == lines.size(); ++i) {
        std::string_view line(text.data() + lines[i].first, lines[i].second - lines[i].first);
        while (!line.empty() && (line.back() == ' ' || line.back() == '\r')) line.remove_suffix(1);
        if (line == opening) open = i;
    }
    if (open == lines.size())
        throw DataError(fmt::format("{}: no {} block: nothing to re-check", shown, opening),
                        "stackpick --format markdown writes one at the end of a record");
    std::size_t close = open + 1;
    while (close < lines.size() &&
           !starts_with(std::string_view(text).substr(lines[close].first), "```"))
        ++close;
    if (close == lines.size())
        throw DataError(
            fmt::format("{}:{}:1: the {} block opened here is not closed (the record "
                        "is cut short?)",
                        shown, open + 1, opening));
    const std::size_t begin = lines[open].second + 1;  // after the opening line
    const std::size_t end = lines[close].first;
    if (begin >= end)
        throw DataError(fmt::format("{}:{}:1: the {} block is empty", shown, open + 1, opening));
    std::string blanked(text.size(), ' ');
    for (std::size_t i = 0; i < text.size(); ++i)
        blanked[i] = (i >= begin && i < end) || text[i] == '\n' ? text[i] : ' ';
    return {parse_json_text(blanked, shown, k_record_limits), ""};
}

LocatedRecord json_record(const std::string& text, const std::string& shown) {
    nlohmann::json document = parse_json_text(text, shown, k_record_limits);
    // A record block saved on its own is a record too.
    if (document.is_object() && document.contains("record_version")) return {document, ""};
    if (!document.is_object() || !document.contains("record"))
        throw DataError(
            fmt::format("{}: /record: missing: not a stackpick --json document with "
                        "the data to re-check it",
                        shown));
    return {std::move(document["record"]), "/record"};
}

/// The answers as the current questions accept them; each problem keeps its key, located
/// under the record's pointer.
GivenAnswers checked_answers(const nlohmann::json& answers, const std::string& shown,
                             const std::string& pointer, const KnowledgeBase& knowledge_base,
                             Diagnostics& diagnostics) {
    try {
        return parse_answers_document(answers, shown, knowledge_base.questions);
    } catch (const InvalidDataError& error) {
        for (const auto& diagnostic : error.diagnostics())
            diagnostics.add(diagnostic.file,
                            pointer + (diagnostic.pointer == "/" ? "" : diagnostic.pointer),
                            diagnostic.message);
        return {};
    }
}

/// Ids the knowledge base must still have (sources, stacks), with a did-you-mean.
void check_ids(ObjectReader& reader, std::string_view key, const std::vector<std::string>& ids,
               const std::vector<std::string>& known, const char* what) {
    for (std::size_t i = 0; i < ids.size(); ++i)
        if (std::find(known.begin(), known.end(), ids[i]) == known.end())
            reader.report_within(
                key, fmt::format("/{}", i),
                fmt::format("unknown {} '{}'{}", what, ids[i], did_you_mean(ids[i], known)));
}

ScoringOptions checked_scoring(ObjectReader& reader, const KnowledgeBase& knowledge_base) {
    ScoringOptions scoring;
    const std::vector<std::string> criteria = knowledge_base.facts.criterion_ids();
    if (const auto* weights = reader.object("weights", Presence::required)) {
        for (const auto& [criterion, weight] : weights->items()) {
            const std::string suffix = "/" + escape_pointer_token(criterion);
            if (!knowledge_base.facts.find_criterion(criterion))
                reader.report_within("weights", suffix,
                                     fmt::format("unknown criterion '{}'{}", criterion,
                                                 did_you_mean(criterion, criteria)));
            else if (!weight.is_number() || weight.get<double>() < 0 || weight.get<double>() > 100)
                reader.report_within(
                    "weights", suffix,
                    fmt::format("expected a number in 0..100, got {}", brief(weight)));
            else
                scoring.weights[criterion] = weight.get<double>();
        }
    }
    scoring.excluded_sources =
        reader.strings("excluded_sources", Presence::required).value_or(std::vector<std::string>{});
    check_ids(reader, "excluded_sources", scoring.excluded_sources,
              knowledge_base.facts.source_ids(), "source");
    scoring.ruled_out =
        reader.strings("ruled_out", Presence::required).value_or(std::vector<std::string>{});
    check_ids(reader, "ruled_out", scoring.ruled_out, knowledge_base.stack_ids(), "stack");
    return scoring;
}

std::vector<RecordedStack> recorded_ranking(ObjectReader& reader, Diagnostics& diagnostics) {
    std::vector<RecordedStack> ranking;
    const nlohmann::json* entries = reader.array("ranking", Presence::required);
    if (!entries) return ranking;
    for (std::size_t i = 0; i < entries->size(); ++i) {
        ObjectReader entry((*entries)[i], reader.file(),
                           index_pointer(reader.pointer_to("ranking"), i), diagnostics);
        RecordedStack stack;
        stack.id = entry.string("id", Presence::required).value_or("");
        stack.score = entry.number("score", Presence::required).value_or(0);
        stack.points = entry.number("points", Presence::required).value_or(0);
        if (const auto* rules = entry.object("rules", Presence::required))
            for (const auto& [rule, points] : rules->items()) {
                if (points.is_number())
                    stack.rules[rule] = points.get<double>();
                else
                    entry.report_within("rules", "/" + escape_pointer_token(rule),
                                        fmt::format("expected a number, got {}", brief(points)));
            }
        ranking.push_back(std::move(stack));
    }
    return ranking;
}

Confidence confidence_named(ObjectReader& reader) {
    const std::string name = reader.string("confidence", Presence::required).value_or("low");
    for (const Confidence level : {Confidence::high, Confidence::medium, Confidence::low})
        if (to_string(level) == name) return level;
    reader.report("confidence", fmt::format("expected high, medium or low, got \"{}\"", name));
    return Confidence::low;
}

RecordedDecision recorded_decision(const LocatedRecord& located, const std::string& shown,
                                   const KnowledgeBase& knowledge_base) {
    Diagnostics diagnostics;
    ObjectReader reader(located.record, shown, located.pointer, diagnostics);
    RecordedDecision record;
    const auto version = reader.string("record_version", Presence::required);
    if (version && *version != "1")
        throw DataError(fmt::format("{}: {}: record_version {} is newer than this stackpick reads",
                                    shown, reader.pointer_to("record_version"), *version),
                        "upgrade stackpick");
    record.stackpick_version = reader.string("stackpick_version", Presence::required).value_or("");
    record.knowledge_base_version =
        reader.string("knowledge_base", Presence::required).value_or("");
    if (const auto* answers = reader.object("answers", Presence::required))
        record.answers = checked_answers(*answers, shown, reader.pointer_to("answers"),
                                         knowledge_base, diagnostics);
    record.scoring = checked_scoring(reader, knowledge_base);
    record.pick = reader.string("pick", Presence::required).value_or("");
    record.open_between =
        reader.strings("open_between", Presence::required).value_or(std::vector<std::string>{});
    record.confidence = confidence_named(reader);
    record.fired = reader.strings("fired", Presence::required).value_or(std::vector<std::string>{});
    record.ranking = recorded_ranking(reader, diagnostics);
    if (!diagnostics.empty()) throw InvalidDataError(diagnostics);
    return record;
}

/// The number of a record's file name ("0007-backend-stack.md" -> 7), or -1 when it has none.
long record_number(const std::string& name) {
    std::size_t digits = 0;
    while (digits < name.size() && std::isdigit(static_cast<unsigned char>(name[digits]))) ++digits;
    if (digits < 4 || digits > 9 || digits >= name.size() || name[digits] != '-') return -1;
    return std::stol(name.substr(0, digits));
}

std::string record_name(long number) { return fmt::format("{:04}-backend-stack.md", number); }

}  // namespace

std::string next_record_name(const std::filesystem::path& directory) {
    long highest = 0;
    std::error_code error;
    for (std::filesystem::directory_iterator it(directory, error), end; !error && it != end;
         it.increment(error))
        highest = std::max(highest, record_number(it->path().filename().string()));
    if (error)
        throw RuntimeError(
            fmt::format("cannot list '{}': {}", directory.string(), error.message()));
    return record_name(highest + 1);
}

std::string write_numbered_record(const std::filesystem::path& directory,
                                  const std::string& content) {
    // Another writer may take the number between looking and writing: take the next one then.
    for (int attempt = 0; attempt < 100; ++attempt) {
        const std::string name = next_record_name(directory);
        if (write_new_file_atomically(directory / name, content)) return name;
    }
    throw RuntimeError(fmt::format(
        "cannot write a new record in '{}': every number tried was taken", directory.string()));
}

std::string read_record_text(const std::string& path) {
    return read_text_file(path, path, k_record_limits);
}

std::string superseded_record_text(const std::string& text, const std::string& new_name) {
    const std::string status = "status: superseded by " + new_name;
    // The MADR front matter: "---" on the first line, up to the next "---" line.
    if (starts_with(text, "---\n")) {
        const std::size_t close = text.find("\n---", 3);
        if (close != std::string::npos) {
            std::size_t line = 4;
            while (line <= close) {
                const std::size_t end = text.find('\n', line);
                if (starts_with(std::string_view(text).substr(line), "status:"))
                    return text.substr(0, line) + status + text.substr(end);
                line = end + 1;
            }
            return text.substr(0, close + 1) + status + text.substr(close);
        }
    }
    return "---\n" + status + "\n---\n\n" + text;
}

RecordedDecision read_record_file(const std::string& path, std::istream& standard_input,
                                  const KnowledgeBase& knowledge_base) {
    const std::string shown = path == "-" ? "<stdin>" : path;
    const std::string text =
        path == "-" ? read_text_stream(standard_input, shown, k_record_limits)
                    : read_text_file(path, shown, k_record_limits, FileKinds::streams_too);
    const auto first = text.find_first_not_of(" \t\r\n");
    const LocatedRecord located = first != std::string::npos && text[first] == '{'
                                      ? json_record(text, shown)
                                      : markdown_record(text, shown);
    return recorded_decision(located, shown, knowledge_base);
}

}  // namespace stackpick
