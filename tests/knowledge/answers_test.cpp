// Answers from flags and files: normalised when valid, an exact message when not.

#include <catch2/catch.hpp>

#include "stackpick/knowledge/answers.hpp"
#include "stackpick/knowledge/knowledge_base.hpp"
#include "stackpick/util/error.hpp"
#include "support/shipped_knowledge_base.hpp"

using namespace stackpick;

namespace {
const KnowledgeBase& shipped() { return stackpick::testing::shipped_knowledge_base(); }
const Question& question(const char* id) { return *shipped().find_question(id); }

std::string text_error(const char* id, const std::string& text) {
    try {
        parse_answer_text(question(id), text);
    } catch (const UsageError& e) {
        return e.what();
    }
    return "no error";
}

std::string document_error(const nlohmann::json& document) {
    try {
        parse_answers_document(document, "answers.json", shipped().questions);
    } catch (const InvalidDataError& e) {
        std::string all;
        for (const auto& d : e.diagnostics()) all += to_string(d) + "\n";
        return all;
    }
    return "no error";
}
}  // namespace

TEST_CASE("choices are case-insensitive and normalised", "[answers]") {
    CHECK(parse_answer_text(question("team"), "Python") == "python");
    CHECK(parse_answer_text(question("product"), "ML-PRODUCT") == "ml-product");
}

TEST_CASE("a bad choice lists the valid ones and suggests the nearest", "[answers]") {
    CHECK(text_error("team", "cobol") ==
          "--team: cobol not in {javascript,python,mixed,none,beginners}");
    CHECK(
        text_error("team", "pyhton") ==
        "--team: pyhton not in {javascript,python,mixed,none,beginners} (did you mean 'python'?)");
}

TEST_CASE("integers must be plain decimal numbers in range", "[answers]") {
    CHECK(parse_answer_text(question("concurrent-users"), "50000") == 50000);
    CHECK(parse_answer_text(question("team-size"), "010") == 10);
    const std::string expected =
        "--concurrent-users: must be a whole number in 1..100000000, got '";
    for (const char* bad :
         {"-5", "1e9", "0x10", "abc", "+5", "nan", "inf", "1e999", "", "3.5", "999999999999"})
        CHECK(text_error("concurrent-users", bad) == expected + bad + "'");
    CHECK(text_error("team-size", "0") ==
          "--team-size: must be a whole number in 1..10000, got '0'");
}

TEST_CASE("control characters in a bad value are shown escaped", "[answers]") {
    CHECK(text_error("team", "a\x1b[31m") ==
          "--team: a\\x1b[31m not in {javascript,python,mixed,none,beginners}");
}

TEST_CASE("an answers document is checked key by key with every problem reported", "[answers]") {
    CHECK(document_error(
              {{"teem", "python"}, {"realtime", "yes"}, {"team_size", 1.5}, {"product", "saas"}}) ==
          "answers.json: /realtime: expected true, false or null, got \"yes\"\n"
          "answers.json: /team_size: expected a whole number in 1..10000 or null, got 1.5\n"
          "answers.json: /teem: unknown answer key \"teem\" (did you mean 'team'?)\n");
    CHECK(document_error(nlohmann::json::array()) ==
          "answers.json: /: expected an object of answers, got an array\n");
    CHECK(document_error({{"concurrent_users", -5}}) ==
          "answers.json: /concurrent_users: expected a whole number in 1..100000000 or null, got "
          "-5\n");
}

TEST_CASE("an answers document normalises values and keeps explicit nulls", "[answers]") {
    const auto given =
        parse_answers_document({{"team", "JavaScript"}, {"team_size", 3.0}, {"product", nullptr}},
                               "answers.json", shipped().questions);
    CHECK(given.at("team") == "javascript");
    CHECK(given.at("team_size").is_number_integer());
    CHECK(given.at("product").is_null());
}

TEST_CASE("resolving answers fills defaults and lists them as assumed", "[answers]") {
    const auto resolved =
        resolve_answers(shipped().questions, {{"realtime", true}, {"team", "python"}});
    CHECK(resolved.values["realtime"] == true);
    CHECK(resolved.values["ml"] == false);
    CHECK(resolved.values["concurrent_users"].is_null());
    CHECK(resolved.assumed.size() == shipped().questions.size() - 2);
    CHECK(std::find(resolved.assumed.begin(), resolved.assumed.end(), "team") ==
          resolved.assumed.end());
    CHECK(std::find(resolved.assumed.begin(), resolved.assumed.end(), "data-heavy") !=
          resolved.assumed.end());
}

TEST_CASE("an answers document round-trips through answers_document", "[answers]") {
    const GivenAnswers given = {{"realtime", true}, {"team", "mixed"}, {"concurrent_users", 20000}};
    const auto document = answers_document(shipped().questions, given);
    CHECK(parse_answers_document(document, "x.json", shipped().questions) == given);
}
