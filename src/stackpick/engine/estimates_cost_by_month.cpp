// Cost over time: what each stack has cost by a given month, as the break-even counts it.

#include "stackpick/engine/estimates.hpp"

namespace stackpick {

std::optional<CostByMonth> cost_by_month(const Estimates& estimates, const std::string& stack,
                                         double month) {
    const auto cost = estimates.cost.find(stack);
    const auto hosting = estimates.hosting.find(stack);
    if (cost == estimates.cost.end() || hosting == estimates.hosting.end()) return std::nullopt;
    const StackCost& build = cost->second;
    const HostingEstimate& host = hosting->second;
    return CostByMonth{build.development_usd + host.monthly_usd * month,
                       Range{build.development_usd_range.min + host.monthly_usd_range.min * month,
                             build.development_usd_range.max + host.monthly_usd_range.max * month}};
}

}  // namespace stackpick
