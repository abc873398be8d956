#pragma once
/// Reading JSON written by people: bounded in size and depth, with file:line:column errors.

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace stackpick {

/// Bounds applied before and while parsing, so hostile input cannot exhaust memory or stack.
struct JsonLimits {
    std::size_t max_bytes = 8u << 20;          ///< larger files are refused before being read whole
    std::size_t max_depth = 64;                ///< arrays/objects nested deeper are refused
    std::size_t max_string_bytes = 64u << 10;  ///< longer strings (and keys) are refused
};

/// Limits for the knowledge-base files and for answers files (documented in docs/limits.md).
inline constexpr JsonLimits k_knowledge_base_limits{8u << 20, 64, 64u << 10};
inline constexpr JsonLimits k_answers_limits{1u << 20, 64, 4u << 10};

/// What read_text_file accepts besides a regular file.
enum class FileKinds {
    regular_only,  ///< knowledge-base files: a pipe or device there is a mistake
    /// also a pipe (`<(jq ...)`, `/dev/stdin`), a character device or a socket, read as a stream
    /// with the same limits; only a directory (or the like) is refused
    streams_too,
};

/// Reads a whole file. Throws DataError naming the path: not a file of the kinds accepted,
/// unreadable, empty, or larger than limits.max_bytes.
std::string read_text_file(const std::filesystem::path& path, std::string_view shown_name,
                           const JsonLimits& limits, FileKinds kinds = FileKinds::regular_only);

/// Reads everything from a stream (stdin), refusing more than limits.max_bytes.
std::string read_text_stream(std::istream& in, std::string_view shown_name,
                             const JsonLimits& limits);

/// Parses JSON text. Throws DataError "<name>:<line>:<column>: <what>" for syntax errors, invalid
/// UTF-8, NUL bytes, numbers out of range, nesting or strings beyond the limits, and duplicate
/// object keys ("<name>: <pointer>: duplicate key ...").
nlohmann::json parse_json_text(std::string_view text, std::string_view shown_name,
                               const JsonLimits& limits);

/// Length of the well-formed UTF-8 sequence starting at text[i] (1 for ASCII), or 0 if the
/// bytes there are not one (overlong, surrogate, truncated, out of range).
std::size_t utf8_sequence_length(std::string_view text, std::size_t i);

/// Line and column (both from 1) of a byte offset in text.
struct TextPosition {
    std::size_t line = 1;
    std::size_t column = 1;
};
TextPosition position_of(std::string_view text, std::size_t byte_offset);

/// A key escaped for use in a JSON Pointer ("a/b" -> "a~1b").
std::string escape_pointer_token(std::string_view token);

/// Short human description of a JSON value's type: "a number", "a string", "an object".
std::string describe_type(const nlohmann::json& value);

}  // namespace stackpick
