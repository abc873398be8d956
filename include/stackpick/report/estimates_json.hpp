#pragma once
/// The estimates as JSON (docs/estimates.md), written one way through either writer of
/// util/json_writer: straight to text, the way `stackpick batch` needs it fast, or as the nlohmann
/// document, from the same calls.

#include <string>

#include <nlohmann/json.hpp>

#include "stackpick/engine/estimates.hpp"
#include "stackpick/util/json_writer.hpp"

namespace stackpick {

/// The `estimates` JSON object (docs/estimates.md): cost.<stack>.development_usd, .hosting_usd,
/// .total_usd, .total_usd_range, break_even_month, break_even_claims, timeline_weeks.<stack>,
/// capacity.<stack>.instances, hiring, each section with its sources and assumptions. Money in
/// whole dollars, ranges as {min, max}, absent values as null; keys in a stable order.
nlohmann::ordered_json estimates_json(const Estimates& estimates);

/// estimates_json(estimates).dump(-1, ' ', false, error_handler_t::replace) appended to out, byte
/// for byte, written without building the document (what `stackpick batch` writes per line).
void append_estimates_json(std::string& out, const Estimates& estimates);

namespace detail {
/// The estimates object through a writer that is already inside a document (report.cpp).
void write_estimates(JsonTextWriter& writer, const Estimates& estimates);
void write_estimates(JsonBuilder& builder, const Estimates& estimates);
}  // namespace detail

}  // namespace stackpick
