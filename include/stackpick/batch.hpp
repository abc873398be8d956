#pragma once
/// `stackpick batch`: many answer sets, one per line (JSON Lines), one result document per line.

#include <cstddef>
#include <iosfwd>
#include <string>
#include <vector>

#include "stackpick/engine.hpp"
#include "stackpick/knowledge_base.hpp"

namespace stackpick {

struct BatchOptions {
    ScoringOptions scoring;           ///< --weight, --exclude-source: the same for every line
    std::vector<std::string> fields;  ///< top-level fields to keep (--fields); empty: all
    std::size_t jobs = 1;             ///< threads scoring lines (>= 1)
    bool stats = false;               ///< --stats: lines/s and time per stage to `errors` at the end
};

/// Reads answer sets (the --answers format) one per line from `input` and writes, in input order,
/// one compact result line each to `output`: the document `--json` prints, or
/// {"line": N, "error": "..."} for a bad line (also reported on `errors`). Returns the exit code:
/// 0, or 3 when any line was invalid. Throws UsageError for bad options (unknown --fields) before
/// reading, RuntimeError when `output` fails.
int run_batch(const KnowledgeBase& knowledge_base, const BatchOptions& options, std::istream& input,
              std::ostream& output, std::ostream& errors);

}  // namespace stackpick
