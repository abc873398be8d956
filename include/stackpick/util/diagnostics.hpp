#pragma once
/// Collects every problem found in a set of data files, so one run reports them all.

#include <string>
#include <vector>

#include "stackpick/util/error.hpp"

namespace stackpick {

/// One problem, located by file and either a JSON Pointer or a line:column.
struct Diagnostic {
    std::string file;     ///< as shown to the user, e.g. "data/rules.json"
    std::string pointer;  ///< JSON Pointer ("/rules/3/when"), or "" when located by line:column
    std::string message;  ///< what is wrong, e.g. "expected a number, got \"95\""
};

/// "data/costs.json: /rates/3/usd_per_hour: expected a number, got \"95\"".
std::string to_string(const Diagnostic& diagnostic);

class Diagnostics {
  public:
    void add(std::string file, std::string pointer, std::string message);
    /// Records checks left out because what they depend on could not be read: one line instead
    /// of a problem for every reference to the missing file ("rules.json: the answers its
    /// conditions read were not checked: questions.json could not be read").
    void skip(std::string note) { m_skipped.push_back(std::move(note)); }
    bool empty() const { return m_items.empty(); }
    std::size_t size() const { return m_items.size(); }
    const std::vector<Diagnostic>& items() const { return m_items; }
    const std::vector<std::string>& skipped() const { return m_skipped; }

  private:
    std::vector<Diagnostic> m_items;
    std::vector<std::string> m_skipped;
};

/// Thrown when a knowledge base or answers file fails validation; carries every problem.
class InvalidDataError : public DataError {
  public:
    explicit InvalidDataError(std::vector<Diagnostic> diagnostics,
                              std::vector<std::string> skipped = {});
    /// Every problem, and the checks left out (Diagnostics::skip).
    explicit InvalidDataError(const Diagnostics& diagnostics);
    const std::vector<Diagnostic>& diagnostics() const { return m_diagnostics; }
    const std::vector<std::string>& skipped() const { return m_skipped; }

  private:
    std::vector<Diagnostic> m_diagnostics;
    std::vector<std::string> m_skipped;
};

}  // namespace stackpick
