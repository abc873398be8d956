// The main command end to end: `stackpick --realtime --ml` and friends, as a user or script runs
// it.

#include <filesystem>
#include <fstream>
#include <sstream>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "support/run_binary.hpp"

namespace fs = std::filesystem;
using stackpick::testing::run_stackpick;
using stackpick::testing::RunOptions;

namespace {
std::string read_file(const std::string& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}
nlohmann::json json_of(const std::vector<std::string>& arguments, const RunOptions& options = {}) {
    auto result = run_stackpick(arguments, options);
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    return nlohmann::json::parse(result.out);
}
}  // namespace

TEST_CASE("stackpick --realtime --ml recommends the hybrid with its reasons", "[recommend]") {
    auto result = run_stackpick({"--realtime", "--ml"});
    CHECK(result.exit_code == 0);
    CHECK(result.err.empty());
    CHECK(result.out.rfind("Recommendation: Node.js + Python  (confidence: medium)\n", 0) == 0);
    CHECK(result.out.find("How to split it") != std::string::npos);
    CHECK(result.out.find("[1] Node.js vs Python for Backend Development") != std::string::npos);
    std::istringstream lines(result.out);
    for (std::string line; std::getline(lines, line);) {
        INFO(line);
        CHECK(line.size() <= 80 * 3);  // bytes; the text is wrapped at 80 columns of mostly ASCII
    }
}

TEST_CASE("the JSON output is one stable document", "[recommend]") {
    auto first = run_stackpick({"--realtime", "--ml", "--json"});
    auto second = run_stackpick({"--ml", "--json", "--realtime"});
    CHECK(first.exit_code == 0);
    CHECK(first.out == second.out);  // byte-identical, whatever the flag order
    const auto document = nlohmann::json::parse(first.out);
    CHECK(document["schema_version"] == "1");
    CHECK(document["recommendation"]["id"] == "hybrid");
    CHECK(document["recommendation"]["id"] == document["ranking"][0]["id"]);
    CHECK(document["knowledge_base"]["origin"] == "embedded");
    CHECK(document["answers"]["realtime"] == true);
    CHECK(document["answers"]["concurrent_users"].is_null());
    // schema_version first, as documented.
    CHECK(first.out.rfind("{\n  \"schema_version\": \"1\",\n  \"stackpick_version\"", 0) == 0);
}

TEST_CASE("the same answers from flags and from the JSON output's answers give the same ranking",
          "[recommend]") {
    const auto from_flags =
        json_of({"--realtime", "--team", "Python", "--concurrent-users", "20000", "--json"});
    const auto directory = stackpick::testing::make_temporary_directory();
    const auto file = directory + "/answers.json";
    std::ofstream(file) << from_flags["answers"].dump();
    const auto from_file = json_of({"--answers", file, "--json"});
    CHECK(from_file["ranking"] == from_flags["ranking"]);
    CHECK(from_file["answers"] == from_flags["answers"]);
    CHECK(from_file["assumed"].empty());  // every answer was given explicitly

    RunOptions piped;
    piped.input = from_flags["answers"].dump();
    const auto from_stdin = json_of({"--answers", "-", "--json"}, piped);
    CHECK(from_stdin["ranking"] == from_flags["ranking"]);
}

TEST_CASE("flags override the answers file", "[recommend]") {
    const auto directory = stackpick::testing::make_temporary_directory();
    const auto file = directory + "/answers.json";
    std::ofstream(file) << R"({"ml": true, "team": "python"})";
    const auto document = json_of({"--answers", file, "--team", "javascript", "--no-ml", "--json"});
    CHECK(document["answers"]["team"] == "javascript");
    CHECK(document["answers"]["ml"] == false);
}

TEST_CASE("no answers at all uses the defaults and says so on stderr", "[recommend]") {
    auto result = run_stackpick({});
    CHECK(result.exit_code == 0);
    CHECK(result.err ==
          "stackpick: no answers given: every question is at its default (see 'stackpick --help' "
          "for the "
          "flags)\n");
    CHECK(result.out.find("Nothing was answered") != std::string::npos);
}

TEST_CASE("a bad value on the command line is a usage error with the valid range or choices",
          "[recommend]") {
    struct Case {
        std::vector<std::string> arguments;
        std::string error;
    };
    const std::vector<Case> cases = {
        {{"--concurrent-users", "-5"},
         "--concurrent-users: must be a whole number in 1..100000000, got '-5'"},
        {{"--concurrent-users", "1e9"},
         "--concurrent-users: must be a whole number in 1..100000000, got '1e9'"},
        {{"--concurrent-users", "0x10"},
         "--concurrent-users: must be a whole number in 1..100000000, got '0x10'"},
        {{"--concurrent-users", "abc"},
         "--concurrent-users: must be a whole number in 1..100000000, got 'abc'"},
        {{"--team-size", "nan"}, "--team-size: must be a whole number in 1..10000, got 'nan'"},
        {{"--team", "cobol"}, "--team: cobol not in {javascript,python,mixed,none,beginners}"},
        {{"--product", "sass"},
         "--product: sass not in "
         "{saas,marketplace,analytics,api,ml-product,content,ecommerce,realtime-collab,fintech,"
         "internal-tool} "
         "(did you mean 'saas'?)"},
        {{"--realtime", "--no-realtime"}, "--realtime and --no-realtime contradict each other"},
    };
    for (const auto& c : cases) {
        INFO(c.arguments[0]);
        auto result = run_stackpick(c.arguments);
        CHECK(result.exit_code == 2);
        CHECK(result.out.empty());
        CHECK(result.err == "stackpick: error: " + c.error + "\n");
    }
}

TEST_CASE("a misspelled question flag suggests the real one", "[recommend]") {
    auto result = run_stackpick({"--realtme"});
    CHECK(result.exit_code == 2);
    CHECK(result.err ==
          "stackpick: error: unknown option '--realtme' (did you mean '--realtime'?)\n"
          "hint: run 'stackpick --help' for the options\n");
}

TEST_CASE("a bad answers file is invalid data naming the key", "[recommend]") {
    const auto directory = stackpick::testing::make_temporary_directory();
    const auto file = directory + "/answers.json";
    std::ofstream(file) << R"({"realtme": true, "team": "cobol"})";
    auto result = run_stackpick({"--answers", file});
    CHECK(result.exit_code == 3);
    CHECK(result.out.empty());
    CHECK(result.err ==
          "stackpick: error: " + file +
              ": /realtme: unknown answer key \"realtme\" (did you mean 'realtime'?)\n"
              "stackpick: error: " +
              file +
              ": /team: expected one of javascript|python|mixed|none|beginners or null, got "
              "\"cobol\"\n");
}

TEST_CASE("the -o option writes the result to a file atomically and leaves stdout empty",
          "[recommend]") {
    const auto directory = stackpick::testing::make_temporary_directory();
    const auto file = directory + "/decision.json";
    auto result = run_stackpick({"--realtime", "--json", "-o", file});
    CHECK(result.exit_code == 0);
    CHECK(result.out.empty());
    CHECK(result.err == "stackpick: wrote " + file + "\n");
    CHECK(nlohmann::json::parse(read_file(file))["recommendation"]["id"] == "node");
    // Only the file is left behind: no temporary files.
    CHECK(std::distance(fs::directory_iterator(directory), fs::directory_iterator()) == 1);

    // A failing run leaves the old file untouched.
    auto failed = run_stackpick({"--team", "cobol", "--json", "-o", file});
    CHECK(failed.exit_code == 2);
    CHECK(nlohmann::json::parse(read_file(file))["recommendation"]["id"] == "node");
}

TEST_CASE("the -o option into a missing directory fails with the path and reason", "[recommend]") {
    auto result = run_stackpick({"--realtime", "-o", "/nonexistent/dir/out.txt"});
    CHECK(result.exit_code == 1);
    CHECK(result.out.empty());
    CHECK(result.err ==
          "stackpick: error: cannot write '/nonexistent/dir/out.txt': cannot create a temporary "
          "file in '/nonexistent/dir': No such file or directory\n");
}

TEST_CASE("colour only when asked for or on a terminal that allows it", "[recommend]") {
    auto plain = run_stackpick({"--realtime"});
    CHECK(plain.out.find('\x1b') == std::string::npos);
    auto forced = run_stackpick({"--realtime", "--color", "always"});
    CHECK(forced.out.find("\x1b[1m") != std::string::npos);
    RunOptions no_color;
    no_color.environment["NO_COLOR"] = "1";
    auto json = run_stackpick({"--realtime", "--json", "--color", "always"}, no_color);
    CHECK(json.out.find('\x1b') == std::string::npos);
}

TEST_CASE("stackpick test runs the shipped scenarios with full rule coverage", "[recommend]") {
    auto result = run_stackpick({"test"});
    CHECK(result.exit_code == 0);
    CHECK(result.out.find(" scenarios: ") != std::string::npos);
    CHECK(result.out.find(", 0 failed\n") != std::string::npos);
    auto json = nlohmann::json::parse(run_stackpick({"test", "--json"}).out);
    CHECK(json["failed"] == 0);
    CHECK(json["passed"].get<int>() >= 30);
    CHECK(json["uncovered_rules"].empty());
}

TEST_CASE("stackpick questions lists every flag with the rules that read it", "[recommend]") {
    auto result = run_stackpick({"questions", "--json"});
    CHECK(result.exit_code == 0);
    const auto document = nlohmann::json::parse(result.out);
    const auto& questions = document["questions"];
    REQUIRE(questions.size() >= 19);
    CHECK(questions[0]["flag"] == "--product");
    bool realtime_found = false;
    for (const auto& question : questions)
        if (question["id"] == "realtime") {
            realtime_found = true;
            CHECK(question["rules"][0] == "realtime-favours-node");
        }
    CHECK(realtime_found);
}

TEST_CASE("the --weight option scales a criterion's rules and the output records it",
          "[recommend]") {
    const auto plain = json_of({"--realtime", "--json"});
    CHECK(plain["ranking"][0]["points"] == 4);
    const auto off = json_of({"--realtime", "--weight", "realtime=0", "--json"});
    for (const auto& stack : off["ranking"]) CHECK(stack["points"] == 0);
    CHECK(off["scoring"]["weights"]["realtime"] == 0);
    const auto doubled = json_of({"--realtime", "--weight", "realtime=2", "--json"});
    CHECK(doubled["ranking"][0]["points"] == 8);

    auto typo = run_stackpick({"--realtime", "--weight", "realtme=2"});
    CHECK(typo.exit_code == 2);
    CHECK(typo.err ==
          "stackpick: error: --weight: unknown criterion 'realtme' (did you mean 'realtime'?)\n"
          "hint: 'stackpick facts use-cases' lists the criteria\n");
}

TEST_CASE("the --exclude-source option drops the rules that rest only on that source",
          "[recommend]") {
    // The fintech rule cites only EliteCoders' case study.
    const auto with = json_of({"--product", "fintech", "--json"});
    CHECK(with["ranking"][0]["id"] == "hybrid");
    const auto without =
        json_of({"--product", "fintech", "--exclude-source", "elitecoders-2025", "--json"});
    for (const auto& stack : without["ranking"]) CHECK(stack["points"] == 0);
    CHECK(without["scoring"]["excluded_sources"][0] == "elitecoders-2025");
    auto unknown = run_stackpick({"--exclude-source", "nosuch"});
    CHECK(unknown.exit_code == 2);
}

TEST_CASE("estimate inputs out of range are usage errors with the valid range or choices",
          "[recommend]") {
    struct Case {
        std::vector<std::string> arguments;
        std::string error;
    };
    const std::vector<Case> cases = {
        {{"estimate", "--months", "0"}, "--months: must be a whole number in 1..120, got '0'"},
        {{"estimate", "--team-size", "0"},
         "--team-size: must be a whole number in 1..10000, got '0'"},
        {{"estimate", "--rate", "-1"}, "--rate: must be a number in 1..10000, got '-1'"},
        {{"estimate", "--region", "mars"},
         "--region: mars not in {us,north-america,western-europe,eastern-europe,india}"},
    };
    for (const auto& c : cases) {
        INFO(c.arguments[1]);
        auto result = run_stackpick(c.arguments);
        CHECK(result.exit_code == 2);
        CHECK(result.out.empty());
        CHECK(result.err == "stackpick: error: " + c.error + "\n");
    }
}

TEST_CASE("stackpick estimate reproduces the sources' worked example", "[recommend]") {
    const auto document = json_of({"estimate", "--product", "api", "--team-size", "2", "--months",
                                   "3", "--rate", "100", "--json"});
    // 720 h and 680 h at $100/h plus 3 months of $150 and $200 hosting (EliteCoders' example).
    CHECK(document["cost"]["node"]["total_usd"] == 72450);
    CHECK(document["cost"]["python"]["total_usd"] == 68600);
    CHECK(document["break_even_month"] == 80);
    const auto recommendation = json_of(
        {"--product", "api", "--team-size", "2", "--months", "3", "--rate", "100", "--json"});
    CHECK(recommendation["estimates"]["cost"]["node"]["hosting_usd"] == 450);
    auto text =
        run_stackpick({"--product", "api", "--team-size", "2", "--months", "3", "--rate", "100"});
    CHECK(text.out.find("\nCost and time\n") != std::string::npos);
}

TEST_CASE("an -o target where no temporary file can be made names the refusing directory",
          "[recommend]") {
    auto result = run_stackpick({"--realtime", "-o", "/proc/version"});
    CHECK(result.exit_code == 1);
    CHECK(result.out.empty());
    CHECK(result.err ==
          "stackpick: error: cannot write '/proc/version': cannot create a temporary file in "
          "'/proc': No such file or directory\n");
}

TEST_CASE("an empty choice is named as '' in its error", "[recommend]") {
    auto result = run_stackpick({"--product", ""});
    CHECK(result.exit_code == 2);
    CHECK(result.err.rfind("stackpick: error: --product: '' not in {saas,marketplace,", 0) == 0);
}

TEST_CASE("text from a --data-dir or STACKPICK_DATA_DIR ends naming that knowledge base",
          "[recommend]") {
    const std::string data = stackpick::testing::source_dir() + "/data";
    const std::string version = json_of({"--json"})["knowledge_base"]["version"];
    const auto from_flag = run_stackpick({"--data-dir", data, "--ml"});
    CHECK(from_flag.exit_code == 0);
    const std::string flag_footer =
        "\n\nKnowledge base " + version + " from '" + data + "' (--data-dir)\n";
    CHECK(from_flag.out.size() > flag_footer.size());
    CHECK(from_flag.out.substr(from_flag.out.size() - flag_footer.size()) == flag_footer);

    RunOptions environment;
    environment.environment["STACKPICK_DATA_DIR"] = data;
    const auto estimate = run_stackpick({"estimate"}, environment);
    CHECK(estimate.exit_code == 0);
    const std::string env_footer =
        "\n\nKnowledge base " + version + " from '" + data + "' (STACKPICK_DATA_DIR)\n";
    CHECK(estimate.out.substr(estimate.out.size() - env_footer.size()) == env_footer);

    // The embedded knowledge base: no footer, and the text is otherwise the same.
    const auto embedded = run_stackpick({"--ml"});
    CHECK(embedded.out.find("\nKnowledge base ") == std::string::npos);
    CHECK(embedded.out + flag_footer.substr(1) == from_flag.out);
}
