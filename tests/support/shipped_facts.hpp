#pragma once
// Loads the facts files shipped in data/, for tests that check the real knowledge base.

#include <string>
#include <vector>

#include "stackpick/knowledge/facts.hpp"
#include "stackpick/util/json_file.hpp"

#ifndef STACKPICK_SOURCE_DIR
#define STACKPICK_SOURCE_DIR "/work/main"
#endif

namespace stackpick::testing {

/// The stacks of the shipped data/knowledge_base.json, with their display names.
inline const std::vector<std::string>& shipped_stack_ids() {
    static const std::vector<std::string> ids = {"node", "python", "hybrid"};
    return ids;
}

/// Every file of k_fact_files read from data/ as the loader would (same limits, same names).
inline DataDocuments shipped_documents() {
    DataDocuments documents;
    for (const auto name : k_fact_files) {
        const std::string file(name);
        const std::string shown = "data/" + file;
        const std::string text = read_text_file(std::string(STACKPICK_SOURCE_DIR "/data/") + file,
                                                shown, k_knowledge_base_limits);
        documents[file] = {shown, parse_json_text(text, shown, k_knowledge_base_limits)};
    }
    return documents;
}

/// The shipped facts; diagnostics receives any problem (a test expects none).
inline Facts shipped_facts(Diagnostics& diagnostics) {
    Facts facts = parse_facts(shipped_documents(), shipped_stack_ids(), diagnostics);
    facts.stack_names = {{"node", "Node.js"}, {"python", "Python"}, {"hybrid", "Node.js + Python"}};
    return facts;
}

}  // namespace stackpick::testing
