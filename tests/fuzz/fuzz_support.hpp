#pragma once
/// Shared by the fuzz targets: checks whose failure is a finding (they abort, so libFuzzer and the
/// corpus replay both report it), and the full recommendation pipeline as the CLI runs it.

#include <string>
#include <string_view>

#include "stackpick/knowledge/answers.hpp"
#include "stackpick/knowledge/knowledge_base.hpp"

namespace stackpick::fuzz {

/// Ends the run with a message when a property does not hold: a finding, like a crash.
void require(bool holds, std::string_view what, std::string_view detail = {});

/// Whether text is well-formed UTF-8 (no overlongs, surrogates or code points past U+10FFFF).
bool is_valid_utf8(std::string_view text);

/// Requires text to be one JSON document that a strict parser accepts (which implies UTF-8).
void require_json_document(const std::string& text, std::string_view what);

/// Requires text meant for a terminal to be UTF-8 with no control character but newline.
void require_terminal_text(std::string_view text, std::string_view what);

/// Scores the answers and renders every format (JSON, text, Markdown, estimates), checking each
/// output. Errors stackpick reports (stackpick::Error) are expected and returned as false.
bool recommend_and_render(const KnowledgeBase& knowledge_base, const ResolvedAnswers& answers);

}  // namespace stackpick::fuzz
