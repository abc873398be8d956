#pragma once
/// `stackpick batch`: many answer sets, one per line (JSON Lines), one result document per line.

#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "stackpick/engine/engine.hpp"
#include "stackpick/knowledge/answers.hpp"
#include "stackpick/knowledge/knowledge_base.hpp"
#include "stackpick/util/output.hpp"

namespace stackpick {

/// The document `--json` prints for these answers: recommend() and estimate() rendered by
/// recommendation_json(). `stackpick batch` writes the same document for each line.
nlohmann::ordered_json recommendation_document(const KnowledgeBase& knowledge_base,
                                               const ResolvedAnswers& answers,
                                               const ScoringOptions& options = {});

struct BatchOptions {
    ScoringOptions scoring;           ///< --weight, --exclude-source: the same for every line
    std::vector<std::string> fields;  ///< top-level fields to keep (--fields); empty: all
    /// --id-field: the member of each line that identifies it (not an answer), echoed as "id"
    /// first in its result or error record whatever `fields` says; empty: none.
    std::string id_field;
    bool id_field_given = false;  ///< --id-field was given (so that '' is refused, not ignored)
    std::size_t jobs = 1;         ///< threads scoring lines (1..k_max_batch_jobs)
    bool stats = false;           ///< --stats: lines/s and time per stage to `errors` at the end
    /// One updating progress line on `errors` during long runs; the command sets it only when
    /// stderr is a terminal and --quiet is not given (never in a pipe or a CI log).
    bool progress = false;
};

/// The most threads --jobs may ask for.
inline constexpr std::size_t k_max_batch_jobs = 256;

/// Where batch reads its answer lines from.
class BatchInput {
  public:
    virtual ~BatchInput() = default;
    /// Reads at most `size` bytes, waiting only until some are available; 0 at the end of input.
    /// Throws RuntimeError on a read error.
    virtual std::size_t read(char* buffer, std::size_t size) = 0;
    /// The whole input's size when it is known in advance (a regular file), for progress.
    virtual std::optional<std::uint64_t> total_bytes() const { return std::nullopt; }
};

/// Where batch writes its result lines (already buffered by the caller).
class BatchOutput {
  public:
    virtual ~BatchOutput() = default;
    /// Writes all of bytes. reader_closed when the reader has gone away (the run stops quietly);
    /// throws RuntimeError on a write error.
    virtual WriteStatus write(std::string_view bytes) = 0;
};

/// Input from a std::istream (tests, embedding).
class StreamInput : public BatchInput {
  public:
    explicit StreamInput(std::istream& in) : m_in(in) {}
    std::size_t read(char* buffer, std::size_t size) override;

  private:
    std::istream& m_in;
};

/// Input from a file or pipe opened by path ("-" is standard input). Reads with read(2), so a
/// pipe delivers each line as soon as it is written (a co-process can wait for each result).
class FileInput : public BatchInput {
  public:
    /// Throws DataError (exit 3) naming the path: missing, unreadable, or a directory. Pipes
    /// (`<(generate)`), terminals and /dev/null are accepted.
    explicit FileInput(const std::string& path);
    ~FileInput() override;
    FileInput(const FileInput&) = delete;
    FileInput& operator=(const FileInput&) = delete;
    std::size_t read(char* buffer, std::size_t size) override;
    std::optional<std::uint64_t> total_bytes() const override { return m_total_bytes; }

  private:
    int m_fd = -1;
    std::optional<std::uint64_t> m_total_bytes;
    bool m_owned = false;
    std::string m_shown_name;
};

/// Output to a std::ostream; a stream in a failed state after a write is a RuntimeError.
class StreamOutput : public BatchOutput {
  public:
    explicit StreamOutput(std::ostream& out) : m_out(out) {}
    WriteStatus write(std::string_view bytes) override;

  private:
    std::ostream& m_out;
};

/// Output to a file descriptor with write(2): EPIPE is reader_closed (SIGPIPE is ignored from
/// construction on), any other error (ENOSPC, EBADF) a RuntimeError.
class FileDescriptorOutput : public BatchOutput {
  public:
    explicit FileDescriptorOutput(int fd);
    WriteStatus write(std::string_view bytes) override;

  private:
    int m_fd;
};

/// The top-level fields of a result document, in document order: what --fields accepts.
std::vector<std::string> batch_field_names(const KnowledgeBase& knowledge_base,
                                           const ScoringOptions& scoring = {});

/// Reads answer sets (the --answers format) one per line from `input` and writes, in input order,
/// one compact result line each to `output`: the document `--json` prints, or
/// {"line": N, "error": "..."} for a bad line (also reported on `errors`). Returns the exit code:
/// 0, or 3 when any line was invalid; 0 when the reader closed the output early. Throws
/// UsageError for bad options (unknown --fields, --jobs out of range) before reading,
/// RuntimeError when reading or writing fails.
int run_batch(const KnowledgeBase& knowledge_base, const BatchOptions& options, BatchInput& input,
              BatchOutput& output, std::ostream& errors);

/// run_batch over streams: for tests and embedding (a closed pipe cannot be told from a write
/// error on a std::ostream; the command uses run_batch_file).
int run_batch(const KnowledgeBase& knowledge_base, const BatchOptions& options, std::istream& input,
              std::ostream& output, std::ostream& errors);

/// The `stackpick batch [FILE|-]` command: reads `path` ("-" is standard input, fd 0) and writes
/// the results to standard output (fd 1), detecting write errors and a reader that went away.
int run_batch_file(const KnowledgeBase& knowledge_base, const BatchOptions& options,
                   const std::string& path, std::ostream& errors);

}  // namespace stackpick
