#pragma once
/// Every sentence of a knowledge base that cites sources, with its quotes, and the check that
/// finds each quote in its article: the promise that a reader can verify what stackpick says.

#include <filesystem>
#include <string>
#include <vector>

#include "stackpick/knowledge/knowledge_base.hpp"
#include "stackpick/util/diagnostics.hpp"

namespace stackpick {

/// One sourced text of the knowledge base (or of a scenario) and the quotes behind it.
struct CitingItem {
    std::string file;     ///< the data file as shown, e.g. "data/rules.json"
    std::string pointer;  ///< JSON Pointer of the item in that file
    std::string label;    ///< "rule 'realtime-favours-node'", "caution of rule 'x' for python"
    std::vector<std::string> sources;
    std::vector<Quote> quotes;
    std::string quotes_key = "quotes";  ///< the member that holds the quotes
};

/// Every item of the knowledge base that cites a source, in file order: question help, rules,
/// their cautions, tie-breakers, framework picks, the hybrid split, criteria, case studies,
/// notes, frameworks and libraries. Files are shown under data_shown ("data", "<embedded>").
std::vector<CitingItem> citing_items(const KnowledgeBase& knowledge_base,
                                     const std::string& data_shown);

/// Finds each quote of the items in its source's article: the file data/sources.json names,
/// under articles_dir, both normalised by normalise_for_quotes(). Returns one diagnostic per
/// quote not found, naming the item, the source and the quote, and one per article that cannot
/// be read.
std::vector<Diagnostic> check_quotes_in_articles(const std::vector<CitingItem>& items,
                                                 const Facts& facts,
                                                 const std::filesystem::path& articles_dir);

}  // namespace stackpick
