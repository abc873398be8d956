#include "stackpick/knowledge/knowledge_base.hpp"

#include <algorithm>
#include <filesystem>
#include <map>
#include <system_error>

#include <fmt/format.h>

#include "knowledge_base_parts.hpp"
#include "stackpick/util/calendar.hpp"
#include "stackpick/util/diagnostics.hpp"
#include "stackpick/util/error.hpp"
#include "stackpick/util/json_file.hpp"
#include "stackpick/util/json_reader.hpp"
#include "stackpick/util/suggest.hpp"
#include "stackpick/util/text.hpp"

namespace stackpick {

namespace {

using LoadedDocument = DataDocument;
using LoadedDocuments = DataDocuments;

/// Every file a knowledge base consists of, in the order problems are reported.
std::vector<std::string> knowledge_base_files() {
    std::vector<std::string> files = {"knowledge_base.json"};
    for (auto name : k_fact_files) files.emplace_back(name);
    files.emplace_back("questions.json");
    files.emplace_back("rules.json");
    return files;
}

std::string shown_name(const KnowledgeBaseLocation& location, const std::string& name) {
    return (std::filesystem::path(location.directory) / name).string();
}

/// Parses every file read; a file that could not be read or parsed becomes one diagnostic and is
/// left out, so the remaining files are still checked in the same run.
LoadedDocuments parse_documents(std::vector<detail::KnowledgeBaseFile> files,
                                Diagnostics& diagnostics) {
    LoadedDocuments documents;
    for (auto& file : files) {
        if (!file.text) {
            diagnostics.add(file.shown_name, "", file.error);
            continue;
        }
        try {
            documents[file.name] = {file.shown_name, parse_json_text(*file.text, file.shown_name,
                                                                     k_knowledge_base_limits)};
        } catch (const DataError& e) {
            diagnostics.add(file.shown_name, "", e.what());
        }
        file.text.reset();  // parsed: its memory is better used by the next file's tree
    }
    return documents;
}

void read_metadata(const LoadedDocument& document, KnowledgeBase& knowledge_base,
                   Diagnostics& diagnostics) {
    ObjectReader root(document.json, document.shown_name, "", diagnostics);
    if (auto format = root.integer("format_version", Presence::required, 1, 1'000'000)) {
        knowledge_base.format_version = static_cast<int>(*format);
        if (*format > k_knowledge_base_format)
            root.report("format_version",
                        fmt::format("knowledge-base format {} is newer than this stackpick reads "
                                    "({}): upgrade stackpick",
                                    *format, k_knowledge_base_format));
        else if (*format < k_knowledge_base_format)
            root.report("format_version",
                        fmt::format("knowledge-base format {} is older than this stackpick reads "
                                    "({}): since format 2 every cited sentence carries quotes, and "
                                    "cautions their own sources (docs/knowledge-base.md)",
                                    *format, k_knowledge_base_format));
    }
    knowledge_base.version = root.string("version", Presence::required).value_or("");
    const auto date = root.date("date", Presence::required);
    const auto review_by = root.date("review_by", Presence::optional);
    if (date) knowledge_base.date = calendar_date_text(*date);
    if (review_by) knowledge_base.review_by = calendar_date_text(*review_by);
    if (date && review_by && *review_by <= *date)
        root.report("review_by", fmt::format("review_by {} is not after the date {}",
                                             knowledge_base.review_by, knowledge_base.date));
    if (const auto* stacks = root.array("stacks", Presence::required)) {
        std::map<std::string, std::size_t> seen;
        for (std::size_t i = 0; i < stacks->size(); ++i) {
            ObjectReader item((*stacks)[i], document.shown_name,
                              root.pointer_to("stacks") + "/" + std::to_string(i), diagnostics);
            Stack stack;
            stack.id = item.string("id", Presence::required).value_or("");
            stack.name = item.string("name", Presence::required).value_or("");
            stack.description = item.string("description", Presence::required).value_or("");
            stack.combines =
                item.strings("combines", Presence::optional).value_or(std::vector<std::string>{});
            item.reject_unknown_keys();
            if (stack.id.empty()) continue;
            if (auto previous = seen.find(stack.id); previous != seen.end()) {
                item.report("id", fmt::format("duplicate stack id '{}' (first at /stacks/{})",
                                              stack.id, previous->second));
                continue;
            }
            seen[stack.id] = i;
            knowledge_base.stacks.push_back(std::move(stack));
        }
        for (std::size_t i = 0; i < knowledge_base.stacks.size(); ++i) {
            for (const auto& part : knowledge_base.stacks[i].combines) {
                const auto* combined = knowledge_base.find_stack(part);
                if (!combined || !combined->combines.empty())
                    diagnostics.add(
                        document.shown_name, fmt::format("/stacks/{}/combines", i),
                        fmt::format("'{}' is not a single stack of this knowledge base{}", part,
                                    did_you_mean(part, knowledge_base.stack_ids())));
            }
        }
        if (stacks->size() < 2)
            root.report("stacks", "a knowledge base needs at least two stacks to compare");
    }
    if (const auto* confidence = root.object("confidence", Presence::required)) {
        ObjectReader reader(*confidence, document.shown_name, "/confidence", diagnostics);
        auto& settings = knowledge_base.confidence;
        settings.high_margin =
            reader.number("high_margin", Presence::required).value_or(settings.high_margin);
        settings.medium_margin =
            reader.number("medium_margin", Presence::required).value_or(settings.medium_margin);
        settings.min_answers_for_high = static_cast<std::size_t>(
            reader.integer("min_answers_for_high", Presence::required, 0, 1000)
                .value_or(static_cast<std::int64_t>(settings.min_answers_for_high)));
        settings.disputed_share =
            reader.number("disputed_share", Presence::required).value_or(settings.disputed_share);
        if (settings.medium_margin > settings.high_margin)
            reader.report("medium_margin", "medium_margin must not exceed high_margin");
        reader.reject_unknown_keys();
    }
    root.reject_unknown_keys();
}

}  // namespace

std::string KnowledgeBaseLocation::describe() const {
    if (embedded()) return "the knowledge base embedded in the binary";
    return fmt::format("the knowledge base in '{}' (from {})", directory, chosen_by);
}

KnowledgeBaseLocation locate_knowledge_base(const std::optional<std::string>& data_dir_flag,
                                            const char* environment_value) {
    KnowledgeBaseLocation location;
    if (data_dir_flag) {
        location.directory = *data_dir_flag;
        location.chosen_by = "--data-dir";
    } else if (environment_value && *environment_value) {
        location.directory = environment_value;
        location.chosen_by = "STACKPICK_DATA_DIR";
    } else {
        return location;
    }
    location.kind = KnowledgeBaseLocation::Kind::directory;
    std::error_code error;
    const auto status = std::filesystem::status(location.directory, error);
    // EACCES on a parent is not "does not exist": say what the system said.
    if (error && status.type() != std::filesystem::file_type::not_found)
        throw UsageError(fmt::format("{}: cannot read '{}': {}", location.chosen_by,
                                     location.directory, error.message()));
    if (!std::filesystem::exists(status))
        throw UsageError(fmt::format("{}: directory '{}' does not exist", location.chosen_by,
                                     location.directory));
    if (!std::filesystem::is_directory(status))
        throw UsageError(
            fmt::format("{}: '{}' is not a directory", location.chosen_by, location.directory));
    return location;
}

const Stack* KnowledgeBase::find_stack(std::string_view id) const {
    for (const auto& stack : stacks)
        if (stack.id == id) return &stack;
    return nullptr;
}

const Question* KnowledgeBase::find_question(std::string_view id) const {
    for (const auto& question : questions)
        if (question.id == id) return &question;
    return nullptr;
}

std::shared_ptr<const logic::SlotLayout> answer_slots_of(const std::vector<Question>& questions) {
    if (questions.empty()) return nullptr;
    std::vector<std::string> keys;
    keys.reserve(questions.size());
    for (const auto& question : questions) keys.push_back(question.key);
    return std::make_shared<const logic::SlotLayout>(keys);
}

const Question* KnowledgeBase::find_question_by_key(std::string_view key) const {
    for (const auto& question : questions)
        if (question.key == key) return &question;
    return nullptr;
}

const Rule* KnowledgeBase::find_rule(std::string_view id) const {
    for (const auto& rule : rules)
        if (rule.id == id) return &rule;
    return nullptr;
}

const Constraint* KnowledgeBase::find_constraint(std::string_view id) const {
    for (const auto& constraint : constraints)
        if (constraint.id == id) return &constraint;
    return nullptr;
}

std::vector<std::string> KnowledgeBase::stack_ids() const {
    std::vector<std::string> ids;
    for (const auto& stack : stacks) ids.push_back(stack.id);
    return ids;
}

/// Says which checks were left out because a file they depend on could not be read (each is
/// skipped rather than reported once per reference: one broken file, one error).
void note_skipped_checks(const KnowledgeBaseLocation& location, const LoadedDocuments& documents,
                         const KnowledgeBase& knowledge_base, Diagnostics& diagnostics) {
    const auto shown = [&](const char* name) { return shown_name(location, name); };
    if (documents.count("rules.json")) {
        if (knowledge_base.questions.empty())
            diagnostics.skip(fmt::format(
                "{}: the answers its conditions read were not checked: {} could not be read",
                shown("rules.json"), shown("questions.json")));
        if (knowledge_base.stacks.empty())
            diagnostics.skip(
                fmt::format("{}: the stacks it names were not checked: {} could not be read",
                            shown("rules.json"), shown("knowledge_base.json")));
    }
    if (knowledge_base.facts.sources.empty())
        diagnostics.skip(
            fmt::format("the sources the other files cite were not checked: {} could not be read",
                        shown("sources.json")));
    std::vector<std::string> unread_facts;
    for (const auto name : k_fact_files)
        if (name != "sources.json" && !documents.count(std::string(name)))
            unread_facts.push_back(shown_name(location, std::string(name)));
    if (!unread_facts.empty())
        diagnostics.skip(
            fmt::format("the figures other files refer to were not checked: {} could not be read",
                        list_text(unread_facts, "and")));
}

/// An estimates input without an ask_if is left unanswered when the user declines to fit the
/// estimates: no rule may read it, or declining would change the pick.
void check_estimates_inputs(const KnowledgeBase& knowledge_base, const std::string& rules_name,
                            Diagnostics& diagnostics) {
    for (const auto& question : knowledge_base.questions) {
        if (!question.estimates_input || question.ask_if) continue;
        for (std::size_t i = 0; i < knowledge_base.rules.size(); ++i) {
            const auto& reads = knowledge_base.rules[i].reads;
            if (std::find(reads.begin(), reads.end(), question.key) == reads.end()) continue;
            diagnostics.add(
                rules_name, index_pointer("/rules", i),
                fmt::format("rule '{}' reads '{}', an estimates input the questionnaire may leave "
                            "unasked: give that question an ask_if for when the rules need it",
                            knowledge_base.rules[i].id, question.key));
        }
    }
}

namespace detail {

std::vector<KnowledgeBaseFile> read_knowledge_base_files(const KnowledgeBaseLocation& location) {
    std::vector<KnowledgeBaseFile> files;
    for (const auto& name : knowledge_base_files()) {
        KnowledgeBaseFile file{name, shown_name(location, name), std::nullopt, ""};
        try {
            file.text = read_text_file(std::filesystem::path(location.directory) / name,
                                       file.shown_name, k_knowledge_base_limits);
        } catch (const DataError& e) {
            file.error = e.what();
        }
        files.push_back(std::move(file));
    }
    return files;
}

KnowledgeBase load_knowledge_base_texts(const KnowledgeBaseLocation& location,
                                        std::vector<KnowledgeBaseFile> files) {
    Diagnostics diagnostics;
    KnowledgeBase knowledge_base;
    knowledge_base.location = location;
    auto documents = parse_documents(std::move(files), diagnostics);
    if (auto it = documents.find("knowledge_base.json"); it != documents.end())
        read_metadata(it->second, knowledge_base, diagnostics);
    // A newer format may mean anything below; say only "upgrade" rather than a list of noise.
    if (knowledge_base.format_version > k_knowledge_base_format)
        throw InvalidDataError(diagnostics.items());
    knowledge_base.facts = parse_facts(documents, knowledge_base.stack_ids(), diagnostics);
    for (const auto& stack : knowledge_base.stacks)
        knowledge_base.facts.stack_names[stack.id] = stack.name;
    if (auto it = documents.find("questions.json"); it != documents.end())
        knowledge_base.questions =
            detail::parse_questions(it->second, knowledge_base.facts, diagnostics);
    const auto use_cases = documents.find("use_cases.json");
    const std::string use_cases_name =
        use_cases != documents.end() ? use_cases->second.shown_name : std::string();
    if (auto it = documents.find("rules.json"); it != documents.end()) {
        const std::size_t problems_before = diagnostics.size();
        const std::string rules_name = it->second.shown_name;
        detail::parse_rules(std::move(it->second), knowledge_base, diagnostics);
        // With rules left out by their own problems, "no rule reaches it" could be wrong.
        if (!use_cases_name.empty() && diagnostics.size() == problems_before)
            detail::check_criteria_reached(knowledge_base, use_cases_name, diagnostics);
        check_estimates_inputs(knowledge_base, rules_name, diagnostics);
    }
    note_skipped_checks(location, documents, knowledge_base, diagnostics);
    if (!diagnostics.empty()) throw InvalidDataError(diagnostics);
    return knowledge_base;
}

}  // namespace detail

KnowledgeBase load_knowledge_base_files(const KnowledgeBaseLocation& location) {
    return detail::load_knowledge_base_texts(location, detail::read_knowledge_base_files(location));
}

}  // namespace stackpick
