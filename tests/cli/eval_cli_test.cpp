// `stackpick eval`: the rule language from the command line, for rule authors.

#include <fstream>

#include <catch2/catch.hpp>

#include "support/run_binary.hpp"

using stackpick::testing::run_stackpick;
using stackpick::testing::RunOptions;

TEST_CASE("eval prints the result of a rule as compact JSON", "[eval]") {
    auto result =
        run_stackpick({"eval", R"({"if":[{">":[{"var":"users"},10000]},"node","python"]})",
                       R"({"users":50000})"});
    CHECK(result.exit_code == 0);
    CHECK(result.out == "\"node\"\n");
    CHECK(result.err.empty());
    CHECK(run_stackpick({"eval", R"({"+":[1,2.0]})"}).out == "3\n");
    CHECK(run_stackpick({"eval", R"({"/":[1,3]})"}).out == "0.3333333333333333\n");
}

TEST_CASE("eval reads @files and stdin", "[eval]") {
    const auto directory = stackpick::testing::make_temporary_directory();
    std::ofstream(directory + "/rule.json") << R"({"var":"team"})";
    RunOptions piped;
    piped.input = R"({"team":"python"})";
    auto result = run_stackpick({"eval", "@" + directory + "/rule.json", "-"}, piped);
    CHECK(result.exit_code == 0);
    CHECK(result.out == "\"python\"\n");
}

TEST_CASE("a rule that throws leaves stdout empty and exits 1", "[eval]") {
    auto nan = run_stackpick({"eval", R"({"/":[1,"a"]})"});
    CHECK(nan.exit_code == 1);
    CHECK(nan.out.empty());
    CHECK(nan.err == "stackpick: error: rule threw {\"type\":\"NaN\"}\n");
    auto invalid = run_stackpick({"eval", R"({"<":[1]})"});
    CHECK(invalid.exit_code == 1);
    CHECK(invalid.err == "stackpick: error: rule threw {\"type\":\"Invalid Arguments\"}\n");
    auto unknown = run_stackpick({"eval", R"({"foo":[1]})"});
    CHECK(unknown.exit_code == 1);
    CHECK(unknown.err ==
          "stackpick: error: rule threw {\"message\":\"unknown operator \\\"foo\\\" at the top "
          "level\",\"type\":\"Unknown Operator\"}\n");
    std::string deep = "1";
    for (int i = 0; i < 300; ++i) deep = "{\"!\":[" + deep + "]}";
    auto too_deep = run_stackpick({"eval", deep});
    CHECK(too_deep.exit_code == 1);
    CHECK(too_deep.err ==
          "stackpick: error: rule threw {\"message\":\"rule nested deeper than 256 levels\","
          "\"type\":\"Limit Exceeded\"}\n");
}

TEST_CASE("malformed JSON is located: exit 2 in an argument, 3 in a file", "[eval]") {
    auto argument = run_stackpick({"eval", R"({"var": })"});
    CHECK(argument.exit_code == 2);
    CHECK(argument.err ==
          "stackpick: error: RULE:1:9: unexpected '}'; expected '[', '{', or a literal\n");
    const auto directory = stackpick::testing::make_temporary_directory();
    std::ofstream(directory + "/data.json") << "{\n\"a\": [1,\n";
    auto file = run_stackpick({"eval", R"({"var":"a"})", "@" + directory + "/data.json"});
    CHECK(file.exit_code == 3);
    CHECK(file.err ==
          "stackpick: error: " + directory +
              "/data.json:3:1: unexpected end of input; expected '[', '{', or a literal\n");
}
