// End-to-end tests of the command line: the real binary, its output streams and exit codes.

#include <fstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "stackpick/version.hpp"
#include "support/run_binary.hpp"

using stackpick::testing::run_stackpick;
using stackpick::testing::RunOptions;

TEST_CASE("stackpick --version prints the program and knowledge-base versions", "[cli]") {
    auto result = run_stackpick({"--version"});
    CHECK(result.exit_code == 0);
    CHECK(result.err.empty());
    CHECK(result.out.rfind(std::string("stackpick ") + stackpick::k_version + "\n", 0) == 0);
    CHECK(result.out.find("knowledge base 2026.12 (2026-12-04, review by 2027-06-04, embedded)") !=
          std::string::npos);
}

TEST_CASE("stackpick --help shows examples first and lists the exit codes", "[cli]") {
    auto result = run_stackpick({"--help"});
    CHECK(result.exit_code == 0);
    CHECK(result.err.empty());
    const auto examples = result.out.find("Examples:");
    const auto options = result.out.find("Options:");
    REQUIRE(examples != std::string::npos);
    REQUIRE(options != std::string::npos);
    CHECK(examples < options);
    CHECK(result.out.find("Exit codes:") != std::string::npos);
    CHECK(result.out.find("130  interrupted") != std::string::npos);
}

TEST_CASE("an unknown option is a usage error with the nearest valid option", "[cli]") {
    auto result = run_stackpick({"--verbos"});
    CHECK(result.exit_code == 2);
    CHECK(result.out.empty());
    CHECK(result.err ==
          "stackpick: error: unknown option '--verbos' (did you mean '--verbose'?)\n"
          "hint: run 'stackpick --help' for the options\n");
}

TEST_CASE("a missing --data-dir is a usage error naming the directory", "[cli]") {
    auto result = run_stackpick({"--data-dir", "/nonexistent/kb", "--version"});
    CHECK(result.exit_code == 2);
    CHECK(result.out.empty());
    CHECK(result.err ==
          "stackpick: error: --data-dir: directory '/nonexistent/kb' does not exist\n");
}

TEST_CASE("a --data-dir that is a file is a usage error", "[cli]") {
    const auto directory = stackpick::testing::make_temporary_directory();
    const auto file = directory + "/plain-file";
    std::ofstream(file) << "x";
    auto result = run_stackpick({"--data-dir", file, "validate"});
    CHECK(result.exit_code == 2);
    CHECK(result.err == "stackpick: error: --data-dir: '" + file + "' is not a directory\n");
}

TEST_CASE("STACKPICK_DATA_DIR is used when --data-dir is not given", "[cli]") {
    RunOptions options;
    options.environment["STACKPICK_DATA_DIR"] = "/nonexistent/env-kb";
    auto result = run_stackpick({"validate"}, options);
    CHECK(result.exit_code == 2);
    CHECK(result.err ==
          "stackpick: error: STACKPICK_DATA_DIR: directory '/nonexistent/env-kb' does not exist\n");
}

TEST_CASE("stackpick --verbose says which knowledge base was used", "[cli]") {
    auto embedded = run_stackpick({"--verbose", "validate"});
    CHECK(embedded.exit_code == 0);
    CHECK(embedded.err == "stackpick: using the knowledge base embedded in the binary\n");

    const std::string data = stackpick::testing::source_dir() + "/data";
    auto directory = run_stackpick({"--verbose", "--data-dir", data, "validate"});
    CHECK(directory.exit_code == 0);
    CHECK(directory.err ==
          "stackpick: using the knowledge base in '" + data + "' (from --data-dir)\n");
}

TEST_CASE("the embedded knowledge base works from any directory", "[cli]") {
    RunOptions options;
    options.working_directory = "/";
    auto result = run_stackpick({"validate"}, options);
    CHECK(result.exit_code == 0);
    CHECK(result.out.find("is valid") != std::string::npos);
}

TEST_CASE("a command asked for a format it does not render refuses it instead of printing text",
          "[cli]") {
    const std::string answers = stackpick::testing::source_dir() + "/tests/fixtures/answers/";
    struct Case {
        std::vector<std::string> arguments;
        std::string error;
    };
    const std::vector<Case> cases = {
        {{"diff", answers + "realtime.json", answers + "realtime-ml.json", "--format", "markdown"},
         "diff: --format markdown is not available: it prints text, json or html"},
        {{"validate", "--format", "html"},
         "validate: --format html is not available: it prints text or json"},
        {{"validate", "--format", "markdown"},
         "validate: --format markdown is not available: it prints text or json"},
        {{"facts", "cost", "--format", "markdown"},
         "facts: --format markdown is not available: it prints text or json"},
        {{"questions", "--format", "markdown"},
         "questions: --format markdown is not available: it prints text or json"},
        {{"completions", "bash", "--json"}, "completions: --json is not available: it prints text"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.arguments);
        const auto result = stackpick::testing::run_stackpick(c.arguments);
        CHECK(result.exit_code == 2);
        CHECK(result.out.empty());
        CHECK(result.err.rfind("stackpick: error: " + c.error + "\n", 0) == 0);
    }
    // The formats a command has still work.
    CHECK(stackpick::testing::run_stackpick({"estimate", "--format", "markdown"}).exit_code == 0);
    CHECK(stackpick::testing::run_stackpick({"--realtime", "--format", "markdown"}).exit_code == 0);
    CHECK(stackpick::testing::run_stackpick({"validate", "--json"}).exit_code == 0);
    CHECK(stackpick::testing::run_stackpick({"--realtime", "--format", "html"}).exit_code == 0);
    CHECK(stackpick::testing::run_stackpick({"estimate", "--format", "html"}).exit_code == 0);
    CHECK(stackpick::testing::run_stackpick(
              {"diff", answers + "realtime.json", answers + "realtime-ml.json", "--format", "html"})
              .exit_code == 0);
}
