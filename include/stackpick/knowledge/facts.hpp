#pragma once
/// The knowledge base's sourced facts (figures, criteria, frameworks, case studies), parsed into
/// typed values with every problem reported as a located Diagnostic.

#include <array>
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "stackpick/knowledge/quotes.hpp"
#include "stackpick/util/diagnostics.hpp"

namespace stackpick {

/// One parsed data file, as handed over by the knowledge-base loader.
struct DataDocument {
    std::string shown_name;  ///< as shown in messages, e.g. "data/costs.json"
    nlohmann::json json;
};

/// Parsed data files keyed by file name ("costs.json").
using DataDocuments = std::map<std::string, DataDocument>;

/// The files parse_facts reads, in the order their contents are kept.
inline constexpr std::array<std::string_view, 6> k_fact_files = {
    "sources.json",   "performance.json", "costs.json",
    "timelines.json", "ecosystem.json",   "use_cases.json"};

/// Topics of `stackpick facts` that are not figures files; a figures file may not use these ids.
inline constexpr std::array<std::string_view, 4> k_fixed_topics = {"frameworks", "use-cases",
                                                                   "case-studies", "sources"};

/// One article the knowledge base cites (data/sources.json); its position gives its marker.
struct Source {
    std::string id;
    std::string title;
    std::string file;                      ///< the article's file name under shared/seeds/
    std::optional<std::string> publisher;  ///< absent when the article names none
    std::optional<int> year;               ///< the year the article speaks of
    /// When the article was published ("YYYY-MM-DD"); absent when it states no date.
    std::optional<std::string> published;
    /// When stackpick's knowledge base took it ("YYYY-MM-DD"); absent when not recorded.
    std::optional<std::string> retrieved;
    std::vector<std::string> covers;
    std::optional<std::string> interest;  ///< the publisher's commercial interest, if any
};

/// A value with its unit; a single value has min == max.
struct Quantity {
    double min = 0;
    double max = 0;
    std::string unit;

    bool is_range() const { return min != max; }
    double mid() const { return (min + max) / 2; }
    bool operator==(const Quantity&) const = default;
};

/// How the source qualifies a value: "~35,000" (approx), "10,000+" (at_least), "<10k" (below).
enum class Qualifier { exact, approx, at_least, below };

/// A stated claim that other figures contradict.
struct Contradiction {
    std::string by;    ///< id of the figure that contradicts it
    std::string note;  ///< why
};

/// One sourced figure. Ids are dotted and globally unique; see docs/knowledge-base.md.
struct Figure {
    std::string id;                    ///< e.g. "rate.us.mid.node"
    std::string metric;                ///< what is measured, e.g. "Hourly rate, mid-level (US)"
    std::optional<std::string> stack;  ///< absent for a claim about both or a relative claim
    Quantity value;
    Qualifier qualifier = Qualifier::exact;
    std::string conditions;  ///< the set-up as the source states it ("" when none)
    std::vector<std::string> sources;
    bool derived = false;  ///< not stated directly; the note says how it was derived
    std::string note;
    std::optional<Contradiction> contradicted;
    std::string topic;  ///< topic id ("cost"), or "case-studies"
    std::string group;  ///< group id ("rate.us"), or the case study id
};

/// A qualitative claim shown with a topic's figures.
struct Note {
    std::string id;
    std::optional<std::string> stack;
    std::string text;
    std::vector<std::string> sources;
    std::string topic;
    std::vector<Quote> quotes;  ///< at least one per source
};

/// A titled set of figures within a topic; its id is a prefix of its figures' ids.
struct FigureGroup {
    std::string id;
    std::string title;
    std::string description;  ///< "" when none
};

/// One figures file (performance, cost, timelines, ecosystem), shown by `stackpick facts TOPIC`.
struct Topic {
    std::string id;
    std::string title;
    std::string description;
    std::vector<FigureGroup> groups;
    std::string file;  ///< the data file it comes from, e.g. "performance.json"
};

/// A reason to choose a stack, merged from every source that states it.
struct Criterion {
    std::string id;     ///< e.g. "realtime"
    std::string stack;  ///< node, python or hybrid
    std::string text;
    std::vector<std::string> sources;
    std::vector<std::string> figures;  ///< ids of figures behind it (thresholds, savings)
    std::vector<Quote> quotes;
    /// Rules filed under other criteria that also answer this one ("reached_through"), with
    /// stackpick's note on how; empty when rules name it directly.
    std::vector<std::string> reached_through;
    std::string reached_through_note;
    /// Why no question or rule reaches it ("not_asked"); "" when one does.
    std::string not_asked;
};

struct Framework {
    std::string id;
    std::string name;
    std::string stack;
    std::string role;  ///< what it is for
    std::vector<std::string> sources;
    std::vector<Quote> quotes;
};

struct Library {
    std::string id;
    std::string name;
    std::string stack;
    std::string category;  ///< one of known_library_categories()
    std::string purpose;
    std::vector<std::string> sources;
    std::vector<Quote> quotes;
};

struct CaseStudy {
    std::string id;
    std::string title;
    std::string stack;
    std::optional<std::string> company;
    std::vector<std::string> technologies;
    std::string summary;
    std::vector<Figure> figures;  ///< ids start with "case.<id>."
    std::vector<std::string> sources;
    std::vector<Quote> quotes;  ///< for the summary
};

/// Everything the sources say, typed and cross-checked.
struct Facts {
    std::vector<Source> sources;  ///< in marker order
    std::vector<Topic> topics;    ///< figure topics in file order
    std::vector<Figure> figures;  ///< every figure of every topic, in file order
    std::vector<Note> notes;
    std::vector<Criterion> criteria;
    std::vector<CaseStudy> case_studies;
    std::vector<Framework> frameworks;
    std::vector<Library> libraries;
    std::vector<std::string> stack_ids;  ///< as given to parse_facts; orders the report's columns
    /// Display names ("node" -> "Node.js"); the loader fills them from knowledge_base.json.
    std::map<std::string, std::string> stack_names;

    const Source* find_source(std::string_view id) const;
    /// Finds topic figures and case-study figures alike.
    const Figure* find_figure(std::string_view id) const;
    const Criterion* find_criterion(std::string_view id) const;
    const CaseStudy* find_case_study(std::string_view id) const;
    const Topic* find_topic(std::string_view id) const;
    /// 1-based marker ([1]..[n]) of a source; 0 for an unknown id.
    std::size_t source_marker(std::string_view id) const;
    /// The display name of a stack, or its id when none is known.
    std::string stack_name(std::string_view id) const;
    /// The ids of the sources, in marker order.
    std::vector<std::string> source_ids() const;
    /// The ids of the criteria, in data order (for a did-you-mean).
    std::vector<std::string> criterion_ids() const;
};

/// The units a figure may use ("usd/hour", "requests/s"...), documented in docs/knowledge-base.md.
const std::vector<std::string>& known_units();
/// The categories a library may have ("realtime", "ml"...).
const std::vector<std::string>& known_library_categories();
/// "approx", "at-least", "below" (exact has no name in the data).
std::string_view qualifier_name(Qualifier qualifier);

/// Parses and cross-checks the facts files among documents (see k_fact_files). Files missing from
/// documents are skipped (the loader has reported them), and so are the checks that need them.
/// stack_ids are the known stacks; empty skips stack checks. Every problem is added to diagnostics.
Facts parse_facts(const DataDocuments& documents, const std::vector<std::string>& stack_ids,
                  Diagnostics& diagnostics);

}  // namespace stackpick
