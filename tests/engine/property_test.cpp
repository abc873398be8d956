// Properties of the whole pipeline (score, rank, serialise, render) over random answer sets and
// random --weight/--exclude-source options: never an exception, every number finite, the ranking
// sorted with ties in knowledge-base order, the JSON document valid against
// docs/schema/recommendation.schema.json, the text free of raw control characters.
//
// The seed is STACKPICK_PROPERTY_SEED when set, otherwise a fresh one; a failure prints it and
// the answer set's index, so `STACKPICK_PROPERTY_SEED=<seed> stackpick_tests "[property]"`
// reproduces it exactly.
//
// Schema validation: there is no C++ JSON Schema validator among our dependencies, so every
// document is checked here by a small validator for exactly the keywords the schema uses (an
// unknown keyword fails the test, so a schema change cannot silently weaken the check). To make
// sure that validator agrees with a real one, STACKPICK_PROPERTY_SAMPLE=FILE also writes a sample
// (every 100th document and the first of each recommendation/confidence pair) as JSON Lines,
// which tests/reliability/validate_property_sample.py validates with python3-jsonschema (a
// ctest of its own). Validating all 10,000 documents in Python would take minutes of CPU.

#include <cctype>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <string>

#include <catch2/catch.hpp>

#include "stackpick/cli/batch.hpp"
#include "stackpick/engine/engine.hpp"
#include "stackpick/report/report.hpp"
#include "stackpick/util/json_file.hpp"
#include "support/random_answers.hpp"
#include "support/sanitizer.hpp"
#include "support/shipped_knowledge_base.hpp"

#ifndef STACKPICK_SOURCE_DIR
#define STACKPICK_SOURCE_DIR "."
#endif

using namespace stackpick;
using Json = nlohmann::ordered_json;

namespace {

// Under AddressSanitizer each answer set costs about ten times as much; 2,000 there keeps the
// sanitizer suite within CI's time, while the plain build runs all 10,000.
constexpr std::size_t k_answer_sets = testing::k_under_sanitizer ? 2000 : 10000;

/// The subset of JSON Schema (2020-12) that docs/schema/recommendation.schema.json uses.
class SchemaValidator {
  public:
    explicit SchemaValidator(Json schema) : m_root(std::move(schema)) {}

    /// "" when instance is valid, else the first problem with its JSON Pointer.
    std::string validate(const Json& instance) const { return check(m_root, instance, ""); }

  private:
    static bool has_type(const Json& value, const std::string& type) {
        if (type == "object") return value.is_object();
        if (type == "array") return value.is_array();
        if (type == "string") return value.is_string();
        if (type == "boolean") return value.is_boolean();
        if (type == "null") return value.is_null();
        if (type == "number") return value.is_number();
        if (type == "integer")
            return value.is_number_integer() ||
                   (value.is_number_float() && std::isfinite(value.get<double>()) &&
                    std::trunc(value.get<double>()) == value.get<double>());
        return false;
    }

    const Json& resolve(const std::string& reference) const {
        const std::string prefix = "#/$defs/";
        if (reference.rfind(prefix, 0) != 0 || !m_root["$defs"].contains(reference.substr(8)))
            throw std::runtime_error("unsupported $ref " + reference);
        return m_root["$defs"][reference.substr(prefix.size())];
    }

    std::string check(const Json& schema, const Json& value, const std::string& at) const {
        if (schema.is_boolean()) return schema.get<bool>() ? "" : at + ": not allowed";
        for (const auto& [keyword, argument] : schema.items()) {
            std::string problem;
            if (keyword == "$ref") {
                problem = check(resolve(argument.get<std::string>()), value, at);
            } else if (keyword == "type") {
                bool any = false;
                if (argument.is_string()) any = has_type(value, argument.get<std::string>());
                for (const auto& type : argument.is_array() ? argument : Json::array())
                    any = any || has_type(value, type.get<std::string>());
                if (!any)
                    problem = at + ": expected type " + argument.dump() + ", got " +
                              value.dump().substr(0, 80);
            } else if (keyword == "const") {
                if (value != argument) problem = at + ": expected " + argument.dump();
            } else if (keyword == "enum") {
                bool found = false;
                for (const auto& option : argument) found = found || option == value;
                if (!found) problem = at + ": " + value.dump() + " not in " + argument.dump();
            } else if (keyword == "required") {
                for (const auto& key : argument)
                    if (value.is_object() && !value.contains(key.get<std::string>()))
                        problem = at + ": missing required " + key.dump();
            } else if (keyword == "properties") {
                if (value.is_object())
                    for (const auto& [key, property] : argument.items())
                        if (value.contains(key) && problem.empty())
                            problem = check(property, value[key], at + "/" + key);
            } else if (keyword == "additionalProperties") {
                if (value.is_object())
                    for (const auto& [key, item] : value.items()) {
                        const bool declared =
                            schema.contains("properties") && schema["properties"].contains(key);
                        if (!declared && problem.empty())
                            problem = check(argument, item, at + "/" + key);
                    }
            } else if (keyword == "items") {
                if (value.is_array())
                    for (std::size_t i = 0; i < value.size() && problem.empty(); ++i)
                        problem = check(argument, value[i], at + "/" + std::to_string(i));
            } else if (keyword == "minItems") {
                if (value.is_array() && value.size() < argument.get<std::size_t>())
                    problem = at + ": fewer than " + argument.dump() + " items";
            } else if (keyword == "minProperties") {
                if (value.is_object() && value.size() < argument.get<std::size_t>())
                    problem = at + ": fewer than " + argument.dump() + " properties";
            } else if (keyword == "minimum") {
                if (value.is_number() && value.get<double>() < argument.get<double>())
                    problem = at + ": " + value.dump() + " < minimum " + argument.dump();
            } else if (keyword == "maximum") {
                if (value.is_number() && value.get<double>() > argument.get<double>())
                    problem = at + ": " + value.dump() + " > maximum " + argument.dump();
            } else if (keyword == "allOf") {
                for (const auto& part : argument)
                    if (problem.empty()) problem = check(part, value, at);
            } else if (keyword == "oneOf") {
                std::size_t matches = 0;
                for (const auto& part : argument) matches += check(part, value, at).empty();
                if (matches != 1)
                    problem = at + ": matches " + std::to_string(matches) + " of oneOf, not 1";
            } else if (keyword != "$schema" && keyword != "$id" && keyword != "$defs" &&
                       keyword != "title" && keyword != "description") {
                throw std::runtime_error("the schema uses '" + keyword +
                                         "', which this validator does not implement");
            }
            if (!problem.empty()) return problem;
        }
        return "";
    }

    Json m_root;
};

const SchemaValidator& recommendation_schema() {
    static const SchemaValidator validator = [] {
        std::ifstream in(STACKPICK_SOURCE_DIR "/docs/schema/recommendation.schema.json");
        std::stringstream text;
        text << in.rdbuf();
        return SchemaValidator(Json::parse(text.str()));
    }();
    return validator;
}

/// The first number in the document that is not finite, as a JSON Pointer ("" if none).
std::string non_finite_number(const Json& value, const std::string& at) {
    if (value.is_number_float() && !std::isfinite(value.get<double>()))
        return at.empty() ? "/" : at;
    if (value.is_object())
        for (const auto& [key, item] : value.items())
            if (auto found = non_finite_number(item, at + "/" + key); !found.empty()) return found;
    if (value.is_array())
        for (std::size_t i = 0; i < value.size(); ++i)
            if (auto found = non_finite_number(value[i], at + "/" + std::to_string(i));
                !found.empty())
                return found;
    return "";
}

/// Offset of the first raw control character other than \n (C0, DEL, or C1 as UTF-8), or npos.
std::size_t first_control_character(const std::string& text) {
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto byte = static_cast<unsigned char>(text[i]);
        if ((byte < 0x20 && byte != '\n') || byte == 0x7f) return i;
        if (byte == 0xC2 && i + 1 < text.size() &&
            static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
            static_cast<unsigned char>(text[i + 1]) <= 0x9F)
            return i;
    }
    return std::string::npos;
}

/// Whether word occurs in text as a whole word ("nan", not the "nan" of "financial").
bool contains_word(const std::string& text, const std::string& word) {
    const auto is_letter = [](char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; };
    for (auto at = text.find(word); at != std::string::npos; at = text.find(word, at + 1)) {
        const bool starts = at == 0 || !is_letter(text[at - 1]);
        const bool ends = at + word.size() == text.size() || !is_letter(text[at + word.size()]);
        if (starts && ends) return true;
    }
    return false;
}

/// Random --weight and --exclude-source options, one time in four.
ScoringOptions random_options(const KnowledgeBase& knowledge_base, std::mt19937& random) {
    ScoringOptions options;
    if (std::uniform_int_distribution<int>(0, 3)(random) != 0) return options;
    for (const auto& criterion : knowledge_base.facts.criteria)
        if (std::bernoulli_distribution(0.2)(random))
            options.weights[criterion.id] = std::uniform_int_distribution<int>(0, 100)(random);
    for (const auto& source : knowledge_base.facts.sources)
        if (std::bernoulli_distribution(0.15)(random))
            options.excluded_sources.push_back(source.id);
    return options;
}

std::uint64_t property_seed() {
    if (const char* text = std::getenv("STACKPICK_PROPERTY_SEED"))
        return std::strtoull(text, nullptr, 10);
    return std::random_device{}();
}

}  // namespace

TEST_CASE(
    "property: 10,000 random answer sets (2,000 under ASan) score, rank, serialise and render "
    "cleanly",
    "[property][reliability]") {
    const KnowledgeBase& knowledge_base = testing::shipped_knowledge_base();
    const SchemaValidator& schema = recommendation_schema();
    const std::uint64_t seed = property_seed();
    std::map<std::string, std::size_t> stack_order;
    for (std::size_t i = 0; i < knowledge_base.stacks.size(); ++i)
        stack_order[knowledge_base.stacks[i].id] = i;

    std::ofstream sample;
    if (const char* path = std::getenv("STACKPICK_PROPERTY_SAMPLE")) sample.open(path);
    std::set<std::string> sampled_kinds;
    std::map<std::string, std::size_t> winners;

    for (std::size_t index = 0; index < k_answer_sets; ++index) {
        // One generator per answer set: a failure is reproducible from (seed, index) alone.
        std::mt19937 random(static_cast<std::mt19937::result_type>(seed * 1000003u + index));
        const GivenAnswers given = testing::random_answers(knowledge_base.questions, random);
        const ScoringOptions options = random_options(knowledge_base, random);
        const ResolvedAnswers answers = resolve_answers(knowledge_base.questions, given);
        INFO("seed " << seed << ", answer set " << index << " (reproduce: STACKPICK_PROPERTY_SEED="
                     << seed << "); answers " << answers.values.dump());

        Recommendation recommendation;
        Json document;
        std::string text, json_text;
        try {
            recommendation = recommend(knowledge_base, answers, options);
            document = recommendation_document(knowledge_base, answers, options);
            json_text = document.dump(2);  // strict: throws on invalid UTF-8
            text = render_text(recommendation, knowledge_base, answers, TextStyle{});
        } catch (const std::exception& e) {
            FAIL("exception: " << e.what());
        }

        // Every number finite; scores on the 0-100 scale.
        REQUIRE(std::isfinite(recommendation.margin));
        for (const auto& stack : recommendation.ranking) {
            REQUIRE(std::isfinite(stack.points));
            REQUIRE(std::isfinite(stack.score));
            REQUIRE(stack.score >= 0.0);
            REQUIRE(stack.score <= 100.0);
            for (const auto& reason : stack.reasons) REQUIRE(std::isfinite(reason.points));
        }
        const std::string non_finite = non_finite_number(document, "");
        INFO("non-finite number at " << non_finite);
        REQUIRE(non_finite.empty());

        // Sorted by points (and so by score), best first; a tie at the top goes to the
        // tie-breakers (or stays open), ties further down keep the knowledge base's order.
        // Every stack is ranked or ruled out by a constraint, never both.
        REQUIRE(recommendation.ranking.size() + recommendation.ruled_out.size() ==
                knowledge_base.stacks.size());
        REQUIRE(recommendation.id == recommendation.ranking.front().id);
        const std::size_t tied_at_top = recommendation.tied_with.size() + 1;
        for (std::size_t i = 1; i < recommendation.ranking.size(); ++i) {
            const auto& before = recommendation.ranking[i - 1];
            const auto& after = recommendation.ranking[i];
            INFO(before.id << " (" << before.points << ") before " << after.id << " ("
                           << after.points << ")");
            REQUIRE(before.points >= after.points);
            REQUIRE(before.score >= after.score);
            if (before.points == after.points && i >= tied_at_top)
                REQUIRE(stack_order.at(before.id) < stack_order.at(after.id));
        }
        if (!recommendation.open_between.empty())
            REQUIRE(recommendation.confidence == Confidence::low);

        // The document against the published schema.
        const std::string problem = schema.validate(document);
        INFO("schema: " << problem);
        REQUIRE(problem.empty());

        // Text for a person: no raw control characters, nothing that reads nan or inf.
        const auto control = first_control_character(text);
        INFO("text: " << text.substr(control == std::string::npos ? 0 : control, 80));
        REQUIRE(control == std::string::npos);
        REQUIRE_FALSE(contains_word(text, "nan"));
        REQUIRE_FALSE(contains_word(text, "inf"));

        ++winners[recommendation.id];
        const std::string kind = recommendation.id + "/" + to_string(recommendation.confidence);
        if (sample.is_open() && (index % 100 == 0 || sampled_kinds.insert(kind).second))
            sample << document.dump() << "\n";
    }
    // The random answers must explore: every stack wins some of them.
    for (const auto& stack : knowledge_base.stacks) {
        INFO("stack " << stack.id << " never ranked first");
        CHECK(winners[stack.id] > 0);
    }
}

TEST_CASE("property: the in-process schema validator refuses documents the schema forbids",
          "[property][reliability]") {
    const KnowledgeBase& knowledge_base = testing::shipped_knowledge_base();
    const Json valid = recommendation_document(
        knowledge_base, resolve_answers(knowledge_base.questions, {{"realtime", true}}));
    const SchemaValidator& schema = recommendation_schema();
    REQUIRE(schema.validate(valid).empty());

    Json missing = valid;
    missing.erase("ranking");
    CHECK(schema.validate(missing) == ": missing required \"ranking\"");
    Json wrong_type = valid;
    wrong_type["recommendation"]["margin"] = "3";
    CHECK(schema.validate(wrong_type).rfind("/recommendation/margin: expected type", 0) == 0);
    Json bad_choice = valid;
    bad_choice["recommendation"]["confidence"] = "certain";
    CHECK(schema.validate(bad_choice) ==
          "/recommendation/confidence: \"certain\" not in [\"high\",\"medium\",\"low\"]");
    Json negative = valid;
    negative["recommendation"]["margin"] = -1;
    CHECK(schema.validate(negative) == "/recommendation/margin: -1 < minimum 0");
    Json version = valid;
    version["schema_version"] = "2";
    CHECK(schema.validate(version) == "/schema_version: expected \"1\"");
}
