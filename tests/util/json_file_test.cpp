// Reading JSON written by people: every malformed input gets an exact, located error.

#include <catch2/catch.hpp>

#include "stackpick/util/error.hpp"
#include "stackpick/util/json_file.hpp"

using stackpick::DataError;
using stackpick::JsonLimits;
using stackpick::parse_json_text;

namespace {
std::string parse_error(std::string_view text, JsonLimits limits = {}) {
    try {
        parse_json_text(text, "x.json", limits);
    } catch (const DataError& e) {
        return e.what();
    }
    return "no error";
}
}  // namespace

TEST_CASE("valid JSON parses", "[json_file]") {
    auto document = parse_json_text(R"({"a": [1, 2.5, "x", true, null]})", "x.json", {});
    CHECK(document["a"][1] == 2.5);
}

TEST_CASE("whitespace between tokens never changes what parses", "[json_file]") {
    // The parser reads the text without its indentation (json_file.cpp): tokens that only
    // whitespace kept apart must stay apart, and strings keep theirs.
    const std::string indented =
        "{\n  \"a b\" :\t[ 1 ,\r\n -2.5e3, \" x  y \",true ,null ],\n"
        "  \"c\": { \"d\" : false } }\n";
    CHECK(parse_json_text(indented, "x.json", {}) == nlohmann::json::parse(indented));
    CHECK(parse_error("[1 2]") == "x.json:1:4: unexpected number literal; expected ']'");
    CHECK(parse_error("[\n  true\n  false\n]") ==
          "x.json:3:7: unexpected false literal; expected ']'");
    CHECK(parse_error("[1\n\n   -2]") == "x.json:3:5: unexpected number literal; expected ']'");
    CHECK(parse_error("{\n\n  \"a\"   1}") ==
          "x.json:3:9: unexpected number literal; expected ':'");
}

TEST_CASE("a syntax error names file:line:column", "[json_file]") {
    CHECK(parse_error("{\n  \"a\": tru\n}") == "x.json:2:10: invalid literal");
    CHECK(parse_error("{\"a\": 1") == "x.json:1:8: unexpected end of input; expected '}'");
}

TEST_CASE("empty input is reported as empty", "[json_file]") {
    CHECK(parse_error("") == "'x.json' is empty");
    CHECK(parse_error(" \n\t") == "'x.json' is empty");
}

TEST_CASE("invalid UTF-8 in a string is located", "[json_file]") {
    CHECK(parse_error("{\"a\": \"ok\xff\"}") == "x.json:1:10: invalid UTF-8 byte 0xff in a string");
}

TEST_CASE("a NUL byte is rejected instead of silently ending the document", "[json_file]") {
    CHECK(parse_error(std::string_view("{\"a\": 1}\0{", 10)) == "x.json:1:9: unexpected NUL byte");
}

TEST_CASE("nesting beyond the limit is refused without recursion", "[json_file]") {
    std::string deep(100000, '[');
    CHECK(parse_error(deep) == "x.json:1:65: nesting deeper than 64 levels");
}

TEST_CASE("a number beyond double's range is out of range, with its position", "[json_file]") {
    CHECK(parse_error("{\"a\": 1e400}") == "x.json:1:7: number 1e400 is out of range");
}

TEST_CASE("a string longer than the limit is refused", "[json_file]") {
    JsonLimits limits;
    limits.max_string_bytes = 8;
    CHECK(parse_error("[\"123456789\"]", limits) ==
          "x.json:1:2: string longer than the 8 bytes limit");
}

TEST_CASE("duplicate keys are an error naming the key and where", "[json_file]") {
    CHECK(parse_error(R"({"a": {"b": 1, "b": 2}})") == "x.json: /a: duplicate key \"b\"");
    CHECK(parse_error(R"({"a": 1, "a": 2})") == "x.json: /: duplicate key \"a\"");
}

TEST_CASE("text over the size cap is refused", "[json_file]") {
    JsonLimits limits;
    limits.max_bytes = 4;
    CHECK(parse_error("[1,2,3]", limits) == "'x.json' is larger than the 4 bytes limit");
}
