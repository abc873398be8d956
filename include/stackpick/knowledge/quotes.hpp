#pragma once
/// Quotes: the short verbatim passages of the articles that back every sentence citing them.
/// Each sourced item of the knowledge base carries, for each source it cites, at least one quote
/// from that source; `stackpick validate --articles DIR` finds each quote in its article.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "stackpick/util/json_reader.hpp"

namespace stackpick {

/// A verbatim passage of one source that supports the sentence citing it.
struct Quote {
    std::string source;  ///< the source id
    std::string text;    ///< as in the article, up to normalise_for_quotes()
};

/// A quote is short: long enough to be found only where it belongs, short enough to read.
inline constexpr std::size_t k_min_quote_length = 8;
inline constexpr std::size_t k_max_quote_length = 300;

/// Text as quotes are compared: curly quotes made straight, every dash a '-', bullets and
/// non-breaking spaces made spaces, an ellipsis "...", runs of white space one space, trimmed.
/// Articles copied from web pages differ from a quote typed by hand in exactly these ways.
std::string normalise_for_quotes(std::string_view text);

/// [{"source": id, "text": quote}, ...] as a JSON value (nlohmann::json or ordered_json).
template <class Json>
Json quotes_json(const std::vector<Quote>& quotes) {
    Json list = Json::array();
    for (const auto& quote : quotes)
        list.push_back({{"source", quote.source}, {"text", quote.text}});
    return list;
}

/// Reads the optional member `quotes_key` of an item that cites `sources` (its member
/// `sources_key`): a list of {"source", "text"} objects. Reports a quote from a source the item
/// does not cite, a text outside k_min_quote_length..k_max_quote_length characters, and each
/// cited source without a quote. When known_sources is given and the item cites a source not in
/// it, that unknown source is the problem (reported where sources are checked): the quotes are
/// read but not matched against the sources, so one typo gives one message.
std::vector<Quote> read_quotes(ObjectReader& reader, const std::vector<std::string>& sources,
                               std::string_view quotes_key = "quotes",
                               std::string_view sources_key = "sources",
                               const std::vector<std::string>* known_sources = nullptr);

}  // namespace stackpick
