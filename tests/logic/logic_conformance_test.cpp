// The json-logic compat-tables suites (../shared/jsonlogic-suites): one test case per suite file,
// plus one that runs them all and checks the total. Skipped, with a warning, when absent.

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "stackpick/logic/logic.hpp"

#ifndef STACKPICK_JSONLOGIC_SUITES
#define STACKPICK_JSONLOGIC_SUITES "../shared/jsonlogic-suites"
#endif

namespace {

namespace fs = std::filesystem;
using nlohmann::json;
namespace logic = stackpick::logic;

constexpr std::size_t k_expected_files = 48;
constexpr std::size_t k_expected_cases = 1138;

fs::path suites_directory() { return fs::path(STACKPICK_JSONLOGIC_SUITES); }

bool suites_available() { return fs::is_regular_file(suites_directory() / "index.json"); }

void warn_missing() {
    WARN("JSON Logic conformance suites not found at '"
         << suites_directory().string()
         << "' (set STACKPICK_JSONLOGIC_SUITES); skipping the conformance tests");
}

json read_json(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot open " + path.string());
    return json::parse(in);
}

/// Numbers compare by value (3 == 3.0); "decimal" results allow a 1e-9 relative difference.
bool same_value(const json& expected, const json& actual, bool decimal) {
    if (expected.is_number() && actual.is_number()) {
        const double x = expected.get<double>();
        const double y = actual.get<double>();
        if (x == y) return true;
        return decimal && std::fabs(x - y) <= 1e-9 * std::max(std::fabs(x), std::fabs(y));
    }
    if (expected.type() != actual.type()) return false;
    if (expected.is_array()) {
        if (expected.size() != actual.size()) return false;
        for (std::size_t i = 0; i < expected.size(); ++i) {
            if (!same_value(expected[i], actual[i], decimal)) return false;
        }
        return true;
    }
    if (expected.is_object()) {
        if (expected.size() != actual.size()) return false;
        for (const auto& [key, value] : expected.items()) {
            const auto found = actual.find(key);
            if (found == actual.end() || !same_value(value, *found, decimal)) return false;
        }
        return true;
    }
    return expected == actual;
}

struct SuiteResult {
    std::size_t cases = 0;
    std::size_t passed = 0;
    std::vector<std::string> failures;
};

/// Runs one case; returns an empty string when it passes, else a report of what went wrong.
std::string run_case(const std::string& suite, const json& test) {
    const bool wants_error = test.contains("error");
    const bool decimal = test.value("decimal", false);
    const json data = test.value("data", json());
    std::string actual;
    bool passed = false;
    try {
        const logic::Expression expression = logic::compile(test.at("rule"));
        const json result = logic::evaluate(expression, data);
        actual = logic::to_compact_json(result);
        passed = !wants_error && same_value(test.at("result"), result, decimal);
    } catch (const logic::RuleError& e) {
        actual = std::string("error ") + logic::to_compact_json(e.error);
        passed = wants_error && e.error.is_object() && e.error.contains("type") &&
                 e.error["type"] == test["error"]["type"];
    } catch (const logic::CompileError& e) {
        actual = std::string("compile error: ") + e.what();
    }
    if (passed) return {};
    std::ostringstream report;
    report << "suite:       " << suite << '\n'
           << "description: " << test.value("description", std::string("(none)")) << '\n'
           << "rule:        " << logic::to_compact_json(test.at("rule")) << '\n'
           << "data:        " << logic::to_compact_json(data) << '\n'
           << "expected:    "
           << (wants_error ? "error " + logic::to_compact_json(test["error"])
                           : logic::to_compact_json(test.at("result")))
           << '\n'
           << "actual:      " << actual;
    return report.str();
}

SuiteResult run_suite(const std::string& file) {
    SuiteResult result;
    for (const json& entry : read_json(suites_directory() / file)) {
        if (entry.is_string()) continue;  // a section heading
        ++result.cases;
        std::string failure = run_case(file, entry);
        if (failure.empty()) {
            ++result.passed;
        } else {
            result.failures.push_back(std::move(failure));
        }
    }
    return result;
}

void check_suite(const std::string& file) {
    if (!suites_available()) {
        warn_missing();
        return;
    }
    const SuiteResult result = run_suite(file);
    for (const auto& failure : result.failures) FAIL_CHECK(failure);
    CHECK(result.cases > 0);
    CHECK(result.passed == result.cases);
}

/// The files that have their own test case, so the total test can spot a file left out.
std::vector<std::string>& files_with_a_test() {
    static std::vector<std::string> files;
    return files;
}

struct FileWithATest {
    explicit FileWithATest(const char* file) { files_with_a_test().emplace_back(file); }
};

}  // namespace

#define STACKPICK_CONCAT_INNER(a, b) a##b
#define STACKPICK_CONCAT(a, b) STACKPICK_CONCAT_INNER(a, b)
#define STACKPICK_SUITE_TEST(file)                                                    \
    static const FileWithATest STACKPICK_CONCAT(k_file_with_a_test_, __LINE__){file}; \
    TEST_CASE("JSON Logic suite " file " passes", "[logic][conformance]") { check_suite(file); }

STACKPICK_SUITE_TEST("compatible.json")
STACKPICK_SUITE_TEST("arithmetic/plus.json")
STACKPICK_SUITE_TEST("arithmetic/plus.extra.json")
STACKPICK_SUITE_TEST("arithmetic/multiply.json")
STACKPICK_SUITE_TEST("arithmetic/multiply.extra.json")
STACKPICK_SUITE_TEST("arithmetic/minus.json")
STACKPICK_SUITE_TEST("arithmetic/minus.extra.json")
STACKPICK_SUITE_TEST("arithmetic/divide.json")
STACKPICK_SUITE_TEST("arithmetic/divide.extra.json")
STACKPICK_SUITE_TEST("arithmetic/modulo.json")
STACKPICK_SUITE_TEST("arithmetic/modulo.extra.json")
STACKPICK_SUITE_TEST("comparison/greaterThan.json")
STACKPICK_SUITE_TEST("comparison/greaterThanEquals.json")
STACKPICK_SUITE_TEST("comparison/lessThan.json")
STACKPICK_SUITE_TEST("comparison/lessThanEquals.json")
STACKPICK_SUITE_TEST("comparison/softEquals.json")
STACKPICK_SUITE_TEST("comparison/softNotEquals.json")
STACKPICK_SUITE_TEST("comparison/strictEquals.json")
STACKPICK_SUITE_TEST("comparison/strictNotEquals.json")
STACKPICK_SUITE_TEST("control/and.json")
STACKPICK_SUITE_TEST("control/if.json")
STACKPICK_SUITE_TEST("control/or.json")
STACKPICK_SUITE_TEST("control/not.json")
STACKPICK_SUITE_TEST("control/doublebang.json")
STACKPICK_SUITE_TEST("string/in.json")
STACKPICK_SUITE_TEST("string/cat.json")
STACKPICK_SUITE_TEST("string/substr.json")
STACKPICK_SUITE_TEST("array/map.json")
STACKPICK_SUITE_TEST("array/filter.json")
STACKPICK_SUITE_TEST("array/reduce.json")
STACKPICK_SUITE_TEST("array/merge.json")
STACKPICK_SUITE_TEST("array/all.json")
STACKPICK_SUITE_TEST("array/some.json")
STACKPICK_SUITE_TEST("array/none.json")
STACKPICK_SUITE_TEST("truthiness.json")
STACKPICK_SUITE_TEST("additional.json")
STACKPICK_SUITE_TEST("coalesce.json")
STACKPICK_SUITE_TEST("chained.json")
STACKPICK_SUITE_TEST("iterators.extra.json")
STACKPICK_SUITE_TEST("exists.json")
STACKPICK_SUITE_TEST("scopes.json")
STACKPICK_SUITE_TEST("throw.json")
STACKPICK_SUITE_TEST("try.json")
STACKPICK_SUITE_TEST("try.extra.json")
STACKPICK_SUITE_TEST("val.json")
STACKPICK_SUITE_TEST("val.extra.json")
STACKPICK_SUITE_TEST("val-compat.json")
STACKPICK_SUITE_TEST("var.extra.json")

TEST_CASE("JSON Logic conformance passes every case of every suite listed in index.json",
          "[logic][conformance]") {
    if (!suites_available()) {
        warn_missing();
        return;
    }
    const json index = read_json(suites_directory() / "index.json");
    REQUIRE(index.is_array());
    std::size_t cases = 0;
    std::size_t passed = 0;
    for (const json& file : index) {
        INFO("suite file " << file.get<std::string>() << " has its own test case");
        CHECK(std::find(files_with_a_test().begin(), files_with_a_test().end(),
                        file.get<std::string>()) != files_with_a_test().end());
        const SuiteResult result = run_suite(file.get<std::string>());
        cases += result.cases;
        passed += result.passed;
    }
    WARN("JSON Logic conformance: " << passed << "/" << cases << " passed");
    CHECK(index.size() == k_expected_files);
    CHECK(cases == k_expected_cases);
    REQUIRE(passed == k_expected_cases);
}
