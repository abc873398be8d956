// What-if search on the shipped knowledge base: it must stay under 50 ms (issue 9). Each case is
// one full search, single changes then pairs, every reported flip re-scored by recommend().
//   what_if_bench --benchmark_time_unit=ms

#include <benchmark/benchmark.h>

#include <algorithm>
#include <string>
#include <vector>

#include "stackpick/cli/embedded_data.hpp"
#include "stackpick/engine/what_if.hpp"
#include "stackpick/knowledge/knowledge_base.hpp"
#include "stackpick/knowledge/scenarios.hpp"

namespace {

using stackpick::GivenAnswers;

const stackpick::KnowledgeBase& shipped() {
    static const stackpick::KnowledgeBase knowledge_base =
        stackpick::load_knowledge_base(stackpick::locate_knowledge_base(std::nullopt, nullptr));
    return knowledge_base;
}

void run(benchmark::State& state, const GivenAnswers& given, std::size_t max_flips) {
    std::size_t scorings = 0;
    std::size_t flips = 0;
    for (auto _ : state) {
        const stackpick::WhatIf result = stackpick::what_if(shipped(), given, {}, max_flips);
        scorings = result.scorings;
        flips = result.flips.size();
        benchmark::DoNotOptimize(result);
    }
    state.counters["scorings"] = static_cast<double>(scorings);
    state.counters["flips"] = static_cast<double>(flips);
}

// Nothing answered: a three-way tie, so most single changes flip it (no pair search).
void BM_WhatIf_NothingAnswered(benchmark::State& state) { run(state, {}, 10); }

// `stackpick --realtime --ml`: the README's example.
void BM_WhatIf_RealtimeMl(benchmark::State& state) {
    run(state, {{"realtime", true}, {"ml", true}}, 10);
}

// A clear lead that no single change overturns: the whole pair search runs.
void BM_WhatIf_PairsNeeded(benchmark::State& state) {
    run(state, {{"team", "python"}, {"ml", true}, {"data_heavy", true}}, 10);
}

// Every question answered, with no cap on the flips: the most work the search does.
void BM_WhatIf_EverythingAnsweredUncapped(benchmark::State& state) {
    run(state,
        {{"product", "fintech"},
         {"team", "mixed"},
         {"team_size", 15},
         {"frontend", "react"},
         {"realtime", true},
         {"ml", true},
         {"data_heavy", true},
         {"cpu_heavy", false},
         {"data_scientists", true},
         {"streaming", false},
         {"concurrent_users", 5000},
         {"microservices", true},
         {"admin_panel", false},
         {"mvp", false},
         {"seo", false},
         {"serverless", false},
         {"scraping", false},
         {"type_safety", true},
         {"tight_budget", false}},
        1000);
}

// Every shipped scenario in turn (data/scenarios): the time per iteration is for all of them.
void BM_WhatIf_EveryShippedScenario(benchmark::State& state) {
    const auto scenarios =
        stackpick::load_scenarios(shipped(), stackpick::shipped_scenario_files(shipped()));
    for (auto _ : state)
        for (const auto& scenario : scenarios) {
            const stackpick::WhatIf result = stackpick::what_if(shipped(), scenario.answers, {});
            benchmark::DoNotOptimize(result);
        }
    state.counters["scenarios"] = static_cast<double>(scenarios.size());
}

// The worst case the cap allows: the shipped rules 150 times over (same picks, 150 times the
// work per scoring), so the pair search stops at k_what_if_max_evaluations.
void BM_WhatIf_StoppedAtBudget(benchmark::State& state) {
    stackpick::KnowledgeBase large = shipped();
    const std::vector<stackpick::Rule> rules = large.rules;
    for (int copy = 1; copy < 150; ++copy)
        large.rules.insert(large.rules.end(), rules.begin(), rules.end());
    const GivenAnswers given = {{"team", "python"}, {"ml", true}, {"data_heavy", true}};
    bool capped = false;
    for (auto _ : state) {
        const stackpick::WhatIf result = stackpick::what_if(large, given, {});
        capped = result.capped;
        benchmark::DoNotOptimize(result);
    }
    state.counters["capped"] = capped ? 1 : 0;
}

}  // namespace

BENCHMARK(BM_WhatIf_NothingAnswered)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_WhatIf_RealtimeMl)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_WhatIf_PairsNeeded)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_WhatIf_EverythingAnsweredUncapped)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_WhatIf_EveryShippedScenario)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_WhatIf_StoppedAtBudget)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
