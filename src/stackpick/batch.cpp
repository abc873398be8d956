// `stackpick batch` (being written for issue 12).

#include "stackpick/batch.hpp"

#include "stackpick/error.hpp"

namespace stackpick {

int run_batch(const KnowledgeBase&, const BatchOptions&, std::istream&, std::ostream&,
              std::ostream&) {
    throw RuntimeError("stackpick batch is not available yet");
}

}  // namespace stackpick
