// Fuzz target: the answers-file reader (`--answers -`) against the shipped questions, then the
// whole pipeline the CLI runs on the answers: resolve, recommend, render JSON, text, Markdown.

#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

#include "fuzz_support.hpp"
#include "stackpick/cli/embedded_data.hpp"
#include "stackpick/knowledge/answers.hpp"
#include "stackpick/knowledge/knowledge_base.hpp"
#include "stackpick/util/error.hpp"

namespace {

const stackpick::KnowledgeBase& shipped() {
    static const stackpick::KnowledgeBase knowledge_base =
        stackpick::load_knowledge_base(stackpick::KnowledgeBaseLocation{});
    return knowledge_base;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto& knowledge_base = shipped();
    std::istringstream standard_input(std::string(reinterpret_cast<const char*>(data), size));
    stackpick::GivenAnswers given;
    try {
        given = stackpick::read_answers_file("-", standard_input, knowledge_base.questions);
    } catch (const stackpick::Error&) {
        return 0;  // refused answers: the expected outcome for most inputs
    }
    const auto answers = stackpick::resolve_answers(knowledge_base.questions, given);
    // Answers that were accepted must score and render: an error here is a finding.
    stackpick::fuzz::require(stackpick::fuzz::recommend_and_render(knowledge_base, answers),
                             "accepted answers failed to score or render");
    // What --save-answers writes must read back as the same answers.
    const std::string saved = stackpick::answers_document(knowledge_base.questions, given).dump(2);
    std::istringstream saved_input(saved);
    stackpick::fuzz::require(
        stackpick::read_answers_file("-", saved_input, knowledge_base.questions) == given,
        "saved answers do not read back the same", saved);
    return 0;
}
