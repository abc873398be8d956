// The text helpers every output uses (src/stackpick/util/text.cpp).
#include <catch2/catch.hpp>

#include "stackpick/util/text.hpp"

using stackpick::wrap_lines;

TEST_CASE("display width counts code points, not bytes", "[text]") {
    CHECK(stackpick::display_width("") == 0);
    CHECK(stackpick::display_width("Node.js") == 7);
    CHECK(stackpick::display_width("\u2588\u2591 caf\u00e9") == 7);
}

TEST_CASE("word wrap keeps words whole and splits only a word longer than the line", "[text]") {
    CHECK(wrap_lines("one two three four", 9) ==
          std::vector<std::string>{"one two", "three", "four"});
    CHECK(wrap_lines("  spaces\tand\nnewlines  ", 80) ==
          std::vector<std::string>{"spaces and newlines"});
    CHECK(wrap_lines("abcdefghij xy", 4) == std::vector<std::string>{"abcd", "efgh", "ij", "xy"});
    CHECK(wrap_lines("caf\u00e9s caf\u00e9s", 5) ==
          std::vector<std::string>{"caf\u00e9s", "caf\u00e9s"});
    CHECK(wrap_lines("", 10) == std::vector<std::string>{""});
    CHECK(wrap_lines("a b c", 3, 1) == std::vector<std::string>{"a b", "c"});
    CHECK(wrap_lines("word", 0) == std::vector<std::string>{"w", "o", "r", "d"});
}

TEST_CASE("wrap indents every line after the first and ends each with a newline", "[text]") {
    CHECK(stackpick::wrap("the quick brown fox", 10, "  ") == "the quick\n  brown\n  fox\n");
    CHECK(stackpick::wrap("   ", 10, "  ").empty());
}

TEST_CASE("pad fills to a width in columns and never cuts", "[text]") {
    CHECK(stackpick::pad("ab", 4) == "ab  ");
    CHECK(stackpick::pad("caf\u00e9", 5) == "caf\u00e9 ");
    CHECK(stackpick::pad("abcdef", 3) == "abcdef");
}

TEST_CASE("lists read as English", "[text]") {
    CHECK(stackpick::list_text({}, "or").empty());
    CHECK(stackpick::list_text({"a"}, "or") == "a");
    CHECK(stackpick::list_text({"a", "b"}, "or") == "a or b");
    CHECK(stackpick::list_text({"a", "b", "c"}, "and") == "a, b and c");
}

TEST_CASE("Markdown escaping neutralises every character Markdown gives a meaning",
          "[text][markdown]") {
    CHECK(stackpick::markdown_escape("a|b *c* [1] <x> `y` #!_{}\\") ==
          R"(a\|b \*c\* \[1\] \<x\> \`y\` \#\!\_\{\}\\)");
    CHECK(stackpick::markdown_escape("line\nbreak\x7f") == "line break ");
    CHECK(stackpick::markdown_escape("Node.js + Python (50%)") == "Node.js + Python (50%)");
}

TEST_CASE("terminal safety replaces controls, escapes and invalid UTF-8", "[text]") {
    CHECK(stackpick::terminal_safe("ok \u00e9") == "ok \u00e9");
    CHECK(stackpick::terminal_safe("\x1b[2Jx") == "\uFFFD[2Jx");
    CHECK(stackpick::terminal_safe("a\xc2\x9b"
                                   "b") == "a\uFFFDb");
    CHECK(stackpick::terminal_safe("\xff\x07") == "\uFFFD\uFFFD");
    CHECK(stackpick::terminal_safe_lines("a\x07\nb\n") == "a\uFFFD\nb\n");
}

TEST_CASE("HTML escaping turns markup into text and keeps newlines", "[text][html]") {
    CHECK(stackpick::html_escape("<script>alert('x') & \"y\"</script>") ==
          "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;");
    CHECK(stackpick::html_escape("Node.js + Python (50%)") == "Node.js + Python (50%)");
    CHECK(stackpick::html_escape("a\x07\nb\xff") == "a\uFFFD\nb\uFFFD");
}

TEST_CASE("ANSI styles wrap the text, leave a trailing newline outside, and can be off", "[text]") {
    CHECK(stackpick::ansi_style("1", "Hi") == "\x1b[1mHi\x1b[0m");
    CHECK(stackpick::ansi_style("33", "warn\n") == "\x1b[33mwarn\x1b[0m\n");
    CHECK(stackpick::ansi_style("1", "Hi", false) == "Hi");
    CHECK(stackpick::ansi_style("1", "").empty());
}
