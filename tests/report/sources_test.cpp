// Source markers, the same in every output (src/stackpick/report/sources.cpp).
#include <catch2/catch.hpp>

#include "stackpick/report/sources.hpp"
#include "support/shipped_facts.hpp"

TEST_CASE("source markers are sorted, each once, unknown ids kept as they are", "[sources]") {
    stackpick::Diagnostics diagnostics;
    const stackpick::Facts facts = stackpick::testing::shipped_facts(diagnostics);
    REQUIRE(diagnostics.empty());
    REQUIRE(facts.sources.size() >= 3);
    const std::string first = facts.sources[0].id;
    const std::string third = facts.sources[2].id;
    CHECK(stackpick::source_markers(facts, {third, first, third}) == "[1,3]");
    CHECK(stackpick::source_markers(facts, {"no-such-article", first}) == "[1,no-such-article]");
    CHECK(stackpick::source_markers(facts, {}).empty());
}
