// Unit tests of the JSON Logic module: compile errors, limits, formatting, truthiness, tracing.
// The language's semantics are covered case by case in logic_conformance_test.cpp.

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <functional>
#include <limits>
#include <memory>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "stackpick/logic/logic.hpp"

namespace {

using nlohmann::json;
namespace logic = stackpick::logic;

json eval(const std::string& rule, const json& data = json()) {
    return logic::evaluate(logic::compile(json::parse(rule)), data);
}

/// The "type" of the error a rule throws, or "" when it does not throw.
std::string thrown_type(const std::string& rule, const json& data = json()) {
    try {
        eval(rule, data);
    } catch (const logic::RuleError& e) {
        return e.error.value("type", std::string("(no type)"));
    }
    return {};
}

std::string compile_error(const json& rule) {
    try {
        logic::compile(rule);
    } catch (const logic::CompileError& e) {
        return e.what();
    }
    return {};
}

/// Text of `depth` nested arrays around 1: the parser builds it without recursion, unlike
/// json's copy constructor.
std::string nested_arrays(std::size_t depth) {
    return std::string(depth, '[') + "1" + std::string(depth, ']');
}

}  // namespace

TEST_CASE("The README's example picks node for fifty thousand users", "[logic]") {
    const auto rule =
        logic::compile(json::parse(R"({"if":[{">":[{"var":"users"},10000]},"node","python"]})"));
    CHECK(logic::evaluate(rule, json{{"users", 50000}}) == "node");
    CHECK(logic::evaluate(rule, json{{"users", 500}}) == "python");
    CHECK(logic::evaluate(rule, json::object()) == "python");
}

TEST_CASE("An unknown operator is a compile error that points at it", "[logic][errors]") {
    const json rule = json::parse(R"({"if":[{"foo":1},"a","b"]})");
    try {
        logic::compile(rule);
        FAIL("compile accepted an unknown operator");
    } catch (const logic::CompileError& e) {
        CHECK(std::string(e.what()) == R"(unknown operator "foo" at /if/0)");
        CHECK(e.pointer == "/if/0");
    }
}

TEST_CASE("An unknown operator at the top of the rule is reported as such", "[logic][errors]") {
    CHECK(compile_error(json::parse(R"({"foo":[1]})")) ==
          R"(unknown operator "foo" at the top level)");
}

TEST_CASE("A misspelled operator gets a suggestion", "[logic][errors]") {
    CHECK(compile_error(json::parse(R"({"and":[{"fitler":[[1],true]}]})")) ==
          R"(unknown operator "fitler" at /and/0 (did you mean 'filter'?))");
}

TEST_CASE("Pointers escape '/' and '~' in operator names on the way", "[logic][errors]") {
    const json rule = json::parse(R"({"/":[1,{"if":[true,{"~x":1}]}]})");
    try {
        logic::compile(rule);
        FAIL("compile accepted an unknown operator");
    } catch (const logic::CompileError& e) {
        CHECK(e.pointer == "/~1/1/if/1");
        CHECK(std::string(e.what()) == R"(unknown operator "~x" at /~1/1/if/1)");
    }
}

TEST_CASE("Control characters in an unknown operator's name are escaped in the message",
          "[logic][errors]") {
    const std::string message = compile_error(json{{"\x1b[31mred", 1}});
    CHECK(message == R"(unknown operator "\u001b[31mred" at the top level)");
}

TEST_CASE("Unknown operators are found even in arguments that are otherwise wrong",
          "[logic][errors]") {
    CHECK(compile_error(json::parse(R"({"if":{"xyzzy":1}})")) ==
          R"(unknown operator "xyzzy" at /if)");
}

TEST_CASE("A rule nested 100,000 levels deep is rejected without a crash", "[logic][limits]") {
    const json rule = json::parse(nested_arrays(100'000));
    try {
        logic::compile(rule);
        FAIL("compile accepted a rule nested 100,000 levels deep");
    } catch (const logic::CompileError& e) {
        CHECK(std::string(e.what()) == "rule nested deeper than 256 levels");
        CHECK(e.pointer.rfind("/0/0/0", 0) == 0);
    }
}

TEST_CASE("Operators nested 100,000 levels deep are rejected without a crash", "[logic][limits]") {
    std::string text;
    for (int i = 0; i < 100'000; ++i) text += R"({"!":[)";
    text += "true";
    for (int i = 0; i < 100'000; ++i) text += "]}";
    CHECK(compile_error(json::parse(text)) == "rule nested deeper than 256 levels");
}

TEST_CASE("A rule exactly at the depth limit compiles and evaluates", "[logic][limits]") {
    const json at_limit = json::parse(nested_arrays(logic::k_max_rule_depth));
    CHECK(logic::evaluate(logic::compile(at_limit), json()) == at_limit);
    const json over_limit = json::parse(nested_arrays(logic::k_max_rule_depth + 1));
    CHECK(compile_error(over_limit) == "rule nested deeper than 256 levels");
}

TEST_CASE("Data nested 100,000 levels deep is read, copied and compared without a crash",
          "[logic][limits]") {
    const json data = json::parse(nested_arrays(100'000));
    const json whole = eval(R"({"var":""})", data);
    CHECK(logic::to_compact_json(whole) == nested_arrays(100'000));
    CHECK(eval(R"({"===":[{"var":""},{"var":""}]})", data) == true);
    CHECK(eval(R"({"cat":[{"var":""}]})", data) == "1");
    CHECK(eval(R"({"in":[{"var":"0"},[1,{"var":"0"}]]})", data) == true);
}

TEST_CASE("cat stops at 1 MiB", "[logic][limits]") {
    const json data{{"s", std::string(600'000, 'x')}};
    CHECK(thrown_type(R"({"cat":[{"var":"s"},{"var":"s"}]})", data) == "Limit Exceeded");
    CHECK(eval(R"({"cat":[{"var":"s"},"!"]})", data).get<std::string>().size() == 600'001);
}

TEST_CASE("cat in a loop cannot grow without bound", "[logic][limits]") {
    const json data{{"s", std::string(100'000, 'x')}, {"xs", json(std::vector<int>(100, 1))}};
    CHECK(thrown_type(
              R"({"reduce":[{"var":"xs"},{"cat":[{"var":"accumulator"},{"val":[[2],"s"]}]},""]})",
              data) == "Limit Exceeded");
}

TEST_CASE("substr results are bounded like cat's", "[logic][limits]") {
    const json data{{"s", std::string(2'000'000, 'y')}};
    CHECK(thrown_type(R"({"substr":[{"var":"s"},0]})", data) == "Limit Exceeded");
    CHECK(eval(R"({"substr":[{"var":"s"},-3]})", data) == "yyy");
}

TEST_CASE("merge stops at a million elements", "[logic][limits]") {
    const json data{{"a", json(std::vector<int>(600'000, 7))}};
    CHECK(thrown_type(R"({"merge":[{"var":"a"},{"var":"a"}]})", data) == "Limit Exceeded");
    CHECK(eval(R"({"merge":[{"var":"a"},[1]]})", data).size() == 600'001);
}

TEST_CASE("A rule that would copy without end stops with Limit Exceeded", "[logic][limits]") {
    const json data{{"xs", json(std::vector<int>(3000, 1))}};
    // Each of 3000 elements maps to a copy of the 3000-element array: 9 million values.
    CHECK(thrown_type(R"({"map":[{"var":"xs"},{"val":[[2],"xs"]}]})", data) == "Limit Exceeded");
}

TEST_CASE("A rule that would run for minutes stops with Limit Exceeded", "[logic][limits]") {
    const json data{{"xs", json(std::vector<int>(10'000, 1))}};
    // 10,000 x 10,000 comparisons: far beyond the step budget, stopped after about a second.
    const std::string rule =
        R"({"map":[{"var":"xs"},{"some":[{"val":[[2],"xs"]},{"==":[{"var":""},2]}]}]})";
    try {
        eval(rule, data);
        FAIL("the rule ran to completion");
    } catch (const logic::RuleError& e) {
        CHECK(e.error["type"] == "Limit Exceeded");
        CHECK(e.error["message"] == "evaluation took more than 50000000 steps");
    }
}

TEST_CASE("Arithmetic never yields NaN or Infinity", "[logic][errors]") {
    CHECK(thrown_type(R"({"/":[1,0]})") == "NaN");
    CHECK(thrown_type(R"({"*":[1e300,1e300]})") == "NaN");
    CHECK(thrown_type(R"({"+":["Infinity"]})") == "NaN");
    CHECK(thrown_type(R"({"-":[{"var":"x"},1]})", json{{"x", "abc"}}) == "NaN");
    CHECK(thrown_type(R"({"%":[5,0]})") == "NaN");
    CHECK(thrown_type(R"({"max":[1,"x"]})") == "NaN");
}

TEST_CASE("Huge, tiny and non-numeric positions are clamped, never converted unchecked",
          "[logic][limits]") {
    CHECK(eval(R"({"substr":["hello",1e300]})") == "");
    CHECK(eval(R"({"substr":["hello",-1e300,2]})") == "he");
    CHECK(eval(R"({"substr":["hello",1,-1e300]})") == "");
    CHECK(eval(R"({"substr":["hello",1,1e300]})") == "ello");
    CHECK(eval(R"({"substr":["hello","abc","xyz"]})") == "");
    CHECK(eval(R"({"substr":["hello",1,null]})") == "");
    CHECK(eval(R"({"val":[[1e300],"x"]})", json{{"x", 1}}).is_null());
    CHECK(eval(R"({"val":[["nope"],"x"]})", json{{"x", 1}}) == 1);
    CHECK(eval(R"({"var":"99999999999999999999"})", json::array({1})).is_null());
    CHECK(thrown_type(R"({"+":["1e400"]})") == "NaN");
    CHECK(eval(R"({"+":["1e-400"]})") == 0);
}

TEST_CASE("substr counts characters, not bytes", "[logic]") {
    CHECK(eval(R"({"substr":["héllo wörld",1,-2]})") == "éllo wör");
    CHECK(eval(R"({"substr":["日本語",-1]})") == "語");
}

TEST_CASE("Whole-number results are integers, others stay floating point", "[logic]") {
    const json three = eval(R"({"*":[1.5,2]})");
    CHECK(three.is_number_integer());
    CHECK(three == 3);
    CHECK(eval(R"({"/":[1,4]})").get<double>() == 0.25);
    CHECK(logic::to_compact_json(eval(R"({"-":[0]})")) == "0");
}

TEST_CASE("to_compact_json writes numbers as JavaScript does", "[logic][format]") {
    CHECK(logic::to_compact_json(json(3.0)) == "3");
    CHECK(logic::to_compact_json(json(0.1)) == "0.1");
    CHECK(logic::to_compact_json(json(1e21)) == "1e+21");
    CHECK(logic::to_compact_json(json(1e20)) == "100000000000000000000");
    CHECK(logic::to_compact_json(json(-0.0)) == "0");
    CHECK(logic::to_compact_json(json(1e-7)) == "1e-7");
    CHECK(logic::to_compact_json(json(0.000001)) == "0.000001");
    CHECK(logic::to_compact_json(json(123.456)) == "123.456");
    CHECK(logic::to_compact_json(json(-2.5e-10)) == "-2.5e-10");
    CHECK(logic::to_compact_json(json(0.1 + 0.2)) == "0.30000000000000004");
    CHECK(logic::to_compact_json(json(std::numeric_limits<std::int64_t>::min())) ==
          "-9223372036854775808");
    CHECK(logic::to_compact_json(json(std::numeric_limits<std::uint64_t>::max())) ==
          "18446744073709551615");
}

TEST_CASE("to_compact_json never writes nan or inf", "[logic][format]") {
    CHECK(logic::to_compact_json(json(std::numeric_limits<double>::quiet_NaN())) == "null");
    CHECK(logic::to_compact_json(json(std::numeric_limits<double>::infinity())) == "null");
    CHECK(logic::to_compact_json(json::array({-std::numeric_limits<double>::infinity()})) ==
          "[null]");
}

TEST_CASE("to_compact_json escapes strings and replaces invalid UTF-8", "[logic][format]") {
    CHECK(logic::to_compact_json(json("a\"b\\c\n\t")) == R"("a\"b\\c\n\t")");
    CHECK(logic::to_compact_json(json("\x1b[2J")) == R"("\u001b[2J")");
    CHECK(logic::to_compact_json(json("caf\xc3\xa9")) == "\"caf\xc3\xa9\"");
    CHECK(logic::to_compact_json(json("bad\xff\xfe!")) == "\"bad\xef\xbf\xbd\xef\xbf\xbd!\"");
    CHECK(logic::to_compact_json(json("\xc2\x9b")) == R"("\u009b")");  // C1 control (CSI)
    CHECK(logic::to_compact_json(json{{"k\xff", 1}}) == "{\"k\xef\xbf\xbd\":1}");
}

TEST_CASE("to_compact_json writes containers compactly, at any depth", "[logic][format]") {
    CHECK(logic::to_compact_json(json::parse(R"({"b":[1,2.5,{}],"a":null,"c":[]})")) ==
          R"({"a":null,"b":[1,2.5,{}],"c":[]})");
    CHECK(logic::to_compact_json(json::parse(nested_arrays(200'000))) == nested_arrays(200'000));
}

TEST_CASE("Truthiness follows JavaScript, except that [] is falsy", "[logic]") {
    struct Row {
        json value;
        bool expected;
    };
    const std::vector<Row> table = {
        {json(), false},
        {json(false), false},
        {json(true), true},
        {json(0), false},
        {json(0.0), false},
        {json(-0.0), false},
        {json(std::numeric_limits<double>::quiet_NaN()), false},
        {json(1), true},
        {json(-1), true},
        {json(0.5), true},
        {json(std::uint64_t{0}), false},
        {json(""), false},
        {json("0"), true},
        {json("false"), true},
        {json(" "), true},
        {json::array(), false},
        {json::array({0}), true},
        {json::object(), true},
        {json{{"a", 0}}, true},
    };
    for (const auto& row : table) {
        INFO(logic::to_compact_json(row.value));
        CHECK(logic::truthy(row.value) == row.expected);
        CHECK(eval(R"({"!!":[{"var":"v"}]})", json{{"v", row.value}}) == row.expected);
    }
}

TEST_CASE("A thrown error carries its value and a readable message", "[logic][errors]") {
    try {
        eval(R"({"throw":"boom"})");
        FAIL("the rule did not throw");
    } catch (const logic::RuleError& e) {
        CHECK(e.error == json{{"type", "boom"}});
        CHECK(std::string(e.what()) == R"(rule threw {"type":"boom"})");
    }
    try {
        eval(R"({"throw":{"var":"e"}})", json{{"e", {{"type", "x"}, {"code", 7}}}});
        FAIL("the rule did not throw");
    } catch (const logic::RuleError& e) {
        CHECK(std::string(e.what()) == R"(rule threw {"code":7,"type":"x"})");
    }
}

TEST_CASE("Arguments that are wrong in the rule fail only when evaluated", "[logic][errors]") {
    CHECK_NOTHROW(logic::compile(json::parse(R"({"map":[{"var":"xs"},null]})")));
    CHECK(thrown_type(R"({"map":[{"var":"xs"},null]})") == "Invalid Arguments");
    CHECK(eval(R"({"if":[true,"ok",{"<":[1]}]})") == "ok");
}

TEST_CASE("Comparing with null or a word never throws", "[logic]") {
    // Rules such as {"==": [{"var": "product"}, "fintech"]} must not fail when product is unset.
    CHECK(eval(R"({"==":[{"var":"product"},"fintech"]})", json::object()) == false);
    CHECK(eval(R"({"!=":[{"var":"size"},null]})", json{{"size", "small"}}) == true);
    CHECK(eval(R"({"<":[null,"abc"]})") == false);
    CHECK(thrown_type(R"({"<":[1,"abc"]})") == "NaN");
}

TEST_CASE("A trace records each read of the data, in order", "[logic]") {
    const auto rule = logic::compile(json::parse(
        R"({"and":[{"var":"realtime"},{"val":["team","size"]},{"var":["missing","d"]},{"map":[[1],{"var":"inner"}]}]})"));
    logic::Trace trace;
    const json data = json::parse(R"({"realtime":true,"team":{"size":4}})");
    CHECK(logic::evaluate(rule, data, &trace) == json::array({json()}));
    REQUIRE(trace.reads.size() == 3);
    CHECK(trace.reads[0].path == "realtime");
    CHECK(trace.reads[0].value == true);
    CHECK(trace.reads[1].path == "team.size");
    CHECK(trace.reads[1].value == 4);
    CHECK(trace.reads[2].path == "missing");
    CHECK(trace.reads[2].value.is_null());
}

TEST_CASE("evaluate_truthy agrees with truthy(evaluate())", "[logic]") {
    const std::vector<std::string> rules = {
        R"({"and":[{"var":"realtime"},{"var":"ml"}]})",
        R"({"in":[{"var":"team"},["javascript","mixed"]]})",
        R"({"merge":[]})",
        R"({"var":"missing"})",
        R"({"cat":["a"]})",
    };
    const json data = json::parse(R"({"realtime":true,"ml":1,"team":"python"})");
    for (const auto& text : rules) {
        INFO(text);
        const auto rule = logic::compile(json::parse(text));
        CHECK(logic::evaluate_truthy(rule, data) == logic::truthy(logic::evaluate(rule, data)));
    }
    CHECK_THROWS_AS(logic::evaluate_truthy(logic::compile(json::parse(R"({"throw":"x"})")), data),
                    logic::RuleError);
}

TEST_CASE("A default Expression is the rule null", "[logic]") {
    const logic::Expression nothing;
    CHECK(logic::evaluate(nothing, json{{"a", 1}}).is_null());
}

TEST_CASE("One compiled rule can be evaluated from many threads at once", "[logic]") {
    const auto rule = logic::compile(json::parse(
        R"({"reduce":[{"filter":[{"var":"xs"},{">":[{"var":""},{"val":[[2],"min"]}]}]},{"+":[{"var":"accumulator"},{"var":"current"}]},0]})"));
    std::vector<int> sums(8, -1);
    std::vector<std::thread> threads;
    for (std::size_t t = 0; t < sums.size(); ++t) {
        threads.emplace_back([&, t] {
            json data{{"xs", json::array()}, {"min", static_cast<int>(t)}};
            for (int i = 0; i < 100; ++i) data["xs"].push_back(i);
            for (int repeat = 0; repeat < 200; ++repeat) {
                sums[t] = logic::evaluate(rule, data).get<int>();
            }
        });
    }
    for (auto& thread : threads) thread.join();
    for (std::size_t t = 0; t < sums.size(); ++t) {
        const int min = static_cast<int>(t);
        CHECK(sums[t] == 4950 - min * (min + 1) / 2);
    }
}

TEST_CASE("Values borrowed from temporaries are copied before the temporaries die", "[logic]") {
    // reduce over a built array returns one of its elements; try's fallback returns the error.
    CHECK(eval(R"({"reduce":[[[1],[2]],{"var":"current"}]})") == json::array({2}));
    CHECK(eval(R"({"reduce":[{"merge":[[[1]],[[2]]]},{"var":"accumulator"}]})") ==
          json::array({1}));
    CHECK(eval(R"({"try":[{"throw":"e"},{"val":[]}]})") == json{{"type", "e"}});
    CHECK(eval(R"({"??":{"merge":[null,[["x"]]]}})") == json::array({"x"}));
    CHECK(eval(R"({"var":[{"cat":["miss"]},{"merge":[[1],[2]]}]})") == json::array({1, 2}));
}

// ---- evaluate_truthy's typed fast path (var compared with a literal, in, and/or/!) ----

namespace {

/// evaluate_truthy's outcome: "true", "false", or "error" and the thrown value.
std::string truthy_outcome(const logic::Expression& rule, const json& data) {
    try {
        return logic::evaluate_truthy(rule, data) ? "true" : "false";
    } catch (const logic::RuleError& e) {
        return "error " + logic::to_compact_json(e.error);
    }
}

/// The same through the general evaluator: truthy(evaluate()).
std::string general_outcome(const logic::Expression& rule, const json& data) {
    try {
        return logic::truthy(logic::evaluate(rule, data)) ? "true" : "false";
    } catch (const logic::RuleError& e) {
        return "error " + logic::to_compact_json(e.error);
    }
}

std::string fast_outcome(const std::string& rule, const json& data) {
    return truthy_outcome(logic::compile(json::parse(rule)), data);
}

/// The slots of the data's members and of some names it lacks ("missing", "0"), in an order
/// unlike the data's, so that slot numbers and member order differ.
std::shared_ptr<const logic::SlotLayout> layout_for(const json& data) {
    std::vector<std::string> names = {"missing", "0"};
    if (data.is_object())
        for (const auto& member : data.items()) names.insert(names.begin(), member.key());
    names.push_back("missing");  // a name twice keeps one slot
    return std::make_shared<const logic::SlotLayout>(names);
}

/// evaluate_truthy over the data laid out in slots, the rule compiled for them.
std::string slotted_outcome(const json& rule, const json& data) {
    const auto layout = layout_for(data);
    const logic::SlotData slots(layout, data);
    try {
        return logic::evaluate_truthy(logic::compile(rule, layout), slots) ? "true" : "false";
    } catch (const logic::RuleError& e) {
        return "error " + logic::to_compact_json(e.error);
    }
}

}  // namespace

TEST_CASE("evaluate_truthy compares a var with a literal exactly as evaluate does", "[logic]") {
    const json data = json::parse(
        R"({"n":5,"z":0,"f":2.5,"s":"abc","num":"10","e":"","t":true,"no":false,"nil":null,
            "xs":[1,2],"o":{"p":{"q":7},"s":"x"},"big":18446744073709551615})");
    struct Row {
        const char* rule;
        const char* expected;
    };
    const std::vector<Row> table = {
        // numbers
        {R"({"==":[{"var":"n"},5]})", "true"},
        {R"({"==":[{"var":"n"},5.0]})", "true"},
        {R"({"!=":[{"var":"n"},5]})", "false"},
        {R"({"<":[{"var":"n"},10]})", "true"},
        {R"({"<=":[{"var":"n"},5]})", "true"},
        {R"({">":[{"var":"f"},2.5]})", "false"},
        {R"({">=":[{"var":"f"},2.5]})", "true"},
        {R"({">":[{"var":"big"},1e19]})", "true"},
        // null and missing keys: null is 0 for == and the orderings
        {R"({"!=":[{"var":"n"},null]})", "true"},
        {R"({"!=":[{"var":"z"},null]})", "false"},
        {R"({"==":[{"var":"nil"},null]})", "true"},
        {R"({"==":[{"var":"missing"},null]})", "true"},
        {R"({"<":[{"var":"missing"},1]})", "true"},
        {R"({"<=":[{"var":"missing"},null]})", "true"},
        {R"({"<":[{"var":"missing"},null]})", "false"},
        {R"({"===":[{"var":"missing"},null]})", "true"},
        {R"({"!==":[{"var":"z"},null]})", "true"},
        {R"({"==":[{"var":"missing"},"x"]})", "false"},
        {R"({"!=":[{"var":"missing"},"x"]})", "true"},
        {R"({">":[{"var":"missing"},"x"]})", "false"},
        // strings against strings compare as text, against numbers as numbers
        {R"({"==":[{"var":"s"},"abc"]})", "true"},
        {R"({"!=":[{"var":"s"},"abd"]})", "true"},
        {R"({"<":[{"var":"s"},"abd"]})", "true"},
        {R"({"<":[{"var":"num"},"9"]})", "true"},
        {R"({"<":[{"var":"num"},9]})", "false"},
        {R"({"==":[{"var":"num"},10]})", "true"},
        {R"({"==":[{"var":"n"},"5"]})", "true"},
        {R"({"<":[{"var":"n"}," 6 "]})", "true"},
        {R"({"==":[{"var":"e"},0]})", "true"},
        {R"({"==":[{"var":"n"},"abc"]})", R"(error {"type":"NaN"})"},
        {R"({"<":[{"var":"n"},"abc"]})", R"(error {"type":"NaN"})"},
        {R"({"<":[{"var":"s"},5]})", R"(error {"type":"NaN"})"},
        {R"({"==":[{"var":"nil"},"abc"]})", "false"},
        {R"({"<":[{"var":"t"},"abc"]})", "false"},
        // booleans are 0 and 1
        {R"({"==":[{"var":"t"},1]})", "true"},
        {R"({"==":[{"var":"t"},true]})", "true"},
        {R"({"<":[{"var":"no"},{"var":"t"}]})", "true"},
        {R"({">":[{"var":"t"},0.5]})", "true"},
        {R"({"==":[{"var":"no"},null]})", "true"},
        // strict equality never converts
        {R"({"===":[{"var":"n"},5]})", "true"},
        {R"({"===":[{"var":"n"},"5"]})", "false"},
        {R"({"!==":[{"var":"n"},"5"]})", "true"},
        {R"({"===":[{"var":"big"},18446744073709551615]})", "true"},
        {R"({"===":[{"var":"big"},18446744073709551614]})", "false"},
        {R"({"===":[{"var":"s"},"abc"]})", "true"},
        {R"({"===":[{"var":"t"},true]})", "true"},
        {R"({"!==":[{"var":"no"},false]})", "false"},
        {R"({"===":[{"var":"t"},1]})", "false"},
        // arrays and objects never compare with ==, <
        {R"({"==":[{"var":"xs"},1]})", R"(error {"type":"NaN"})"},
        {R"({"<":[{"var":"o"},1]})", R"(error {"type":"NaN"})"},
        {R"({"===":[{"var":"xs"},1]})", "false"},
        // nested paths, array indexes
        {R"({"==":[{"var":"o.p.q"},7]})", "true"},
        {R"({"==":[{"var":"o.s"},"x"]})", "true"},
        {R"({"==":[{"var":"o.p.missing"},null]})", "true"},
        {R"({"==":[{"var":"xs.1"},2]})", "true"},
        {R"({"==":[{"var":"xs.2"},null]})", "true"},
        {R"({"==":[{"var":"xs.01"},null]})", "true"},
        {R"({"==":[{"var":"s.0"},null]})", "true"},
        {R"({"==":[{"var":["o.p.q"]},7]})", "true"},
        // chains of three and literals on the left take the general path
        {R"({"<":[{"var":"z"},{"var":"n"},10]})", "true"},
        {R"({"<":[1,{"var":"n"}]})", "true"},
    };
    for (const auto& row : table) {
        INFO(row.rule);
        const auto rule = logic::compile(json::parse(row.rule));
        CHECK(truthy_outcome(rule, data) == row.expected);
        CHECK(general_outcome(rule, data) == row.expected);
    }
}

TEST_CASE("evaluate_truthy reads vars, in lists and and/or/! exactly as evaluate does", "[logic]") {
    const json data = json::parse(
        R"({"t":true,"no":false,"z":0,"n":3,"e":"","s":"mixed","xs":[],"ys":[0],"o":{},
            "nested":{"team":"python"},"nil":null})");
    struct Row {
        const char* rule;
        const char* expected;
    };
    const std::vector<Row> table = {
        {R"({"var":"t"})", "true"},
        {R"({"var":"no"})", "false"},
        {R"({"var":"z"})", "false"},
        {R"({"var":"e"})", "false"},
        {R"({"var":"xs"})", "false"},
        {R"({"var":"ys"})", "true"},
        {R"({"var":"o"})", "true"},
        {R"({"var":"missing"})", "false"},
        {R"({"var":""})", "true"},
        {R"({"var":"missing.deeper"})", "false"},
        {R"({"var":["missing", true]})", "true"},
        {R"({"in":[{"var":"s"},["javascript","mixed"]]})", "true"},
        {R"({"in":[{"var":"s"},["javascript"]]})", "false"},
        {R"({"in":[{"var":"nested.team"},["python"]]})", "true"},
        {R"({"in":[{"var":"missing"},["null",""]]})", "false"},
        {R"({"in":[{"var":"n"},["3"]]})", "false"},
        {R"({"in":[{"var":"s"},[]]})", "false"},
        {R"({"in":[{"var":"n"},[3]]})", "true"},
        {R"({"in":[{"var":"s"},"a mixed team"]})", "true"},
        {R"({"and":[]})", "false"},
        {R"({"or":[]})", "false"},
        {R"({"and":[{"var":"t"},{"var":"n"}]})", "true"},
        {R"({"and":[{"var":"t"},{"var":"z"}]})", "false"},
        {R"({"or":[{"var":"z"},{"var":"e"},{"var":"ys"}]})", "true"},
        {R"({"or":[{"var":"z"},{"var":"xs"}]})", "false"},
        {R"({"!":[{"var":"z"}]})", "true"},
        {R"({"!":[{"and":[{"var":"t"},{"==":[{"var":"s"},"mixed"]}]}]})", "false"},
        {R"({"!!":[{"var":"ys"}]})", "true"},
        {R"({"!":[]})", "true"},
        {R"({"!!":[]})", "false"},
        {R"({"!":[{"var":"z"},{"var":"t"}]})", "true"},
        {R"({"!":{"var":"ys"}})", "true"},
        {R"({"and":[true,1,"x"]})", "true"},
        {R"({"and":[{"var":"t"},[]]})", "false"},
        // siblings reading the same path share one look-up
        {R"({"and":[{"!=":[{"var":"n"},null]},{"<":[{"var":"n"},5]}]})", "true"},
        {R"({"and":[{"!=":[{"var":"missing"},null]},{"<":[{"var":"missing"},5]}]})", "false"},
        {R"({"or":[{"==":[{"var":"s"},"a"]},{"==":[{"var":"s"},"mixed"]}]})", "true"},
        {R"({"or":[{"var":"z"},{"==":[{"var":"z"},0]},{"in":[{"var":"z"},["0"]]}]})", "true"},
        {R"({"and":[{"var":"nested.team"},{"==":[{"var":"nested.team"},"python"]}]})", "true"},
        {R"({"and":[{"var":"nested"},{"==":[{"var":"nested.team"},"python"]}]})", "true"},
        {R"({"or":[{"var":"z"},true,{"var":"z"}]})", "true"},
        {R"({"or":[{"var":"z"},{"if":[{"var":"t"},"yes","no"]}]})", "true"},
        {R"({"and":[{"var":"t"},{"throw":"stop"}]})", R"(error {"type":"stop"})"},
        {R"({"and":[{"var":"z"},{"throw":"stop"}]})", "false"},
        {R"({"or":[{"==":[{"var":"n"},"x"]},true]})", R"(error {"type":"NaN"})"},
        {R"({"and":[{"var":"t"},{"<":[1]}]})", R"(error {"type":"Invalid Arguments"})"},
    };
    for (const auto& row : table) {
        INFO(row.rule);
        const auto rule = logic::compile(json::parse(row.rule));
        CHECK(truthy_outcome(rule, data) == row.expected);
        CHECK(general_outcome(rule, data) == row.expected);
    }
}

TEST_CASE("a layout shared on a thread is the same layout, kept alive by its own count",
          "[logic]") {
    auto layout = std::make_shared<const logic::SlotLayout>(std::vector<std::string>{"team"});
    const logic::SlotLayout* address = layout.get();
    auto shared = logic::share_on_this_thread(layout);
    CHECK(shared.get() == address);
    CHECK(layout.use_count() == 2);  // the original and the one the share holds
    const auto copies = std::vector<std::shared_ptr<const logic::SlotLayout>>(100, shared);
    CHECK(layout.use_count() == 2);  // copies of the share count on the share's own counter
    // Conditions compiled for the share read data laid out in the original's slots.
    const auto rule = logic::compile(json::parse(R"({"==": [{"var": "team"}, "python"]})"), shared);
    const json data = {{"team", "python"}};
    const logic::ConditionSet set({rule});
    std::vector<std::uint8_t> held;
    set.evaluate(logic::SlotData(layout, data), held);
    CHECK(held == std::vector<std::uint8_t>{1});
    layout.reset();
    CHECK(shared->find("team") == 0);  // still alive through the share
    CHECK(logic::share_on_this_thread(nullptr) == nullptr);
}

TEST_CASE("a slot layout numbers each name once, in the order given", "[logic]") {
    const logic::SlotLayout layout({"team", "ml", "team", "", "realtime"});
    CHECK(layout.names() == std::vector<std::string>{"team", "ml", "", "realtime"});
    CHECK(layout.find("team") == 0);
    CHECK(layout.find("ml") == 1);
    CHECK(layout.find("") == 2);
    CHECK(layout.find("realtime") == 3);
    CHECK(layout.find("tea") == logic::SlotLayout::k_none);
    CHECK(logic::SlotLayout({}).find("x") == logic::SlotLayout::k_none);
}

TEST_CASE("evaluate_truthy over slots reads what the data holds, whatever the layout", "[logic]") {
    const auto layout = std::make_shared<const logic::SlotLayout>(
        std::vector<std::string>{"ml", "team", "users", "0"});
    const auto other = std::make_shared<const logic::SlotLayout>(std::vector<std::string>{"team"});
    const json rule = json::parse(
        R"({"and":[{"var":"ml"},{"in":[{"var":"team"},["python","mixed"]]},{">=":[{"var":"users"},10]},
                   {"!":{"var":"extra"}}]})");
    const auto slotted = logic::compile(rule, layout);
    const auto by_name = logic::compile(rule);
    logic::SlotData data(layout);
    for (const char* text :
         {R"({"ml":true,"team":"python","users":10})", R"({"ml":true,"team":"python","users":9})",
          R"({"ml":true,"team":"node","users":10})", R"({"ml":true,"team":"mixed","users":"12"})",
          R"({"ml":1,"team":"mixed","users":10,"extra":false})",
          R"({"ml":true,"team":"mixed","users":10,"extra":"yes"})",
          R"({"team":"python","users":10})", R"([true,"python",10])", "null"}) {
        const json value = json::parse(text);
        INFO(text);
        data.assign(value);  // reused: nothing of the last data may remain
        const bool expected = logic::truthy(logic::evaluate(by_name, value));
        CHECK(logic::evaluate_truthy(slotted, data) == expected);
        CHECK(logic::evaluate_truthy(by_name, data) == expected);  // compiled for no layout
        CHECK(logic::evaluate_truthy(slotted, logic::SlotData(other, value)) == expected);
    }
    // Copied and moved (as into a vector), short strings included: the copies read their own.
    const json value = json::parse(R"({"ml":true,"team":"mixed","users":10})");
    std::vector<logic::SlotData> copies;
    for (int i = 0; i < 20; ++i) copies.emplace_back(layout, value);  // moved as it grows
    copies.push_back(copies.front());
    logic::SlotData assigned(layout);
    assigned = copies.back();
    copies.push_back(std::move(assigned));
    for (const auto& copy : copies) CHECK(logic::evaluate_truthy(slotted, copy));
    // Data that is not an object fills no slot; a path is then read by name ("0" of an array).
    const auto first = logic::compile(json::parse(R"({"==":[{"var":"0"},"x"]})"), layout);
    CHECK(logic::evaluate_truthy(first, logic::SlotData(layout, json::parse(R"(["x"])"))));
    CHECK(logic::evaluate_truthy(first, logic::SlotData(layout, json::parse(R"({"0":"x"})"))));
    CHECK_FALSE(logic::evaluate_truthy(first, logic::SlotData(layout, json::parse("{}"))));
}

TEST_CASE("evaluate_truthy stops at the step limit inside and/or/!", "[logic][limits]") {
    const json data{{"t", true}, {"xs", json(std::vector<int>(10'000, 1))}};
    const std::string endless =
        R"({"map":[{"var":"xs"},{"some":[{"val":[[2],"xs"]},{"==":[{"var":""},2]}]}]})";
    for (const std::string& rule : {R"({"and":[{"var":"t"},)" + endless + "]}",
                                    R"({"!":[{"or":[{"var":"missing"},)" + endless + "]}]}"}) {
        INFO(rule);
        CHECK(
            fast_outcome(rule, data) ==
            R"(error {"message":"evaluation took more than 50000000 steps","type":"Limit Exceeded"})");
    }
}

namespace {

/// Random conditions of the shapes the fast path knows, mixed with ones it does not, and data
/// that holds every kind of value or lacks the key.
class ConditionGenerator {
  public:
    explicit ConditionGenerator(unsigned seed) : m_random(seed) {}

    json condition(int depth = 0) {
        const std::size_t shape = pick(depth > 2 ? 6 : 11);
        switch (shape) {
            case 0:
                return var();
            case 1:
            case 2:
            case 3:
                return {{m_comparisons[pick(m_comparisons.size())], {var(), scalar()}}};
            case 4: {
                json list = json::array();
                for (std::size_t i = pick(4); i > 0; --i) list.push_back(scalar().dump());
                if (pick(4) == 0) list.push_back(scalar());  // not only strings: general path
                return {{"in", {var(), list}}};
            }
            case 5:
                return scalar();
            case 6:
            case 7: {
                json list = json::array();
                for (std::size_t i = pick(4); i > 0; --i) list.push_back(condition(depth + 1));
                return {{pick(2) == 0 ? "and" : "or", list}};
            }
            case 8:
                return {{pick(2) == 0 ? "!" : "!!", json::array({condition(depth + 1)})}};
            case 9:  // a literal on the left, or a chain: the general comparison
                return {{m_comparisons[pick(m_comparisons.size())], {scalar(), var(), scalar()}}};
            default:
                return {{"var", {m_paths[pick(m_paths.size())], scalar()}}};
        }
    }

    json document() {
        json data = json::object();
        for (const char* key : {"a", "b", "n", "s"}) {
            if (pick(5) != 0) data[key] = value();
        }
        data["o"] = {{"p", value()}, {"q", {{"r", value()}}}};
        data["arr"] = {value(), value()};
        return data;
    }

  private:
    std::size_t pick(std::size_t count) {
        return std::uniform_int_distribution<std::size_t>(0, count - 1)(m_random);
    }
    json value() { return m_values[pick(m_values.size())]; }
    json scalar() {
        json chosen = value();
        return chosen.is_structured() ? json("a") : chosen;
    }
    json var() { return {{"var", m_paths[pick(m_paths.size())]}}; }

    std::mt19937 m_random;
    const std::vector<json> m_values = json::parse(
        R"([null,true,false,0,1,-1,2.5,3,10,-0.0,1e300,18446744073709551615,"","a","b","abc",
            "10","2.5"," 3 ","0x10","true","null",[],[1],["a"],{},{"x":1}])");
    const std::vector<std::string> m_paths = {"a",     "b",     "n",     "s",       "o.p", "o.q.r",
                                              "arr.0", "arr.1", "arr.2", "missing", "o",   ""};
    const std::vector<std::string> m_comparisons = {"==", "!=", "===", "!==", "<", "<=", ">", ">="};
};

}  // namespace

TEST_CASE("evaluate_truthy agrees with evaluate on random conditions", "[logic]") {
    ConditionGenerator generator(12);
    for (int i = 0; i < 3000; ++i) {
        const json rule_json = generator.condition();
        const auto rule = logic::compile(rule_json);
        for (int j = 0; j < 4; ++j) {
            const json data = generator.document();
            INFO(logic::to_compact_json(rule_json) << " on " << logic::to_compact_json(data));
            const std::string general = general_outcome(rule, data);
            REQUIRE(truthy_outcome(rule, data) == general);
            REQUIRE(slotted_outcome(rule_json, data) == general);
        }
    }
}

TEST_CASE("a condition set gives each condition's own outcome, whatever their shapes", "[logic]") {
    ConditionGenerator generator(34);
    const auto layout = std::make_shared<const logic::SlotLayout>(
        std::vector<std::string>{"s", "missing", "a", "o", "n", "b", "arr"});
    std::vector<json> rules;
    std::vector<logic::Expression> conditions;
    for (int i = 0; i < 2000; ++i) {
        rules.push_back(generator.condition());
        conditions.push_back(logic::compile(rules.back(), layout));
    }
    // Data laid out in the slots the conditions were compiled for, in another layout's, and
    // data that is not an object.
    const auto other = std::make_shared<const logic::SlotLayout>(std::vector<std::string>{"a"});
    std::vector<json> documents;
    documents.reserve(60);  // each SlotData points into its document
    std::vector<logic::SlotData> slots;
    for (int j = 0; j < 60; ++j) {
        documents.push_back(j % 10 == 9 ? json::parse(R"(["x", 1])") : generator.document());
        slots.emplace_back(j % 3 == 1 ? other : layout, documents.back());
    }
    std::vector<std::vector<std::string>> expected(documents.size());
    std::vector<bool> ever_throws(rules.size(), false);
    for (std::size_t j = 0; j < documents.size(); ++j)
        for (std::size_t i = 0; i < rules.size(); ++i) {
            expected[j].push_back(general_outcome(conditions[i], documents[j]));
            if (expected[j][i].rfind("error", 0) == 0) ever_throws[i] = true;
        }

    const logic::ConditionSet set(conditions);
    REQUIRE(set.size() == conditions.size());
    std::vector<std::uint8_t> held;
    for (std::size_t j = 0; j < documents.size(); ++j) {
        for (std::size_t i = 0; i < rules.size(); ++i) {
            INFO(logic::to_compact_json(rules[i])
                 << " on " << logic::to_compact_json(documents[j]));
            std::string outcome;
            try {
                outcome = set.holds(i, slots[j]) ? "true" : "false";
            } catch (const logic::RuleError& e) {
                outcome = "error " + logic::to_compact_json(e.error);
            }
            REQUIRE(outcome == expected[j][i]);
        }
        // Some condition throws on each document: evaluate() throws one of their errors.
        const bool throws = std::any_of(expected[j].begin(), expected[j].end(),
                                        [](const auto& o) { return o.rfind("error", 0) == 0; });
        REQUIRE(throws);
        try {
            set.evaluate(slots[j], held);
            FAIL("evaluate() did not throw");
        } catch (const logic::RuleError& e) {
            const std::string thrown = "error " + logic::to_compact_json(e.error);
            CHECK(std::find(expected[j].begin(), expected[j].end(), thrown) != expected[j].end());
        }
    }

    // The conditions that never throw, in a set of their own: evaluate() gives every outcome.
    std::vector<logic::Expression> safe;
    std::vector<std::size_t> safe_index;
    for (std::size_t i = 0; i < rules.size(); ++i)
        if (!ever_throws[i]) {
            safe.push_back(conditions[i]);
            safe_index.push_back(i);
        }
    REQUIRE(safe.size() > rules.size() / 2);
    const logic::ConditionSet safe_set(safe);
    for (std::size_t j = 0; j < documents.size(); ++j) {
        safe_set.evaluate(slots[j], held);
        REQUIRE(held.size() == safe.size());
        for (std::size_t k = 0; k < safe.size(); ++k) {
            INFO(logic::to_compact_json(rules[safe_index[k]])
                 << " on " << logic::to_compact_json(documents[j]));
            REQUIRE((held[k] != 0 ? "true" : "false") == expected[j][safe_index[k]]);
        }
    }
}

TEST_CASE("evaluate_truthy agrees with evaluate on the conformance suites", "[logic]") {
#ifdef STACKPICK_JSONLOGIC_SUITES
    const std::filesystem::path directory(STACKPICK_JSONLOGIC_SUITES);
    if (!std::filesystem::is_regular_file(directory / "index.json")) return;
    std::size_t cases = 0;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(directory)) {
        if (entry.path().extension() != ".json" || entry.path().filename() == "index.json") {
            continue;
        }
        std::ifstream in(entry.path());
        const json suite = json::parse(in);
        if (!suite.is_array()) continue;
        for (const json& test : suite) {
            if (!test.is_object() || !test.contains("rule")) continue;
            logic::Expression rule;
            try {
                rule = logic::compile(test["rule"]);
            } catch (const logic::CompileError&) {
                continue;
            }
            const json data = test.value("data", json());
            INFO(entry.path().string() << ": " << logic::to_compact_json(test["rule"]));
            const std::string general = general_outcome(rule, data);
            CHECK(truthy_outcome(rule, data) == general);
            CHECK(slotted_outcome(test["rule"], data) == general);
            ++cases;
        }
    }
    CHECK(cases > 1000);
#endif
}
