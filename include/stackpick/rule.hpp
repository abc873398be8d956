#pragma once
/// Rules: conditions over the answers (JSON Logic) that move each stack's points, with the
/// reason, criterion and sources behind them. Loaded from data/rules.json.

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "stackpick/logic.hpp"

namespace stackpick {

struct Rule {
    std::string id;
    nlohmann::json when;             ///< the condition as written
    logic::Expression condition;     ///< compiled once at load
    std::vector<std::string> reads;  ///< answer keys the condition reads, in order of appearance
    std::map<std::string, double> points;         ///< stack id -> points (may be negative)
    std::map<std::string, std::string> cautions;  ///< stack id -> caution shown when it fires
    std::string reason;
    std::string criterion;
    std::vector<std::string> sources;
    bool disputed = false;  ///< the sources disagree on the claim behind it

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
};

/// A service in a hybrid architecture, and which stack runs it.
struct SplitService {
    std::string stack;  ///< "node" or "python"
    std::string service;
    nlohmann::json when;
    logic::Expression condition;
};

}  // namespace stackpick
