#pragma once
/// Where stackpick's output goes, and writing it so that failures are never silent.

#include <cstdint>
#include <filesystem>
#include <iosfwd>
#include <string>
#include <string_view>

namespace stackpick {

/// The process's streams as the commands see them. Results are collected in `out` and written
/// only when the command succeeds, so a failing run leaves stdout empty (scripts piping into jq
/// fail loudly instead of parsing half a document).
struct Console {
    std::string out;              ///< stdout, written at the end on success
    std::ostream* err = nullptr;  ///< stderr: errors, warnings, --verbose notes, prompts
    std::string after_output;     ///< stderr lines that belong after the result (on success)
    std::istream* in = nullptr;   ///< stdin: --answers -, prompts
    bool stdin_is_terminal = false;
    bool stdout_is_terminal = false;
    bool stderr_is_terminal = false;
    std::string environment_data_dir;           ///< STACKPICK_DATA_DIR
    std::string environment_no_cache;           ///< STACKPICK_NO_CACHE
    std::string environment_xdg_cache_home;     ///< XDG_CACHE_HOME: where the cache goes
    std::string environment_home;               ///< HOME: ~/.cache when XDG_CACHE_HOME is not
    std::string environment_no_color;           ///< NO_COLOR
    std::string environment_term;               ///< TERM
    std::string environment_source_date_epoch;  ///< SOURCE_DATE_EPOCH: "today" when set
    /// The clock when the process started, in seconds since 1970: "today" otherwise (0 in a
    /// console made by a test, so no in-process test depends on the day it runs).
    std::int64_t clock_seconds = 0;
    /// The process ends as soon as the command has run (main sets it; tests running commands
    /// in process do not): what the command loaded may be left to the system to take back.
    bool process_ends_after_run = false;
};

/// A console bound to the real process: fds 0-2 and the environment.
Console process_console();

enum class WriteStatus {
    ok,
    reader_closed,  ///< EPIPE: the reader went away (`| head -c1`); not an error
};

/// Writes all of text to stdout and flushes. Throws RuntimeError on a write error (ENOSPC, EBADF).
WriteStatus write_stdout(std::string_view text);

/// Whether a file written atomically reaches the disk before it takes its name.
enum class Durability {
    synced,  ///< fsync first: a document the user asked for survives a crash
    /// no fsync: for a cache, whose readers check every byte and rebuild what a crash tore
    unsynced,
};

/// Writes text to path atomically: a temporary file in the same directory, then rename, so an
/// existing file is replaced only by complete content. Throws RuntimeError naming the path.
void write_file_atomically(const std::filesystem::path& path, std::string_view text,
                           Durability durability = Durability::synced);

/// Writes text to path only if no file of that name exists, atomically (a temporary file, then
/// link(2), which refuses an existing name). Returns false when the name is taken; throws
/// RuntimeError naming the path on any other failure.
bool write_new_file_atomically(const std::filesystem::path& path, std::string_view text);

}  // namespace stackpick
