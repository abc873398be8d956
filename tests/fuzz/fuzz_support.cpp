#include "fuzz_support.hpp"

#include <cstdio>
#include <cstdlib>

#include <nlohmann/json.hpp>

#include "stackpick/engine/engine.hpp"
#include "stackpick/engine/estimates.hpp"
#include "stackpick/report/decision_record.hpp"
#include "stackpick/report/estimates_json.hpp"
#include "stackpick/report/estimates_markdown.hpp"
#include "stackpick/report/estimates_text.hpp"
#include "stackpick/report/report.hpp"
#include "stackpick/util/error.hpp"

namespace stackpick::fuzz {

void require(bool holds, std::string_view what, std::string_view detail) {
    if (holds) return;
    std::fprintf(stderr, "fuzz finding: %.*s\n", static_cast<int>(what.size()), what.data());
    if (!detail.empty())
        std::fprintf(stderr, "%.*s\n", static_cast<int>(detail.size()), detail.data());
    std::abort();
}

bool is_valid_utf8(std::string_view text) {
    std::size_t i = 0;
    while (i < text.size()) {
        const auto lead = static_cast<unsigned char>(text[i]);
        std::size_t length = 0;
        std::uint32_t code_point = 0;
        if (lead < 0x80) {
            ++i;
            continue;
        }
        if (lead >= 0xC2 && lead <= 0xDF) {
            length = 2;
            code_point = lead & 0x1Fu;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            length = 3;
            code_point = lead & 0x0Fu;
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            length = 4;
            code_point = lead & 0x07u;
        } else {
            return false;
        }
        if (i + length > text.size()) return false;
        for (std::size_t k = 1; k < length; ++k) {
            const auto next = static_cast<unsigned char>(text[i + k]);
            if ((next & 0xC0u) != 0x80u) return false;
            code_point = (code_point << 6u) | (next & 0x3Fu);
        }
        const bool overlong =
            (length == 3 && code_point < 0x800) || (length == 4 && code_point < 0x10000);
        if (overlong || code_point > 0x10FFFF || (code_point >= 0xD800 && code_point <= 0xDFFF))
            return false;
        i += length;
    }
    return true;
}

void require_json_document(const std::string& text, std::string_view what) {
    // The strict parser rejects invalid UTF-8, NaN literals and trailing garbage.
    require(nlohmann::json::accept(text), what, text.substr(0, 2000));
}

void require_terminal_text(std::string_view text, std::string_view what) {
    require(is_valid_utf8(text), what, "not valid UTF-8");
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        require(byte == '\n' || (byte >= 0x20 && byte != 0x7F), what,
                "a raw control character reached text output");
    }
}

bool recommend_and_render(const KnowledgeBase& knowledge_base, const ResolvedAnswers& answers) {
    try {
        const Recommendation recommendation = recommend(knowledge_base, answers);
        const Estimates estimates = estimate(knowledge_base, answers);
        // As `stackpick --json` builds and prints it.
        auto document = recommendation_json(recommendation, knowledge_base, answers);
        document["estimates"] = estimates_json(estimates);
        require_json_document(
            document.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace),
            "--json output is not a valid UTF-8 JSON document");
        require_terminal_text(render_text(recommendation, knowledge_base, answers, TextStyle{},
                                          cost_and_time_lines(estimates, knowledge_base)),
                              "text output");
        (void)render_decision_record(recommendation, knowledge_base, answers, estimates);
        (void)render_estimates_markdown(estimates, knowledge_base);
        require_terminal_text(
            terminal_safe_lines(render_estimates_text(estimates, knowledge_base, 80)),
            "estimate text output");
        return true;
    } catch (const Error&) {
        return false;
    }
}

}  // namespace stackpick::fuzz
