#include "stackpick/util/json_file.hpp"

#include <array>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <istream>
#include <optional>
#include <system_error>
#include <vector>

#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include <fmt/format.h>

#include "stackpick/util/error.hpp"

namespace stackpick {

namespace {

std::string size_text(std::size_t bytes) {
    if (bytes >= (1u << 20) && bytes % (1u << 20) == 0) return fmt::format("{} MiB", bytes >> 20);
    if (bytes >= (1u << 10) && bytes % (1u << 10) == 0) return fmt::format("{} KiB", bytes >> 10);
    return fmt::format("{} bytes", bytes);
}

/// "'x' is larger than the 1 MiB limit": one wording for files, streams and texts.
std::string too_large(std::string_view shown_name, const JsonLimits& limits) {
    return fmt::format("'{}' is larger than the {} limit", shown_name, size_text(limits.max_bytes));
}

/// Throws "'x' is empty" when text holds nothing but whitespace.
void refuse_blank(std::string_view text, std::string_view shown_name) {
    if (text.find_first_not_of(" \t\r\n") == std::string_view::npos)
        throw DataError(fmt::format("'{}' is empty", shown_name));
}

[[noreturn]] void fail_at(std::string_view name, std::string_view text, std::size_t offset,
                          const std::string& what) {
    const auto position = position_of(text, offset);
    throw DataError(fmt::format("{}:{}:{}: {}", name, position.line, position.column, what));
}

bool is_json_space(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; }

/// Characters of number and literal tokens: two of them must stay apart when the whitespace
/// between them goes ("[1 2]" is not "[12]").
bool is_word_character(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' ||
           c == '+' || c == '.';
}

/// The bytes check_structure() looks at outside strings; the rest of a token passes unexamined.
constexpr std::array<bool, 256> k_structural_bytes = [] {
    std::array<bool, 256> table{};
    for (char c : std::string_view("\"[]{}-0123456789 \t\r\n"))
        table[static_cast<unsigned char>(c)] = true;
    table[0] = true;
    for (std::size_t c = 0x80; c < table.size(); ++c) table[c] = true;
    return table;
}();

/// The bytes a string's scan stops at: its end, an escape, control characters, non-ASCII.
constexpr std::array<bool, 256> k_string_stops = [] {
    std::array<bool, 256> table{};
    table['"'] = table['\\'] = true;
    for (std::size_t c = 0; c < 0x20; ++c) table[c] = true;
    for (std::size_t c = 0x80; c < table.size(); ++c) table[c] = true;
    return table;
}();

/// Scans the string whose opening quote is at `start`; returns the offset just past its closing
/// quote. Fails on an unterminated string, NUL bytes, invalid UTF-8 and strings over the limit.
std::size_t scan_string(std::string_view text, std::size_t start, std::string_view name,
                        const JsonLimits& limits) {
    std::size_t i = start + 1;
    while (true) {
        while (i < text.size() && !k_string_stops[static_cast<unsigned char>(text[i])]) ++i;
        if (i >= text.size()) fail_at(name, text, start, "unterminated string");
        const char s = text[i];
        if (s == '"') break;
        if (s == '\0') fail_at(name, text, i, "unexpected NUL byte");
        if (s == '\\') {
            i += 2;
            continue;
        }
        if (static_cast<unsigned char>(s) < 0x80) {  // a control character: nlohmann's
            ++i;                                     // message says it must be escaped
            continue;
        }
        const std::size_t length = utf8_sequence_length(text, i);
        if (length == 0)
            fail_at(name, text, i,
                    fmt::format("invalid UTF-8 byte 0x{:02x} in a string",
                                static_cast<unsigned char>(s)));
        i += length;
    }
    if (i - start - 1 > limits.max_string_bytes)
        fail_at(name, text, start,
                fmt::format("string longer than the {} limit", size_text(limits.max_string_bytes)));
    return i + 1;
}

/// Scans the number token starting at `start`; returns the offset just past it. Fails when the
/// number is beyond double's range.
std::size_t scan_number(std::string_view text, std::size_t start, std::string_view name) {
    std::size_t end = start + 1;
    bool plain_integer = true;  // up to 18 digits: always in range, no strtod needed
    for (; end < text.size(); ++end) {
        const char d = text[end];
        if (d >= '0' && d <= '9') continue;
        if (d == '.' || d == 'e' || d == 'E' || d == '+' || d == '-') {
            plain_integer = false;
            continue;
        }
        break;
    }
    if (plain_integer && end - start <= 18) return end;
    const std::string number(text.substr(start, end - start));
    errno = 0;
    const double value = std::strtod(number.c_str(), nullptr);
    if (errno == ERANGE && std::isinf(value))
        fail_at(name, text, start, fmt::format("number {} is out of range", number));
    return end;
}

/// One linear pass before parsing: rejects what nlohmann/json would accept silently or crash on
/// later (NUL bytes, invalid UTF-8, deep nesting, huge strings, numbers beyond double's range).
/// Returns the text without the whitespace between tokens: nlohmann's lexer spends as long on a
/// byte of indentation as on a byte of a token, and knowledge-base files are indented.
std::string check_structure(std::string_view text, std::string_view name,
                            const JsonLimits& limits) {
    std::string compact;
    compact.reserve(text.size());
    std::size_t copied = 0;  // text before this offset is in compact already
    std::size_t depth = 0;
    std::size_t i = 0;
    while (i < text.size()) {
        const char c = text[i];
        if (!k_structural_bytes[static_cast<unsigned char>(c)]) {
            ++i;
            continue;
        }
        if (is_json_space(c)) {
            const std::size_t run = i;
            while (i < text.size() && is_json_space(text[i])) ++i;
            compact.append(text, copied, run - copied);
            if (run > 0 && i < text.size() && is_word_character(text[run - 1]) &&
                is_word_character(text[i]))
                compact += ' ';
            copied = i;
            continue;
        }
        if (c == '\0') fail_at(name, text, i, "unexpected NUL byte");
        if (c == '"') {
            i = scan_string(text, i, name, limits);
            continue;
        }
        if (c == '[' || c == '{') {
            if (++depth > limits.max_depth)
                fail_at(name, text, i,
                        fmt::format("nesting deeper than {} levels", limits.max_depth));
        } else if (c == ']' || c == '}') {
            if (depth > 0) --depth;
        } else if (c == '-' || (c >= '0' && c <= '9')) {
            i = scan_number(text, i, name);
            continue;
        } else if (static_cast<unsigned char>(c) >= 0x80) {
            if (utf8_sequence_length(text, i) == 0)
                fail_at(name, text, i,
                        fmt::format("invalid UTF-8 byte 0x{:02x}", static_cast<unsigned char>(c)));
        }
        ++i;
    }
    compact.append(text, copied);
    return compact;
}

/// Builds the document like nlohmann's own DOM parser, but refuses duplicate keys, which
/// nlohmann would otherwise resolve silently by keeping the last.
class StrictBuilder {
  public:
    using json = nlohmann::json;

    explicit StrictBuilder(json& root) : m_root(&root) {}

    bool null() { return put(nullptr); }
    bool boolean(bool value) { return put(value); }
    bool number_integer(json::number_integer_t value) { return put(value); }
    bool number_unsigned(json::number_unsigned_t value) { return put(value); }
    bool number_float(json::number_float_t value, const json::string_t&) { return put(value); }
    bool string(json::string_t& value) { return put(std::move(value)); }
    bool binary(json::binary_t&) { return false; }
    bool start_object(std::size_t) { return open(json::object()); }
    bool start_array(std::size_t) { return open(json::array()); }
    bool end_object() { return close(); }
    bool end_array() { return close(); }
    bool key(json::string_t& name) {
        Frame& frame = m_stack.back();
        // One lookup that also inserts; the map's node keeps the key for pointer_text().
        auto [entry, inserted] =
            frame.value->get_ref<json::object_t&>().try_emplace(std::move(name));
        if (!inserted) {
            m_duplicate = fmt::format("{}: duplicate key \"{}\"", pointer_text(), entry->first);
            return false;
        }
        frame.key = &entry->first;
        frame.slot = &entry->second;
        return true;
    }
    bool parse_error(std::size_t position, const std::string&,
                     const nlohmann::detail::exception& e) {
        m_error_position = position;
        m_error_message = e.what();
        return false;
    }

    std::size_t error_position() const { return m_error_position; }
    const std::string& error_message() const { return m_error_message; }
    const std::string& duplicate() const { return m_duplicate; }

  private:
    struct Frame {
        json* value;
        const std::string* key = nullptr;
        json* slot = nullptr;
    };

    json& place() {
        if (m_stack.empty()) return *m_root;
        Frame& frame = m_stack.back();
        if (frame.value->is_array()) {
            frame.value->push_back(nullptr);
            return frame.value->back();
        }
        return *frame.slot;
    }
    template <class T>
    bool put(T&& value) {
        place() = std::forward<T>(value);
        return true;
    }
    bool open(json empty) {
        json& slot = place();
        slot = std::move(empty);
        m_stack.push_back({&slot, nullptr, nullptr});
        return true;
    }
    bool close() {
        m_stack.pop_back();
        return true;
    }
    std::string pointer_text() const {
        std::string pointer;
        for (std::size_t i = 0; i + 1 < m_stack.size(); ++i) {
            const Frame& frame = m_stack[i];
            if (frame.value->is_array())
                pointer += "/" + std::to_string(frame.value->size() - 1);
            else
                pointer += "/" + escape_pointer_token(*frame.key);
        }
        return pointer.empty() ? "/" : pointer;
    }

    json* m_root;
    std::vector<Frame> m_stack;
    std::size_t m_error_position = 0;
    std::string m_error_message;
    std::string m_duplicate;
};

/// nlohmann's message minus its "[json.exception...] parse error at line L, column C: " prefix,
/// since we compute the position ourselves from the byte offset.
std::string plain_parse_message(const std::string& message) {
    auto colon = message.find(": ");
    std::string text = colon == std::string::npos ? message : message.substr(colon + 2);
    if (text.rfind("syntax error while parsing ", 0) == 0) {
        // "syntax error while parsing value - invalid literal; last read: 'tru'"
        auto dash = text.find(" - ");
        if (dash != std::string::npos) text = text.substr(dash + 3);
    }
    // "; last read: '...'" echoes raw input (possibly a whole line); the position says enough.
    auto last_read = text.find("; last read: '");
    if (last_read != std::string::npos) {
        auto end = text.find("'", last_read + 14);
        auto rest = end == std::string::npos ? std::string{} : text.substr(end + 1);
        text = text.substr(0, last_read) + rest;
    }
    return text;
}

}  // namespace

std::size_t utf8_sequence_length(std::string_view text, std::size_t i) {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    const unsigned char lead = byte(i);
    std::size_t length = 0;
    unsigned char low = 0x80, high = 0xBF;
    if (lead < 0x80) return 1;
    if (lead >= 0xC2 && lead <= 0xDF)
        length = 2;
    else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        if (lead == 0xE0) low = 0xA0;
        if (lead == 0xED) high = 0x9F;  // no UTF-16 surrogates
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        if (lead == 0xF0) low = 0x90;
        if (lead == 0xF4) high = 0x8F;
    } else {
        return 0;
    }
    if (i + length > text.size()) return 0;
    for (std::size_t k = 1; k < length; ++k) {
        const unsigned char next = byte(i + k);
        const unsigned char min = k == 1 ? low : 0x80;
        const unsigned char max = k == 1 ? high : 0xBF;
        if (next < min || next > max) return 0;
    }
    return length;
}

TextPosition position_of(std::string_view text, std::size_t byte_offset) {
    TextPosition position;
    const std::size_t end = std::min(byte_offset, text.size());
    std::size_t line_start = 0;
    for (std::size_t i = 0; i < end; ++i) {
        if (text[i] == '\n') {
            ++position.line;
            line_start = i + 1;
        }
    }
    position.column = end - line_start + 1;
    return position;
}

namespace {

/// Reads the rest of `in` into `text` (which may have reserved room already).
std::string read_into(std::istream& in, std::string_view shown_name, const JsonLimits& limits,
                      std::string text) {
    char buffer[65536];
    while (in) {
        in.read(buffer, sizeof buffer);
        const auto count = static_cast<std::size_t>(in.gcount());
        if (text.size() + count > limits.max_bytes) throw DataError(too_large(shown_name, limits));
        text.append(buffer, count);
    }
    if (in.bad()) throw DataError(fmt::format("cannot read '{}': read error", shown_name));
    refuse_blank(text, shown_name);
    return text;
}

/// Reads a pipe, a character device or a socket to its end, refusing more than
/// limits.max_bytes. A named pipe is opened without waiting for a writer (an open that would
/// block forever when none comes): one no writer opens within 2 seconds reads as empty; while a
/// writer holds it open, reading waits for it as on any pipe.
std::string read_stream_file(const std::filesystem::path& path, std::string_view shown_name,
                             const JsonLimits& limits) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        throw DataError(fmt::format("cannot read '{}': {}", shown_name, std::strerror(errno)));
    std::string text;
    std::optional<std::string> failure;
    constexpr int k_polls_for_a_writer = 200;  // of 10 ms
    int polls_without_writer = 0;
    bool writer_seen = false;
    char buffer[65536];
    for (;;) {
        const ssize_t count = ::read(fd, buffer, sizeof buffer);
        if (count > 0) {
            if (text.size() + static_cast<std::size_t>(count) > limits.max_bytes) {
                failure = too_large(shown_name, limits);
                break;
            }
            text.append(buffer, static_cast<std::size_t>(count));
            writer_seen = true;
        } else if (count == 0) {
            // The end, or a named pipe no writer has opened yet: give one a moment to come
            // (`mkfifo f; stackpick --answers f & echo ... >f`).
            if (writer_seen || ++polls_without_writer > k_polls_for_a_writer) break;
            ::poll(nullptr, 0, 10);
        } else if (errno == EAGAIN || errno == EWOULDBLOCK) {
            writer_seen = true;
            pollfd ready{fd, POLLIN, 0};  // a writer holds the pipe open: wait for it
            ::poll(&ready, 1, -1);
        } else if (errno != EINTR) {
            failure = fmt::format("cannot read '{}': {}", shown_name, std::strerror(errno));
            break;
        }
    }
    ::close(fd);
    if (failure) throw DataError(*failure);
    refuse_blank(text, shown_name);
    return text;
}

}  // namespace

std::string read_text_file(const std::filesystem::path& path, std::string_view shown_name,
                           const JsonLimits& limits, FileKinds kinds) {
    std::error_code error;
    const auto status = std::filesystem::status(path, error);
    if (error || !std::filesystem::exists(status))
        throw DataError(fmt::format("cannot read '{}': {}", shown_name,
                                    error ? error.message() : "No such file or directory"));
    if (!std::filesystem::is_regular_file(status)) {
        if (kinds == FileKinds::streams_too && std::filesystem::is_directory(status))
            throw DataError(fmt::format("'{}' is a directory", shown_name));
        if (kinds == FileKinds::regular_only)
            throw DataError(fmt::format("'{}' is not a regular file", shown_name));
        return read_stream_file(path, shown_name, limits);
    }
    const auto size = std::filesystem::file_size(path, error);
    if (!error && size > limits.max_bytes) throw DataError(too_large(shown_name, limits));
    std::ifstream in(path, std::ios::binary);
    if (!in) throw DataError(fmt::format("cannot read '{}': {}", shown_name, std::strerror(errno)));
    std::string text;
    if (!error) text.reserve(static_cast<std::size_t>(size));  // one allocation for a big file
    return read_into(in, shown_name, limits, std::move(text));
}

std::string read_text_stream(std::istream& in, std::string_view shown_name,
                             const JsonLimits& limits) {
    return read_into(in, shown_name, limits, {});
}

nlohmann::json parse_json_text(std::string_view text, std::string_view shown_name,
                               const JsonLimits& limits) {
    if (text.size() > limits.max_bytes) throw DataError(too_large(shown_name, limits));
    refuse_blank(text, shown_name);
    const std::string compact = check_structure(text, shown_name, limits);
    nlohmann::json document;
    StrictBuilder builder(document);
    bool ok = false;
    try {
        ok = nlohmann::json::sax_parse(compact, &builder);
        if (!ok && builder.duplicate().empty()) {
            // Positions in the compact text are not the reader's: parse the original again,
            // which fails at the same token, for the error's line and column.
            document = nullptr;
            builder = StrictBuilder(document);
            ok = nlohmann::json::sax_parse(text, &builder);
        }
    } catch (const nlohmann::json::exception& e) {
        throw DataError(fmt::format("{}: {}", shown_name, plain_parse_message(e.what())));
    }
    if (!ok) {
        if (!builder.duplicate().empty())
            throw DataError(fmt::format("{}: {}", shown_name, builder.duplicate()));
        // nlohmann reports the offset just past the last character it read.
        std::size_t offset = builder.error_position() > 0 ? builder.error_position() - 1 : 0;
        // Point at the offending character, not the whitespace read after it.
        while (offset > 0 && offset < text.size() &&
               std::strchr(" \t\r\n", text[offset]) != nullptr)
            --offset;
        fail_at(shown_name, text, offset, plain_parse_message(builder.error_message()));
    }
    return document;
}

std::string escape_pointer_token(std::string_view token) {
    std::string escaped;
    for (char c : token) {
        if (c == '~')
            escaped += "~0";
        else if (c == '/')
            escaped += "~1";
        else
            escaped += c;
    }
    return escaped;
}

std::string describe_type(const nlohmann::json& value) {
    switch (value.type()) {
        case nlohmann::json::value_t::null:
            return "null";
        case nlohmann::json::value_t::boolean:
            return "a boolean";
        case nlohmann::json::value_t::number_integer:
        case nlohmann::json::value_t::number_unsigned:
            return "an integer";
        case nlohmann::json::value_t::number_float:
            return "a number";
        case nlohmann::json::value_t::string:
            return "a string";
        case nlohmann::json::value_t::array:
            return "an array";
        case nlohmann::json::value_t::object:
            return "an object";
        default:
            return "an unsupported value";
    }
}

}  // namespace stackpick
