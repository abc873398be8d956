// `stackpick batch`: reads a chunk of lines, scores it on the worker threads, writes the chunk in
// input order, and repeats, so memory stays bounded by one chunk whatever the input's length.

#include "stackpick/cli/batch.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <cstring>
#include <exception>
#include <functional>
#include <istream>
#include <mutex>
#include <optional>
#include <ostream>
#include <thread>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "stackpick/engine/estimates.hpp"
#include "stackpick/knowledge/answers.hpp"
#include "stackpick/report/report.hpp"
#include "stackpick/util/diagnostics.hpp"
#include "stackpick/util/error.hpp"
#include "stackpick/util/json_file.hpp"
#include "stackpick/util/number_text.hpp"
#include "stackpick/util/suggest.hpp"
#include "stackpick/util/worker_pool.hpp"

namespace stackpick {

namespace {

using Clock = std::chrono::steady_clock;

/// Bytes asked of the input per read: large enough that a file costs few system calls.
constexpr std::size_t k_read_bytes = 64u << 10;
/// Output is written when this much is buffered, and always before waiting for more input.
constexpr std::size_t k_flush_bytes = 64u << 10;
/// Lines scored together per thread: enough to amortise waking the threads, small enough that
/// the first results appear quickly.
constexpr std::size_t k_lines_per_job = 16;
/// A chunk stops growing at this many lines or input bytes, which bounds the run's memory.
constexpr std::size_t k_max_chunk_lines = 4096;
constexpr std::size_t k_max_chunk_bytes = 4u << 20;
/// Line buffers larger than this are freed once used, so that a few long lines passing through
/// every slot of the chunk cannot leave each slot holding a megabyte.
constexpr std::size_t k_keep_capacity = 64u << 10;
/// The name parse_json_text gives the line in its messages; replaced by the line number.
constexpr std::string_view k_shown_name = "<line>";

std::string size_text(std::size_t bytes) {
    if (bytes >= (1u << 20) && bytes % (1u << 20) == 0) return fmt::format("{} MiB", bytes >> 20);
    if (bytes >= (1u << 10) && bytes % (1u << 10) == 0) return fmt::format("{} KiB", bytes >> 10);
    return fmt::format("{} bytes", bytes);
}

bool is_blank(std::string_view text) {
    return text.find_first_not_of(" \t\r") == std::string_view::npos;
}

std::string trimmed(std::string_view text) {
    const auto first = text.find_first_not_of(" \t");
    if (first == std::string_view::npos) return {};
    const auto last = text.find_last_not_of(" \t");
    return std::string(text.substr(first, last - first + 1));
}

/// Time spent in each stage; parse, scoring and rendering are summed over the threads.
struct StageTimes {
    Clock::duration read{};
    Clock::duration parse{};
    Clock::duration scoring{};
    Clock::duration rendering{};
    Clock::duration writing{};

    StageTimes& operator+=(const StageTimes& other) {
        read += other.read;
        parse += other.parse;
        scoring += other.scoring;
        rendering += other.rendering;
        writing += other.writing;
        return *this;
    }
};

/// Charges the time since the previous lap to a stage; free when --stats is off.
class Laps {
  public:
    explicit Laps(bool enabled) : m_enabled(enabled) {
        if (m_enabled) m_last = Clock::now();
    }
    void charge(Clock::duration& stage) {
        if (!m_enabled) return;
        const auto now = Clock::now();
        stage += now - m_last;
        m_last = now;
    }

  private:
    bool m_enabled;
    Clock::time_point m_last;
};

/// Splits the input into lines without ever holding more than one line over the limit: the
/// bytes of a line that grows past it are dropped as they arrive.
class LineReader {
  public:
    enum class Next { line, need_input, end };

    LineReader(BatchInput& input, std::size_t max_bytes)
        : m_input(input), m_max_bytes(max_bytes), m_buffer(k_read_bytes) {}

    /// The next complete line among the bytes already read, without its line ending (LF or
    /// CRLF). A line over the limit comes back empty with too_long set.
    Next next(std::string& text, bool& too_long) {
        if (m_position < m_end) {
            const char* start = m_buffer.data() + m_position;
            const auto* newline =
                static_cast<const char*>(std::memchr(start, '\n', m_end - m_position));
            const std::size_t length =
                newline != nullptr ? static_cast<std::size_t>(newline - start) : m_end - m_position;
            append(start, length);
            m_position += length + (newline != nullptr ? 1 : 0);
            if (newline != nullptr) return finish(text, too_long);
        }
        if (m_at_end) return m_started ? finish(text, too_long) : Next::end;
        return Next::need_input;
    }

    /// Reads more input, waiting until some is available.
    void fill() {
        m_position = 0;
        m_end = m_input.read(m_buffer.data(), m_buffer.size());
        m_bytes_read += m_end;
        if (m_end == 0) m_at_end = true;
    }

    std::uint64_t bytes_read() const { return m_bytes_read; }

  private:
    void append(const char* data, std::size_t length) {
        m_started = true;
        if (m_too_long) return;
        // One byte of slack for the CR of a CRLF line exactly at the limit.
        if (m_partial.size() + length > m_max_bytes + 1) {
            m_too_long = true;
            m_partial.clear();
            return;
        }
        m_partial.append(data, length);
    }

    Next finish(std::string& text, bool& too_long) {
        if (!m_partial.empty() && m_partial.back() == '\r') m_partial.pop_back();
        too_long = m_too_long || m_partial.size() > m_max_bytes;
        text.clear();
        if (!too_long) text.swap(m_partial);  // hands over the bytes and recycles text's buffer
        m_partial.clear();
        if (m_partial.capacity() > k_keep_capacity) std::string().swap(m_partial);
        m_too_long = false;
        m_started = false;
        return Next::line;
    }

    BatchInput& m_input;
    std::size_t m_max_bytes;
    std::vector<char> m_buffer;
    std::size_t m_position = 0;
    std::size_t m_end = 0;
    bool m_at_end = false;
    std::uint64_t m_bytes_read = 0;
    std::string m_partial;  ///< the line being assembled across reads
    bool m_started = false;
    bool m_too_long = false;
};

/// Collects output and hands it to the BatchOutput in large writes.
class BufferedWriter {
  public:
    explicit BufferedWriter(BatchOutput& output) : m_output(output) {
        m_buffer.reserve(k_flush_bytes * 2);
    }

    /// False once the reader has gone away.
    bool append(std::string_view bytes) {
        m_buffer.append(bytes);
        return m_buffer.size() < k_flush_bytes || flush();
    }

    bool flush() {
        if (m_closed) return false;
        if (m_buffer.empty()) return true;
        const WriteStatus status = m_output.write(m_buffer);
        m_buffer.clear();
        m_closed = status == WriteStatus::reader_closed;
        return !m_closed;
    }

  private:
    BatchOutput& m_output;
    std::string m_buffer;
    bool m_closed = false;
};

/// The line a long run shows on a terminal's stderr: lines done, lines/s and, when the input's
/// size is known, the share read and the time left. Rewritten in place with a carriage return
/// and blanked with spaces (no escape sequences, so TERM=dumb shows it as well), at most four
/// times a second, and only once the run has taken half a second: a short run shows nothing.
class Progress {
  public:
    Progress(bool enabled, std::ostream& errors, std::optional<std::uint64_t> total_bytes)
        : m_enabled(enabled),
          m_errors(errors),
          m_total_bytes(total_bytes),
          m_started(Clock::now()) {}
    Progress(const Progress&) = delete;
    Progress& operator=(const Progress&) = delete;
    /// Blanks the line, so that what follows (--stats, an error) starts on a clean line.
    ~Progress() { clear(); }

    void update(std::size_t lines, std::uint64_t bytes_read) {
        if (!m_enabled) return;
        const auto now = Clock::now();
        if (now - m_started < std::chrono::milliseconds(500) ||
            now - m_shown < std::chrono::milliseconds(250))
            return;
        m_shown = now;
        const double elapsed = std::chrono::duration<double>(now - m_started).count();
        std::string text = fmt::format("stackpick: batch: {} lines, {:.0f} lines/s", lines,
                                       static_cast<double>(lines) / elapsed);
        if (m_total_bytes && *m_total_bytes > 0 && bytes_read > 0) {
            const double share = std::min(
                1.0, static_cast<double>(bytes_read) / static_cast<double>(*m_total_bytes));
            text += fmt::format(", {:.0f}%, about {:.0f} s left", share * 100,
                                elapsed * (1 - share) / share);
        }
        const std::size_t shown = text.size();
        if (text.size() < m_width) text.append(m_width - text.size(), ' ');
        m_width = shown;
        m_errors << '\r' << text << std::flush;
    }

    void clear() {
        if (m_width == 0) return;
        m_errors << '\r' << std::string(m_width, ' ') << '\r' << std::flush;
        m_width = 0;
    }

  private:
    bool m_enabled;
    std::ostream& m_errors;
    std::optional<std::uint64_t> m_total_bytes;
    Clock::time_point m_started;
    Clock::time_point m_shown{};
    std::size_t m_width = 0;  ///< columns of the line now shown; 0: none
};

/// One input line and what it became.
struct Line {
    std::size_t number = 0;
    std::string text;
    bool too_long = false;
    std::string id;              ///< the --id-field value as JSON text; empty: none
    std::string output;          ///< the result or error line, with its newline
    std::string error;           ///< why the line was refused; empty for a result
    std::exception_ptr failure;  ///< an unexpected exception: ends the run after earlier lines
};

/// What every line is scored with: shared read-only by the threads.
struct LineScorer {
    const KnowledgeBase& knowledge_base;
    const Scorer& scorer;  ///< built once for the run: each rule's points at its factor
    const std::vector<std::string>& fields;  ///< empty: every field
    const std::string& id_field;             ///< --id-field; empty: lines carry no id
    bool estimates = true;                   ///< the document includes the estimates
    bool timed = false;
};

/// parse_json_text's "<line>:1:C: what" as "column C: what", and "<line>: what" as "what".
std::string without_shown_name(std::string message) {
    const std::string prefix = fmt::format("{}:1:", k_shown_name);
    if (message.rfind(prefix, 0) == 0) return "column " + message.substr(prefix.size());
    const std::string named = fmt::format("{}: ", k_shown_name);
    if (message.rfind(named, 0) == 0) return message.substr(named.size());
    return message;
}

/// Every problem of an answers object, each as "<pointer>: <what>".
std::string describe_problems(const InvalidDataError& error) {
    std::string text;
    for (const auto& diagnostic : error.diagnostics()) {
        if (!text.empty()) text += "; ";
        text += diagnostic.pointer.empty() ? diagnostic.message
                                           : diagnostic.pointer + ": " + diagnostic.message;
    }
    return text.empty() ? without_shown_name(error.what()) : text;
}

bool wanted(const std::vector<std::string>& fields, const std::string& name) {
    return fields.empty() || std::find(fields.begin(), fields.end(), name) != fields.end();
}

std::string error_line(std::size_t number, const std::string& id, const std::string& error) {
    const nlohmann::ordered_json record = {{"line", number}, {"error", error}};
    std::string text =
        record.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
    if (!id.empty()) text.insert(1, "\"id\":" + id + ",");
    return text;
}

/// Takes the --id-field member out of a line's object (it is not an answer) and returns it as
/// compact JSON text. Throws DataError when it is missing or not a string or whole number.
std::string take_id(nlohmann::json& input, const std::string& id_field) {
    if (!input.is_object()) return {};  // parse_answers_document names what is wrong instead
    const auto found = input.find(id_field);
    if (found == input.end())
        throw DataError(fmt::format("no \"{}\" member (the --id-field)", id_field));
    if (!found->is_string() && !found->is_number_integer() && !found->is_number_unsigned())
        throw DataError(
            fmt::format("\"{}\" (the --id-field) must be a string or a whole number", id_field));
    std::string id = found->dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    input.erase(found);
    return id;
}

/// Turns one line into its output line. Runs on any thread; never throws.
void score_line(const LineScorer& scorer, Line& line, StageTimes& times) noexcept {
    line.error.clear();
    line.id.clear();
    line.failure = nullptr;
    Laps laps(scorer.timed);
    try {
        try {
            if (line.too_long)
                throw DataError(
                    fmt::format("larger than the {} limit", size_text(k_answers_limits.max_bytes)));
            nlohmann::json input = parse_json_text(line.text, k_shown_name, k_answers_limits);
            if (!scorer.id_field.empty()) line.id = take_id(input, scorer.id_field);
            const GivenAnswers given = parse_answers_document(input, std::string(k_shown_name),
                                                              scorer.knowledge_base.questions);
            const ResolvedAnswers answers = resolve_answers(scorer.knowledge_base.questions, given);
            laps.charge(times.parse);
            // recommendation_document() in steps, so that --stats can tell scoring from building
            // and writing the document, and --fields without "estimates" skips them.
            const Recommendation recommendation = recommend(scorer.scorer, answers);
            std::optional<Estimates> estimates;
            if (scorer.estimates) estimates = estimate(scorer.knowledge_base, answers);
            laps.charge(times.scoring);
            // The document written straight to text: building it first costs several times more.
            line.output.clear();
            append_recommendation_document(line.output, recommendation, scorer.knowledge_base,
                                           answers, estimates ? &*estimates : nullptr,
                                           scorer.fields);
            line.output += '\n';
            // The id first, so that a join finds it without reading the rest of the line.
            if (!line.id.empty())
                line.output.insert(1, "\"id\":" + line.id + (line.output[1] == '}' ? "" : ","));
            laps.charge(times.rendering);
            return;
        } catch (const InvalidDataError& e) {
            line.error = describe_problems(e);
        } catch (const Error& e) {
            line.error = without_shown_name(e.what());
        }
        laps.charge(times.parse);
        line.output = error_line(line.number, line.id, line.error);
    } catch (...) {
        line.failure = std::current_exception();
    }
}

/// The fields --fields asked for, checked before any input is read.
std::vector<std::string> chosen_fields(const KnowledgeBase& knowledge_base,
                                       const BatchOptions& options) {
    if (options.fields.empty()) return {};
    const auto valid = batch_field_names(knowledge_base, options.scoring);
    std::vector<std::string> chosen;
    for (const auto& given : options.fields) {
        const std::string name = trimmed(given);
        if (std::find(valid.begin(), valid.end(), name) == valid.end())
            throw UsageError(fmt::format("--fields: {} not in {{{}}}{}", bare_input(name),
                                         fmt::join(valid, ","), did_you_mean(name, valid)));
        chosen.push_back(name);
    }
    return chosen;
}

std::string seconds(Clock::duration duration) {
    return fmt::format("{:.3f} s", std::chrono::duration<double>(duration).count());
}

std::string per_line(Clock::duration duration, std::size_t lines) {
    if (lines == 0) return "-";
    return fmt::format("{:.1f} us", std::chrono::duration<double, std::micro>(duration).count() /
                                        static_cast<double>(lines));
}

struct Counts {
    std::size_t lines = 0;
    std::size_t results = 0;
    std::size_t errors = 0;
    std::size_t blank = 0;
};

void print_stats(std::ostream& errors, const Counts& counts, const StageTimes& times,
                 Clock::duration wall, std::size_t jobs) {
    const double wall_seconds = std::chrono::duration<double>(wall).count();
    const double rate = wall_seconds > 0 ? static_cast<double>(counts.lines) / wall_seconds : 0.0;
    const std::size_t scored = counts.results + counts.errors;
    errors << fmt::format(
        "stackpick: batch: {} lines ({} results, {} errors, {} blank) in {} on {} job{}: {:.0f} "
        "lines/s\n",
        counts.lines, counts.results, counts.errors, counts.blank, seconds(wall), jobs,
        jobs == 1 ? "" : "s", rate);
    errors << fmt::format(
        "stackpick: batch: time per stage: read {}, parse {} ({}/line), scoring {} ({}/line), "
        "rendering {} ({}/line), writing {}; parse, scoring and rendering are summed over the "
        "jobs\n",
        seconds(times.read), seconds(times.parse), per_line(times.parse, scored),
        seconds(times.scoring), per_line(times.scoring, counts.results), seconds(times.rendering),
        per_line(times.rendering, counts.results), seconds(times.writing));
}

}  // namespace

std::size_t StreamInput::read(char* buffer, std::size_t size) {
    if (!m_in) return 0;
    m_in.read(buffer, static_cast<std::streamsize>(size));
    if (m_in.bad()) throw RuntimeError("cannot read the answer lines: read error");
    return static_cast<std::size_t>(m_in.gcount());
}

FileInput::FileInput(const std::string& path)
    : m_shown_name(path == "-" ? "<stdin>" : terminal_safe(path)) {
    if (path == "-") {
        m_fd = STDIN_FILENO;
        // `stackpick batch < file`: a regular file's size is known here too, from where it stands.
        struct stat status {};
        const off_t offset = ::lseek(m_fd, 0, SEEK_CUR);
        if (::fstat(m_fd, &status) == 0 && S_ISREG(status.st_mode) && offset >= 0 &&
            offset <= status.st_size)
            m_total_bytes = static_cast<std::uint64_t>(status.st_size - offset);
        return;
    }
    m_fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (m_fd < 0)
        throw DataError(fmt::format("cannot read '{}': {}", m_shown_name, std::strerror(errno)));
    m_owned = true;
    struct stat status {};
    if (::fstat(m_fd, &status) == 0 && S_ISDIR(status.st_mode)) {
        ::close(m_fd);
        throw DataError(fmt::format("'{}' is a directory", m_shown_name));
    }
    if (S_ISREG(status.st_mode)) m_total_bytes = static_cast<std::uint64_t>(status.st_size);
}

FileInput::~FileInput() {
    if (m_owned) ::close(m_fd);
}

std::size_t FileInput::read(char* buffer, std::size_t size) {
    while (true) {
        const ssize_t count = ::read(m_fd, buffer, size);
        if (count >= 0) return static_cast<std::size_t>(count);
        if (errno == EINTR) continue;
        throw RuntimeError(fmt::format("cannot read '{}': {}", m_shown_name, std::strerror(errno)));
    }
}

WriteStatus StreamOutput::write(std::string_view bytes) {
    m_out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    m_out.flush();
    if (!m_out) throw RuntimeError("cannot write the results: the output stream failed");
    return WriteStatus::ok;
}

FileDescriptorOutput::FileDescriptorOutput(int fd) : m_fd(fd) {
    // A closed pipe must be an EPIPE error we can handle quietly, not a fatal signal.
    std::signal(SIGPIPE, SIG_IGN);
}

WriteStatus FileDescriptorOutput::write(std::string_view bytes) {
    while (!bytes.empty()) {
        const ssize_t written = ::write(m_fd, bytes.data(), bytes.size());
        if (written < 0) {
            if (errno == EINTR) continue;
            if (errno == EPIPE) return WriteStatus::reader_closed;
            throw RuntimeError(fmt::format(
                "cannot write to {}: {}",
                m_fd == STDOUT_FILENO ? "standard output" : fmt::format("file descriptor {}", m_fd),
                std::strerror(errno)));
        }
        bytes.remove_prefix(static_cast<std::size_t>(written));
    }
    return WriteStatus::ok;
}

nlohmann::ordered_json recommendation_document(const KnowledgeBase& knowledge_base,
                                               const ResolvedAnswers& answers,
                                               const ScoringOptions& options) {
    const Estimates estimates = estimate(knowledge_base, answers);
    return recommendation_json(recommend(knowledge_base, answers, options), knowledge_base, answers,
                               &estimates);
}

std::vector<std::string> batch_field_names(const KnowledgeBase& knowledge_base,
                                           const ScoringOptions& scoring) {
    // Read off a real document, so the list cannot drift from what the lines contain.
    const auto document = recommendation_document(
        knowledge_base, resolve_answers(knowledge_base.questions, {}), scoring);
    std::vector<std::string> names;
    for (auto it = document.begin(); it != document.end(); ++it) names.push_back(it.key());
    return names;
}

namespace {

/// The fields to keep; throws UsageError for anything the options get wrong, so that it is
/// refused before the input is opened or read.
std::vector<std::string> checked_fields(const KnowledgeBase& knowledge_base,
                                        const BatchOptions& options) {
    if (options.jobs < 1 || options.jobs > k_max_batch_jobs)
        throw UsageError(fmt::format("--jobs: must be a whole number in 1..{}, got '{}'",
                                     k_max_batch_jobs, options.jobs));
    if (options.id_field_given && options.id_field.empty())
        throw UsageError("--id-field: needs a member name, got ''");
    if (const Question* question = knowledge_base.find_question_by_key(options.id_field))
        throw UsageError(fmt::format(
            "--id-field: '{}' is the answer to the question '{}'; name a member no question uses",
            terminal_safe(options.id_field), question->id));
    return chosen_fields(knowledge_base, options);
}

/// A worker's stage times, on a cache line of its own so that the threads do not share one.
struct alignas(64) WorkerTimes {
    StageTimes times;
};

/// What a run carries from one chunk to the next.
struct BatchRun {
    BatchRun(BatchInput& input, BatchOutput& output, std::size_t chunk_lines, std::size_t jobs,
             bool timed)
        : chunk(chunk_lines),
          worker_times(jobs),
          reader(input, k_answers_limits.max_bytes),
          writer(output),
          stats(timed) {}

    std::vector<Line> chunk;
    std::vector<WorkerTimes> worker_times;
    StageTimes main_times;
    Counts counts;
    LineReader reader;
    BufferedWriter writer;
    bool stats;
    bool reader_closed = false;
    bool end_of_input = false;
};

/// Reads a chunk of non-blank lines, or fewer when more would mean waiting for input; returns
/// how many. Sets end_of_input or reader_closed when the run is to end.
std::size_t read_chunk(BatchRun& run) {
    Laps laps(run.stats);
    std::size_t count = 0;
    std::size_t chunk_bytes = 0;
    while (count < run.chunk.size() && chunk_bytes < k_max_chunk_bytes) {
        Line& line = run.chunk[count];
        const auto next = run.reader.next(line.text, line.too_long);
        if (next == LineReader::Next::line) {
            ++run.counts.lines;
            if (!line.too_long && is_blank(line.text)) {
                ++run.counts.blank;
                continue;
            }
            line.number = run.counts.lines;
            chunk_bytes += line.text.size();
            ++count;
        } else if (next == LineReader::Next::end) {
            run.end_of_input = true;
            break;
        } else if (count > 0) {
            break;  // score what is here before waiting for more
        } else {
            // Everything read so far is answered before waiting: a co-process writing one
            // line and waiting for its result is never stuck behind our buffer.
            laps.charge(run.main_times.read);
            run.reader_closed = !run.writer.flush();
            laps.charge(run.main_times.writing);
            if (run.reader_closed) break;
            run.reader.fill();
        }
    }
    laps.charge(run.main_times.read);
    return count;
}

/// Writes the first `count` lines of the chunk in input order, with each refused line's error
/// on `errors`; rethrows a line's unexpected exception once the lines before it are written.
void write_chunk(BatchRun& run, std::size_t count, std::ostream& errors) {
    Laps laps(run.stats);
    for (std::size_t index = 0; index < count && !run.reader_closed; ++index) {
        Line& line = run.chunk[index];
        if (line.failure) {
            run.writer.flush();
            std::rethrow_exception(line.failure);
        }
        if (line.error.empty()) {
            ++run.counts.results;
        } else {
            ++run.counts.errors;
            errors << "stackpick: error: line " << line.number
                   << (line.id.empty() ? "" : " (id " + terminal_safe(line.id) + ")") << ": "
                   << terminal_safe(line.error) << '\n';
        }
        run.reader_closed = !run.writer.append(line.output);
        if (line.text.capacity() > k_keep_capacity) std::string().swap(line.text);
        if (line.output.capacity() > k_keep_capacity) std::string().swap(line.output);
    }
    laps.charge(run.main_times.writing);
}

int run_checked(const KnowledgeBase& knowledge_base, const BatchOptions& options,
                const std::vector<std::string>& fields, BatchInput& input, BatchOutput& output,
                std::ostream& errors) {
    const bool estimates = wanted(fields, "estimates");
    const Scorer rules_scorer(knowledge_base, options.scoring);
    const LineScorer scorer{knowledge_base,   rules_scorer, fields,
                            options.id_field, estimates,    options.stats};

    const auto started = Clock::now();
    const std::size_t chunk_lines =
        std::clamp(options.jobs * k_lines_per_job, std::size_t{64}, k_max_chunk_lines);
    BatchRun run(input, output, chunk_lines, options.jobs, options.stats);
    Progress progress(options.progress, errors, input.total_bytes());
    WorkerPool pool(options.jobs);
    const WorkerPool::Work work = [&](std::size_t index, std::size_t worker) {
        score_line(scorer, run.chunk[index], run.worker_times[worker].times);
    };

    while (!run.end_of_input && !run.reader_closed) {
        const std::size_t count = read_chunk(run);
        if (run.reader_closed) break;
        // Score: the lines of the chunk in parallel, each into its own slot.
        if (count > 0) pool.run(count, work);
        // An error message must not be appended to the progress line; nor is the line drawn
        // again under it until the next chunk (after the last one it would only be blanked,
        // and an error at the end must stay the last thing on the terminal).
        const bool has_errors =
            std::any_of(run.chunk.begin(), run.chunk.begin() + static_cast<std::ptrdiff_t>(count),
                        [](const Line& line) { return !line.error.empty() || line.failure; });
        if (has_errors) progress.clear();
        write_chunk(run, count, errors);
        if (!has_errors && !run.end_of_input)
            progress.update(run.counts.lines, run.reader.bytes_read());
    }
    progress.clear();
    if (!run.reader_closed) {
        Laps laps(options.stats);
        run.writer.flush();
        laps.charge(run.main_times.writing);
    }

    if (options.stats) {
        StageTimes total = run.main_times;
        for (const auto& worker : run.worker_times) total += worker.times;
        print_stats(errors, run.counts, total, Clock::now() - started, options.jobs);
    }
    if (run.reader_closed) return static_cast<int>(ExitCode::ok);
    return static_cast<int>(run.counts.errors > 0 ? ExitCode::invalid_data : ExitCode::ok);
}

}  // namespace

int run_batch(const KnowledgeBase& knowledge_base, const BatchOptions& options, BatchInput& input,
              BatchOutput& output, std::ostream& errors) {
    const auto fields = checked_fields(knowledge_base, options);
    return run_checked(knowledge_base, options, fields, input, output, errors);
}

int run_batch(const KnowledgeBase& knowledge_base, const BatchOptions& options, std::istream& input,
              std::ostream& output, std::ostream& errors) {
    StreamInput lines(input);
    StreamOutput results(output);
    return run_batch(knowledge_base, options, lines, results, errors);
}

int run_batch_file(const KnowledgeBase& knowledge_base, const BatchOptions& options,
                   const std::string& path, std::ostream& errors) {
    const auto fields = checked_fields(knowledge_base, options);
    FileInput input(path);
    FileDescriptorOutput output(STDOUT_FILENO);
    if (path == "-" && ::isatty(STDIN_FILENO) == 1)
        errors << "stackpick: batch: reading answer sets from the terminal, one JSON object per "
                  "line; end with Ctrl-D\n";
    return run_checked(knowledge_base, options, fields, input, output, errors);
}

}  // namespace stackpick
