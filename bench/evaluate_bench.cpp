// In-process measurements for bench/run.py, printed as one JSON object on stdout:
//
//   evaluate_bench load [--data-dir DIR] [--repetitions R]
//     Knowledge-base load (read, parse, validate, compile) of the embedded data or of DIR, with
//     the share of JSON parsing and of rule compiling measured on their own. For a DIR, also
//     its load through the compiled cache (a fresh one in a temporary directory), as the command
//     line loads it: the first load, which parses and stores the entry, and a warm load from it.
//   evaluate_bench evaluate --data-dir DIR --answers FILE --sets M [--repetitions R]
//                           [--checksum-at A,B,...] [--engine]
//     Evaluation only: the first M answer sets of FILE are parsed, resolved and laid out in the
//     knowledge base's answer slots (as batch does once per line) before timing;
//     the timed loop evaluates every compiled rule condition on every set (as the scorer does,
//     from a logic::ConditionSet) and adds the rule's points to the set's per-stack totals, the
//     same work as the peers' loops (bench/peers/).
//     --engine times recommend() (the whole engine: reasons, cautions, frameworks, ranking)
//     per set instead.
//
// The checksum of the per-set point totals is the one every peer prints: the sum over sets i
// (from 1) of i * sum over stacks s (in knowledge-base order, from 0) of points * (2s + 3).

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <unistd.h>

#include <nlohmann/json.hpp>

#include "stackpick/cli/embedded_data.hpp"
#include "stackpick/engine/engine.hpp"
#include "stackpick/engine/scorer.hpp"
#include "stackpick/knowledge/answers.hpp"
#include "stackpick/knowledge/knowledge_base.hpp"
#include "stackpick/logic/logic.hpp"
#include "stackpick/util/error.hpp"
#include "stackpick/util/json_file.hpp"

namespace {

using nlohmann::json;
using Clock = std::chrono::steady_clock;
using PointTotals = std::vector<std::vector<std::int64_t>>;  // [set][stack]

struct Options {
    std::string mode;
    std::optional<std::string> data_dir;
    std::string answers;
    std::size_t sets = 0;
    int repetitions = 5;
    std::vector<std::size_t> checksum_at;
    bool engine = false;
};

std::vector<std::size_t> parse_counts(const std::string& text) {
    std::vector<std::size_t> counts;
    std::stringstream stream(text);
    std::string item;
    while (std::getline(stream, item, ',')) counts.push_back(std::stoul(item));
    return counts;
}

Options parse_options(int argc, char** argv) {
    if (argc < 2) throw std::invalid_argument("usage: evaluate_bench load|evaluate [options]");
    Options options;
    options.mode = argv[1];
    for (int i = 2; i < argc; ++i) {
        const std::string flag = argv[i];
        if (flag == "--engine") {
            options.engine = true;
            continue;
        }
        if (i + 1 >= argc) throw std::invalid_argument(flag + " needs a value");
        const std::string value = argv[++i];
        if (flag == "--data-dir")
            options.data_dir = value;
        else if (flag == "--answers")
            options.answers = value;
        else if (flag == "--sets")
            options.sets = std::stoul(value);
        else if (flag == "--repetitions")
            options.repetitions = std::stoi(value);
        else if (flag == "--checksum-at")
            options.checksum_at = parse_counts(value);
        else
            throw std::invalid_argument("unknown option " + flag);
    }
    if (options.mode != "load" && options.mode != "evaluate")
        throw std::invalid_argument("unknown mode " + options.mode);
    if (options.repetitions < 1) throw std::invalid_argument("--repetitions must be at least 1");
    return options;
}

double milliseconds_since(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

stackpick::KnowledgeBase load(const Options& options) {
    return stackpick::load_knowledge_base(stackpick::locate_knowledge_base(options.data_dir, ""));
}

/// The text of every knowledge-base file, as the loader reads it.
std::vector<std::string> knowledge_base_texts(const Options& options) {
    std::vector<std::string> texts;
    if (!options.data_dir) {
        for (const auto& file : stackpick::embedded_data_files())
            if (file.name.find('/') == std::string_view::npos) texts.emplace_back(file.content);
        return texts;
    }
    for (const auto& entry : std::filesystem::directory_iterator(*options.data_dir))
        if (entry.is_regular_file() && entry.path().extension() == ".json")
            texts.push_back(stackpick::read_text_file(entry.path(), entry.path().string(),
                                                      stackpick::k_knowledge_base_limits));
    return texts;
}

/// Every condition the loader compiles: rules, framework picks, split services, ask_if.
std::vector<json> conditions_of(const stackpick::KnowledgeBase& knowledge_base) {
    std::vector<json> conditions;
    for (const auto& rule : knowledge_base.rules) conditions.push_back(rule.when);
    for (const auto& pick : knowledge_base.framework_picks) conditions.push_back(pick.when);
    for (const auto& service : knowledge_base.split) conditions.push_back(service.when);
    for (const auto& question : knowledge_base.questions)
        if (!question.ask_if_rule.is_null()) conditions.push_back(question.ask_if_rule);
    return conditions;
}

/// Loads of DIR through the compiled cache, with the command line's own functions: the cache in
/// a new temporary directory as $XDG_CACHE_HOME, emptied before each first load.
json run_cached_load(const Options& options) {
    namespace fs = std::filesystem;
    const fs::path home =
        fs::temp_directory_path() / ("evaluate_bench-cache-" + std::to_string(::getpid()));
    stackpick::Console console;
    console.environment_xdg_cache_home = home.string();
    const auto cache = stackpick::knowledge_base_cache(console, false);
    if (!cache) throw std::runtime_error("no cache directory");
    const auto location = stackpick::locate_knowledge_base(options.data_dir, "");
    json first_ms = json::array(), warm_ms = json::array();
    for (int repetition = 0; repetition < options.repetitions; ++repetition) {
        fs::remove_all(home);
        auto use = stackpick::CacheUse::not_cached;
        auto start = Clock::now();
        (void)stackpick::load_knowledge_base(location, &*cache, &use);
        first_ms.push_back(milliseconds_since(start));
        if (use != stackpick::CacheUse::stored) throw std::runtime_error("cache entry not stored");
        start = Clock::now();
        const auto knowledge_base = stackpick::load_knowledge_base(location, &*cache, &use);
        warm_ms.push_back(milliseconds_since(start));
        if (use != stackpick::CacheUse::hit) throw std::runtime_error("cache entry not read");
    }
    fs::remove_all(home);
    return {{"cache_first_load_ms", first_ms}, {"cache_load_ms", warm_ms}};
}

json run_load(const Options& options) {
    json load_ms = json::array(), parse_ms = json::array(), compile_ms = json::array();
    std::size_t rules = 0;
    for (int repetition = 0; repetition < options.repetitions; ++repetition) {
        auto start = Clock::now();
        const auto knowledge_base = load(options);
        load_ms.push_back(milliseconds_since(start));
        rules = knowledge_base.rules.size();

        // The parts, timed on their own: parsing every file, and compiling every condition.
        const auto texts = knowledge_base_texts(options);
        // Parsing alone: the documents are freed after the clock stops (the loader frees each
        // rule as it reads it, which costs less than freeing a whole document at once).
        std::vector<json> documents;
        documents.reserve(texts.size());
        start = Clock::now();
        for (const auto& text : texts) {
            documents.push_back(
                stackpick::parse_json_text(text, "bench", stackpick::k_knowledge_base_limits));
            if (documents.back().is_discarded()) throw std::runtime_error("unparsable");
        }
        parse_ms.push_back(milliseconds_since(start));
        documents.clear();

        const auto conditions = conditions_of(knowledge_base);
        start = Clock::now();
        std::size_t compiled = 0;
        for (const auto& condition : conditions) {
            const auto expression = stackpick::logic::compile(condition);
            compiled += sizeof(expression) > 0 ? 1 : 0;
        }
        compile_ms.push_back(milliseconds_since(start));
        if (compiled != conditions.size()) throw std::runtime_error("compile count");
    }
    json result = {{"mode", "load"},       {"origin", options.data_dir.value_or("embedded")},
                   {"rules", rules},       {"load_ms", load_ms},
                   {"parse_ms", parse_ms}, {"compile_ms", compile_ms}};
    if (options.data_dir) result.update(run_cached_load(options));
    return result;
}

/// The first `count` answer sets of the file, parsed and resolved with defaults.
std::vector<stackpick::ResolvedAnswers> read_answer_sets(
    const std::string& path, std::size_t count, const stackpick::KnowledgeBase& knowledge_base) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot open " + path);
    std::vector<stackpick::ResolvedAnswers> sets;
    std::string line;
    while (sets.size() < count && std::getline(in, line)) {
        const auto given = stackpick::parse_answers_document(
            json::parse(line), path + ":" + std::to_string(sets.size() + 1),
            knowledge_base.questions);
        sets.push_back(stackpick::resolve_answers(knowledge_base.questions, given));
    }
    if (sets.size() < count)
        throw std::runtime_error(path + " has only " + std::to_string(sets.size()) + " lines");
    return sets;
}

/// Each rule's points as (stack index, integer points), so the loop adds without map look-ups,
/// as the peers add from pre-translated arrays.
std::vector<std::vector<std::pair<std::size_t, std::int64_t>>> flat_points(
    const stackpick::KnowledgeBase& knowledge_base) {
    std::vector<std::vector<std::pair<std::size_t, std::int64_t>>> all;
    for (const auto& rule : knowledge_base.rules) {
        std::vector<std::pair<std::size_t, std::int64_t>> points;
        for (std::size_t s = 0; s < knowledge_base.stacks.size(); ++s) {
            const double value = rule.points_for(knowledge_base.stacks[s].id);
            if (value == 0) continue;
            if (value != std::floor(value))
                throw std::runtime_error("rule " + rule.id + " has non-integer points");
            points.emplace_back(s, static_cast<std::int64_t>(value));
        }
        all.push_back(std::move(points));
    }
    return all;
}

/// Every rule's condition on every set, as the scorer evaluates them: a ConditionSet of them
/// all, made before timing (as the peers compile theirs).
void evaluate_rules(const stackpick::logic::ConditionSet& conditions,
                    const std::vector<std::vector<std::pair<std::size_t, std::int64_t>>>& points,
                    const std::vector<stackpick::logic::SlotData>& sets, PointTotals& totals) {
    std::vector<std::uint8_t> held;
    for (std::size_t i = 0; i < sets.size(); ++i) {
        auto& line = totals[i];
        std::fill(line.begin(), line.end(), 0);
        conditions.evaluate(sets[i], held);
        for (std::size_t r = 0; r < conditions.size(); ++r)
            if (held[r] != 0)
                for (const auto& [stack, value] : points[r]) line[stack] += value;
    }
}

/// recommend() per set; the totals are the points of the rules it reports as fired (a stack a
/// constraint rules out is not ranked, so the ranking alone cannot give every stack's points).
void run_engine(const stackpick::KnowledgeBase& knowledge_base,
                const std::vector<std::vector<std::pair<std::size_t, std::int64_t>>>& points,
                const std::vector<stackpick::ResolvedAnswers>& sets, PointTotals& totals) {
    for (std::size_t i = 0; i < sets.size(); ++i) {
        const auto recommendation = stackpick::recommend(knowledge_base, sets[i]);
        auto& line = totals[i];
        std::fill(line.begin(), line.end(), 0);
        for (std::size_t r = 0; r < recommendation.outcomes.size(); ++r)
            if (recommendation.outcomes[r].fired)
                for (const auto& [stack, value] : points[r]) line[stack] += value;
    }
}

json checksum(const PointTotals& totals, std::size_t count) {
    std::int64_t weighted = 0;
    std::vector<std::int64_t> per_stack(totals.empty() ? 0 : totals[0].size(), 0);
    for (std::size_t i = 0; i < count; ++i) {
        std::int64_t line = 0;
        for (std::size_t s = 0; s < totals[i].size(); ++s) {
            line += totals[i][s] * static_cast<std::int64_t>(2 * s + 3);
            per_stack[s] += totals[i][s];
        }
        weighted += static_cast<std::int64_t>(i + 1) * line;
    }
    return {{"sets", count}, {"weighted", std::to_string(weighted)}, {"totals", per_stack}};
}

json run_evaluate(const Options& options) {
    if (!options.data_dir || options.answers.empty() || options.sets == 0)
        throw std::invalid_argument("evaluate needs --data-dir, --answers and --sets");
    const auto knowledge_base = load(options);
    const auto sets = read_answer_sets(options.answers, options.sets, knowledge_base);
    const auto points = flat_points(knowledge_base);
    // Laid out in the knowledge base's answer slots, as batch does once per line.
    std::vector<stackpick::logic::SlotData> slot_sets;
    slot_sets.reserve(sets.size());
    for (const auto& set : sets)
        slot_sets.push_back(stackpick::answer_slots(knowledge_base, set.values));
    std::vector<stackpick::logic::Expression> rule_conditions;
    for (const auto& rule : knowledge_base.rules) rule_conditions.push_back(rule.condition);
    const stackpick::logic::ConditionSet conditions(std::move(rule_conditions));
    PointTotals totals(sets.size(), std::vector<std::int64_t>(knowledge_base.stacks.size(), 0));
    const auto pass = [&] {
        if (options.engine)
            run_engine(knowledge_base, points, sets, totals);
        else
            evaluate_rules(conditions, points, slot_sets, totals);
    };

    pass();  // warm-up, and the reference totals every timed pass must reproduce
    const PointTotals reference = totals;
    json seconds = json::array();
    for (int repetition = 0; repetition < options.repetitions; ++repetition) {
        const auto start = Clock::now();
        pass();
        seconds.push_back(milliseconds_since(start) / 1000.0);
        if (totals != reference) throw std::runtime_error("a timed pass gave other totals");
    }

    json checksums = json::array();
    auto counts = options.checksum_at;
    counts.push_back(sets.size());
    for (const auto count : counts) {
        if (count > sets.size()) throw std::invalid_argument("--checksum-at beyond --sets");
        checksums.push_back(checksum(totals, count));
    }
    json stacks = json::array();
    for (const auto& stack : knowledge_base.stacks) stacks.push_back(stack.id);
    return {{"mode", options.engine ? "engine" : "evaluate"},
            {"rules", knowledge_base.rules.size()},
            {"sets", sets.size()},
            {"evaluations", knowledge_base.rules.size() * sets.size()},
            {"stacks", stacks},
            {"seconds", seconds},
            {"checksums", checksums}};
}

}  // namespace

int main(int argc, char** argv) {
    try {
        const Options options = parse_options(argc, argv);
        const json result = options.mode == "load" ? run_load(options) : run_evaluate(options);
        std::cout << result.dump() << "\n";
        return 0;
    } catch (const std::exception& e) {
        std::cerr << "evaluate_bench: error: " << e.what() << "\n";
        return 1;
    }
}
