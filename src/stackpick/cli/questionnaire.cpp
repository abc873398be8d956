// The questionnaire: one question at a time on a terminal. Each line is read with a bounded
// buffer and checked before it is interpreted, and every string from the data or the user is made
// terminal-safe before it is printed.

#include "stackpick/cli/questionnaire.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <istream>
#include <optional>
#include <ostream>

#include <fmt/format.h>

#include "stackpick/logic/logic.hpp"
#include "stackpick/report/report.hpp"
#include "stackpick/util/error.hpp"
#include "stackpick/util/suggest.hpp"
#include "stackpick/util/text.hpp"

namespace stackpick {

namespace {

/// Prompts are wrapped for a standard terminal; a wider one just shows shorter lines.
constexpr std::size_t k_width = 80;

std::string lower(std::string_view text) {
    std::string result(text);
    for (char& c : result) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return result;
}

std::string trim(std::string_view text) {
    const auto first = text.find_first_not_of(' ');
    if (first == std::string_view::npos) return {};
    const auto last = text.find_last_not_of(' ');
    return std::string(text.substr(first, last - first + 1));
}

bool all_digits(std::string_view text) {
    return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
        return std::isdigit(static_cast<unsigned char>(c)) != 0;
    });
}

/// C0 controls, DEL and the C1 controls (U+0080-U+009F): what terminal_safe would replace.
bool has_control_characters(std::string_view text) {
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c < 0x20 || c == 0x7f) return true;
        if (c == 0xC2 && i + 1 < text.size()) {
            const auto next = static_cast<unsigned char>(text[i + 1]);
            if (next >= 0x80 && next <= 0x9F) return true;
        }
    }
    return false;
}

/// What the user typed, quoted, terminal-safe and short enough for one message line.
std::string shown(std::string_view text) {
    std::string cut(text);
    if (cut.size() > 40) {
        std::size_t end = 37;
        // Never cut a UTF-8 sequence in half.
        while (end > 0 && (static_cast<unsigned char>(cut[end]) & 0xC0U) == 0x80U) --end;
        cut = cut.substr(0, end) + "...";
    }
    return "'" + terminal_safe(cut) + "'";
}

/// An answer as the prompt shows it: "yes", "python", "12", "unknown".
std::string value_text(const nlohmann::json& value) {
    if (value.is_null()) return "unknown";
    if (value.is_boolean()) return value.get<bool>() ? "yes" : "no";
    if (value.is_string()) return terminal_safe(value.get<std::string>());
    return value.dump();
}

/// Text wrapped to width columns, the first line after prefix and the others indented under it.
std::string hang(const std::string& prefix, const std::string& text, std::size_t width = k_width) {
    const std::size_t room = width > prefix.size() + 20 ? width - prefix.size() : 20;
    const std::string wrapped = wrap(text, room, "");
    if (wrapped.empty()) return prefix.substr(0, prefix.find_last_not_of(' ') + 1) + "\n";
    const std::string indent(prefix.size(), ' ');
    std::string result;
    for (std::size_t start = 0; start < wrapped.size();) {
        const std::size_t end = wrapped.find('\n', start);
        result += (start == 0 ? prefix : indent) + wrapped.substr(start, end - start + 1);
        start = end + 1;
    }
    return result;
}

// --- reading one answer -------------------------------------------------------------------------

enum class LineStatus { ok, too_long, ended };

/// Reads one line into `line` (without its newline or a trailing CR), keeping at most
/// k_max_answer_bytes; the rest of a longer line is read and dropped. A last line without a
/// newline still counts; `ended` means nothing was left to read (or the read failed).
LineStatus read_line(std::istream& in, std::string& line) {
    line.clear();
    bool read_any = false;
    bool too_long = false;
    std::size_t length = 0;
    for (;;) {
        const auto c = in.get();
        if (c == std::istream::traits_type::eof()) break;
        read_any = true;
        if (c == '\n') break;
        if (++length > k_max_discarded_bytes)
            throw RuntimeError(
                fmt::format("an input line ran past {} bytes without a newline; nothing was "
                            "written",
                            k_max_discarded_bytes));
        if (too_long) continue;
        // One byte over the limit is kept only if it is the CR of a CRLF line ending.
        if (line.size() > k_max_answer_bytes || (line.size() == k_max_answer_bytes && c != '\r')) {
            too_long = true;
            line.clear();
            continue;
        }
        line += static_cast<char>(c);
    }
    if (!read_any) return LineStatus::ended;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (too_long || line.size() > k_max_answer_bytes) return LineStatus::too_long;
    return LineStatus::ok;
}

// --- understanding one answer -------------------------------------------------------------------

/// What a line typed at a prompt asks for.
struct Reply {
    enum class Kind { keep, help, back, skip, answer, invalid };
    Kind kind = Kind::invalid;
    nlohmann::json value;  ///< for answer
    std::string problem;   ///< for invalid: why, and what would do
};

Reply answer(nlohmann::json value) { return {Reply::Kind::answer, std::move(value), {}}; }
Reply invalid(std::string problem) { return {Reply::Kind::invalid, nullptr, std::move(problem)}; }

Reply interpret_boolean(const std::string& text, const std::string& word) {
    constexpr std::pair<std::string_view, bool> k_words[] = {
        {"yes", true}, {"no", false}, {"true", true}, {"false", false}};
    // y, ye, n, t, tr, f... are prefixes of exactly one word.
    for (const auto& [name, value] : k_words)
        if (name.substr(0, word.size()) == word) return answer(value);
    return invalid(fmt::format("{} is not yes or no: type y or n", shown(text)));
}

Reply interpret_choice(const Question& question, const std::string& text, const std::string& word) {
    std::vector<std::string> ids;
    for (const auto& choice : question.choices) ids.push_back(terminal_safe(choice.id));
    const std::string valid =
        fmt::format("type 1-{} or one of {}", ids.size(), fmt::join(ids, ", "));
    if (all_digits(word)) {
        if (word.size() <= 9) {
            const auto number = std::stoul(word);
            if (number >= 1 && number <= question.choices.size())
                return answer(question.choices[number - 1].id);
        }
        return invalid(fmt::format("there is no choice {}: {}", shown(text), valid));
    }
    std::vector<std::string> matches;
    for (const auto& choice : question.choices) {
        if (choice.id == word) return answer(choice.id);
        if (choice.id.rfind(word, 0) == 0) matches.push_back(choice.id);
    }
    if (matches.size() == 1) return answer(matches.front());
    if (matches.size() > 1) {
        for (auto& match : matches) match = terminal_safe(match);
        return invalid(fmt::format("{} could be {}: type more of the name, or its number",
                                   shown(text), list_text(matches, "or")));
    }
    return invalid(fmt::format("{} is not a choice{}: {}", shown(text),
                               terminal_safe(did_you_mean(word, question.choice_ids())), valid));
}

Reply interpret_number(const Question& question, const std::string& text) {
    try {
        // Decimal digits only (no sign, exponent, hex or "nan"), finite and in range.
        return answer(parse_answer_text(question, text));
    } catch (const UsageError&) {
        return invalid(
            fmt::format("{} is not {} in {}", shown(text),
                        question.type == QuestionType::integer ? "a whole number" : "a number",
                        question.valid_values()));
    }
}

Reply interpret(const Question& question, std::string_view line) {
    const std::string text = trim(line);
    const std::string word = lower(text);
    if (word.empty()) return {Reply::Kind::keep, nullptr, {}};
    if (word == "?") return {Reply::Kind::help, nullptr, {}};
    if (word == "back" || word == "<") return {Reply::Kind::back, nullptr, {}};
    if (word == "skip") return {Reply::Kind::skip, nullptr, {}};
    switch (question.type) {
        case QuestionType::boolean:
            return interpret_boolean(text, word);
        case QuestionType::choice:
            return interpret_choice(question, text, word);
        case QuestionType::integer:
        case QuestionType::number:
            return interpret_number(question, text);
    }
    return invalid("unknown question type");
}

// --- the conversation ---------------------------------------------------------------------------

/// What one question ended with.
struct Outcome {
    enum class Kind { answer, keep, reset, back };
    Kind kind = Kind::keep;
    nlohmann::json value;
};

class Questionnaire {
  public:
    Questionnaire(const KnowledgeBase& knowledge_base, const GivenAnswers& given,
                  PromptStreams streams)
        : m_knowledge_base(knowledge_base),
          m_gate(gate_question(knowledge_base)),
          m_given(given),
          m_answers(given),
          m_in(streams.in),
          m_out(streams.out),
          m_color(streams.color) {}

    GivenAnswers run() {
        const std::vector<Step> steps = this->steps();
        std::vector<std::size_t> history;  // indices of the steps asked, for "back"
        bool started = false;
        std::size_t index = 0;
        while (index < steps.size()) {
            const Step& step = steps[index];
            const Question& question =
                step.gate ? m_gate : m_knowledge_base.questions[step.question];
            // Recomputed at every step: an answer can bring a later question in or rule it out.
            const std::vector<bool> askable = askable_steps(steps);
            if (!askable[index]) {
                // Ruled out (or given by flag): an answer typed before going back is stale.
                if (!step.gate && !m_given.contains(question.key)) m_answers.erase(question.key);
                ++index;
                continue;
            }
            if (!started) {
                introduce();
                started = true;
            }
            const auto before = askable.begin() + static_cast<std::ptrdiff_t>(index);
            const auto position =
                static_cast<std::size_t>(std::count(askable.begin(), before, true));
            const auto total =
                static_cast<std::size_t>(std::count(askable.begin(), askable.end(), true));
            const auto found = m_answers.find(question.key);
            const nlohmann::json* current = found == m_answers.end() ? nullptr : &found->second;
            const nlohmann::json gate_current =
                m_estimates ? nlohmann::json(*m_estimates) : nullptr;
            if (step.gate) current = m_estimates ? &gate_current : nullptr;

            const Outcome outcome = ask(question, position + 1, total, current, !history.empty());
            switch (outcome.kind) {
                case Outcome::Kind::answer:
                    if (step.gate)
                        m_estimates = outcome.value.get<bool>();
                    else
                        m_answers[question.key] = outcome.value;
                    break;
                case Outcome::Kind::keep:
                    break;
                case Outcome::Kind::reset:
                    if (step.gate)
                        m_estimates.reset();
                    else
                        m_answers.erase(question.key);
                    break;
                case Outcome::Kind::back:
                    index = history.back();
                    history.pop_back();
                    continue;
            }
            history.push_back(index);
            ++index;
        }
        if (started) m_out << "\n" << std::flush;
        return m_answers;
    }

  private:
    /// One step of the conversation: a question, or the gate before the questions only the
    /// estimates read ("fit the estimates to this project?"), which is not a knowledge-base
    /// question: its answer is not an answer, and declining leaves those questions unanswered,
    /// exactly as when their flags are not given.
    struct Step {
        bool gate = false;
        std::size_t question = 0;  ///< for a question step: its index
    };

    std::vector<Step> steps() const {
        std::vector<Step> steps;
        bool gate_placed = false;
        const auto& questions = m_knowledge_base.questions;
        for (std::size_t i = 0; i < questions.size(); ++i) {
            if (questions[i].estimates_input && !gate_placed) {
                steps.push_back({true, i});
                gate_placed = true;
            }
            steps.push_back({false, i});
        }
        return steps;
    }

    /// Whether an estimates-only question was answered by flag or file: then the user wants
    /// the estimates fitted, and the gate is not asked.
    bool estimates_given() const {
        return std::any_of(
            m_knowledge_base.questions.begin(), m_knowledge_base.questions.end(),
            [&](const Question& q) { return q.estimates_input && m_given.contains(q.key); });
    }

    /// Which steps would be asked given the answers so far (defaults for the rest: an
    /// undecided gate counts as declined, so [n/N] grows only when the user says yes).
    std::vector<bool> askable_steps(const std::vector<Step>& steps) const {
        const auto& questions = m_knowledge_base.questions;
        const nlohmann::json values = resolve_answers(questions, m_answers).values;
        const bool inferred = estimates_given();
        const bool estimates = inferred || m_estimates.value_or(false);
        std::vector<bool> askable(steps.size());
        for (std::size_t i = 0; i < steps.size(); ++i) {
            if (steps[i].gate) {
                askable[i] = !inferred;
                continue;
            }
            const Question& question = questions[steps[i].question];
            const bool asked_if = !question.ask_if || holds(*question.ask_if, values);
            const bool needed =
                question.estimates_input ? estimates || (question.ask_if && asked_if) : asked_if;
            askable[i] = !m_given.contains(question.key) && needed;
        }
        return askable;
    }

    /// The gate, asked as a yes/no question whose help names the questions it stands for.
    static Question gate_question(const KnowledgeBase& knowledge_base) {
        Question gate;
        gate.id = "fit-estimates";
        gate.type = QuestionType::boolean;
        gate.default_value = false;
        std::vector<std::string> prompts;
        for (const auto& question : knowledge_base.questions)
            if (question.estimates_input) prompts.push_back(question.id);
        gate.prompt =
            fmt::format("Fit the cost and time estimates to this project? ({} more question{}: {})",
                        prompts.size(), prompts.size() == 1 ? "" : "s", list_text(prompts, "and"));
        gate.help =
            "Yes asks the questions only the estimates read. No leaves them unknown, exactly as "
            "when their flags are not given: the recommendation is the same, and the estimates "
            "use their defaults (each says which). Any of them can still be given as a flag.";
        return gate;
    }

    static bool holds(const logic::Expression& condition, const nlohmann::json& values) {
        try {
            return logic::evaluate_truthy(condition, values);
        } catch (const logic::RuleError&) {
            return true;  // asking a question that may not matter is the harmless mistake
        }
    }

    Outcome ask(const Question& question, std::size_t position, std::size_t total,
                const nlohmann::json* current, bool can_go_back) {
        show_question(question, position, total, current);
        for (;;) {
            m_out << "> " << std::flush;
            std::string line;
            const LineStatus status = read_line(m_in, line);
            if (status == LineStatus::ended) {
                m_out << "\n" << std::flush;  // the error must not follow the "> " prompt
                throw RuntimeError(std::string(k_input_ended_message));
            }
            if (status == LineStatus::too_long) {
                say_problem(fmt::format("that answer is longer than {} bytes: type a short one",
                                        k_max_answer_bytes));
                continue;
            }
            if (has_control_characters(line)) {
                say_problem(
                    "control characters are not accepted (arrow and other special keys send "
                    "them): type the answer again");
                continue;
            }
            const Reply reply = interpret(question, line);
            switch (reply.kind) {
                case Reply::Kind::keep:
                    return {Outcome::Kind::keep, nullptr};
                case Reply::Kind::skip:
                    return {Outcome::Kind::reset, nullptr};
                case Reply::Kind::answer:
                    return {Outcome::Kind::answer, reply.value};
                case Reply::Kind::back:
                    if (can_go_back) return {Outcome::Kind::back, nullptr};
                    say_problem("nothing to go back to: this is the first question");
                    break;
                case Reply::Kind::help:
                    show_help(question);
                    m_out << hint_line(question, current);
                    break;
                case Reply::Kind::invalid:
                    say_problem(reply.problem);
                    break;
            }
        }
    }

    void introduce() {
        m_out << wrap(
            "Answer each question and press Enter. Enter alone keeps the default, ? explains "
            "the question, back returns to the previous one, skip leaves it at its default. "
            "Ctrl-C quits.",
            k_width, "");
    }

    void show_question(const Question& question, std::size_t position, std::size_t total,
                       const nlohmann::json* current) {
        const std::string progress = fmt::format("[{}/{}]", position, total);
        std::string block = "\n" + paint("1", hang(progress + " ", terminal_safe(question.prompt)));

        if (question.type == QuestionType::choice) {
            std::size_t id_width = 0;
            for (const auto& choice : question.choices)
                id_width = std::max(id_width, terminal_safe(choice.id).size());
            for (std::size_t i = 0; i < question.choices.size(); ++i) {
                const Choice& choice = question.choices[i];
                const std::string prefix =
                    fmt::format("  {:>2}  {:<{}}  ", i + 1, terminal_safe(choice.id), id_width);
                std::string text = terminal_safe(choice.description);
                if (current && *current == choice.id) text += " [current]";
                if (question.default_value == choice.id) text += " [default]";
                block += hang(prefix, text);
            }
        }
        block += hint_line(question, current);
        m_out << block;
    }

    /// "  y/n; Enter = no [default]; ? help, back, skip": what to type, and what Enter does.
    std::string hint_line(const Question& question, const nlohmann::json* current) const {
        std::string expected;
        switch (question.type) {
            case QuestionType::boolean:
                expected = "y/n";
                break;
            case QuestionType::choice:
                expected = "number, name or prefix";
                break;
            case QuestionType::integer:
            case QuestionType::number:
                expected = fmt::format(
                    "{}, {}{}", question.type == QuestionType::integer ? "whole number" : "number",
                    question.valid_values(),
                    question.unit.empty() ? "" : " " + terminal_safe(question.unit));
                break;
        }
        std::string enter;
        if (current)
            enter = fmt::format("Enter = keep {} [current]", value_text(*current));
        else if (question.default_value.is_null())
            enter = "Enter = unknown";
        else
            enter = fmt::format("Enter = {} [default]", value_text(question.default_value));
        return paint("2", hang("  ", fmt::format("{}; {}; ? help, back, skip", expected, enter)));
    }

    void show_help(const Question& question) {
        std::string text;
        const std::string help =
            question.help.empty() ? "No help for this question." : question.help;
        text += hang("  ", terminal_safe(help));
        if (!question.sources.empty()) {
            text += "  Sources:\n";
            const Facts& facts = m_knowledge_base.facts;
            for (const auto& id : question.sources) {
                const Source* source = facts.find_source(id);
                const std::string marker = fmt::format("    [{}] ", facts.source_marker(id));
                const std::string title = source ? source->title : id;
                text += hang(marker, terminal_safe(title));
            }
        }
        m_out << text;
    }

    void say_problem(const std::string& problem) { m_out << paint("33", hang("  ! ", problem)); }

    std::string paint(const char* code, std::string text) const {
        return ansi_style(code, std::move(text), m_color);
    }

    const KnowledgeBase& m_knowledge_base;
    const Question m_gate;
    std::optional<bool> m_estimates;  ///< the gate's answer; unset: not asked or skipped
    const GivenAnswers& m_given;
    GivenAnswers m_answers;
    std::istream& m_in;
    std::ostream& m_out;
    bool m_color;
};

// --- the equivalent command ---------------------------------------------------------------------

/// A number as the flag parser reads it back: plain decimal digits, never an exponent.
std::string number_text(const Question& question, const nlohmann::json& value) {
    if (value.is_number_integer() || value.is_number_unsigned()) return value.dump();
    const double number = value.get<double>();
    if (question.type == QuestionType::integer ||
        (std::trunc(number) == number && std::fabs(number) < 9007199254740992.0))
        return fmt::format("{}", static_cast<std::int64_t>(number));
    std::string text = fmt::format("{}", number);
    if (text.find_first_of("eE") != std::string::npos) {
        text = fmt::format("{:.17f}", number);
        text.erase(text.find_last_not_of('0') + 1);
        if (!text.empty() && text.back() == '.') text.pop_back();
    }
    return text;
}

}  // namespace

GivenAnswers run_questionnaire(const KnowledgeBase& knowledge_base, const GivenAnswers& given,
                               PromptStreams streams) {
    return Questionnaire(knowledge_base, given, streams).run();
}

std::string equivalent_command(const std::vector<Question>& questions, const GivenAnswers& given) {
    std::string command = "stackpick";
    for (const auto& question : questions) {
        const auto found = given.find(question.key);
        if (found == given.end() || found->second.is_null()) continue;
        const nlohmann::json& value = found->second;
        switch (question.type) {
            case QuestionType::boolean:
                if (value.is_boolean())
                    command += " " + shell_quote(value.get<bool>() ? question.flag
                                                                   : "--no-" + question.id);
                break;
            case QuestionType::choice:
                if (value.is_string())
                    command += " " + shell_quote(question.flag) + " " +
                               shell_quote(value.get<std::string>());
                break;
            case QuestionType::integer:
            case QuestionType::number:
                if (value.is_number())
                    command += " " + shell_quote(question.flag) + " " +
                               shell_quote(number_text(question, value));
                break;
        }
    }
    return command;
}

}  // namespace stackpick
