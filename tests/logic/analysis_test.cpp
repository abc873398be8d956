// The analysis of conditions without evaluating them: the answers they read and where, whether
// those are all they can read, their numbers, and the walk over their operations.

#include <string>
#include <utility>
#include <vector>

#include <catch2/catch.hpp>

#include "stackpick/logic/analysis.hpp"

using nlohmann::json;
namespace logic = stackpick::logic;

namespace {

std::vector<std::pair<std::string, std::string>> reads_of(const char* condition) {
    std::vector<std::pair<std::string, std::string>> found;
    for (const auto& read : logic::reads(json::parse(condition)))
        found.emplace_back(read.key, read.pointer);
    return found;
}

using Pairs = std::vector<std::pair<std::string, std::string>>;

}  // namespace

TEST_CASE("reads names each answer a condition reads, with its JSON Pointer", "[logic][analysis]") {
    CHECK(reads_of(R"({"and": [{"var": "realtime"}, {"==": [{"var": "team.lead"}, "x"]},
                               {"missing": ["a", 3, "b.c"]}]})") ==
          Pairs{{"realtime", "/and/0/var"},
                {"team", "/and/1/==/0/var"},
                {"a", "/and/2/missing/0"},
                {"b", "/and/2/missing/2"}});
    // val keeps its first segment whole; an operator name is escaped in the pointer.
    CHECK(reads_of(R"({"/": [{"val": ["load", "peak"]}, {"var": ["x", 1]}]})") ==
          Pairs{{"load", "/~1/0/val"}, {"x", "/~1/1/var"}});
    // Of an iterator only the collection reads the answers.
    CHECK(reads_of(R"({"some": [{"var": "langs"}, {"==": [{"var": ""}, "go"]}]})") ==
          Pairs{{"langs", "/some/0/var"}});
    CHECK(reads_of(R"({"var": ""})").empty());
    CHECK(reads_of("true").empty());
}

TEST_CASE("reads are complete only when nothing else can be read", "[logic][analysis]") {
    const auto complete = [](const char* condition) {
        return logic::reads_are_complete(json::parse(condition));
    };
    CHECK(complete(R"({">=": [{"var": "n"}, 10]})"));
    CHECK(complete(R"({"var": ["n", {"var": "m"}]})"));
    CHECK(complete(R"({"in": [{"val": "team"}, {"preserve": ["a", {"var": "x"}]}]})"));
    CHECK(complete(R"({"missing": ["a", "b"]})"));
    CHECK(complete("[1, 2]"));
    CHECK_FALSE(complete(R"({"var": [{"cat": ["a", "b"]}]})"));  // a computed path
    CHECK_FALSE(complete(R"({"var": ""})"));                     // the whole data
    CHECK_FALSE(complete(R"({"var": ["n", {"var": [{"var": "k"}]}]})"));
    CHECK_FALSE(complete(R"({"exists": "n"})"));
    CHECK_FALSE(complete(R"({"missing_some": [1, ["a", "b"]]})"));
    CHECK_FALSE(complete(R"({"all": [{"var": "xs"}, {">": [{"var": ""}, 1]}]})"));
    CHECK_FALSE(complete(R"({"try": [{"var": "n"}, 0]})"));
    CHECK_FALSE(complete(R"({"no-such-operator": 1})"));
}

TEST_CASE("number_literals lists every number in order of appearance", "[logic][analysis]") {
    CHECK(logic::number_literals(json::parse(
              R"({"and": [{">=": [{"var": "n"}, 10]}, {"<": [{"var": ["m", 2.5]}, -3]}]})")) ==
          std::vector<double>{10, 2.5, -3});
    CHECK(logic::number_literals(json::parse(R"({"==": [{"var": "s"}, "10"]})")).empty());
}

TEST_CASE("each operator has its notation and binding", "[logic][analysis]") {
    using logic::Binding;
    using logic::Notation;
    const auto is = [](const char* name, Notation notation, Binding binding) {
        const logic::OperatorSyntax* syntax = logic::operator_syntax(name);
        return syntax != nullptr && syntax->notation == notation && syntax->binding == binding;
    };
    CHECK(is("and", Notation::logical, Binding::conjunction));
    CHECK(is("or", Notation::logical, Binding::disjunction));
    CHECK(is("<=", Notation::ordering, Binding::comparison));
    CHECK(is("in", Notation::comparison, Binding::comparison));
    CHECK(is("*", Notation::associative, Binding::multiplicative));
    CHECK(is("-", Notation::minus, Binding::additive));
    CHECK(is("?:", Notation::conditional, Binding::none));
    CHECK(is("val", Notation::read, Binding::none));
    CHECK(is("preserve", Notation::data, Binding::none));
    CHECK(is("!!", Notation::call, Binding::none));
    CHECK(logic::operator_syntax("nope") == nullptr);
}

TEST_CASE("walk visits every operation, outer ones first, with its pointer", "[logic][analysis]") {
    const json condition = json::parse(
        R"({"!": {"in": [{"var": "f"}, [{"val": ["load", "peak"]}, {"var": ["x", 1]}]]}})");
    Pairs visited;
    std::vector<std::string> paths;
    logic::walk(condition, [&](const logic::Operation& operation) {
        visited.emplace_back(std::string(operation.name), std::string(operation.pointer));
        paths.push_back(logic::plain_read_path(operation));
    });
    CHECK(visited == Pairs{{"!", ""},
                           {"in", "/!"},
                           {"var", "/!/in/0"},
                           {"val", "/!/in/1/0"},
                           {"var", "/!/in/1/1"}});
    CHECK(paths == std::vector<std::string>{"", "", "f", "load.peak", ""});
}
