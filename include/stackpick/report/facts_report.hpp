#pragma once
/// `stackpick facts [TOPIC]`: the figures behind a recommendation, side by side per stack, each
/// cell with its source markers and a legend saying who published each source and why.

#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "stackpick/knowledge/facts.hpp"
#include "stackpick/report/sources.hpp"

namespace stackpick {

/// The topics `stackpick facts` accepts: each figures file's topic, then k_fixed_topics.
std::vector<std::string> fact_topics(const Facts& facts);

/// The one-line description of a topic; "" for an unknown one.
std::string describe_topic(const Facts& facts, std::string_view topic);

/// Writes a topic for an 80-column terminal; an empty topic lists the topics. with_quotes puts
/// the verbatim quotes under each note, criterion, framework, library and case study.
/// Throws UsageError "unknown topic 'x'" (with did-you-mean and the valid topics).
void write_facts_text(std::ostream& out, const Facts& facts, const std::string& topic,
                      bool with_quotes = false);

/// The same content as JSON (docs/schema/facts.schema.json), quotes always included; same
/// errors as write_facts_text.
nlohmann::json facts_to_json(const Facts& facts, const std::string& topic);

/// A value as people write it: "12,450 requests/s" -> "12,450 req/s", "$80-110/h", "10,000+
/// connections", "~35,000 req/s", "<10,000 req/day".
std::string format_quantity(const Quantity& quantity, Qualifier qualifier = Qualifier::exact);

}  // namespace stackpick
