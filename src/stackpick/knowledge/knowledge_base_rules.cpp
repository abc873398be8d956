// Parsing data/questions.json and data/rules.json, and checking every name they use against the
// rest of the knowledge base (answers, stacks, criteria, sources, frameworks).

#include "knowledge_base_parts.hpp"

#include <algorithm>
#include <cmath>
#include <exception>
#include <iterator>
#include <map>
#include <set>
#include <system_error>
#include <thread>

#include <fmt/format.h>

#include "stackpick/knowledge/answers.hpp"
#include "stackpick/logic/analysis.hpp"
#include "stackpick/util/json_file.hpp"
#include "stackpick/util/json_reader.hpp"
#include "stackpick/util/suggest.hpp"
#include "stackpick/util/worker_pool.hpp"

namespace stackpick::detail {

namespace {

/// Checks each cited source id, with a did-you-mean for misspellings.
void check_sources(const std::vector<std::string>& sources, const Facts& facts,
                   ObjectReader& reader, const std::string& key) {
    // Without sources (sources.json failed to load, already reported) every citation would fail.
    if (facts.sources.empty()) return;
    for (std::size_t i = 0; i < sources.size(); ++i) {
        if (facts.find_source(sources[i])) continue;
        reader.report_within(key, "/" + std::to_string(i),
                             fmt::format("unknown source '{}'{}", sources[i],
                                         did_you_mean(sources[i], facts.source_ids())));
    }
}

/// Compiles a condition, reporting compile errors and reads of unknown answers (not checked
/// when answer_keys is null: questions.json could not be read, and every read would look unknown),
/// with its answer reads resolved to `slots` (KnowledgeBase::answer_slots) when not null.
std::optional<logic::Expression> compile_condition(const nlohmann::json& when, ObjectReader& reader,
                                                   const std::string& key, const std::string& owner,
                                                   const std::vector<std::string>* answer_keys,
                                                   std::vector<std::string>* reads_out,
                                                   std::shared_ptr<const logic::SlotLayout> slots) {
    std::optional<logic::Expression> expression;
    try {
        expression = logic::compile(when, std::move(slots));
    } catch (const logic::CompileError& e) {
        reader.report_within(key, e.pointer, fmt::format("{}: {}", owner, e.what()));
    }
    for (const auto& [read, pointer] : logic::reads(when)) {
        if (answer_keys &&
            std::find(answer_keys->begin(), answer_keys->end(), read) == answer_keys->end()) {
            reader.report_within(key, pointer,
                                 fmt::format("{} reads unknown answer '{}'{}", owner, read,
                                             did_you_mean(read, *answer_keys)));
            expression.reset();
        } else if (reads_out &&
                   std::find(reads_out->begin(), reads_out->end(), read) == reads_out->end()) {
            reads_out->push_back(read);
        }
    }
    return expression;
}

void check_stack(const std::string& stack, const std::vector<std::string>& stack_ids,
                 ObjectReader& reader, const std::string& key, const std::string& suffix,
                 const std::string& owner) {
    // No stack is known when knowledge_base.json could not be read (a note says so).
    if (stack_ids.empty()) return;
    if (std::find(stack_ids.begin(), stack_ids.end(), stack) == stack_ids.end())
        reader.report_within(key, suffix,
                             fmt::format("{} names unknown stack '{}'{}", owner, stack,
                                         did_you_mean(stack, stack_ids)));
}

/// Every answer set is scored against every rule: a bound on their number keeps a run (and a
/// batch of them) fast whatever the data (documented in docs/limits.md).
constexpr std::size_t k_max_rules = 10000;

std::optional<QuestionType> question_type(const std::string& name) {
    if (name == "bool") return QuestionType::boolean;
    if (name == "choice") return QuestionType::choice;
    if (name == "integer") return QuestionType::integer;
    if (name == "number") return QuestionType::number;
    return std::nullopt;
}

/// What reading a rule needs besides the rule: shared, read-only, by the threads reading rules.
struct RuleContext {
    const std::string& file;
    const std::vector<std::string>& stack_ids;
    const std::vector<std::string>* answer_keys;  ///< null: questions.json could not be read
    const std::shared_ptr<const logic::SlotLayout>& answer_slots;
    const std::vector<std::string>& criterion_ids;
    const Facts& facts;
    const std::vector<std::string>& source_ids;  ///< the known sources, for read_quotes
    /// Each rule id with the pointer of the first rule that has it (duplicates name it).
    const std::map<std::string, std::string>& first_id;
};

std::map<std::string, std::string> first_rule_ids(const nlohmann::json& values) {
    std::map<std::string, std::string> first;
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (!values[i].is_object()) continue;
        const auto id = values[i].find("id");
        if (id == values[i].end() || !id->is_string() || id->get_ref<const std::string&>().empty())
            continue;
        first.try_emplace(id->get<std::string>(), index_pointer("/rules", i));
    }
    return first;
}

/// Reads rules [begin, end) of the document's "rules" array in order: each valid rule into
/// `rules`, each problem into `diagnostics`. Conditions are moved out of the document and each
/// rule's JSON is freed once read.
void read_rules(nlohmann::json& values, std::size_t begin, std::size_t end,
                const RuleContext& context, std::vector<Rule>& rules, Diagnostics& diagnostics) {
    for (std::size_t i = begin; i < end; ++i) {
        ObjectReader item(values[i], context.file, index_pointer("/rules", i), diagnostics);
        if (!item.valid()) continue;
        Rule rule;
        rule.id = item.string("id", Presence::required).value_or("");
        const std::string owner = fmt::format("rule '{}'", rule.id);
        if (!rule.id.empty()) {
            const std::string& first = context.first_id.at(rule.id);
            if (first != item.pointer())
                item.report("id",
                            fmt::format("duplicate rule id '{}' (first at {})", rule.id, first));
        }
        std::optional<logic::Expression> condition;
        if (const auto* when = item.value("when", Presence::required)) {
            condition = compile_condition(*when, item, "when", owner, context.answer_keys,
                                          &rule.reads, context.answer_slots);
            // Moved, not copied: at 10,000 rules copying the conditions costs as much as
            // compiling them.
            rule.when = std::move(values[i]["when"]);
        }
        if (const auto* points = item.object("points", Presence::optional)) {
            for (const auto& [stack, value] : points->items()) {
                check_stack(stack, context.stack_ids, item, "points",
                            "/" + escape_pointer_token(stack), owner);
                if (!value.is_number() || !std::isfinite(value.get<double>()) ||
                    std::abs(value.get<double>()) > 1000)
                    item.report_within(
                        "points", "/" + escape_pointer_token(stack),
                        fmt::format("expected a number in -1000..1000, got {}", brief(value)));
                else
                    rule.points[stack] = value.get<double>();
            }
        }
        if (const auto* cautions = item.object("cautions", Presence::optional)) {
            for (const auto& [stack, value] : cautions->items()) {
                check_stack(stack, context.stack_ids, item, "cautions",
                            "/" + escape_pointer_token(stack), owner);
                ObjectReader caution_reader(
                    value, context.file,
                    item.pointer_to("cautions") + "/" + escape_pointer_token(stack), diagnostics);
                if (!caution_reader.valid()) continue;
                RuleCaution caution;
                caution.text = caution_reader.string("text", Presence::required).value_or("");
                caution.sources = caution_reader.strings("sources", Presence::required)
                                      .value_or(std::vector<std::string>{});
                check_sources(caution.sources, context.facts, caution_reader, "sources");
                caution.quotes = read_quotes(caution_reader, caution.sources, "quotes", "sources",
                                             &context.source_ids);
                caution_reader.reject_unknown_keys();
                if (!caution.text.empty()) rule.cautions[stack] = std::move(caution);
            }
        }
        if (rule.points.empty() && rule.cautions.empty())
            item.report("points", fmt::format("{} moves no points and gives no caution", owner));
        rule.reason = item.string("reason", Presence::required).value_or("");
        rule.criterion = item.string("criterion", Presence::required).value_or("");
        if (!rule.criterion.empty() && !context.criterion_ids.empty() &&
            !context.facts.find_criterion(rule.criterion))
            item.report("criterion",
                        fmt::format("{} names unknown criterion '{}'{}", owner, rule.criterion,
                                    did_you_mean(rule.criterion, context.criterion_ids)));
        rule.sources =
            item.strings("sources", Presence::required).value_or(std::vector<std::string>{});
        check_sources(rule.sources, context.facts, item, "sources");
        rule.quotes = read_quotes(item, rule.sources, "quotes", "sources", &context.source_ids);
        rule.disputed = item.boolean("disputed", Presence::optional).value_or(false);
        item.reject_unknown_keys();
        if (condition) {
            rule.condition = *condition;
            rules.push_back(std::move(rule));
        }
        // Freed now, while the next rule's allocations reuse the memory: freeing 10,000 rules
        // at once with the document made glibc consolidate its free lists again and again
        // (a quarter of loading them, bench/README.md).
        values[i] = nullptr;
    }
}

/// Rules per thread before reading them is worth a second thread.
constexpr std::size_t k_rules_per_thread = 2000;

/// Reads every rule, on several threads when there are thousands: rules are independent, and
/// each thread's rules and problems are joined in document order, so the result and the
/// messages are exactly those of one thread.
void read_all_rules(nlohmann::json& values, const RuleContext& context, std::vector<Rule>& rules,
                    Diagnostics& diagnostics) {
    const std::size_t count = values.size();
    const std::size_t cores = std::max(1u, std::thread::hardware_concurrency());
    const std::size_t slices = std::clamp<std::size_t>(count / k_rules_per_thread, 1, cores);
    std::vector<std::vector<Rule>> slice_rules(slices);
    std::vector<Diagnostics> slice_diagnostics(slices);
    std::vector<std::exception_ptr> failures(slices);
    const auto read_slice = [&](std::size_t slice) {
        try {
            // The slots with this thread's own count (see share_on_this_thread).
            const auto slots = logic::share_on_this_thread(context.answer_slots);
            const RuleContext own{
                context.file,          context.stack_ids, context.answer_keys, slots,
                context.criterion_ids, context.facts,     context.source_ids,  context.first_id};
            read_rules(values, count * slice / slices, count * (slice + 1) / slices, own,
                       slice_rules[slice], slice_diagnostics[slice]);
        } catch (...) {
            failures[slice] = std::current_exception();
        }
    };
    if (slices == 1) {
        read_slice(0);
    } else {
        WorkerPool pool(slices);
        pool.run(slices, [&](std::size_t slice, std::size_t) { read_slice(slice); });
    }
    for (const auto& failure : failures)
        if (failure) std::rethrow_exception(failure);
    rules.reserve(count);
    for (std::size_t slice = 0; slice < slices; ++slice) {
        std::move(slice_rules[slice].begin(), slice_rules[slice].end(), std::back_inserter(rules));
        for (const auto& item : slice_diagnostics[slice].items())
            diagnostics.add(item.file, item.pointer, item.message);
    }
}

}  // namespace

namespace {

/// Whether a question id is made of a-z, 0-9 and '-' only (an empty id is not).
bool is_question_id(const std::string& id) {
    bool ok = !id.empty();
    for (char c : id) ok = ok && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-');
    return ok;
}

/// Reads a question's type, reporting an unknown one (which reads as bool).
QuestionType read_question_type(ObjectReader& item) {
    const auto type_name = item.string("type", Presence::required).value_or("");
    const auto type = question_type(type_name);
    if (!type_name.empty() && !type)
        item.report(
            "type",
            fmt::format("unknown question type '{}'{}; expected bool, choice, integer or number",
                        type_name,
                        did_you_mean(type_name, {"bool", "choice", "integer", "number"})));
    return type.value_or(QuestionType::boolean);
}

/// Checks a question's id and flag, and that no earlier question has its id.
void check_question_names(const Question& question, ObjectReader& item,
                          std::map<std::string, std::string>& first_id) {
    if (!question.id.empty() && !is_question_id(question.id))
        item.report("id",
                    fmt::format("question id '{}' must use only a-z, 0-9 and '-'", question.id));
    if (!question.flag.empty() && question.flag != "--" + question.id)
        item.report("flag", fmt::format("flag '{}' must be '--{}' (the question's id)",
                                        question.flag, question.id));
    if (auto it = first_id.find(question.id); it != first_id.end() && !question.id.empty())
        item.report(
            "id", fmt::format("duplicate question id '{}' (first at {})", question.id, it->second));
    else
        first_id[question.id] = item.pointer();
}

/// Reads an integer or number question's "min" and "max".
void read_question_range(Question& question, ObjectReader& item) {
    const std::int64_t limit = 1'000'000'000'000;
    if (question.type == QuestionType::integer) {
        if (auto v = item.integer("min", Presence::required, 0, limit))
            question.minimum = static_cast<double>(*v);
        if (auto v = item.integer("max", Presence::required, 0, limit))
            question.maximum = static_cast<double>(*v);
    } else {
        question.minimum = item.number("min", Presence::required);
        question.maximum = item.number("max", Presence::required);
    }
    if (question.minimum && question.maximum && *question.minimum > *question.maximum)
        item.report("min", fmt::format("min {} is greater than max {}", *question.minimum,
                                       *question.maximum));
}

/// Reads a choice question's "choices": lower-case, distinct, at least one.
void read_choices(Question& question, ObjectReader& item, const std::string& shown_name,
                  Diagnostics& diagnostics) {
    const auto* choices = item.array("choices", Presence::required);
    if (!choices) return;
    std::set<std::string> seen;
    for (std::size_t c = 0; c < choices->size(); ++c) {
        ObjectReader choice_reader((*choices)[c], shown_name,
                                   index_pointer(item.pointer_to("choices"), c), diagnostics);
        Choice choice;
        choice.id = choice_reader.string("id", Presence::required).value_or("");
        choice.description = choice_reader.string("description", Presence::required).value_or("");
        choice_reader.reject_unknown_keys();
        if (choice.id.empty()) continue;
        if (std::any_of(choice.id.begin(), choice.id.end(),
                        [](char ch) { return ch >= 'A' && ch <= 'Z'; }))
            choice_reader.report("id", fmt::format("choice '{}' must be lower-case", choice.id));
        if (!seen.insert(choice.id).second)
            choice_reader.report("id", fmt::format("duplicate choice '{}'", choice.id));
        question.choices.push_back(std::move(choice));
    }
    if (choices->empty()) item.report("choices", "a choice question needs at least one choice");
}

/// Reads a question's "default", which must be a valid answer to it.
void read_question_default(Question& question, ObjectReader& item) {
    const auto* default_value = item.value("default", Presence::required);
    if (!default_value) return;
    question.default_value = *default_value;
    if (question.type == QuestionType::boolean && !default_value->is_boolean())
        item.report("default",
                    fmt::format("a bool question's default must be true or false, got {}",
                                brief(*default_value)));
    else if (auto problem = check_answer_value(question, *default_value); !problem.empty())
        item.report("default", problem);
}

/// Reads one question up to its "ask_if", which is compiled once every question is known.
Question read_question(ObjectReader& item, const std::string& shown_name, const Facts& facts,
                       const std::vector<std::string>& source_ids,
                       std::map<std::string, std::string>& first_id, Diagnostics& diagnostics) {
    Question question;
    question.id = item.string("id", Presence::required).value_or("");
    question.key = answer_key(question.id);
    question.flag = item.string("flag", Presence::required).value_or("");
    question.type = read_question_type(item);
    question.prompt = item.string("prompt", Presence::required).value_or("");
    question.help = item.string("help", Presence::required).value_or("");
    question.sources =
        item.strings("sources", Presence::required).value_or(std::vector<std::string>{});
    check_sources(question.sources, facts, item, "sources");
    question.quotes = read_quotes(item, question.sources, "quotes", "sources", &source_ids);
    question.unit = item.string("unit", Presence::optional).value_or("");
    question.estimates_input = item.boolean("estimates_input", Presence::optional).value_or(false);
    check_question_names(question, item, first_id);
    if (question.type == QuestionType::integer || question.type == QuestionType::number)
        read_question_range(question, item);
    if (question.type == QuestionType::choice)
        read_choices(question, item, shown_name, diagnostics);
    read_question_default(question, item);
    return question;
}

/// Compiles each question's ask_if, which may read only answers asked before it.
void compile_ask_ifs(const std::vector<std::pair<std::size_t, nlohmann::json>>& ask_ifs,
                     const nlohmann::json& list, const std::string& shown_name,
                     std::vector<Question>& questions, Diagnostics& diagnostics) {
    for (const auto& [index, rule] : ask_ifs) {
        std::vector<std::string> earlier;
        for (std::size_t j = 0; j < index; ++j) earlier.push_back(questions[j].key);
        ObjectReader item(list[index], shown_name, index_pointer("/questions", index), diagnostics);
        (void)item.value("ask_if", Presence::optional);
        questions[index].ask_if = compile_condition(
            rule, item, "ask_if", fmt::format("question '{}' ask_if", questions[index].id),
            &earlier, nullptr, nullptr);
    }
}

/// The names rules.json may refer to, gathered once from the rest of the knowledge base.
struct KnownNames {
    std::vector<std::string> stack_ids;
    std::vector<std::string> answer_keys;
    std::vector<std::string> criterion_ids;
    std::vector<std::string> source_ids;
    std::vector<std::string> framework_ids;  ///< frameworks and libraries

    /// The answer keys to check reads against; null when no question could be read (all of
    /// them would look unknown: the loader says the check was skipped instead).
    const std::vector<std::string>* known_answers() const {
        return answer_keys.empty() ? nullptr : &answer_keys;
    }
};

KnownNames known_names(const KnowledgeBase& knowledge_base) {
    KnownNames names;
    names.stack_ids = knowledge_base.stack_ids();
    for (const auto& question : knowledge_base.questions) names.answer_keys.push_back(question.key);
    for (const auto& criterion : knowledge_base.facts.criteria)
        names.criterion_ids.push_back(criterion.id);
    names.source_ids = knowledge_base.facts.source_ids();
    for (const auto& framework : knowledge_base.facts.frameworks)
        names.framework_ids.push_back(framework.id);
    for (const auto& library : knowledge_base.facts.libraries)
        names.framework_ids.push_back(library.id);
    return names;
}

/// Reads "frameworks": which framework each stack uses for a role, and when.
void read_framework_picks(const nlohmann::json& picks, const std::string& shown_name,
                          const KnownNames& names, KnowledgeBase& knowledge_base,
                          Diagnostics& diagnostics) {
    const auto& framework_ids = names.framework_ids;
    for (std::size_t i = 0; i < picks.size(); ++i) {
        ObjectReader item(picks[i], shown_name, index_pointer("/frameworks", i), diagnostics);
        if (!item.valid()) continue;
        FrameworkPick pick;
        pick.stack = item.string("stack", Presence::required).value_or("");
        pick.role = item.string("role", Presence::required).value_or("");
        pick.framework = item.string("framework", Presence::required).value_or("");
        pick.why = item.string("why", Presence::required).value_or("");
        pick.sources =
            item.strings("sources", Presence::optional).value_or(std::vector<std::string>{});
        check_sources(pick.sources, knowledge_base.facts, item, "sources");
        pick.quotes = read_quotes(item, pick.sources, "quotes", "sources", &names.source_ids);
        const std::string owner = fmt::format("framework pick '{}'", pick.framework);
        if (!pick.stack.empty()) check_stack(pick.stack, names.stack_ids, item, "stack", "", owner);
        if (!pick.framework.empty() && !framework_ids.empty() &&
            std::find(framework_ids.begin(), framework_ids.end(), pick.framework) ==
                framework_ids.end())
            item.report("framework",
                        fmt::format("unknown framework or library '{}'{}", pick.framework,
                                    did_you_mean(pick.framework, framework_ids)));
        std::optional<logic::Expression> condition;
        if (const auto* when = item.value("when", Presence::required)) {
            pick.when = *when;
            condition = compile_condition(*when, item, "when", owner, names.known_answers(),
                                          nullptr, knowledge_base.answer_slots);
        }
        item.reject_unknown_keys();
        if (condition) {
            pick.condition = *condition;
            knowledge_base.framework_picks.push_back(std::move(pick));
        }
    }
}

/// Reads "split": the services split out of a stack, and when.
void read_split_services(const nlohmann::json& split, const std::string& shown_name,
                         const KnownNames& names, KnowledgeBase& knowledge_base,
                         Diagnostics& diagnostics) {
    for (std::size_t i = 0; i < split.size(); ++i) {
        ObjectReader item(split[i], shown_name, index_pointer("/split", i), diagnostics);
        if (!item.valid()) continue;
        SplitService service;
        service.stack = item.string("stack", Presence::required).value_or("");
        service.service = item.string("service", Presence::required).value_or("");
        const std::string owner = fmt::format("split service '{}'", service.service);
        if (!service.stack.empty())
            check_stack(service.stack, names.stack_ids, item, "stack", "", owner);
        std::optional<logic::Expression> condition;
        if (const auto* when = item.value("when", Presence::required)) {
            service.when = *when;
            condition = compile_condition(*when, item, "when", owner, names.known_answers(),
                                          nullptr, knowledge_base.answer_slots);
        }
        item.reject_unknown_keys();
        if (condition) {
            service.condition = *condition;
            knowledge_base.split.push_back(std::move(service));
        }
    }
}

/// Reads "tie_breakers": the stacks favoured when scores tie, and when.
void read_tie_breakers(const nlohmann::json& tie_breakers, const std::string& shown_name,
                       const KnownNames& names, KnowledgeBase& knowledge_base,
                       Diagnostics& diagnostics) {
    std::map<std::string, std::string> first_tie_breaker;
    for (std::size_t i = 0; i < tie_breakers.size(); ++i) {
        ObjectReader item(tie_breakers[i], shown_name, index_pointer("/tie_breakers", i),
                          diagnostics);
        if (!item.valid()) continue;
        TieBreaker breaker;
        breaker.id = item.string("id", Presence::required).value_or("");
        const std::string owner = fmt::format("tie-breaker '{}'", breaker.id);
        if (!breaker.id.empty()) {
            const auto [first, inserted] =
                first_tie_breaker.try_emplace(breaker.id, item.pointer());
            if (!inserted)
                item.report("id", fmt::format("duplicate tie-breaker id '{}' (first at {})",
                                              breaker.id, first->second));
        }
        std::optional<logic::Expression> condition;
        if (const auto* when = item.value("when", Presence::required)) {
            breaker.when = *when;
            condition = compile_condition(*when, item, "when", owner, names.known_answers(),
                                          &breaker.reads, knowledge_base.answer_slots);
        }
        breaker.favours =
            item.strings("favours", Presence::required).value_or(std::vector<std::string>{});
        for (std::size_t f = 0; f < breaker.favours.size(); ++f)
            check_stack(breaker.favours[f], names.stack_ids, item, "favours", fmt::format("/{}", f),
                        owner);
        if (breaker.favours.empty() && item.value("favours", Presence::optional))
            item.report("favours", fmt::format("{} favours no stack", owner));
        breaker.reason = item.string("reason", Presence::required).value_or("");
        breaker.sources =
            item.strings("sources", Presence::required).value_or(std::vector<std::string>{});
        check_sources(breaker.sources, knowledge_base.facts, item, "sources");
        breaker.quotes = read_quotes(item, breaker.sources, "quotes", "sources", &names.source_ids);
        item.reject_unknown_keys();
        if (condition) {
            breaker.condition = *condition;
            knowledge_base.tie_breakers.push_back(std::move(breaker));
        }
    }
}

/// Reads "constraints": the stacks a condition over the answers rules out, whatever their points.
void read_constraints(const nlohmann::json& constraints, const std::string& shown_name,
                      const KnownNames& names, KnowledgeBase& knowledge_base,
                      Diagnostics& diagnostics) {
    std::map<std::string, std::string> first_constraint;
    for (std::size_t i = 0; i < constraints.size(); ++i) {
        ObjectReader item(constraints[i], shown_name, index_pointer("/constraints", i),
                          diagnostics);
        if (!item.valid()) continue;
        Constraint constraint;
        constraint.id = item.string("id", Presence::required).value_or("");
        const std::string owner = fmt::format("constraint '{}'", constraint.id);
        if (!constraint.id.empty()) {
            const auto [first, inserted] =
                first_constraint.try_emplace(constraint.id, item.pointer());
            if (!inserted)
                item.report("id", fmt::format("duplicate constraint id '{}' (first at {})",
                                              constraint.id, first->second));
        }
        std::optional<logic::Expression> condition;
        if (const auto* when = item.value("when", Presence::required)) {
            constraint.when = *when;
            condition = compile_condition(*when, item, "when", owner, names.known_answers(),
                                          &constraint.reads, knowledge_base.answer_slots);
        }
        constraint.excludes =
            item.strings("excludes", Presence::required).value_or(std::vector<std::string>{});
        for (std::size_t e = 0; e < constraint.excludes.size(); ++e)
            check_stack(constraint.excludes[e], names.stack_ids, item, "excludes",
                        fmt::format("/{}", e), owner);
        if (constraint.excludes.empty() && item.value("excludes", Presence::optional))
            item.report("excludes", fmt::format("{} excludes no stack", owner));
        constraint.reason = item.string("reason", Presence::required).value_or("");
        constraint.criterion = item.string("criterion", Presence::required).value_or("");
        if (!constraint.criterion.empty() && !names.criterion_ids.empty() &&
            !knowledge_base.facts.find_criterion(constraint.criterion))
            item.report(
                "criterion",
                fmt::format("{} names unknown criterion '{}'{}", owner, constraint.criterion,
                            did_you_mean(constraint.criterion, names.criterion_ids)));
        constraint.sources =
            item.strings("sources", Presence::required).value_or(std::vector<std::string>{});
        check_sources(constraint.sources, knowledge_base.facts, item, "sources");
        constraint.quotes =
            read_quotes(item, constraint.sources, "quotes", "sources", &names.source_ids);
        item.reject_unknown_keys();
        if (condition) {
            constraint.condition = *condition;
            knowledge_base.constraints.push_back(std::move(constraint));
        }
    }
}

}  // namespace

std::vector<Question> parse_questions(const DataDocument& document, const Facts& facts,
                                      Diagnostics& diagnostics) {
    std::vector<Question> questions;
    ObjectReader root(document.json, document.shown_name, "", diagnostics);
    const auto* list = root.array("questions", Presence::required);
    root.reject_unknown_keys();
    if (!list) return questions;

    std::map<std::string, std::string> first_id;
    std::vector<std::pair<std::size_t, nlohmann::json>> ask_ifs;
    const std::vector<std::string> source_ids = facts.source_ids();
    for (std::size_t i = 0; i < list->size(); ++i) {
        ObjectReader item((*list)[i], document.shown_name, index_pointer("/questions", i),
                          diagnostics);
        if (!item.valid()) continue;
        Question question =
            read_question(item, document.shown_name, facts, source_ids, first_id, diagnostics);
        if (const auto* ask_if = item.value("ask_if", Presence::optional))
            ask_ifs.emplace_back(questions.size(), *ask_if);
        question.ask_if_rule = item.value("ask_if", Presence::optional)
                                   ? *item.value("ask_if", Presence::optional)
                                   : nlohmann::json();
        item.reject_unknown_keys();
        questions.push_back(std::move(question));
    }
    compile_ask_ifs(ask_ifs, *list, document.shown_name, questions, diagnostics);
    return questions;
}

void parse_rules(DataDocument&& document, KnowledgeBase& knowledge_base, Diagnostics& diagnostics) {
    const KnownNames names = known_names(knowledge_base);
    knowledge_base.answer_slots = answer_slots_of(knowledge_base.questions);

    ObjectReader root(document.json, document.shown_name, "", diagnostics);
    const auto* rules = root.array("rules", Presence::required);
    if (rules && rules->size() > k_max_rules) {
        root.report("rules", fmt::format("{} rules are more than the limit of {}", rules->size(),
                                         k_max_rules));
        rules = nullptr;
    }
    const auto* picks = root.array("frameworks", Presence::required);
    const auto* split = root.array("split", Presence::required);
    knowledge_base.split_transport =
        root.string("split_transport", Presence::required).value_or("");
    knowledge_base.split_sources =
        root.strings("split_sources", Presence::required).value_or(std::vector<std::string>{});
    check_sources(knowledge_base.split_sources, knowledge_base.facts, root, "split_sources");
    knowledge_base.split_quotes = read_quotes(root, knowledge_base.split_sources, "split_quotes",
                                              "split_sources", &names.source_ids);
    const auto* tie_breakers = root.array("tie_breakers", Presence::optional);
    const auto* constraints = root.array("constraints", Presence::optional);
    root.reject_unknown_keys();

    if (rules) {
        nlohmann::json& values = document.json["rules"];
        const auto first_id = first_rule_ids(values);
        const RuleContext context{document.shown_name,   names.stack_ids,
                                  names.known_answers(), knowledge_base.answer_slots,
                                  names.criterion_ids,   knowledge_base.facts,
                                  names.source_ids,      first_id};
        read_all_rules(values, context, knowledge_base.rules, diagnostics);
    }
    if (picks)
        read_framework_picks(*picks, document.shown_name, names, knowledge_base, diagnostics);
    if (split) read_split_services(*split, document.shown_name, names, knowledge_base, diagnostics);
    if (tie_breakers)
        read_tie_breakers(*tie_breakers, document.shown_name, names, knowledge_base, diagnostics);
    if (constraints)
        read_constraints(*constraints, document.shown_name, names, knowledge_base, diagnostics);
}

void check_criteria_reached(const KnowledgeBase& knowledge_base, const std::string& shown_name,
                            Diagnostics& diagnostics) {
    std::vector<std::string> rule_ids;
    std::set<std::string> named;
    for (const auto& rule : knowledge_base.rules) {
        rule_ids.push_back(rule.id);
        named.insert(rule.criterion);
    }
    for (const auto& constraint : knowledge_base.constraints) named.insert(constraint.criterion);
    const auto& criteria = knowledge_base.facts.criteria;
    for (std::size_t i = 0; i < criteria.size(); ++i) {
        const Criterion& criterion = criteria[i];
        for (std::size_t r = 0; r < criterion.reached_through.size(); ++r)
            if (!knowledge_base.find_rule(criterion.reached_through[r]))
                diagnostics.add(shown_name,
                                fmt::format("/criteria/{}/reached_through/rules/{}", i, r),
                                fmt::format("criterion '{}' is reached through unknown rule "
                                            "'{}'{}",
                                            criterion.id, criterion.reached_through[r],
                                            did_you_mean(criterion.reached_through[r], rule_ids)));
        if (named.count(criterion.id) == 0 && criterion.reached_through.empty() &&
            criterion.not_asked.empty())
            diagnostics.add(shown_name, fmt::format("/criteria/{}", i),
                            fmt::format("no rule reaches criterion '{}': name it in a rule's "
                                        "\"criterion\", or say how it is reached "
                                        "(\"reached_through\") or why it is not asked "
                                        "(\"not_asked\")",
                                        criterion.id));
    }
}

}  // namespace stackpick::detail
