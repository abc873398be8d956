// Quotes: how they are read from the data, normalised, and found in their articles; and that
// every sourced item of the shipped knowledge base carries them.

#include <filesystem>
#include <fstream>
#include <set>

#include <catch2/catch.hpp>

#include "stackpick/knowledge/quote_check.hpp"
#include "stackpick/knowledge/quotes.hpp"
#include "stackpick/util/json_reader.hpp"
#include "support/shipped_knowledge_base.hpp"

using nlohmann::json;
using stackpick::Diagnostics;
using stackpick::ObjectReader;
using stackpick::Quote;

namespace {

/// The problems read_quotes reports for an item, as "pointer: message" lines.
std::vector<std::string> quote_problems(const json& item) {
    Diagnostics diagnostics;
    ObjectReader reader(item, "rules.json", "/rules/0", diagnostics);
    const auto sources = item.value("sources", std::vector<std::string>{});
    (void)stackpick::read_quotes(reader, sources);
    std::vector<std::string> lines;
    for (const auto& d : diagnostics.items()) lines.push_back(d.pointer + ": " + d.message);
    return lines;
}

/// A directory of articles for the check, removed at the end of the test.
struct Articles {
    std::filesystem::path directory;
    Articles() {
        char name[] = "/tmp/stackpick-articles-XXXXXX";
        directory = mkdtemp(name);
    }
    ~Articles() { std::filesystem::remove_all(directory); }
    void write(const std::string& file, const std::string& text) const {
        std::ofstream(directory / file) << text;
    }
};

using Lines = std::vector<std::string>;

}  // namespace

TEST_CASE("quotes are compared with typography and white space normalised", "[quotes]") {
    using stackpick::normalise_for_quotes;
    CHECK(normalise_for_quotes("\u201cDon\u2019t\u201d \u2014 switch\u2026") ==
          "\"Don't\" - switch...");
    CHECK(normalise_for_quotes("  \u2022 Real-time\n\n\tapps\u00a0(chat)  ") ==
          "Real-time apps (chat)");
    CHECK(normalise_for_quotes("20\u201330%") == "20-30%");
    CHECK(normalise_for_quotes("a\u200bb") == "ab");
    CHECK(normalise_for_quotes("") == "");
    // Anything else stays as it is, case included, and bytes that are not UTF-8 pass through.
    CHECK(normalise_for_quotes("Node.js \u2192 Python \xff") == "Node.js \u2192 Python \xff");
}

TEST_CASE("every cited source needs a quote, and every quote a cited source", "[quotes]") {
    CHECK(quote_problems(R"({"sources": ["a-1", "b-2"],
                             "quotes": [{"source": "a-1", "text": "a long enough quote"}]})"_json) ==
          Lines{"/rules/0/sources/1: cites 'b-2' without a quote from it (add {\"source\": "
                "\"b-2\", \"text\": ...} to \"quotes\")"});
    CHECK(quote_problems(R"({"sources": ["a-1"], "quotes": [
                             {"source": "a-1", "text": "a long enough quote"},
                             {"source": "c-3", "text": "a long enough quote"}]})"_json) ==
          Lines{"/rules/0/quotes/1/source: quotes 'c-3', which this item does not cite (it "
                "cites a-1)"});
    CHECK(quote_problems(R"({"sources": [], "quotes": [
                             {"source": "a-1", "text": "a long enough quote"}]})"_json) ==
          Lines{"/rules/0/quotes/0/source: quotes 'a-1', which this item does not cite (it "
                "cites no source)"});
    // stackpick's own text: no sources, no quotes, nothing to report.
    CHECK(quote_problems(R"({"sources": []})"_json).empty());
}

TEST_CASE("a quote is a short object of source and text", "[quotes]") {
    CHECK(quote_problems(R"({"sources": ["a-1"], "quotes": [{"source": "a-1", "text": "too short"},
                             {"source": "a-1", "text": "tiny"}]})"_json) ==
          Lines{"/rules/0/quotes/1/text: a quote is 8 to 300 characters, this one 4"});
    const std::string long_text(301, 'x');
    CHECK(quote_problems(
              {{"sources", {"a-1"}}, {"quotes", {{{"source", "a-1"}, {"text", long_text}}}}}) ==
          Lines{"/rules/0/quotes/0/text: a quote is 8 to 300 characters, this one 301",
                "/rules/0/sources/0: cites 'a-1' without a quote from it (add {\"source\": "
                "\"a-1\", \"text\": ...} to \"quotes\")"});
    CHECK(quote_problems(R"({"sources": ["a-1"], "quotes": ["just text"]})"_json) ==
          Lines{"/rules/0/quotes/0: expected an object {\"source\", \"text\"}, got a string",
                "/rules/0/sources/0: cites 'a-1' without a quote from it (add {\"source\": "
                "\"a-1\", \"text\": ...} to \"quotes\")"});
    CHECK(quote_problems(R"({"sources": ["a-1"], "quotes": [
                             {"source": "a-1", "text": "a long enough quote", "page": 3},
                             {"source": "a-1", "text": "another long quote"}]})"_json) ==
          Lines{"/rules/0/quotes/0/page: unknown key \"page\" (a quote has only \"source\" and "
                "\"text\")"});
    // Length is counted in characters after normalisation: eight en dashes are eight.
    CHECK(quote_problems({{"sources", {"a-1"}},
                          {"quotes",
                           {{{"source", "a-1"},
                             {"text", "\u2013\u2013\u2013\u2013\u2013\u2013\u2013\u2013"}}}}})
              .empty());
}

TEST_CASE("the quote check finds each quote in its article, or names it", "[quotes]") {
    const Articles articles;
    articles.write("000.txt", "Choose Node.js if: team knows JavaScript (reuse\n frontend skills)");
    articles.write("001.txt", "\u201cDon\u2019t switch languages for switching\u2019s sake\u201d");
    stackpick::Facts facts;
    facts.sources = {{"one", "One", "000.txt", {}, {}, {}, {}, {}, {}},
                     {"two", "Two", "001.txt", {}, {}, {}, {}, {}, {}},
                     {"three", "Three", "002.txt", {}, {}, {}, {}, {}, {}}};
    const std::vector<stackpick::CitingItem> items = {
        {"data/rules.json",
         "/rules/0",
         "rule 'a'",
         {"one", "two"},
         {{"one", "team knows JavaScript (reuse frontend skills)"},
          {"two", "Don't switch languages for switching's sake"}},
         "quotes"},
        {"data/rules.json",
         "/rules/1",
         "rule 'b'",
         {"one"},
         {{"one", "team knows Python (reuse frontend skills)"}},
         "quotes"},
        {"data/use_cases.json",
         "/criteria/0",
         "criterion 'c'",
         {"three"},
         {{"three", "any quote at all"}},
         "quotes"},
    };
    const auto problems = stackpick::check_quotes_in_articles(items, facts, articles.directory);
    REQUIRE(problems.size() == 2);
    CHECK(stackpick::to_string(problems[0]) ==
          "data/rules.json: /rules/1/quotes/0: rule 'b': the quote from 'one' is not in its "
          "article 000.txt: \"team knows Python (reuse frontend skills)\"");
    CHECK(problems[1].file == (articles.directory / "002.txt").string());
    CHECK(problems[1].message.rfind("cannot read the article of source 'three': ", 0) == 0);
}

TEST_CASE("every sourced item of the shipped knowledge base is quoted, of every kind", "[quotes]") {
    const auto& knowledge_base = stackpick::testing::shipped_knowledge_base();
    const auto items = stackpick::citing_items(knowledge_base, "data");
    std::set<std::string> kinds;
    std::size_t quotes = 0;
    for (const auto& item : items) {
        INFO(item.label);
        CHECK_FALSE(item.sources.empty());
        for (const auto& source : item.sources) {
            const bool quoted =
                std::any_of(item.quotes.begin(), item.quotes.end(),
                            [&](const Quote& quote) { return quote.source == source; });
            CHECK(quoted);
        }
        quotes += item.quotes.size();
        kinds.insert(item.label.substr(0, item.label.find(' ')));
    }
    // Questions' help, rules, cautions, tie-breakers, framework picks, the split, criteria, case
    // studies, notes, frameworks and libraries all cite sources.
    CHECK(kinds == std::set<std::string>{"case", "caution", "criterion", "framework", "library",
                                         "note", "question", "rule", "the", "tie-breaker"});
    CHECK(quotes > 500);
    // Every rule that cites a source is among them (a rule without sources is stackpick's own).
    for (const auto& rule : knowledge_base.rules) {
        INFO(rule.id);
        const bool listed = std::any_of(items.begin(), items.end(), [&](const auto& item) {
            return item.label == "rule '" + rule.id + "'";
        });
        CHECK(listed == !rule.sources.empty());
    }
}
