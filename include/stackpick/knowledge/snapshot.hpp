#pragma once
/// A knowledge base in a compact binary form. The shipped data/ is loaded and validated once, at
/// build time, and its snapshot is embedded in the binary: start-up then parses no JSON and
/// re-checks nothing, which is most of what a run used to cost (see bench/README.md).

#include <stdexcept>
#include <string>
#include <string_view>

#include "stackpick/knowledge/knowledge_base.hpp"

namespace stackpick {

/// Serialises everything load_knowledge_base() builds (compiled conditions are stored as the
/// rules they were compiled from).
std::string write_snapshot(const KnowledgeBase& knowledge_base);

/// The knowledge base a snapshot holds, located at location. Throws SnapshotError when the bytes
/// are not a snapshot this build wrote (truncated, another format): never a partial result.
KnowledgeBase read_snapshot(std::string_view bytes, const KnowledgeBaseLocation& location);

/// The snapshot does not match this build: a build problem, reported as an internal error.
struct SnapshotError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

}  // namespace stackpick
