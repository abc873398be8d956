#include "stackpick/knowledge/quote_check.hpp"

#include <map>
#include <optional>

#include <fmt/format.h>

#include "stackpick/util/error.hpp"
#include "stackpick/util/json_file.hpp"

namespace stackpick {

namespace {

/// Articles are web pages of some kilobytes; a bound keeps a wrong directory from being read
/// whole.
constexpr JsonLimits k_article_limits{4u << 20, 0, 0};

}  // namespace

std::vector<CitingItem> citing_items(const KnowledgeBase& knowledge_base,
                                     const std::string& data_shown) {
    std::vector<CitingItem> items;
    const auto add = [&](const std::string& file, std::string pointer, std::string label,
                         const std::vector<std::string>& sources, const std::vector<Quote>& quotes,
                         std::string quotes_key = "quotes") {
        if (sources.empty() && quotes.empty()) return;  // stackpick's own text
        items.push_back({data_shown + "/" + file, std::move(pointer), std::move(label), sources,
                         quotes, std::move(quotes_key)});
    };
    // Each item of a list, at /<list_key>/<index> in file, named by label(item).
    const auto add_each = [&](const std::string& file, const char* list_key, const auto& list,
                              const auto& label) {
        for (std::size_t i = 0; i < list.size(); ++i)
            add(file, index_pointer(std::string("/") + list_key, i), label(list[i]),
                list[i].sources, list[i].quotes);
    };
    const auto named = [](const char* kind) {
        return [kind](const auto& item) { return fmt::format("{} '{}'", kind, item.id); };
    };
    add_each("questions.json", "questions", knowledge_base.questions,
             [](const Question& q) { return fmt::format("question '{}' (help)", q.id); });
    // A rule's cautions follow the rule.
    const auto& rules = knowledge_base.rules;
    for (std::size_t i = 0; i < rules.size(); ++i) {
        const std::string pointer = index_pointer("/rules", i);
        add("rules.json", pointer, fmt::format("rule '{}'", rules[i].id), rules[i].sources,
            rules[i].quotes);
        for (const auto& [stack, caution] : rules[i].cautions)
            add("rules.json", pointer + "/cautions/" + escape_pointer_token(stack),
                fmt::format("caution of rule '{}' for {}", rules[i].id, stack), caution.sources,
                caution.quotes);
    }
    add_each("rules.json", "tie_breakers", knowledge_base.tie_breakers, named("tie-breaker"));
    add_each("rules.json", "frameworks", knowledge_base.framework_picks, [](const auto& pick) {
        return fmt::format("framework pick '{}' for {}", pick.framework, pick.stack);
    });
    add("rules.json", "", "the hybrid split's transport", knowledge_base.split_sources,
        knowledge_base.split_quotes, "split_quotes");

    const Facts& facts = knowledge_base.facts;
    add_each("use_cases.json", "criteria", facts.criteria, named("criterion"));
    add_each("use_cases.json", "case_studies", facts.case_studies, named("case study"));
    std::map<std::string, std::size_t> notes_seen;  ///< topic -> notes so far
    for (const auto& note : facts.notes) {
        const Topic* topic = facts.find_topic(note.topic);
        const std::size_t index = notes_seen[note.topic]++;
        add(topic ? topic->file : note.topic + ".json", index_pointer("/notes", index),
            fmt::format("note '{}'", note.id), note.sources, note.quotes);
    }
    add_each("ecosystem.json", "frameworks", facts.frameworks, named("framework"));
    add_each("ecosystem.json", "libraries", facts.libraries, named("library"));
    return items;
}

std::vector<Diagnostic> check_quotes_in_articles(const std::vector<CitingItem>& items,
                                                 const Facts& facts,
                                                 const std::filesystem::path& articles_dir) {
    std::vector<Diagnostic> problems;
    // Each article read and normalised once; nullopt once it failed (reported once).
    std::map<std::string, std::optional<std::string>> articles;
    const auto article = [&](const std::string& source_id) -> const std::string* {
        if (auto found = articles.find(source_id); found != articles.end())
            return found->second ? &*found->second : nullptr;
        auto& slot = articles[source_id];
        const Source* source = facts.find_source(source_id);
        if (source == nullptr) return nullptr;  // the loader reports unknown sources
        const auto path = articles_dir / source->file;
        try {
            slot = normalise_for_quotes(read_text_file(path, path.string(), k_article_limits));
        } catch (const DataError& e) {
            problems.push_back(
                {path.string(), "",
                 fmt::format("cannot read the article of source '{}': {}", source_id, e.what())});
            return nullptr;
        }
        return &*slot;
    };
    for (const auto& item : items) {
        for (std::size_t i = 0; i < item.quotes.size(); ++i) {
            const Quote& quote = item.quotes[i];
            const std::string* text = article(quote.source);
            if (text == nullptr) continue;
            if (text->find(normalise_for_quotes(quote.text)) != std::string::npos) continue;
            const Source* source = facts.find_source(quote.source);
            problems.push_back(
                {item.file, fmt::format("{}/{}/{}", item.pointer, item.quotes_key, i),
                 fmt::format("{}: the quote from '{}' is not in its article {}: \"{}\"", item.label,
                             quote.source, source ? source->file : std::string("?"), quote.text)});
        }
    }
    return problems;
}

}  // namespace stackpick
