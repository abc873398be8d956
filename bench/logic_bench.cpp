// JSON Logic: compile and evaluate typical stackpick rules against an answers document.
// The numbers to compare with json-logic-engine's compiled mode are BM_EvaluateTruthy's
// (ns/iteration): the engine's conditions take that path (a typed program for var compared with
// a literal, in, and/or/!); BM_Evaluate's build the result value with the general evaluator.

#include <benchmark/benchmark.h>

#include <string>

#include <nlohmann/json.hpp>

#include "stackpick/logic/logic.hpp"

namespace {

using nlohmann::json;
namespace logic = stackpick::logic;

constexpr const char* k_if_threshold =
    R"({"if":[{">":[{"var":"concurrent_users"},10000]},"node",{"<":[{"var":"concurrent_users"},100]},"python","hybrid"]})";
constexpr const char* k_and_flags = R"({"and":[{"var":"realtime"},{"var":"ml"}]})";
constexpr const char* k_in_list = R"({"in":[{"var":"team"},["javascript","mixed"]]})";
constexpr const char* k_small_team =
    R"({"and":[{"!=":[{"var":"team_size"},null]},{"<=":[{"var":"team_size"},2]}]})";
constexpr const char* k_product_or =
    R"({"or":[{"var":"data_heavy"},{"==":[{"var":"product"},"analytics"]},{"==":[{"var":"product"},"ml-product"]}]})";
constexpr const char* k_nested_path = R"({">=":[{"var":"load.peak.rps"},5000]})";
constexpr const char* k_filter_reduce =
    R"({"reduce":[{"filter":[{"var":"latencies"},{">":[{"var":""},50]}]},{"+":[{"var":"accumulator"},{"var":"current"}]},0]})";

/// A stackpick answers document, the data every rule is evaluated against.
json answers() {
    json data = {
        {"product", "saas"},
        {"team", "javascript"},
        {"team_size", 4},
        {"frontend", "react"},
        {"concurrent_users", 50000},
        {"realtime", true},
        {"ml", false},
        {"mvp", false},
        {"data_heavy", false},
        {"cpu_heavy", false},
        {"admin_panel", true},
        {"budget", "medium"},
        {"timeline_weeks", 12},
        {"load", {{"peak", {{"rps", 8000}}}}},
    };
    json latencies = json::array();
    for (int i = 0; i < 100; ++i) latencies.push_back((i * 37) % 101);
    data["latencies"] = std::move(latencies);
    return data;
}

void BM_Evaluate(benchmark::State& state, const char* rule_text) {
    const logic::Expression rule = logic::compile(json::parse(rule_text));
    const json data = answers();
    for (auto _ : state) {
        json result = logic::evaluate(rule, data);
        benchmark::DoNotOptimize(result);
    }
}

void BM_EvaluateTruthy(benchmark::State& state, const char* rule_text) {
    const logic::Expression rule = logic::compile(json::parse(rule_text));
    const json data = answers();
    for (auto _ : state) {
        bool result = logic::evaluate_truthy(rule, data);
        benchmark::DoNotOptimize(result);
    }
}

// The same evaluation recording a trace (--explain): what tracing costs when it is on. Off, the
// engine pays one null-pointer test per variable read (BM_Evaluate above).
void BM_EvaluateTraced(benchmark::State& state, const char* rule_text) {
    const logic::Expression rule = logic::compile(json::parse(rule_text));
    const json data = answers();
    for (auto _ : state) {
        logic::Trace trace;
        json result = logic::evaluate(rule, data, &trace);
        benchmark::DoNotOptimize(result);
        benchmark::DoNotOptimize(trace);
    }
}

void BM_Compile(benchmark::State& state, const char* rule_text) {
    const json rule = json::parse(rule_text);
    for (auto _ : state) {
        logic::Expression expression = logic::compile(rule);
        benchmark::DoNotOptimize(expression);
    }
}

}  // namespace

BENCHMARK_CAPTURE(BM_Evaluate, if_threshold, k_if_threshold);
BENCHMARK_CAPTURE(BM_Evaluate, and_flags, k_and_flags);
BENCHMARK_CAPTURE(BM_Evaluate, in_list, k_in_list);
BENCHMARK_CAPTURE(BM_Evaluate, small_team, k_small_team);
BENCHMARK_CAPTURE(BM_Evaluate, product_or, k_product_or);
BENCHMARK_CAPTURE(BM_Evaluate, nested_path, k_nested_path);
BENCHMARK_CAPTURE(BM_Evaluate, filter_reduce_100, k_filter_reduce);

BENCHMARK_CAPTURE(BM_EvaluateTruthy, if_threshold, k_if_threshold);
BENCHMARK_CAPTURE(BM_EvaluateTruthy, and_flags, k_and_flags);
BENCHMARK_CAPTURE(BM_EvaluateTruthy, in_list, k_in_list);
BENCHMARK_CAPTURE(BM_EvaluateTruthy, small_team, k_small_team);
BENCHMARK_CAPTURE(BM_EvaluateTruthy, product_or, k_product_or);
BENCHMARK_CAPTURE(BM_EvaluateTruthy, nested_path, k_nested_path);
BENCHMARK_CAPTURE(BM_EvaluateTruthy, filter_reduce_100, k_filter_reduce);

BENCHMARK_CAPTURE(BM_EvaluateTraced, if_threshold, k_if_threshold);
BENCHMARK_CAPTURE(BM_EvaluateTraced, and_flags, k_and_flags);
BENCHMARK_CAPTURE(BM_EvaluateTraced, small_team, k_small_team);

BENCHMARK_CAPTURE(BM_Compile, if_threshold, k_if_threshold);
BENCHMARK_CAPTURE(BM_Compile, and_flags, k_and_flags);
BENCHMARK_CAPTURE(BM_Compile, in_list, k_in_list);
BENCHMARK_CAPTURE(BM_Compile, small_team, k_small_team);
BENCHMARK_CAPTURE(BM_Compile, filter_reduce_100, k_filter_reduce);

BENCHMARK_MAIN();
