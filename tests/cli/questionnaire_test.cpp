// Unit tests of the interactive questionnaire, driven through in-memory streams over the shipped
// knowledge base, and of the equivalent one-line command.

#include <optional>
#include <sstream>
#include <string>

#include <catch2/catch.hpp>

#include "stackpick/cli/questionnaire.hpp"
#include "stackpick/knowledge/knowledge_base.hpp"
#include "stackpick/util/error.hpp"
#include "support/shipped_knowledge_base.hpp"

using Catch::Matchers::Contains;
using nlohmann::json;
using stackpick::GivenAnswers;
using stackpick::KnowledgeBase;
using stackpick::PromptStreams;

namespace {

const KnowledgeBase& shipped() { return stackpick::testing::shipped_knowledge_base(); }

/// The estimates inputs (months, region, seniority, rate, requests per day): behind the gate.
std::size_t estimates_inputs() {
    const auto& questions = shipped().questions;
    return static_cast<std::size_t>(std::count_if(questions.begin(), questions.end(),
                                                  [](const auto& q) { return q.estimates_input; }));
}
/// Steps asked with every default, as text: the questions but data-scientists (ruled out by its
/// ask_if) and the estimates inputs, plus the gate that asks whether to fit the estimates.
std::size_t asked_count() { return shipped().questions.size() - 1 - estimates_inputs() + 1; }
std::string asked() { return std::to_string(asked_count()); }
/// The same once data-scientists comes into play.
std::string all_asked() { return std::to_string(asked_count() + 1); }

struct Session {
    GivenAnswers answers;
    std::string output;
};

Session ask(const std::string& input, const GivenAnswers& given = {}, bool color = false) {
    std::istringstream in(input);
    std::ostringstream out;
    Session session;
    session.answers = stackpick::run_questionnaire(shipped(), given, PromptStreams{in, out, color});
    session.output = out.str();
    return session;
}

/// Enter for every question still to come (more than there are; the rest stays unread).
const std::string k_rest(40, '\n');

/// Every question answered with its default, except those named: only they are asked.
GivenAnswers all_but(const std::vector<std::string>& keys) {
    GivenAnswers given;
    for (const auto& question : shipped().questions)
        if (std::find(keys.begin(), keys.end(), question.key) == keys.end())
            given[question.key] = question.default_value;
    return given;
}

/// The error run_questionnaire throws for this input, or "" when it returns.
std::string failure(const std::string& input, const GivenAnswers& given = {}) {
    std::istringstream in(input);
    std::ostringstream out;
    try {
        (void)stackpick::run_questionnaire(shipped(), given, PromptStreams{in, out, false});
    } catch (const stackpick::RuntimeError& e) {
        CHECK(e.code() == stackpick::ExitCode::failure);
        return e.what();
    }
    return {};
}

std::size_t count(const std::string& text, const std::string& part) {
    std::size_t n = 0;
    for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
    return n;
}

}  // namespace

// --- the flow -----------------------------------------------------------------------------------

TEST_CASE("Enter on every question takes the defaults and records nothing", "[questionnaire]") {
    const auto session = ask(k_rest);
    CHECK(session.answers.empty());
    // data-scientists is ruled out by its ask_if, so all questions but one are asked.
    CHECK_THAT(session.output, Contains("\n[1/" + asked() + "] What kind of product is it?\n"));
    CHECK_THAT(session.output,
               Contains("\n[2/" + asked() + "] What does the team already know best?\n"));
    CHECK_THAT(session.output, Contains("\n[21/" + asked() + "] Is the budget tight?\n"));
    CHECK(estimates_inputs() == 5);
    CHECK(count(session.output, "> ") == asked_count());
    CHECK_THAT(session.output, !Contains("data scientists"));
}

TEST_CASE("a choice question lists the choices numbered, and says what Enter does",
          "[questionnaire]") {
    const auto session = ask(k_rest);
    CHECK_THAT(session.output,
               Contains("Answer each question and press Enter. Enter alone keeps the default, ? "
                        "explains\nthe question, back returns to the previous one, skip leaves it "
                        "at its default.\nCtrl-C quits.\n"));
    CHECK_THAT(session.output, Contains("[1/" + asked() +
                                        "] What kind of product is it?\n"
                                        "   1  saas             SaaS web application or dashboard\n"
                                        "   2  marketplace      two-sided marketplace\n"));
    CHECK_THAT(session.output,
               Contains("  10  internal-tool    internal tool or back office\n"
                        "  number, name or prefix; Enter = unknown; ? help, back, skip\n"
                        "> "));
    CHECK_THAT(session.output, Contains("[5/" + asked() +
                                        "] Does it need real-time features (chat, live updates, "
                                        "collaboration,\n       games)?\n"
                                        "  y/n; Enter = no [default]; ? help, back, skip\n> "));
    CHECK_THAT(session.output,
               Contains("[3/" + asked() +
                        "] How many developers will build the backend?\n"
                        "  whole number, 1..10000 developers; Enter = unknown; ? help, back, "
                        "skip\n> "));
}

TEST_CASE("a choice is taken by number, name or unique prefix, in any case", "[questionnaire]") {
    CHECK(ask("3\n" + k_rest).answers == GivenAnswers{{"product", "analytics"}});
    CHECK(ask("Marketplace\n" + k_rest).answers == GivenAnswers{{"product", "marketplace"}});
    CHECK(ask("  fin  \n" + k_rest).answers == GivenAnswers{{"product", "fintech"}});
    CHECK(ask("ML\n" + k_rest).answers == GivenAnswers{{"product", "ml-product"}});
    CHECK(ask("\nPY\n" + k_rest).answers == GivenAnswers{{"team", "python"}});
    CHECK(ask("saas\r\n" + k_rest).answers == GivenAnswers{{"product", "saas"}});
}

TEST_CASE("an ambiguous prefix names the matches and asks again", "[questionnaire]") {
    const auto session = ask("m\nmarket\n" + k_rest);
    CHECK_THAT(session.output,
               Contains("> "
                        "  ! 'm' could be marketplace or ml-product: type more of the name, or "
                        "its number\n> "));
    CHECK(session.answers == GivenAnswers{{"product", "marketplace"}});
    CHECK(ask("\n\n\nn\n" + k_rest).answers == GivenAnswers{{"frontend", "none"}});
}

TEST_CASE("a bad answer says why, lists the valid answers, and asks again", "[questionnaire]") {
    SECTION("an unknown choice, with a suggestion") {
        const auto session = ask("\npyhton\npython\n" + k_rest);
        CHECK_THAT(session.output,
                   Contains("  ! 'pyhton' is not a choice (did you mean 'python'?): type 1-5 or "
                            "one of\n    javascript, python, mixed, none, beginners\n> "));
        CHECK(session.answers == GivenAnswers{{"team", "python"}});
    }
    SECTION("a number with no choice") {
        const auto session = ask("\n0\n6\n4\n" + k_rest);
        CHECK_THAT(session.output, Contains("  ! there is no choice '0': type 1-5 or one of"));
        CHECK_THAT(session.output, Contains("  ! there is no choice '6': type 1-5 or one of"));
        CHECK(session.answers == GivenAnswers{{"team", "none"}});
        CHECK_THAT(ask("99999999999999999999\nsaas\n" + k_rest).output,
                   Contains("there is no choice '99999999999999999999'"));
    }
    SECTION("not yes or no") {
        const auto session = ask("\n\n\n\nmaybe\ny\n" + k_rest);
        CHECK_THAT(session.output, Contains("  ! 'maybe' is not yes or no: type y or n\n> "));
        CHECK(session.answers == GivenAnswers{{"realtime", true}});
    }
    SECTION("not a decimal whole number in range") {
        const auto session = ask("\n\n0x10\n-3\n1e3\n0\n10001\n 12 \n" + k_rest);
        for (const char* bad : {"0x10", "-3", "1e3", "0", "10001"})
            CHECK_THAT(session.output, Contains(std::string("  ! '") + bad +
                                                "' is not a whole number in 1..10000\n> "));
        CHECK(session.answers == GivenAnswers{{"team_size", 12}});
        CHECK(session.answers.at("team_size").is_number_integer());
    }
    SECTION("the largest number accepted is the maximum") {
        const auto given = all_but({"concurrent_users"});
        CHECK(ask("100000001\n100000000\n", given).answers.at("concurrent_users") == 100000000);
    }
}

TEST_CASE("booleans take y/n/yes/no/true/false in any case", "[questionnaire]") {
    const auto given = all_but({"seo"});
    for (const char* yes : {"y", "Y", "yes", "YES", "true", "t"})
        CHECK(ask(std::string(yes) + "\n", given).answers.at("seo") == true);
    for (const char* no : {"n", "No", "false", "F"})
        CHECK(ask(std::string(no) + "\n", given).answers.at("seo") == false);
}

TEST_CASE("? shows the help and the sources, then asks again", "[questionnaire]") {
    const auto& facts = shipped().facts;
    const auto session = ask("?\nsaas\n" + k_rest);
    CHECK_THAT(session.output,
               Contains("> "
                        "  Soatech gives build timelines per product type and recommends Node.js "
                        "for web\n  applications"));
    CHECK_THAT(session.output, Contains("though its e-commerce case study ran the main backend on "
                                        "Django.\n  Sources:\n    ["));
    // Each source by marker and title (a long title wraps under itself), then the prompt again.
    for (const char* id : {"elitecoders-2025", "guide-2026", "soatech-2026"})
        CHECK_THAT(session.output, Contains("\n    [" + std::to_string(facts.source_marker(id)) +
                                            "] " + facts.find_source(id)->title.substr(0, 30)));
    CHECK_THAT(session.output,
               Contains(facts.find_source("soatech-2026")->title +
                        "\n  number, name or prefix; Enter = unknown; ? help, back, skip\n> "));
    CHECK(session.answers == GivenAnswers{{"product", "saas"}});
}

TEST_CASE("back on the first question says there is nothing to go back to", "[questionnaire]") {
    for (const char* back : {"back", "<", "BACK", " < "}) {
        const auto session = ask(std::string(back) + "\nsaas\n" + k_rest);
        CHECK_THAT(session.output,
                   Contains("> "
                            "  ! nothing to go back to: this is the first question\n> "));
        CHECK(session.answers == GivenAnswers{{"product", "saas"}});
        CHECK(count(session.output, "[1/" + asked() + "]") == 1);
    }
}

TEST_CASE("back returns to the previous question, whose answer can be changed or kept",
          "[questionnaire]") {
    SECTION("changed") {
        const auto session = ask("saas\npython\nback\njavascript\n" + k_rest);
        CHECK(session.answers == GivenAnswers{{"product", "saas"}, {"team", "javascript"}});
        CHECK(count(session.output, "[2/" + asked() + "] What does the team") == 2);
        // Revisited, the earlier answer is marked and Enter keeps it.
        CHECK_THAT(session.output, Contains("   2  python      Python [current]\n"));
        CHECK_THAT(session.output, Contains("; Enter = keep python [current]; ? help"));
    }
    SECTION("kept with Enter") {
        const auto session = ask("saas\npython\n<\n\n" + k_rest);
        CHECK(session.answers == GivenAnswers{{"product", "saas"}, {"team", "python"}});
    }
    SECTION("reset to its default with skip") {
        const auto session = ask("saas\npython\n<\nskip\n" + k_rest);
        CHECK(session.answers == GivenAnswers{{"product", "saas"}});
    }
    SECTION("several steps back, over questions left at their default") {
        const auto session = ask("saas\n\n\n<\n<\n<\nmarketplace\n" + k_rest);
        CHECK(session.answers == GivenAnswers{{"product", "marketplace"}});
        CHECK(count(session.output, "[1/" + asked() + "] What kind of product") == 2);
    }
}

TEST_CASE("skip leaves a question at its default, recording nothing", "[questionnaire]") {
    const auto session = ask("skip\nSKIP\nskip\n" + k_rest);
    CHECK(session.answers.empty());
    CHECK_THAT(session.output,
               Contains("[4/" + asked() + "] What will the frontend be built with?"));
}

// --- input that is not an answer ----------------------------------------------------------------

TEST_CASE("end of input in the middle is a runtime error with the exact message",
          "[questionnaire]") {
    CHECK(failure("") == "input ended before all questions were answered; nothing was written");
    CHECK(failure("saas\npython\n") ==
          "input ended before all questions were answered; nothing was written");
    CHECK(failure("?\n") == "input ended before all questions were answered; nothing was written");
    // The prompt line is ended so that the error does not follow "> ".
    std::istringstream in("saas\n");
    std::ostringstream out;
    CHECK_THROWS_AS(stackpick::run_questionnaire(shipped(), {}, PromptStreams{in, out, false}),
                    stackpick::RuntimeError);
    CHECK(out.str().substr(out.str().size() - 3) == "> \n");
}

TEST_CASE("a last line without a newline still counts as an answer", "[questionnaire]") {
    CHECK(ask("y", all_but({"tight_budget"})).answers.at("tight_budget") == true);
}

TEST_CASE("a line longer than 4 KiB is rejected without being echoed", "[questionnaire]") {
    const std::string long_line(5000, 'x');
    const auto session = ask(long_line + "\nsaas\n" + k_rest);
    CHECK_THAT(session.output,
               Contains("  ! that answer is longer than 4096 bytes: type a short one\n> "));
    CHECK_THAT(session.output, !Contains("xxxxxxxxxx"));
    CHECK(session.answers == GivenAnswers{{"product", "saas"}});
    // Exactly 4096 bytes is read (and is then just a wrong answer, shown shortened).
    const auto at_limit = ask(std::string(4096, 'x') + "\nsaas\n" + k_rest);
    CHECK_THAT(at_limit.output,
               Contains("! 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx...' is not a choice"));
    CHECK_THAT(ask(std::string(4097, 'x') + "\nsaas\n" + k_rest).output,
               Contains("longer than 4096 bytes"));
    // A CRLF ending does not count against the limit; bytes after a CR at the limit do.
    const auto crlf = ask(std::string(4096, 'x') + "\r\nsaas\n" + k_rest).output;
    CHECK_THAT(crlf, Contains("' is not a choice") && !Contains("longer than"));
    CHECK_THAT(ask(std::string(4096, 'x') + "\rx\nsaas\n" + k_rest).output,
               Contains("longer than 4096 bytes"));
    CHECK_THAT(ask(std::string(4096, 'x') + "\r\r\nsaas\n" + k_rest).output,
               Contains("longer than 4096 bytes"));
}

TEST_CASE("a line that never ends is given up on, not buffered", "[questionnaire]") {
    CHECK(failure(std::string(stackpick::k_max_discarded_bytes + 1, 'x')) ==
          "an input line ran past 1048576 bytes without a newline; nothing was written");
}

TEST_CASE("control characters are rejected and never echoed", "[questionnaire]") {
    for (const std::string bad :
         {"\x1b[A", "sa\x01as", "\tsaas", "saas\x7f", "\xc2\x9b[31m", "\x1b]0;title\x07"}) {
        const auto session = ask(bad + "\nsaas\n" + k_rest);
        CHECK_THAT(session.output,
                   Contains("  ! control characters are not accepted (arrow and other special "
                            "keys send\n    them): type the answer again\n> "));
        CHECK(session.output.find('\x1b') == std::string::npos);
        CHECK(session.output.find('\x01') == std::string::npos);
        CHECK(session.answers == GivenAnswers{{"product", "saas"}});
    }
}

TEST_CASE("a NUL byte in an answer is a control character", "[questionnaire]") {
    const auto session = ask(std::string("sa\0as\nsaas\n", 11) + k_rest);
    CHECK_THAT(session.output, Contains("control characters are not accepted"));
    CHECK(session.answers == GivenAnswers{{"product", "saas"}});
}

// --- which questions are asked ------------------------------------------------------------------

TEST_CASE("data-scientists is asked only when ML, data or an analytics/ML product is in play",
          "[questionnaire]") {
    const std::string prompt = "Does the team have (or plan to hire) data scientists?";
    CHECK_THAT(ask(k_rest).output, !Contains(prompt));
    SECTION("ml typed yes") {
        const auto session = ask("\n\n\n\n\ny\n\n\ny\n" + k_rest);
        CHECK_THAT(session.output, Contains("[6/" + asked() + "] Will it have ML/AI"));
        CHECK_THAT(session.output, Contains("[9/" + all_asked() + "] " + prompt));
        CHECK(session.answers == GivenAnswers{{"ml", true}, {"data_scientists", true}});
    }
    SECTION("data-heavy given by flag") {
        const auto session = ask(k_rest, {{"data_heavy", true}});
        CHECK_THAT(session.output, Contains("[8/" + asked() + "] " + prompt));
    }
    SECTION("an analytics or ML product") {
        for (const char* product : {"analytics", "ml-product"})
            CHECK_THAT(ask(std::string(product) + "\n" + k_rest).output,
                       Contains("[9/" + all_asked() + "] " + prompt));
        CHECK_THAT(ask("saas\n" + k_rest).output, !Contains(prompt));
    }
    SECTION("an answer ruled out after going back is dropped") {
        const auto given = all_but({"ml", "data_scientists", "streaming"});
        auto session = ask("y\ny\n\n", given);
        CHECK(session.answers.at("data_scientists") == true);
        // Progress counts data-scientists only once ml=yes brings it in.
        CHECK_THAT(session.output, Contains("[1/2] Will it have ML/AI"));
        CHECK_THAT(session.output, Contains("[2/3] Does the team have"));
        CHECK_THAT(session.output, Contains("[3/3] Is it I/O-heavy"));
        session = ask("y\ny\nback\nback\nn\n\n", given);
        CHECK(session.answers.at("ml") == false);
        CHECK(session.answers.count("data_scientists") == 0);
        CHECK_THAT(session.output, Contains("[2/2] Is it I/O-heavy"));
    }
}

TEST_CASE("questions answered already are not asked, and their answers are returned",
          "[questionnaire]") {
    const GivenAnswers given = {{"product", "saas"}, {"team", "python"}, {"seo", false}};
    const auto session = ask("4\n" + k_rest, given);
    CHECK_THAT(session.output, Contains("[1/" + std::to_string(asked_count() - 3) +
                                        "] How many developers will build the backend?"));
    CHECK_THAT(session.output, !Contains("What kind of product"));
    CHECK_THAT(session.output, !Contains("server-side rendering"));
    CHECK(session.answers ==
          GivenAnswers{{"product", "saas"}, {"team", "python"}, {"seo", false}, {"team_size", 4}});
}

TEST_CASE("with every question answered nothing is asked or printed", "[questionnaire]") {
    const auto given = all_but({});
    const auto session = ask("", given);
    CHECK(session.output.empty());
    CHECK(session.answers == given);
}

TEST_CASE("colour marks the question, the hints and the problems", "[questionnaire]") {
    const auto session = ask("x\n" + k_rest, {}, true);
    CHECK_THAT(session.output,
               Contains("\x1b[1m[1/" + asked() + "] What kind of product is it?\x1b[0m\n"));
    CHECK_THAT(session.output, Contains("\x1b[2m  number, name or prefix; Enter = unknown"));
    CHECK_THAT(session.output, Contains("\x1b[33m  ! 'x' is not a choice"));
    CHECK_THAT(ask(k_rest).output, !Contains("\x1b"));
}

// --- the equivalent command ---------------------------------------------------------------------

TEST_CASE("the equivalent command lists the answers given as flags, in question order",
          "[questionnaire][command]") {
    const auto& questions = shipped().questions;
    CHECK(stackpick::equivalent_command(questions, {}) == "stackpick");
    CHECK(stackpick::equivalent_command(questions,
                                        {{"realtime", true}, {"ml", true}, {"team", "python"}}) ==
          "stackpick --team python --realtime --ml");
    CHECK(stackpick::equivalent_command(questions, {{"seo", false},
                                                    {"team_size", 12},
                                                    {"concurrent_users", 50000.0},
                                                    {"product", "ml-product"},
                                                    {"frontend", nullptr}}) ==
          "stackpick --product ml-product --team-size 12 --concurrent-users 50000 --no-seo");
}

TEST_CASE("the equivalent command of a questionnaire's answers", "[questionnaire][command]") {
    const auto session = ask("ml\n2\n3\n\ny\nyes\n\n\nno\n" + k_rest);
    CHECK(stackpick::equivalent_command(shipped().questions, session.answers) ==
          "stackpick --product ml-product --team python --team-size 3 --realtime --ml "
          "--no-data-scientists");
}

TEST_CASE("shell_quote quotes only what needs it", "[questionnaire][command]") {
    CHECK(stackpick::shell_quote("python") == "python");
    CHECK(stackpick::shell_quote("--team-size") == "--team-size");
    CHECK(stackpick::shell_quote("a/b.c:d,e+f@g%h_i") == "a/b.c:d,e+f@g%h_i");
    CHECK(stackpick::shell_quote("") == "''");
    CHECK(stackpick::shell_quote("two words") == "'two words'");
    CHECK(stackpick::shell_quote("it's") == "'it'\\''s'");
    CHECK(stackpick::shell_quote("$HOME") == "'$HOME'");
    CHECK(stackpick::shell_quote("~x") == "'~x'");
    CHECK(stackpick::shell_quote("=x") == "'=x'");
    CHECK(stackpick::shell_quote("caf\xc3\xa9") == "'caf\xc3\xa9'");
    CHECK(stackpick::shell_quote("a\x1b[31m'\\") == "$'a\\x1b[31m\\'\\\\'");
}
