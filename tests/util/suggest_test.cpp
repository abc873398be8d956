#include <catch2/catch.hpp>

#include "stackpick/util/suggest.hpp"

using stackpick::did_you_mean;
using stackpick::edit_distance;

TEST_CASE("edit distance counts insertions, deletions and substitutions", "[suggest]") {
    CHECK(edit_distance("realtime", "realtime") == 0);
    CHECK(edit_distance("realtme", "realtime") == 1);
    CHECK(edit_distance("Python", "python") == 0);
    CHECK(edit_distance("", "abc") == 3);
}

TEST_CASE("a near miss gets a suggestion, a far one does not", "[suggest]") {
    const std::vector<std::string> flags{"--realtime", "--ml", "--team", "--team-size"};
    CHECK(did_you_mean("--realtme", flags) == " (did you mean '--realtime'?)");
    CHECK(did_you_mean("--tema", flags) == " (did you mean '--team'?)");
    CHECK(did_you_mean("--completely-different", flags).empty());
}
