#pragma once
/// Rules: conditions over the answers (JSON Logic) that move each stack's points, with the
/// reason, criterion and sources behind them. Loaded from data/rules.json.

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "stackpick/knowledge/quotes.hpp"
#include "stackpick/logic/logic.hpp"

namespace stackpick {

/// A caution a rule shows for one stack when it fires, with its own sources: a caution may rest
/// on other articles than the rule's reason, or on none (stackpick's own).
struct RuleCaution {
    std::string text;
    std::vector<std::string> sources;
    std::vector<Quote> quotes;
};

struct Rule {
    std::string id;
    nlohmann::json when;             ///< the condition as written
    logic::Expression condition;     ///< compiled once at load
    std::vector<std::string> reads;  ///< answer keys the condition reads, in order of appearance
    std::map<std::string, double> points;         ///< stack id -> points (may be negative)
    std::map<std::string, RuleCaution> cautions;  ///< stack id -> caution shown when it fires
    std::string reason;
    std::string criterion;
    std::vector<std::string> sources;  ///< empty: the reason is stackpick's own
    bool disputed = false;             ///< the sources disagree on the claim behind it
    std::vector<Quote> quotes;         ///< back the reason, at least one per source

    double points_for(const std::string& stack) const {
        auto it = points.find(stack);
        return it == points.end() ? 0.0 : it->second;
    }
};

/// A framework or library suggested for a stack when its condition holds; within one stack and
/// role, the first that holds wins.
struct FrameworkPick {
    std::string stack;
    std::string role;       ///< "API framework", "real-time"
    std::string framework;  ///< id in ecosystem.json
    nlohmann::json when;
    logic::Expression condition;
    std::string why;
    std::vector<std::string> sources;  ///< of the why; empty: stackpick's own
    std::vector<Quote> quotes;
};

/// Decides between stacks tied on points, in the order the data lists them: when its condition
/// holds over the answers, of the tied stacks only those it favours stay in front. Consulted only
/// for a tie at the top, so that a tie is settled by what the sources say, never by the order of
/// a JSON array.
struct TieBreaker {
    std::string id;
    nlohmann::json when;
    logic::Expression condition;
    std::vector<std::string> reads;    ///< answer keys the condition reads
    std::vector<std::string> favours;  ///< stack ids
    std::string reason;
    std::vector<std::string> sources;
    std::vector<Quote> quotes;
};

/// A hard constraint: when its condition holds over the answers, the stacks it excludes are not
/// ranked at all, whatever their points (a knock-out, not a weight).
struct Constraint {
    std::string id;
    nlohmann::json when;
    logic::Expression condition;
    std::vector<std::string> reads;     ///< answer keys the condition reads
    std::vector<std::string> excludes;  ///< stack ids
    std::string reason;
    std::string criterion;
    std::vector<std::string> sources;
    std::vector<Quote> quotes;
};

/// A service in a hybrid architecture, and which stack runs it.
struct SplitService {
    std::string stack;  ///< "node" or "python"
    std::string service;
    nlohmann::json when;
    logic::Expression condition;
};

}  // namespace stackpick
