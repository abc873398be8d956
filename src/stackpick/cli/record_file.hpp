#pragma once
// Decision records as files: reading one back for `check` (a Markdown record's stackpick-record
// block, or the `record` member of a --json document), numbering a new one in a directory as
// adr-tools does, and marking an old one superseded. Private to src/stackpick/cli/.

#include <filesystem>
#include <iosfwd>
#include <string>

#include "stackpick/engine/check.hpp"
#include "stackpick/knowledge/knowledge_base.hpp"

namespace stackpick {

/// Reads the record in a file ("-": stdin): a Markdown record, a --json document or a record
/// block on its own; and checks its inputs against the knowledge base.
/// Throws DataError naming the file, with line:column for a bad or truncated block and a JSON
/// Pointer for a bad value (an answer key the questions no longer have: the key, did you mean).
RecordedDecision read_record_file(const std::string& path, std::istream& standard_input,
                                  const KnowledgeBase& knowledge_base);

/// The file name for the next record in a directory: one more than the highest NNNN- prefix
/// present (gaps are left alone), "NNNN-backend-stack.md".
std::string next_record_name(const std::filesystem::path& directory);

/// Writes a record as the next numbered file of the directory, never over an existing file;
/// returns the name used.
std::string write_numbered_record(const std::filesystem::path& directory,
                                  const std::string& content);

/// A record's text, read with the records' limits. Throws DataError naming the file.
std::string read_record_text(const std::string& path);

/// The record with its front-matter status set to "superseded by <new_name>" (a front matter
/// is added when it has none); nothing else changes.
std::string superseded_record_text(const std::string& text, const std::string& new_name);

}  // namespace stackpick
