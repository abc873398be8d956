// stackpick batch: exact lines in input order, an error record in place of a bad line, the same
// bytes for any --jobs, bounded memory on endless input, and write failures that are never silent.

#include <fcntl.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <streambuf>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "stackpick/cli/batch.hpp"
#include "stackpick/engine/estimates.hpp"
#include "stackpick/engine/explain.hpp"
#include "stackpick/engine/what_if.hpp"
#include "stackpick/knowledge/answers.hpp"
#include "stackpick/report/explain_report.hpp"
#include "stackpick/report/report.hpp"
#include "stackpick/report/what_if_report.hpp"
#include "stackpick/util/error.hpp"
#include "support/random_answers.hpp"
#include "support/run_binary.hpp"
#include "support/sanitizer.hpp"
#include "support/shipped_knowledge_base.hpp"

using namespace stackpick;

namespace {

const KnowledgeBase& shipped() { return stackpick::testing::shipped_knowledge_base(); }

struct BatchRun {
    int exit_code = -1;
    std::string out;
    std::string err;
};

BatchRun run(const std::string& input, const BatchOptions& options = {}) {
    std::istringstream in(input);
    std::ostringstream out;
    std::ostringstream err;
    BatchRun result;
    result.exit_code = run_batch(shipped(), options, in, out, err);
    result.out = out.str();
    result.err = err.str();
    return result;
}

BatchOptions with_jobs(std::size_t jobs) {
    BatchOptions options;
    options.jobs = jobs;
    return options;
}

/// What `stackpick --json` prints for an answers object, compact and on one line.
std::string expected_line(const nlohmann::json& answers, const ScoringOptions& scoring = {}) {
    const auto given = parse_answers_document(answers, "expected", shipped().questions);
    return recommendation_document(shipped(), resolve_answers(shipped().questions, given), scoring)
               .dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) +
           "\n";
}

std::vector<std::string> split_lines(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

std::string usage_error(const BatchOptions& options) {
    try {
        run("{}\n", options);
    } catch (const UsageError& e) {
        return e.what();
    }
    return "no usage error";
}

/// `count` lines from `make_line(number)`, produced as they are read and never all held, which
/// records how much has been handed out.
class GeneratedInput : public std::streambuf {
  public:
    GeneratedInput(std::size_t count, std::function<std::string(std::size_t)> make_line)
        : m_count(count), m_make_line(std::move(make_line)) {}

    std::size_t lines_given() const { return m_given; }
    bool exhausted() const { return m_given == m_count && gptr() == egptr(); }

  protected:
    int_type underflow() override {
        if (m_given == m_count) return traits_type::eof();
        m_current = m_make_line(++m_given) + "\n";
        setg(m_current.data(), m_current.data(), m_current.data() + m_current.size());
        return traits_type::to_int_type(m_current[0]);
    }

  private:
    std::size_t m_count;
    std::function<std::string(std::size_t)> m_make_line;
    std::size_t m_given = 0;
    std::string m_current;
};

/// Output that calls back on each write, to observe the run while it is going on.
class ObservedOutput : public BatchOutput {
  public:
    explicit ObservedOutput(std::function<WriteStatus(std::string_view)> observe)
        : m_observe(std::move(observe)) {}
    WriteStatus write(std::string_view bytes) override { return m_observe(bytes); }

  private:
    std::function<WriteStatus(std::string_view)> m_observe;
};

/// A streambuf that accepts nothing, like a full disk.
class FailingBuffer : public std::streambuf {
  protected:
    int_type overflow(int_type) override { return traits_type::eof(); }
    std::streamsize xsputn(const char*, std::streamsize) override { return 0; }
};

/// Peak memory says nothing under a sanitizer, which keeps freed memory in quarantine.
constexpr bool k_peak_memory_is_meaningful = !testing::k_under_sanitizer;

long peak_resident_kilobytes() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

const std::string k_cobol_error =
    R"(/team: expected one of javascript|python|mixed|none|beginners or null, got \"cobol\")";

}  // namespace

TEST_CASE("batch writes a result per line, skips blank lines and replaces a bad one", "[batch]") {
    const auto result = run("{\"ml\": true}\n   \n{\"team\": \"cobol\"}\n");
    CHECK(result.out ==
          expected_line({{"ml", true}}) + "{\"line\":3,\"error\":\"" + k_cobol_error + "\"}\n");
    CHECK(result.err ==
          "stackpick: error: line 3: /team: expected one of javascript|python|mixed|none|beginners "
          "or "
          "null, got \"cobol\"\n");
    CHECK(result.exit_code == 3);
}

TEST_CASE("a batch of valid lines exits 0 with nothing on stderr", "[batch]") {
    const auto result = run("{\"ml\": true}\n{}\n{\"team\": \"python\", \"realtime\": true}\n");
    CHECK(result.exit_code == 0);
    CHECK(result.err.empty());
    CHECK(result.out == expected_line({{"ml", true}}) + expected_line(nlohmann::json::object()) +
                            expected_line({{"team", "python"}, {"realtime", true}}));
}

TEST_CASE("empty input is no lines, no output and exit 0", "[batch]") {
    for (const char* input : {"", "\n", "\n\r\n \t\n"}) {
        const auto result = run(input);
        CHECK(result.exit_code == 0);
        CHECK(result.out.empty());
        CHECK(result.err.empty());
    }
}

TEST_CASE("CRLF line endings and a last line without a newline are accepted", "[batch]") {
    const auto unix_lines = run("{\"ml\": true}\n\n{\"team\": \"python\"}\n");
    const auto windows_lines = run("{\"ml\": true}\r\n\r\n{\"team\": \"python\"}\r\n");
    const auto no_final_newline = run("{\"ml\": true}\n\n{\"team\": \"python\"}");
    CHECK(unix_lines.exit_code == 0);
    CHECK(windows_lines.exit_code == 0);
    CHECK(no_final_newline.exit_code == 0);
    CHECK(windows_lines.out == unix_lines.out);
    CHECK(no_final_newline.out == unix_lines.out);
    CHECK(split_lines(unix_lines.out).size() == 2);
}

TEST_CASE("each kind of bad line gives its exact error record", "[batch]") {
    const auto result =
        run("{\"ml\": tru}\n"
            "[1, 2]\n"
            "{\"tem\": \"python\"}\n"
            "{\"ml\": true, \"ml\": false}\n"
            "{\"ml\": 3, \"team\": \"cobol\"}\n"
            "{\"ml\": \"\xff\"}\n"
            "{\"ml\": true} x\n"
            "{\"team-size\": 1e400}\n");
    const std::vector<std::string> expected = {
        R"({"line":1,"error":"column 11: invalid literal"})",
        R"({"line":2,"error":"/: expected an object of answers, got an array"})",
        R"j({"line":3,"error":"/tem: unknown answer key \"tem\" (did you mean 'team'?)"})j",
        R"({"line":4,"error":"/: duplicate key \"ml\""})",
        R"({"line":5,"error":"/ml: expected true, false or null, got 3; )" + k_cobol_error + "\"}",
        R"({"line":6,"error":"column 9: invalid UTF-8 byte 0xff in a string"})",
        R"({"line":7,"error":"column 14: invalid literal; expected end of input"})",
        R"({"line":8,"error":"column 15: number 1e400 is out of range"})",
    };
    CHECK(split_lines(result.out) == expected);
    CHECK(result.exit_code == 3);
    const auto messages = split_lines(result.err);
    REQUIRE(messages.size() == expected.size());
    CHECK(messages[0] == "stackpick: error: line 1: column 11: invalid literal");
    CHECK(messages[2] ==
          "stackpick: error: line 3: /tem: unknown answer key \"tem\" (did you mean 'team'?)");
}

TEST_CASE("lines are numbered from 1 counting blank lines", "[batch]") {
    const auto result = run("\n\n{}\n\n[]\n");
    const auto lines = split_lines(result.out);
    REQUIRE(lines.size() == 2);
    CHECK(lines[1] == R"({"line":5,"error":"/: expected an object of answers, got an array"})");
}

TEST_CASE("every line is scored with the run's --weight and --exclude-source", "[batch]") {
    BatchOptions options;
    options.scoring.weights["ml-ai"] = 0;
    options.scoring.excluded_sources = {"soatech-2026"};
    const auto result = run("{\"ml\": true, \"realtime\": true}\n", options);
    CHECK(result.exit_code == 0);
    CHECK(result.out == expected_line({{"ml", true}, {"realtime", true}}, options.scoring));
    CHECK(result.out != expected_line({{"ml", true}, {"realtime", true}}));
}

TEST_CASE("fields: keeps the named top-level fields in document order", "[batch]") {
    BatchOptions options;
    options.fields = {"recommendation", "ranking"};
    const auto result = run("{\"ml\": true}\n[]\n", options);
    CHECK(result.exit_code == 3);
    const auto lines = split_lines(result.out);
    REQUIRE(lines.size() == 2);
    const auto kept = nlohmann::ordered_json::parse(lines[0]);
    const auto full = nlohmann::ordered_json::parse(expected_line({{"ml", true}}));
    std::vector<std::string> keys;
    for (auto it = kept.begin(); it != kept.end(); ++it) keys.push_back(it.key());
    CHECK(keys == std::vector<std::string>{"ranking", "recommendation"});
    CHECK(kept["ranking"] == full["ranking"]);
    CHECK(kept["recommendation"] == full["recommendation"]);
    // Error records are never reduced.
    CHECK(lines[1] == R"({"line":2,"error":"/: expected an object of answers, got an array"})");
}

TEST_CASE("fields: accepts every field of the document and each matches --json", "[batch]") {
    const auto names = batch_field_names(shipped());
    CHECK(names == std::vector<std::string>{"schema_version", "stackpick_version", "knowledge_base",
                                            "answers", "assumed", "scoring", "ranking", "ruled_out",
                                            "recommendation", "record", "estimates", "sources"});
    const nlohmann::json answers = {{"team", "python"}, {"ml", true}, {"team_size", 4}};
    const auto full = nlohmann::ordered_json::parse(expected_line(answers));
    for (const auto& name : names) {
        BatchOptions options;
        options.fields = {" " + name + " "};  // spaces around a name are forgiven
        const auto result = run(answers.dump() + "\n", options);
        INFO(name);
        CHECK(result.exit_code == 0);
        CHECK(result.out == nlohmann::ordered_json{{name, full[name]}}.dump() + "\n");
    }
}

TEST_CASE("an unknown --fields name is a usage error before any input is read", "[batch]") {
    BatchOptions options;
    options.fields = {"ranking", "recomendation"};
    CHECK(usage_error(options) ==
          "--fields: recomendation not in {schema_version,stackpick_version,knowledge_base,"
          "answers,assumed,scoring,ranking,ruled_out,recommendation,record,estimates,sources} (did "
          "you "
          "mean "
          "'recommendation'?)");
    options.fields = {""};
    CHECK(usage_error(options).rfind("--fields: '' not in {schema_version,", 0) == 0);

    GeneratedInput input(10, [](std::size_t) { return std::string("{}"); });
    std::istream in(&input);
    std::ostringstream out, err;
    CHECK_THROWS_AS(run_batch(shipped(), options, in, out, err), UsageError);
    CHECK(input.lines_given() == 0);
    CHECK(out.str().empty());
}

TEST_CASE("jobs outside 1..256 is a usage error", "[batch]") {
    CHECK(usage_error(with_jobs(0)) == "--jobs: must be a whole number in 1..256, got '0'");
    CHECK(usage_error(with_jobs(257)) == "--jobs: must be a whole number in 1..256, got '257'");
}

BatchOptions with_id_field(std::string name, std::vector<std::string> fields = {}) {
    BatchOptions options;
    options.id_field = std::move(name);
    options.id_field_given = true;
    options.fields = std::move(fields);
    return options;
}

TEST_CASE("id-field: every result and error record starts with its line's id", "[batch][id]") {
    const auto result =
        run("{\"survey\": \"acme\", \"ml\": true}\n"
            "{\"survey\": 17, \"team\": \"cobol\"}\n"
            "{\"team\": \"python\", \"survey\": -3}\n",
            with_id_field("survey", {"ranking"}));
    const auto lines = split_lines(result.out);
    REQUIRE(lines.size() == 3);
    // The id is not an answer: the rest of the line is the result of the answers alone.
    auto ranking_of = [](const nlohmann::json& answers) {
        const auto full = nlohmann::ordered_json::parse(expected_line(answers));
        return nlohmann::ordered_json{{"ranking", full["ranking"]}}.dump(
            -1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
    };
    CHECK(lines[0] == "{\"id\":\"acme\"," + ranking_of({{"ml", true}}).substr(1));
    CHECK(lines[1] == "{\"id\":17,\"line\":2,\"error\":\"" + k_cobol_error + "\"}");
    CHECK(lines[2] == "{\"id\":-3," + ranking_of({{"team", "python"}}).substr(1));
    CHECK(result.err == "stackpick: error: line 2 (id 17): " +
                            nlohmann::json::parse("\"" + k_cobol_error + "\"").get<std::string>() +
                            "\n");
    CHECK(result.exit_code == 3);
}

TEST_CASE("id-field: a full document gets the id first and is otherwise unchanged", "[batch][id]") {
    const auto result = run("{\"ml\": true, \"n\": \"a\\\"b\"}\n", with_id_field("n"));
    CHECK(result.out == "{\"id\":\"a\\\"b\"," + expected_line({{"ml", true}}).substr(1));
    CHECK(result.exit_code == 0);
}

TEST_CASE("id-field: a missing or unusable id is an error record, the run goes on", "[batch][id]") {
    const auto result =
        run("{\"ml\": true}\n"
            "{\"survey\": null}\n"
            "{\"survey\": 1.5}\n"
            "{\"survey\": [1]}\n"
            "{\"survey\": tru}\n"
            "[\"survey\"]\n"
            "{\"survey\": \"ok\"}\n",
            with_id_field("survey", {"recommendation"}));
    const auto lines = split_lines(result.out);
    const std::string must = R"("\"survey\" (the --id-field) must be a string or a whole number")";
    REQUIRE(lines.size() == 7);
    CHECK(lines[0] == R"j({"line":1,"error":"no \"survey\" member (the --id-field)"})j");
    CHECK(lines[1] == "{\"line\":2,\"error\":" + must + "}");
    CHECK(lines[2] == "{\"line\":3,\"error\":" + must + "}");
    CHECK(lines[3] == "{\"line\":4,\"error\":" + must + "}");
    CHECK(lines[4] == R"({"line":5,"error":"column 15: invalid literal"})");
    CHECK(lines[5] == R"({"line":6,"error":"/: expected an object of answers, got an array"})");
    CHECK(lines[6].rfind(R"({"id":"ok","recommendation":{)", 0) == 0);
    CHECK(result.exit_code == 3);
}

TEST_CASE("id-field: an empty name or an answer key is a usage error", "[batch][id]") {
    CHECK(usage_error(with_id_field("")) == "--id-field: needs a member name, got ''");
    CHECK(usage_error(with_id_field("ml")) ==
          "--id-field: 'ml' is the answer to the question 'ml'; name a member no question uses");
}

TEST_CASE("the output is byte-identical for 1, 2 and 7 jobs", "[batch][jobs]") {
    std::mt19937 random(20261112);
    std::string input;
    std::string expected;
    for (int i = 0; i < 300; ++i) {
        if (i % 37 == 5) {
            input += "{\"team\": \"cobol\"}\n";
            expected +=
                "{\"line\":" + std::to_string(i + 1) + ",\"error\":\"" + k_cobol_error + "\"}\n";
            continue;
        }
        if (i % 53 == 7) {
            input += "\r\n";
            continue;
        }
        const auto answers = answers_document(
            shipped().questions, stackpick::testing::random_answers(shipped().questions, random));
        input += answers.dump() + (i % 2 == 0 ? "\n" : "\r\n");
        expected += expected_line(answers);
    }
    const auto one = run(input, with_jobs(1));
    CHECK(one.out == expected);
    CHECK(one.exit_code == 3);
    for (const std::size_t jobs : {std::size_t{2}, std::size_t{7}}) {
        INFO("jobs " << jobs);
        const auto many = run(input, with_jobs(jobs));
        CHECK(many.out == one.out);
        CHECK(many.err == one.err);
        CHECK(many.exit_code == one.exit_code);
    }
}

TEST_CASE("results stream out while the input is still being read", "[batch][streaming]") {
    // 20,000 lines (every 500th one scored, the rest refused cheaply); at every write, the lines
    // read but not yet written must stay within one read buffer and one chunk.
    constexpr std::size_t k_lines = 20000;
    GeneratedInput input(k_lines, [](std::size_t number) {
        return number % 500 == 0 ? std::string("{\"ml\": true}")
                                 : std::string("{\"ml\": true, \"team\": \"cobol\"}");
    });
    std::istream in(&input);
    StreamInput lines(in);
    std::size_t lines_written = 0;
    std::size_t writes = 0;
    std::size_t most_behind = 0;
    bool input_done_at_first_write = true;
    ObservedOutput output([&](std::string_view bytes) {
        if (writes++ == 0) input_done_at_first_write = input.exhausted();
        lines_written += static_cast<std::size_t>(std::count(bytes.begin(), bytes.end(), '\n'));
        most_behind = std::max(most_behind, input.lines_given() - lines_written);
        return WriteStatus::ok;
    });
    std::ostringstream err;
    CHECK(run_batch(shipped(), with_jobs(2), lines, output, err) == 3);
    CHECK(lines_written == k_lines);
    CHECK_FALSE(input_done_at_first_write);
    CHECK(writes > 10);
    // A 64 KiB read holds about 2,200 of these 30-byte lines.
    CHECK(most_behind < 5000);
}

TEST_CASE("a reader that goes away stops the run quietly without reading the rest", "[batch]") {
    GeneratedInput input(1000000, [](std::size_t) { return std::string("[]"); });
    std::istream in(&input);
    StreamInput lines(in);
    ObservedOutput output([](std::string_view) { return WriteStatus::reader_closed; });
    std::ostringstream err;
    CHECK(run_batch(shipped(), with_jobs(2), lines, output, err) == 0);
    CHECK(input.lines_given() < 100000);
}

TEST_CASE("a write error is a RuntimeError", "[batch]") {
    std::istringstream in("{}\n");
    FailingBuffer failing;
    std::ostream out(&failing);
    std::ostringstream err;
    try {
        run_batch(shipped(), {}, in, out, err);
        FAIL("no error");
    } catch (const RuntimeError& e) {
        CHECK(std::string(e.what()) == "cannot write the results: the output stream failed");
    }
}

TEST_CASE("a line over 1 MiB is refused and the run goes on", "[batch][limits]") {
    const std::size_t limit = 1u << 20;
    const std::string object = "{\"ml\": true}";
    const std::string at_limit = object + std::string(limit - object.size(), ' ');
    const std::string over_limit = at_limit + " ";
    const auto result =
        run(at_limit + "\n" + over_limit + "\n" + at_limit + "\r\n" + over_limit + "\r\n{}\n");
    const auto lines = split_lines(result.out);
    REQUIRE(lines.size() == 5);
    CHECK(lines[0] + "\n" == expected_line({{"ml", true}}));
    CHECK(lines[1] == R"({"line":2,"error":"larger than the 1 MiB limit"})");
    CHECK(lines[2] == lines[0]);
    CHECK(lines[3] == R"({"line":4,"error":"larger than the 1 MiB limit"})");
    CHECK(lines[4] + "\n" == expected_line(nlohmann::json::object()));
    CHECK(result.err ==
          "stackpick: error: line 2: larger than the 1 MiB limit\n"
          "stackpick: error: line 4: larger than the 1 MiB limit\n");
    CHECK(result.exit_code == 3);
}

TEST_CASE("a 256 MiB line is refused without being held in memory", "[batch][limits]") {
    // One line of 256 MiB, then a good one; produced 64 KiB at a time.
    class HugeLine : public std::streambuf {
      public:
        HugeLine() : m_block(64u << 10, ' ') {}

      protected:
        int_type underflow() override {
            if (m_blocks_left > 0) {
                --m_blocks_left;
                setg(m_block.data(), m_block.data(), m_block.data() + m_block.size());
                return ' ';
            }
            if (m_tail_given) return traits_type::eof();
            m_tail_given = true;
            setg(m_tail.data(), m_tail.data(), m_tail.data() + m_tail.size());
            return '\n';
        }

      private:
        std::string m_block;
        std::size_t m_blocks_left = 4096;
        std::string m_tail = "\n{\"ml\": true}\n";
        bool m_tail_given = false;
    } huge;
    std::istream in(&huge);
    std::ostringstream out, err;
    const long before = peak_resident_kilobytes();
    CHECK(run_batch(shipped(), with_jobs(2), in, out, err) == 3);
    const long grown = peak_resident_kilobytes() - before;
    if (k_peak_memory_is_meaningful) CHECK(grown < 64 * 1024);  // KiB: far below 256 MiB
    CHECK(out.str() == R"({"line":1,"error":"larger than the 1 MiB limit"})"
                       "\n" +
                           expected_line({{"ml", true}}));
}

TEST_CASE("long lines scattered through the input do not pile up in memory", "[batch][limits]") {
    // 3,000 lines, every 47th one 1 MiB long: 64 MiB of input through a 64-line chunk.
    const std::string object = "{\"ml\": true}";
    const std::string long_line = object + std::string((1u << 20) - object.size(), ' ');
    GeneratedInput input(
        3000, [&](std::size_t number) { return number % 47 == 0 ? long_line : std::string("[]"); });
    std::istream in(&input);
    std::ostringstream out, err;
    const long before = peak_resident_kilobytes();
    CHECK(run_batch(shipped(), with_jobs(1), in, out, err) == 3);
    const long grown = peak_resident_kilobytes() - before;
    if (k_peak_memory_is_meaningful) CHECK(grown < 24 * 1024);  // KiB: a few lines, not 63
    const auto lines = split_lines(out.str());
    REQUIRE(lines.size() == 3000);
    CHECK(lines[46] + "\n" == expected_line({{"ml", true}}));
}

TEST_CASE("a line nested deeper than 64 levels is refused", "[batch][limits]") {
    const auto nested = [](std::size_t depth) {
        // The object itself is one level: {"ml": [[...]]}
        return "{\"ml\": " + std::string(depth - 1, '[') + std::string(depth - 1, ']') + "}";
    };
    const auto result = run(nested(64) + "\n" + nested(65) + "\n" + nested(100000) + "\n");
    const auto lines = split_lines(result.out);
    REQUIRE(lines.size() == 3);
    CHECK(lines[0].find("nesting") == std::string::npos);
    CHECK(lines[0].rfind(R"({"line":1,"error":"/ml: expected true, false or null, got )", 0) == 0);
    CHECK(lines[1] == R"({"line":2,"error":"column 71: nesting deeper than 64 levels"})");
    CHECK(lines[2] == R"({"line":3,"error":"column 71: nesting deeper than 64 levels"})");
}

TEST_CASE("stats: reports lines, results, errors and every stage on stderr", "[batch]") {
    BatchOptions options;
    options.stats = true;
    const auto result = run("{}\n\n[]\n", options);
    const auto messages = split_lines(result.err);
    REQUIRE(messages.size() == 3);
    CHECK(messages[0] ==
          "stackpick: error: line 3: /: expected an object of answers, got an array");
    CHECK(messages[1].rfind("stackpick: batch: 3 lines (1 results, 1 errors, 1 blank) in ", 0) ==
          0);
    CHECK(messages[1].find(" s on 1 job: ") != std::string::npos);
    CHECK(messages[1].find(" lines/s") != std::string::npos);
    for (const char* stage : {"read ", "parse ", "scoring ", "rendering ", "writing "})
        CHECK(messages[2].find(stage) != std::string::npos);
    // Statistics never touch stdout.
    CHECK(split_lines(result.out).size() == 2);
}

TEST_CASE("FileInput reads a file and names a missing one or a directory", "[batch]") {
    const auto directory = stackpick::testing::make_temporary_directory();
    const auto path = directory + "/answers.jsonl";
    std::ofstream(path) << "{\"ml\": true}\n[]\n";
    FileInput input(path);
    std::ostringstream out, err;
    StreamOutput output(out);
    CHECK(run_batch(shipped(), {}, input, output, err) == 3);
    CHECK(out.str() == run("{\"ml\": true}\n[]\n").out);

    try {
        FileInput missing(directory + "/missing.jsonl");
        FAIL("no error");
    } catch (const DataError& e) {
        CHECK(std::string(e.what()) ==
              "cannot read '" + directory + "/missing.jsonl': No such file or directory");
    }
    try {
        FileInput folder(directory);
        FAIL("no error");
    } catch (const DataError& e) {
        CHECK(std::string(e.what()) == "'" + directory + "' is a directory");
    }
}

TEST_CASE("FileDescriptorOutput: a closed pipe is reader_closed, a full disk an error", "[batch]") {
    int ends[2];
    REQUIRE(::pipe(ends) == 0);
    ::close(ends[0]);
    FileDescriptorOutput pipe_output(ends[1]);
    CHECK(pipe_output.write("{}\n") == WriteStatus::reader_closed);
    ::close(ends[1]);

    const int full = ::open("/dev/full", O_WRONLY);
    if (full < 0) return;  // no /dev/full in this sandbox
    FileDescriptorOutput full_output(full);
    try {
        full_output.write("{}\n");
        FAIL("no error");
    } catch (const RuntimeError& e) {
        CHECK(std::string(e.what()) == "cannot write to file descriptor " + std::to_string(full) +
                                           ": No space left on device");
    }
    ::close(full);
}

TEST_CASE("batch lines are byte for byte the built document for 300 random answer sets",
          "[batch][property]") {
    std::mt19937 random(20261130);  // fixed seed: reproducible
    BatchOptions options;
    options.jobs = 2;
    options.scoring.weights["ml-ai"] = 2.5;
    options.scoring.weights["realtime"] = 0;
    options.scoring.excluded_sources = {"guide-2026"};
    for (const ScoringOptions& scoring : {ScoringOptions{}, options.scoring}) {
        options.scoring = scoring;
        std::string input, expected;
        for (int i = 0; i < 150; ++i) {
            const nlohmann::json given = testing::random_answers(shipped().questions, random);
            input += given.dump() + "\n";
            expected += expected_line(given, scoring);
        }
        const auto result = run(input, options);
        CHECK(result.exit_code == 0);
        CHECK(result.out == expected);
    }
}

TEST_CASE("the text writer, compact and indented, escapes and replaces text exactly as dump() does",
          "[batch]") {
    // Quotes, backslashes, control characters, UTF-8 and bytes that are not UTF-8, in every kind
    // of text the document carries from the knowledge base.
    const std::string awkward =
        "a \"quoted\" back\\slash, tab\t, bell\x07, DEL\x7f, caf\xc3\xa9 "
        "\xe2\x80\x94 \xf0\x9f\x9a\x80, bad \xff\xc3 and \xe2\x80 end";
    KnowledgeBase knowledge_base = shipped();
    knowledge_base.version = awkward;
    knowledge_base.location = {KnowledgeBaseLocation::Kind::directory, "dir/" + awkward, "test"};
    for (auto& stack : knowledge_base.stacks) stack.name += awkward;
    for (auto& rule : knowledge_base.rules) {
        rule.reason += awkward;
        for (auto& [stack, caution] : rule.cautions) caution.text += awkward;
        rule.sources.push_back(awkward);
    }
    for (auto& pick : knowledge_base.framework_picks) pick.why += awkward;

    std::mt19937 random(7);
    for (int i = 0; i < 40; ++i) {
        const GivenAnswers given = testing::random_answers(knowledge_base.questions, random);
        const ResolvedAnswers answers = resolve_answers(knowledge_base.questions, given);
        const Recommendation recommendation = recommend(knowledge_base, answers);
        const Estimates estimates = estimate(knowledge_base, answers);
        const auto document =
            recommendation_json(recommendation, knowledge_base, answers, &estimates);
        std::string line;
        append_recommendation_document(line, recommendation, knowledge_base, answers, &estimates);
        INFO(nlohmann::json(given).dump());
        CHECK(line ==
              document.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace));

        std::string reduced;
        append_recommendation_document(reduced, recommendation, knowledge_base, answers, nullptr,
                                       {"answers", "estimates", "ranking"});
        const nlohmann::ordered_json kept = {{"answers", document["answers"]},
                                             {"ranking", document["ranking"]}};
        CHECK(reduced ==
              kept.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace));

        // --json: indented, with --explain's and --what-if's members after the estimates.
        auto extra = nlohmann::ordered_json::object();
        extra["trace"] = explain_json(explain(knowledge_base, answers, recommendation));
        const auto flips = what_if_json(what_if(knowledge_base, given, {}, 3));
        for (const auto& [key, value] : flips.items()) extra[key] = value;
        const auto full =
            recommendation_json(recommendation, knowledge_base, answers, &estimates, extra);
        CHECK(recommendation_document_text(recommendation, knowledge_base, answers, estimates,
                                           extra) ==
              full.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n");
        CHECK(recommendation_document_text(recommendation, knowledge_base, answers, estimates,
                                           nlohmann::ordered_json::object()) ==
              document.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) +
                  "\n");
    }
}
