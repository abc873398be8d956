#pragma once
/// The interactive questionnaire: asks the knowledge base's questions one at a time on a
/// terminal (with help, back and skip), and the one-line command that repeats the answers.
///
/// Reading is line-based and bounded: every answer is read with at most k_max_answer_bytes kept
/// in memory, a longer line is discarded up to its newline (at most k_max_discarded_bytes), and
/// end of input always ends the questionnaire. Nothing here touches global state: the caller owns
/// signals and the terminal.
///
/// Ctrl-C: the terminal stays in canonical (cooked) mode, so there is no terminal state to
/// restore; the caller's SIGINT handler should write "\n" to stderr and _exit(130). If the handler
/// returns instead (no SA_RESTART), the interrupted read ends like end of input: the
/// RuntimeError k_input_ended_message is thrown, and the caller should check its own flag and
/// exit 130 instead of reporting that error.

#include <cstddef>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

#include "stackpick/knowledge/answers.hpp"
#include "stackpick/knowledge/knowledge_base.hpp"
#include "stackpick/knowledge/question.hpp"
#include "stackpick/report/answer_flags.hpp"

namespace stackpick {

/// Where the questionnaire reads answers from and writes its prompts to.
struct PromptStreams {
    std::istream& in;    ///< a terminal's input, line by line
    std::ostream& out;   ///< stderr or /dev/tty: never stdout, which carries the result
    bool color = false;  ///< bold questions, dim hints, yellow problems (ANSI escapes)
};

/// Longest answer line accepted, in bytes (without its newline); longer ones are rejected.
inline constexpr std::size_t k_max_answer_bytes = 4096;
/// How much of one over-long line is read and thrown away before giving up on the input.
inline constexpr std::size_t k_max_discarded_bytes = std::size_t{1} << 20U;

/// The message of the RuntimeError (exit 1) thrown when input ends before the last question.
inline constexpr std::string_view k_input_ended_message =
    "input ended before all questions were answered; nothing was written";

/// Asks every question not already in `given`, in questions.json order, skipping those whose
/// ask_if is false over the answers so far (resolved with defaults), one at a time with progress
/// ("[3/12]"). Each answer may be a choice's number, id or unique prefix (case-insensitive),
/// y/n/yes/no/true/false for booleans, a decimal number in range; Enter keeps what the question
/// holds (its default, or on a revisited question the answer given earlier), "skip" resets it to
/// its default, "?" shows the help and sources, "back" or "<" returns to the previous question.
/// Returns `given` plus the answers typed; questions left at their default are not in it (so
/// they stay "assumed"), nor are answers to questions that ask_if later ruled out.
/// Throws RuntimeError(k_input_ended_message) at end of input, and RuntimeError when one line
/// runs past k_max_discarded_bytes without a newline.
GivenAnswers run_questionnaire(const KnowledgeBase& knowledge_base, const GivenAnswers& given,
                               PromptStreams streams);

/// The one-line command that gives the same answers: "stackpick --realtime --ml --team python"
/// (booleans as --x, or --no-x when false was given; in question order; values shell-quoted
/// only when needed). Answers given as null (unknown on purpose) have no flag and are left out.
std::string equivalent_command(const std::vector<Question>& questions, const GivenAnswers& given);

}  // namespace stackpick
