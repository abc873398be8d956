#!/usr/bin/env python3
"""What stackpick must survive (../shared/RELIABILITY.md and issue 11): every fault case through
the real binary, each checking the exact message, the exit code and that nothing was lost
(stdout empty on failure, an existing output file untouched).

Usage: reliability_test.py STACKPICK DATA_DIR --case ID   run one case (a ctest each)
       reliability_test.py STACKPICK DATA_DIR --all       run every case
       reliability_test.py --list                         "ID<TAB>ctest name" per line

Each case is a function registered with @case(ID, name). IDs 01-30 are the table of
RELIABILITY.md; the others (env-*, argv-*, stream-*, output-*) are the hostile or merely unusual
environments of issue 11. A case builds what it needs (knowledge-base copies, answers files,
FIFOs) in a temporary directory that is also the working directory, so messages show short
relative paths ("data/rules.json:9:30: ..."). Exit 0: passed; 1: failed; 77: skipped (only
where the machine cannot provide the fault, said on stdout).
"""

import errno
import json
import os
import pty
import re
import resource
import select
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import termios
import time

BINARY = ""
DATA = ""
TIMEOUT = 60  # seconds one run may take (sanitizer builds are slow); a hang fails the case
QUICK = 10  # "returns at once": a run that could hang (FIFO, open pipe) must end within this
HINT_HELP = "hint: run 'stackpick --help' for the options\n"
INPUT_ENDED = "input ended before all questions were answered; nothing was written"
ESC = "\x1b"
REPLACEMENT = "\ufffd"


class Failure(Exception):
    pass


class Skip(Exception):
    pass


def check(condition, message):
    if not condition:
        raise Failure(message)


# --- running the binary -------------------------------------------------------------------------

class Result:
    def __init__(self, code, out, err, seconds):
        self.code = code
        self.out = out  # bytes
        self.err_bytes = err
        self.err = err.decode("utf-8", "replace")
        self.seconds = seconds

    def describe(self):
        err = self.err if len(self.err) < 3000 else self.err[:3000] + "... (%d bytes)\n" % len(
            self.err)
        return "exit %s\n--- stderr\n%s--- stdout (first 400 bytes)\n%r" % (
            self.code, err, self.out[:400])


def environment(extra=None, remove=()):
    """A predictable environment: no colour preferences, no data-dir override, UTF-8."""
    env = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "HOME": os.environ.get("HOME", "/root"),
           "TERM": "xterm"}
    for key in ("ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS"):
        if key in os.environ:
            env[key] = os.environ[key]
    for key in remove:
        env.pop(key, None)
    env.update(extra or {})
    return env


def run(arguments, stdin=b"", env=None, timeout=TIMEOUT, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, preexec=None, executable=None, cwd=None):
    """Runs stackpick. stdin: bytes, a path (str), None for a closed descriptor, or a file object.
    Returns a Result; a run that outlives timeout is killed and fails the case."""
    argv = [executable or BINARY] + list(arguments)
    options = {"stdout": stdout, "stderr": stderr, "env": env or environment(),
               "cwd": cwd or os.getcwd(), "preexec_fn": preexec}
    stdin_file = None
    data = None
    if isinstance(stdin, bytes):
        options["stdin"] = subprocess.PIPE
        data = stdin
    elif isinstance(stdin, str):
        stdin_file = open(stdin, "rb")
        options["stdin"] = stdin_file
    elif stdin is None:
        previous = options["preexec_fn"]

        def close_stdin():
            os.close(0)
            if previous:
                previous()
        options["preexec_fn"] = close_stdin
        options["stdin"] = subprocess.DEVNULL
    else:
        options["stdin"] = stdin
    started = time.monotonic()
    process = subprocess.Popen(argv, **options)
    try:
        out, err = process.communicate(data, timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        raise Failure("stackpick %s did not end within %ds (a hang)"
                      % (" ".join(map(repr, arguments))[:300], timeout))
    finally:
        if stdin_file:
            stdin_file.close()
    return Result(process.returncode, out or b"", err or b"", time.monotonic() - started)


def expect(result, code, err=None, err_regex=None, out=b"", what=""):
    """Checks the exit code, stderr (exact text, or a regex that must match all of it) and stdout
    (exact bytes; b"" on every failure; a callable for checks of a successful result)."""
    label = (what + ": ") if what else ""
    check(result.code == code, "%sexpected exit %d, got %s" % (label, code, result.describe()))
    if err is not None:
        check(result.err == err, "%sstderr differs\n--- expected\n%s%s" % (
            label, err[:3000], result.describe()))
    if err_regex is not None:
        check(re.fullmatch(err_regex, result.err, re.S),
              "%sstderr does not match %r\n%s" % (label, err_regex, result.describe()))
    if callable(out):
        out(result)
    elif out is not None:
        check(result.out == out,
              "%sstdout should be %r\n%s" % (label, out[:100], result.describe()))
    check(not re.search(r"terminate called|Segmentation|AddressSanitizer|runtime error:",
                        result.err),
          "%sa crash or sanitizer report\n%s" % (label, result.describe()))


def error(message, hint=None):
    """The one error block stackpick prints."""
    return "stackpick: error: %s\n%s" % (message, ("hint: %s\n" % hint) if hint else "")


def data_error_validate(*messages, skipped=()):
    """stderr of `stackpick validate` for an invalid knowledge base; skipped: its notes of the
    checks left out because a file could not be read."""
    lines = "".join("stackpick: error: %s\n" % m for m in messages)
    lines += "".join("stackpick: note: %s\n" % note for note in skipped)
    count = len(messages)
    return lines + "stackpick: %d problem%s found\n" % (count, "" if count == 1 else "s")


def starts_with(prefix):
    def checker(result):
        check(result.out.startswith(prefix), "stdout does not start with %r:\n%s"
              % (prefix, result.describe()))
    return checker


def json_output(test=None):
    def checker(result):
        try:
            document = json.loads(result.out.decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as e:
            raise Failure("stdout is not one JSON document in UTF-8 (%s)\n%s"
                          % (e, result.describe()))
        if test:
            test(document)
    return checker


# --- a workspace: a temporary working directory with a copy of the knowledge base ----------------

class Workspace:
    def __init__(self, directory):
        self.directory = directory

    def path(self, name):
        return os.path.join(self.directory, name)

    def write(self, name, content):
        path = self.path(name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(content.encode("utf-8") if isinstance(content, str) else content)
        return name

    def read(self, name):
        with open(self.path(name), "rb") as f:
            return f.read()

    def knowledge_base(self, name="data"):
        """A copy of the shipped knowledge base at name/ (relative to the working directory)."""
        target = self.path(name)
        if not os.path.exists(target):
            shutil.copytree(DATA, target)
        return name

    def edit(self, name, change, indent=2):
        """Loads a JSON file of the workspace, lets change() modify it, writes it back."""
        with open(self.path(name), encoding="utf-8") as f:
            document = json.load(f)
        change(document)
        self.write(name, json.dumps(document, indent=indent, ensure_ascii=False))

    def replace(self, name, old, new, count=1):
        text = self.read(name).decode("utf-8")
        check(old in text, "fixture: %r not found in %s" % (old, name))
        self.write(name, text.replace(old, new, count))


def position(path, needle):
    """line:column (from 1) of the first occurrence of needle in a file, as stackpick counts."""
    with open(path, "rb") as f:
        text = f.read()
    offset = text.index(needle.encode("utf-8") if isinstance(needle, str) else needle)
    line = text.count(b"\n", 0, offset) + 1
    column = offset - (text.rfind(b"\n", 0, offset) + 1) + 1
    return "%d:%d" % (line, column)


def as_nobody():
    """preexec_fn that drops root, for faults root does not see (EACCES). None when not root."""
    if os.geteuid() != 0:
        return None

    def drop():
        os.setgroups([])
        os.setgid(65534)
        os.setuid(65534)
    return drop


def open_to_nobody(workspace):
    """Lets an unprivileged user reach the workspace (TemporaryDirectory makes it 0700)."""
    mode = stat.S_IRWXU | stat.S_IRGRP | stat.S_IXGRP | stat.S_IROTH | stat.S_IXOTH
    for root, directories, _ in os.walk(workspace.directory):
        for name in directories:
            os.chmod(os.path.join(root, name), mode)
    os.chmod(workspace.directory, mode)


def sanitized():
    """True for an ASan/UBSan binary: it cannot run under a small address-space limit."""
    with open(BINARY, "rb") as f:
        return b"__asan_init" in f.read()


# --- pseudo-terminals ---------------------------------------------------------------------------

class Terminal:
    """stackpick with stdin and stderr on a pseudo-terminal and stdout on a pipe (or the pty)."""

    def __init__(self, arguments, env=None, stdout_on_terminal=False, cwd=None):
        out_read, out_write = os.pipe()
        pid, master = pty.fork()
        if pid == 0:
            try:
                if cwd:
                    os.chdir(cwd)
                if not stdout_on_terminal:
                    os.dup2(out_write, 1)
                os.close(out_read)
                os.close(out_write)
                os.execve(BINARY, [BINARY] + list(arguments), env or environment())
            finally:
                os._exit(127)
        os.close(out_write)
        self.pid = pid
        self.master = master
        self.stdout_fd = out_read
        self.master_open = True
        self.screen = b""
        self.stdout = b""
        self.status = None
        self.initial_modes = termios.tcgetattr(master)

    def text(self):
        return self.screen.replace(b"\r\n", b"\n").decode("utf-8", "replace")

    def pump(self, timeout):
        fds = ([self.master] if self.master_open else []) + (
            [self.stdout_fd] if self.stdout_fd is not None else [])
        if not fds:
            return False
        ready, _, _ = select.select(fds, [], [], timeout)
        for fd in ready:
            try:
                data = os.read(fd, 65536)
            except OSError as e:
                if e.errno != errno.EIO:
                    raise
                data = b""
            if fd == self.master:
                if data:
                    self.screen += data
                else:
                    self.master_open = False
            elif data:
                self.stdout += data
            else:
                os.close(self.stdout_fd)
                self.stdout_fd = None
        return True

    def wait_for(self, pattern, since=0):
        """Reads until the screen after offset `since` matches pattern; returns the match."""
        deadline = time.monotonic() + TIMEOUT
        while True:
            found = re.search(pattern, self.text()[since:])
            if found:
                return found
            if not self.master_open or time.monotonic() > deadline:
                self.kill()
                raise Failure("waited in vain for %r; the terminal showed:\n%s"
                              % (pattern, self.text()[-2000:]))
            self.pump(0.05)

    def send(self, text):
        os.write(self.master, text.encode("utf-8"))

    def finish(self, timeout=TIMEOUT):
        deadline = time.monotonic() + timeout
        while self.status is None:
            self.pump(0.02)
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.status = status
            elif time.monotonic() > deadline:
                self.kill()
                raise Failure("stackpick did not exit within %ds; the terminal showed:\n%s"
                              % (timeout, self.text()[-2000:]))
        while self.pump(0.05) and (self.master_open or self.stdout_fd is not None):
            pass
        if os.WIFSIGNALED(self.status):
            return -os.WTERMSIG(self.status)
        return os.WEXITSTATUS(self.status)

    def kill(self):
        try:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
        self.status = 0 if self.status is None else self.status

    def close(self):
        for fd in (self.master, self.stdout_fd):
            if fd is not None:
                try:
                    os.close(fd)
                except OSError:
                    pass
        self.master = self.stdout_fd = None


# --- the cases ----------------------------------------------------------------------------------

CASES = {}


def case(identifier, name):
    def register(function):
        CASES[identifier] = (name, function)
        return function
    return register


# 1 -------------------------------------------------------------------------------------------
@case("01", "no data dir given: the embedded knowledge base, exit 0")
def case_01(work):
    # An empty working directory and no STACKPICK_DATA_DIR: nothing on disk to read.
    result = run(["--realtime"])
    expect(result, 0, err="", out=starts_with(b"Recommendation: Node.js"))
    # An empty STACKPICK_DATA_DIR is unset, not "the current directory".
    result = run(["validate"], env=environment({"STACKPICK_DATA_DIR": ""}))
    expect(result, 0, err="", out=starts_with(b"knowledge base 20"))
    check(b"(embedded)" in result.out, "validate does not say embedded:\n" + result.describe())


# 2 -------------------------------------------------------------------------------------------
@case("02", "a missing or non-directory --data-dir is named, exit 2")
def case_02(work):
    expect(run(["--data-dir", "no-such-dir", "--realtime"]), 2,
           err=error("--data-dir: directory 'no-such-dir' does not exist"))
    work.write("plain-file", "{}")
    expect(run(["--data-dir", "plain-file", "--realtime"]), 2,
           err=error("--data-dir: 'plain-file' is not a directory"))
    expect(run(["validate"], env=environment({"STACKPICK_DATA_DIR": "no-such-dir"})), 2,
           err=error("STACKPICK_DATA_DIR: directory 'no-such-dir' does not exist"))
    # Never a silent fallback: the embedded data would have worked.
    expect(run(["validate", "--data-dir", "plain-file", "--json"]), 2,
           err=error("--data-dir: 'plain-file' is not a directory"))


# 3 -------------------------------------------------------------------------------------------
@case("03", "an unreadable knowledge-base file is named with the reason, exit 3, no fallback")
def case_03(work):
    data = work.knowledge_base()
    # A symbolic link to itself cannot be opened by anyone, root included.
    os.remove(work.path("data/costs.json"))
    os.symlink("costs.json", work.path("data/costs.json"))
    message = "cannot read 'data/costs.json': Too many levels of symbolic links"
    expect(run(["--realtime", "--data-dir", data]), 3, err=error(message))
    expect(run(["validate", "--data-dir", data]), 3, err=data_error_validate(message, skipped=[
        "the figures other files refer to were not checked: data/costs.json could not be read"]))
    os.remove(work.path("data/costs.json"))
    shutil.copyfile(os.path.join(DATA, "costs.json"), work.path("data/costs.json"))
    # Permission denied: as an unprivileged user (root reads everything).
    os.chmod(work.path("data/rules.json"), 0)
    open_to_nobody(work)
    message = "cannot read 'data/rules.json': Permission denied"
    expect(run(["--realtime", "--data-dir", data], preexec=as_nobody()), 3, err=error(message))
    expect(run(["validate", "--data-dir", data], preexec=as_nobody()), 3,
           err=data_error_validate(message))


# 4 -------------------------------------------------------------------------------------------
@case("04", "a knowledge-base path that is a directory or FIFO, or an answers directory, is refused")
def case_04(work):
    data = work.knowledge_base()
    os.remove(work.path("data/rules.json"))
    os.mkdir(work.path("data/rules.json"))
    message = "'data/rules.json' is not a regular file"
    expect(run(["--realtime", "--data-dir", data]), 3, err=error(message))
    os.rmdir(work.path("data/rules.json"))
    # A FIFO nobody writes to: opening it for reading would block forever.
    os.mkfifo(work.path("data/rules.json"))
    result = run(["validate", "--data-dir", data], timeout=QUICK)
    expect(result, 3, err=data_error_validate(message))
    # Answers may come from a pipe (issue 23), but a directory cannot hold them.
    os.mkdir(work.path("answers-dir"))
    expect(run(["--answers", "answers-dir"]), 3, err=error("'answers-dir' is a directory"))
    # A named pipe nobody writes to: no hang, it reads as empty once no writer came.
    os.mkfifo(work.path("answers.fifo"))
    expect(run(["--answers", "answers.fifo"], timeout=QUICK), 3,
           err=error("'answers.fifo' is empty"))


# 5 -------------------------------------------------------------------------------------------
@case("05", "an empty file is refused by name, exit 3")
def case_05(work):
    data = work.knowledge_base()
    work.write("data/use_cases.json", "")
    expect(run(["--realtime", "--data-dir", data]), 3, err=error("'data/use_cases.json' is empty"))
    work.write("data/use_cases.json", " \n\t\r\n")  # only whitespace is empty too
    expect(run(["validate", "--data-dir", data]), 3,
           err=data_error_validate("'data/use_cases.json' is empty", skipped=[
               "the figures other files refer to were not checked: data/use_cases.json could not "
               "be read"]))
    work.write("x.json", "")
    expect(run(["--answers", "x.json"]), 3, err=error("'x.json' is empty"))
    expect(run(["--answers", "-"], stdin=b"\n"), 3, err=error("'<stdin>' is empty"))


# 6 -------------------------------------------------------------------------------------------
@case("06", "a syntax error or truncated file gives file:line:column and what was expected")
def case_06(work):
    data = work.knowledge_base()
    text = work.read("data/rules.json")
    work.write("data/rules.json", text[: len(text) // 2])  # truncated mid-file
    result = run(["validate", "--data-dir", data])
    expect(result, 3, err_regex=r"stackpick: error: data/rules\.json:\d+:\d+: [^\n]+\n"
                                r"stackpick: 1 problem found\n")
    work.write("data/rules.json", '{"rules": [\n  {"id": "a",, }\n]}\n')
    expect(run(["--realtime", "--data-dir", data]), 3,
           err=error("data/rules.json:2:14: unexpected ','; expected string literal"))
    work.write("a.json", '{\n  "realtime": tru\n}\n')
    expect(run(["--answers", "a.json"]), 3, err=error("a.json:2:17: invalid literal"))
    work.write("b.json", '{"realtime": true')
    expect(run(["--answers", "b.json"]), 3,
           err=error("b.json:1:18: unexpected end of input; expected '}'"))
    work.write("c.json", '{"realtime": true} {"ml": true}')
    expect(run(["--answers", "c.json"]), 3,
           err=error("c.json:1:20: unexpected '{'; expected end of input"))


# 7 -------------------------------------------------------------------------------------------
@case("07", "invalid UTF-8 in a string is located by file:line:column")
def case_07(work):
    data = work.knowledge_base()
    work.replace("data/rules.json", "Every source names", "Every \xff source names")
    raw = work.read("data/rules.json").replace("\xff".encode("utf-8"), b"\xff")
    work.write("data/rules.json", raw)
    where = position(work.path("data/rules.json"), b"\xff")
    message = "data/rules.json:%s: invalid UTF-8 byte 0xff in a string" % where
    expect(run(["--realtime", "--data-dir", data]), 3, err=error(message))
    work.write("a.json", b'{\n  "product": "saa\xc3"\n}\n')  # a truncated two-byte sequence
    expect(run(["--answers", "a.json"]), 3,
           err=error("a.json:2:18: invalid UTF-8 byte 0xc3 in a string"))
    work.write("b.json", b'{"product": "\xed\xa0\x80"}')  # an encoded UTF-16 surrogate
    expect(run(["--answers", "b.json"]), 3,
           err=error("b.json:1:14: invalid UTF-8 byte 0xed in a string"))


# 8 -------------------------------------------------------------------------------------------
@case("08", "nesting deeper than 64 levels is refused without a crash, exit 3")
def case_08(work):
    data = work.knowledge_base()
    # Valid JSON 65 deep inside a rule, then 1,000,000 unclosed levels (the crash depth of
    # nlohmann's recursive copy and dump is about 58,000, and 3,500 under ASan).
    # Compact JSON: the document, "rules" and the rule are levels 1-3, so the 62nd bracket of
    # "when" is the 65th level.
    work.edit("data/rules.json", lambda d: d["rules"][0].update(
        {"when": json.loads("[" * 64 + "]" * 64)}), indent=None)
    line, column = map(int, position(work.path("data/rules.json"), "[" * 64).split(":"))
    expect(run(["--realtime", "--data-dir", data]), 3,
           err=error("data/rules.json:%d:%d: nesting deeper than 64 levels" % (line, column + 61)))
    work.write("data/rules.json", "[" * 1000000)
    expect(run(["validate", "--data-dir", data]), 3,
           err=data_error_validate("data/rules.json:1:65: nesting deeper than 64 levels"))
    work.write("deep.json", '{"a":' * 100000 + "1" + "}" * 100000)
    expect(run(["--answers", "deep.json"]), 3,
           err=error("deep.json:1:321: nesting deeper than 64 levels"))
    result = run(["--answers", "-"], stdin=b"[" * 64 + b"]" * 64)
    expect(result, 3, err=error("<stdin>: /: expected an object of answers, got an array"))


# 9 -------------------------------------------------------------------------------------------
@case("09", "a file over the size cap, and /dev/zero, are refused before being read, exit 3")
def case_09(work):
    data = work.knowledge_base()
    with open(work.path("data/performance.json"), "r+b") as f:
        f.truncate((8 << 20) + 1)  # sparse: the size alone must refuse it
    expect(run(["--realtime", "--data-dir", data]), 3,
           err=error("'data/performance.json' is larger than the 8 MiB limit"))
    work.write("big.json", b"{" + b" " * (1 << 20) + b"}")
    expect(run(["--answers", "big.json"]), 3,
           err=error("'big.json' is larger than the 1 MiB limit"))
    expect(run(["--answers", "/dev/zero"], timeout=QUICK), 3,
           err=error("'/dev/zero' is larger than the 1 MiB limit"))
    # Endless input on stdin stops at the cap: exit within seconds, not out of memory.
    result = run(["--answers", "-"], stdin="/dev/zero", timeout=QUICK)
    expect(result, 3, err=error("'<stdin>' is larger than the 1 MiB limit"))
    result = run(["eval", "@/dev/zero"], timeout=QUICK)
    expect(result, 3, err=error("'/dev/zero' is larger than the 8 MiB limit"))


# 10 ------------------------------------------------------------------------------------------
@case("10", "1e400 or a value out of its range in data: position and out of range, exit 3")
def case_10(work):
    data = work.knowledge_base()
    work.replace("data/rules.json", '"node": 4', '"node": 1e400')
    where = position(work.path("data/rules.json"), "1e400")
    expect(run(["--realtime", "--data-dir", data]), 3,
           err=error("data/rules.json:%s: number 1e400 is out of range" % where))
    work.replace("data/rules.json", '"node": 1e400', '"node": -1e400')
    expect(run(["validate", "--data-dir", data]), 3, err=data_error_validate(
        "data/rules.json:%s: number -1e400 is out of range" % where))
    work.replace("data/rules.json", '"node": -1e400', '"node": 1001')
    expect(run(["--realtime", "--data-dir", data]), 3, err=error(
        "data/rules.json: /rules/0/points/node: expected a number in -1000..1000, got 1001"))
    work.write("a.json", '{"team_size": 1e400}')
    expect(run(["--answers", "a.json"]), 3, err=error("a.json:1:15: number 1e400 is out of range"))
    work.write("b.json", '{"team_size": 10001}')
    expect(run(["--answers", "b.json"]), 3, err=error(
        "b.json: /team_size: expected a whole number in 1..10000 or null, got 10001"))
    work.write("c.json", '{"team_size": 18446744073709551616}')  # 2^64: beyond uint64
    expect(run(["--answers", "c.json"]), 3, err=error(
        "c.json: /team_size: expected a whole number in 1..10000 or null, "
        "got 1.8446744073709552e+19"))


# 11 ------------------------------------------------------------------------------------------
@case("11", "a float for an integer or a negative count: JSON Pointer and the expected range")
def case_11(work):
    data = work.knowledge_base()
    work.edit("data/knowledge_base.json",
              lambda d: d["confidence"].update({"min_answers_for_high": 2.5}))
    expect(run(["--realtime", "--data-dir", data]), 3, err=error(
        "data/knowledge_base.json: /confidence/min_answers_for_high: expected a whole number "
        "in 0..1000, got 2.5"))
    work.edit("data/knowledge_base.json",
              lambda d: d["confidence"].update({"min_answers_for_high": -5}))
    expect(run(["validate", "--data-dir", data]), 3, err=data_error_validate(
        "data/knowledge_base.json: /confidence/min_answers_for_high: -5 is out of range "
        "0..1000"))
    work.write("a.json", '{"team_size": 1.5}')
    expect(run(["--answers", "a.json"]), 3, err=error(
        "a.json: /team_size: expected a whole number in 1..10000 or null, got 1.5"))
    work.write("b.json", '{"concurrent_users": -5}')
    expect(run(["--answers", "b.json"]), 3, err_regex=re.escape(
        "stackpick: error: b.json: /concurrent_users: expected a whole number in ") +
        r"\d+\.\.\d+" + re.escape(" or null, got -5\n"))


# 12 ------------------------------------------------------------------------------------------
@case("12", "wrong type, missing or unknown key: JSON Pointer, what was expected, did-you-mean")
def case_12(work):
    data = work.knowledge_base()
    work.edit("data/rules.json", lambda d: d["rules"][1].update({"points": "many"}))
    expect(run(["--realtime", "--data-dir", data]), 3, err=error(
        "data/rules.json: /rules/1/points: expected an object, got a string"))
    work.edit("data/rules.json", lambda d: d["rules"][1].update({"points": {"node": 1}}))
    work.edit("data/rules.json", lambda d: d["rules"][2].pop("reason"))
    expect(run(["validate", "--data-dir", data]), 3, err=data_error_validate(
        'data/rules.json: /rules/2: missing required key "reason"'))
    work.edit("data/rules.json", lambda d: d["rules"][2].update({"reasn": "typo"}))
    expect(run(["validate", "--data-dir", data]), 3, err=data_error_validate(
        'data/rules.json: /rules/2: missing required key "reason"',
        "data/rules.json: /rules/2/reasn: unknown key \"reasn\" (did you mean 'reason'?)"))


# 13 ------------------------------------------------------------------------------------------
@case("13", "the same id twice (rule, question, stack, source) names both places")
def case_13(work):
    data = work.knowledge_base()

    def duplicate(file, array, first):
        """Appends a copy of an element: its id is then used twice."""
        work.edit("data/" + file, lambda d: d[array].append(dict(d[array][first])))
        with open(work.path("data/" + file), encoding="utf-8") as f:
            return len(json.load(f)[array]) - 1

    def restore(file):
        shutil.copyfile(os.path.join(DATA, file), work.path("data/" + file))

    for file, array, first, what, identifier in (
            ("rules.json", "rules", 1, "duplicate rule id", "ml-favours-python"),
            ("knowledge_base.json", "stacks", 0, "duplicate stack id", "node"),
            ("sources.json", "sources", 1, "duplicate id", "guide-2026"),
            ("questions.json", "questions", 4, "duplicate question id", "realtime")):
        index = duplicate(file, array, first)
        expect(run(["validate", "--data-dir", data]), 3, err=data_error_validate(
            "data/%s: /%s/%d/id: %s '%s' (first at /%s/%d)"
            % (file, array, index, what, identifier, array, first)), what=file)
        restore(file)


# 14 ------------------------------------------------------------------------------------------
@case("14", "a rule naming an unknown question, stack, source or operator: id, file, did-you-mean")
def case_14(work):
    data = work.knowledge_base()

    def change(document):
        rules = document["rules"]
        rules[0]["when"] = {"var": "real_time"}
        rules[1]["points"] = {"hybird": 1}
        rules[2]["sources"] = ["elitecoder-2025"]
        rules[3]["when"] = {"nand": [True, False]}
    work.edit("data/rules.json", change)
    rules = json.load(open(work.path("data/rules.json"), encoding="utf-8"))["rules"]
    result = run(["validate", "--data-dir", data])
    expect(result, 3, err=data_error_validate(
        "data/rules.json: /rules/0/when/var: rule '%s' reads unknown answer 'real_time' "
        "(did you mean 'realtime'?)" % rules[0]["id"],
        "data/rules.json: /rules/1/points/hybird: rule '%s' names unknown stack 'hybird' "
        "(did you mean 'hybrid'?)" % rules[1]["id"],
        "data/rules.json: /rules/2/sources/0: unknown source 'elitecoder-2025' "
        "(did you mean 'elitecoders-2025'?)",
        "data/rules.json: /rules/3/when: rule '%s': unknown operator \"nand\" at the top level "
        "(did you mean 'and'?)" % rules[3]["id"]))
    expect(run(["--realtime", "--data-dir", data]), 3, out=b"",
           err_regex=r"(stackpick: error: data/rules\.json: /rules/[^\n]+\n){4}")


# 15 ------------------------------------------------------------------------------------------
@case("15", "an answers file with an unknown key or a bad value names the key and valid values")
def case_15(work):
    work.write("a.json", '{"realtim": true}')
    expect(run(["--answers", "a.json"]), 3, err=error(
        "a.json: /realtim: unknown answer key \"realtim\" (did you mean 'realtime'?)"))
    work.write("b.json", '{"team": "cobol", "realtime": "yes"}')
    expect(run(["--answers", "b.json"]), 3, err=(
        "stackpick: error: b.json: /realtime: expected true, false or null, got \"yes\"\n"
        "stackpick: error: b.json: /team: expected one of javascript|python|mixed|none|beginners or null, "
        "got \"cobol\"\n"))
    work.write("c.json", '["realtime"]')
    expect(run(["--answers", "c.json"]), 3,
           err=error("c.json: /: expected an object of answers, got an array"))
    work.write("d.json", '{"realtime": true, "realtime": false}')
    expect(run(["--answers", "d.json"]), 3, err=error('d.json: /: duplicate key "realtime"'))


# 16 ------------------------------------------------------------------------------------------
@case("16", "a knowledge base in a newer format says upgrade stackpick, exit 3")
def case_16(work):
    data = work.knowledge_base()
    work.edit("data/knowledge_base.json", lambda d: d.update({"format_version": 3}))
    # Other files in the unknown format are not reported: they may be valid there.
    work.write("data/rules.json", '{"rules_v3": []}')
    message = ("data/knowledge_base.json: /format_version: knowledge-base format 3 is newer than "
               "this stackpick reads (2): upgrade stackpick")
    expect(run(["--realtime", "--data-dir", data]), 3, err=error(message))
    expect(run(["validate", "--data-dir", data]), 3, err=data_error_validate(message))


# 17 ------------------------------------------------------------------------------------------
@case("17", "all scores tied: said as a tie, exit 0, and non-finite points are refused")
def case_17(work):
    data = work.knowledge_base()

    def tie(document):  # every rule moves every stack alike
        for rule in document["rules"]:
            rule["points"] = {"node": 1, "python": 1, "hybrid": 1}
    work.edit("data/rules.json", tie)
    result = run(["--realtime", "--ml", "--data-dir", data, "--json"])

    def tied(document):
        ranking = [(entry["id"], entry["score"]) for entry in document["ranking"]]
        recommendation = document["recommendation"]
        check(len({r[1] for r in ranking}) == 1, "the scores are not tied: %r" % ranking)
        check(recommendation["margin"] == 0, "margin is not 0")
        # The tie-breakers put one runtime first; nothing settles Node.js against Python.
        check(recommendation["open_between"] == ["node", "python"],
              "not an open tie: %r" % recommendation["open_between"])
        check(recommendation["tied_with"] == ["python", "hybrid"], recommendation["tied_with"])
        check(recommendation["tie_break"] is None, "a tie-breaker decided")
        check([step["rule"] for step in recommendation["tie_breaks"]] ==
              ["start-with-one-runtime"], recommendation["tie_breaks"])
        check(recommendation["confidence"] == "low", recommendation["confidence"])
        check(recommendation["summary"].startswith("No clear pick: Node.js and Python are tied on"),
              recommendation["summary"])
    expect(result, 0, err="", out=json_output(tied))
    result = run(["--realtime", "--ml", "--data-dir", data])
    expect(result, 0, err="", out=starts_with(
        b"No clear pick: Node.js or Python  (confidence: low)\n  No clear pick: Node.js and "
        b"Python are tied on "))
    check(not re.search(rb"\b(nan|inf|infinity)\b", result.out, re.I),
          "nan or inf in the text:\n" + result.describe())
    # The same tie every time: byte-identical output.
    again = run(["--realtime", "--ml", "--data-dir", data])
    check(again.out == result.out, "a tie is not reported identically twice")
    # No knowledge base can produce a non-finite score: the points that could are refused.
    for value, shown in ((1e308, "1e+308"), (-1e308, "-1e+308"),
                         (1.7976931348623157e308, "1.7976931348623157e+308")):
        work.edit("data/rules.json",
                  lambda d: d["rules"][5].update({"points": {"node": value, "python": 1}}))
        result = run(["--realtime", "--data-dir", data])
        expect(result, 3, err=error("data/rules.json: /rules/5/points/node: expected a number in "
                                    "-1000..1000, got %s" % shown), what=shown)
    # The largest weights the options allow stay finite with the largest points.
    work.edit("data/rules.json", lambda d: [r.update({"points": {"node": 1000, "python": -1000}})
                                            for r in d["rules"]])
    criteria = sorted({r["criterion"] for r in json.load(
        open(work.path("data/rules.json"), encoding="utf-8"))["rules"]})
    weights = [w for c in criteria for w in ("--weight", c + "=100")]
    result = run(["--realtime", "--data-dir", data, "--json"] + weights)

    def finite(document):
        text = json.dumps(document)
        check("NaN" not in text and "Infinity" not in text, "non-finite numbers in the JSON")
        check(document["ranking"][0]["id"] == "node", "node should win")
    expect(result, 0, err="", out=json_output(finite))


# 18 ------------------------------------------------------------------------------------------
@case("18", "an unknown flag or a typo suggests the nearest flag, exit 2")
def case_18(work):
    expect(run(["--relatime"]), 2,
           err=error("unknown option '--relatime' (did you mean '--realtime'?)",
                     "run 'stackpick --help' for the options"))
    expect(run(["--team-szie", "3"]), 2,
           err=error("unknown option '--team-szie' (did you mean '--team-size'?)",
                     "run 'stackpick --help' for the options"))
    expect(run(["--jsno=1"]), 2, err=error("unknown option '--jsno' (did you mean '--json'?)",
                                           "run 'stackpick --help' for the options"))
    expect(run(["facs"]), 2, err=error("unexpected argument 'facs' (did you mean 'facts'?)",
                                       "run 'stackpick --help' for the options"))


# 19 ------------------------------------------------------------------------------------------
@case("19", "a bad choice value lists the valid choices, exit 2")
def case_19(work):
    expect(run(["--team", "cobol"]), 2, err=error("--team: cobol not in {javascript,python,mixed,"
                                                  "none,beginners}"))
    expect(run(["--team", "Pythn"]), 2, err=error(
        "--team: Pythn not in {javascript,python,mixed,none,beginners} (did you mean 'python'?)"))
    result = run(["--format", "xml"])
    expect(result, 2, err_regex=r"stackpick: error: --format: [^\n]*xml[^\n]*text[^\n]*json[^\n]*"
                                r"markdown[^\n]*\n" + re.escape(HINT_HELP))
    # Choices are case-insensitive and normalised.
    result = run(["--team", "PYTHON", "--json"])
    expect(result, 0, err="", out=json_output(
        lambda d: check(d["answers"]["team"] == "python", "not normalised: %r"
                        % d["answers"]["team"])))


# 20 ------------------------------------------------------------------------------------------
@case("20", "--team-size abc, 0x10, nan, 1e999, -3: must be a whole number in 1..N, exit 2")
def case_20(work):
    for value in ("abc", "0x10", "nan", "inf", "1e999", "-3", "+5", "0", "10001", "1.5", "",
                  " 5", "5 ", "\u0665", "99999999999999999999999999999999999"):
        expect(run(["--team-size", value]), 2,
               err=error("--team-size: must be a whole number in 1..10000, got '%s'" % value),
               what="--team-size %r" % value)
    expect(run(["--team-size=abc"]), 2,
           err=error("--team-size: must be a whole number in 1..10000, got 'abc'"))
    for value in ("nan", "1e999", "-1", "0x10"):
        expect(run(["--rate", value]), 2,
               err_regex=re.escape("stackpick: error: --rate: must be a number in ") +
               r"[0-9.]+\.\.[0-9.]+" + re.escape(", got '%s'\n" % value), what="--rate " + value)
    # "010" is ten (decimal), never octal eight.
    result = run(["--team-size", "010", "--json"])
    expect(result, 0, err="", out=json_output(
        lambda d: check(d["answers"]["team_size"] == 10, "010 is not 10")))
    expect(run(["--team-size"]), 2, err_regex=r"stackpick: error: [^\n]*team-size[^\n]*\n" +
           re.escape(HINT_HELP))


# 21 ------------------------------------------------------------------------------------------
@case("21", "conflicting flags are both named, exit 2")
def case_21(work):
    expect(run(["--interactive", "--no-input"]), 2,
           err=error("--interactive and --no-input contradict each other"))
    expect(run(["--realtime", "--no-realtime"]), 2,
           err=error("--realtime and --no-realtime contradict each other"))
    expect(run(["-i", "--answers", "-"]), 2,
           err=error("--interactive needs stdin for the prompts, but --answers - reads it"))


# 22 ------------------------------------------------------------------------------------------
@case("22", "--answers - reads stdin with the same limits")
def case_22(work):
    result = run(["--answers", "-", "--json"], stdin=b'{"realtime": true, "team": "python"}')
    expect(result, 0, err="", out=json_output(
        lambda d: check(d["answers"]["team"] == "python" and
                        d["answers"]["realtime"] is True, "stdin answers not used")))
    expect(run(["--answers", "-"], stdin=b'{"x": ' + b" " * (1 << 20) + b"1}"), 3,
           err=error("'<stdin>' is larger than the 1 MiB limit"))
    expect(run(["--answers", "-"], stdin=b'{"team": "py\xffthon"}'), 3,
           err=error("<stdin>:1:13: invalid UTF-8 byte 0xff in a string"))
    expect(run(["--answers", "-"], stdin=b"[" * 65), 3,
           err=error("<stdin>:1:65: nesting deeper than 64 levels"))
    expect(run(["--answers", "-"], stdin=b'{"team": "python"'), 3,
           err=error("<stdin>:1:18: unexpected end of input; expected '}'"))
    # A closed stdin is an empty one.
    expect(run(["--answers", "-"], stdin=None), 3, err=error("'<stdin>' is empty"))


# 23 ------------------------------------------------------------------------------------------
@case("23", "interactive without a terminal names the flags to use instead, exit 2, never hangs")
def case_23(work):
    message = error("--interactive needs a terminal, and stdin is not one",
                    "give the answers as flags (see 'stackpick questions') or with --answers "
                    "FILE, or use --no-input to take the defaults")
    # stdin a pipe that stays open and silent: a prompt would wait forever.
    read_end, write_end = os.pipe()
    try:
        with os.fdopen(read_end, "rb", closefd=False) as stdin:
            expect(run(["-i"], stdin=stdin, timeout=QUICK), 2, err=message)
            # Without -i and without answers, a pipe on stdin never prompts either.
            result = run([], stdin=stdin, timeout=QUICK)
            expect(result, 0, err="stackpick: no answers given: every question is at its default "
                                  "(see 'stackpick --help' for the flags)\n",
                   out=starts_with(b"No clear pick: Node.js or Python"))
    finally:
        os.close(read_end)
        os.close(write_end)
    expect(run(["--interactive"], stdin="/dev/null", timeout=QUICK), 2, err=message)


# 24 ------------------------------------------------------------------------------------------
@case("24", "EOF at a prompt: input ended, nothing was written, exit 1")
def case_24(work):
    saved = work.path("answers.json")
    work.write("answers.json", '{"team": "python"}\n')
    terminal = Terminal(["-i", "--save-answers", saved, "-o", work.path("out.txt")])
    try:
        terminal.wait_for(r"\[1/\d+\][^\n]*\n(.*\n)*> $")
        terminal.send("saas\n")
        terminal.wait_for(r"\[2/\d+\]")
        terminal.send("\x04")
        code = terminal.finish()
        screen = terminal.text()
        check(code == 1, "exit %d, expected 1:\n%s" % (code, screen[-1500:]))
        check(screen.endswith("> \nstackpick: error: " + INPUT_ENDED + "\n"),
              "the message is not the last line:\n" + screen[-1500:])
        check(terminal.stdout == b"", "stdout: %r" % terminal.stdout[:200])
        check(work.read("answers.json") == b'{"team": "python"}\n', "the answers file changed")
        check(sorted(os.listdir(work.directory)) == ["answers.json"],
              "files were written: %r" % os.listdir(work.directory))
    finally:
        terminal.kill()
        terminal.close()


# 25 ------------------------------------------------------------------------------------------
@case("25", "an invalid answer at a prompt gives the reason and asks again")
def case_25(work):
    terminal = Terminal(["-i", "--json"], env=environment({"NO_COLOR": "1"}))
    try:
        terminal.wait_for(r"\[1/(\d+)\] ([^\n]*)\n(.*\n)*> $")
        terminal.send("cobol\n")
        problem = terminal.wait_for(r"  ! 'cobol' is not a choice: type 1-10 or one of saas, "
                                    r"marketplace, [^\n]*\n(    [^\n]*\n)*> $")
        check("[2/" not in terminal.text(), "moved on after an invalid answer")
        terminal.send("99\n")
        terminal.wait_for(r"  ! there is no choice '99': type 1-10 [^\n]*\n(    [^\n]*\n)*> $",
                          since=problem.end())
        terminal.send("\x1b[A\n")  # an arrow key: control characters are refused
        terminal.wait_for(r"  ! control characters are not accepted", since=problem.end())
        terminal.send("saas\n")
        second = terminal.wait_for(r"\[2/\d+\] ")
        terminal.send("2\n")
        terminal.wait_for(r"\[3/\d+\] ", since=second.end())
        terminal.send("many\n")
        terminal.wait_for(r"  ! 'many' is not a whole number in 1\.\.10000", since=second.end())
        terminal.send("\x04")
        check(terminal.finish() == 1, "EOF did not end with exit 1")
        check(terminal.stdout == b"", "stdout: %r" % terminal.stdout[:200])
    finally:
        terminal.kill()
        terminal.close()


# 26 ------------------------------------------------------------------------------------------
@case("26", "Ctrl-C at a prompt: exit 130, terminal restored, no partial file")
def case_26(work):
    work.write("out.txt", "previous result\n")
    terminal = Terminal(["-i", "--save-answers", work.path("answers.json"), "-o",
                         work.path("out.txt")])
    try:
        terminal.wait_for(r"\[1/\d+\]")
        terminal.send("2\n")
        terminal.wait_for(r"\[2/\d+\]")
        terminal.send("\x03")
        started = time.monotonic()
        code = terminal.finish()
        check(time.monotonic() - started < QUICK, "Ctrl-C did not end stackpick at once")
        check(code == 130, "exit %d, expected 130:\n%s" % (code, terminal.text()[-1000:]))
        check(terminal.stdout == b"", "stdout: %r" % terminal.stdout[:200])
        check(termios.tcgetattr(terminal.master) == terminal.initial_modes,
              "the terminal's modes were not restored")
        check(sorted(os.listdir(work.directory)) == ["out.txt"],
              "files were written: %r" % os.listdir(work.directory))
        check(work.read("out.txt") == b"previous result\n", "-o's file changed")
    finally:
        terminal.kill()
        terminal.close()


# 27 ------------------------------------------------------------------------------------------
@case("27", "-o or --save-answers into a missing or read-only directory: named, exit 1, "
            "existing file untouched")
def case_27(work):
    expect(run(["--realtime", "-o", "missing/out.txt"]), 1,
           err=error("cannot write 'missing/out.txt': cannot create a temporary file in 'missing': No such file or directory"))
    expect(run(["--realtime", "--save-answers", "missing/a.json"]), 1,
           err=error("cannot write 'missing/a.json': cannot create a temporary file in 'missing': No such file or directory"))
    check(not os.path.exists(work.path("missing")), "the directory was created")
    # A read-only directory with a previous result in it.
    os.mkdir(work.path("locked"))
    work.write("locked/out.txt", "previous result\n")
    work.write("locked/a.json", '{"ml": true}\n')
    os.chmod(work.path("locked"), 0o555)
    open_to_nobody(work)
    os.chmod(work.path("locked"), 0o555)
    expect(run(["--realtime", "-o", "locked/out.txt"], preexec=as_nobody()), 1,
           err=error("cannot write 'locked/out.txt': cannot create a temporary file in 'locked': Permission denied"))
    expect(run(["--realtime", "--save-answers", "locked/a.json"], preexec=as_nobody()), 1,
           err=error("cannot write 'locked/a.json': cannot create a temporary file in 'locked': Permission denied"))
    check(work.read("locked/out.txt") == b"previous result\n", "-o's file changed")
    check(work.read("locked/a.json") == b'{"ml": true}\n', "--save-answers' file changed")
    check(sorted(os.listdir(work.path("locked"))) == ["a.json", "out.txt"],
          "temporary files left: %r" % os.listdir(work.path("locked")))
    # A failing run writes no file at all: the previous result stays.
    work.write("out.txt", "previous result\n")
    expect(run(["--team", "cobol", "-o", "out.txt"]), 2,
           err=error("--team: cobol not in {javascript,python,mixed,none,beginners}"))
    check(work.read("out.txt") == b"previous result\n", "a failed run changed -o's file")


# 28 ------------------------------------------------------------------------------------------
def terminal_output(arguments, env):
    """stdout and stderr of a run with both on one pseudo-terminal (as a person sees them)."""
    terminal = Terminal(arguments, env=env, stdout_on_terminal=True)
    try:
        code = terminal.finish()
        return code, terminal.screen
    finally:
        terminal.kill()
        terminal.close()


@case("28", "NO_COLOR=1, TERM=dumb or stdout not a terminal: no escape sequences at all")
def case_28(work):
    arguments = ["--realtime", "--ml"]
    # The control: a colour terminal does get colour, so the checks below can fail.
    code, screen = terminal_output(arguments, environment({"TERM": "xterm"}))
    check(code == 0 and ESC.encode() in screen, "no colour on a colour terminal: %r" % screen[:200])
    for label, extra in (("NO_COLOR=1", {"NO_COLOR": "1"}), ("TERM=dumb", {"TERM": "dumb"})):
        code, screen = terminal_output(arguments, environment(extra))
        check(code == 0 and screen.startswith(b"Recommendation: "),
              "%s: exit %d: %r" % (label, code, screen[:200]))
        check(ESC.encode() not in screen, "%s: escape sequences: %r" % (label, screen[:300]))
    # NO_COLOR set but empty does not disable colour (no-color.org).
    code, screen = terminal_output(arguments, environment({"NO_COLOR": ""}))
    check(code == 0 and ESC.encode() in screen, "NO_COLOR='' disabled colour")
    for extra_arguments in ([], ["--format", "markdown"], ["--json"], ["facts", "performance"],
                            ["estimate"], ["questions"], ["--help"], ["--team", "cobol"]):
        result = run(arguments + extra_arguments)
        check(ESC not in result.err and ESC.encode() not in result.out,
              "escape sequences with stdout on a pipe: %s\n%s" % (extra_arguments,
                                                                  result.describe()))
    # --color never wins over a terminal; --color always is the only way to colour a pipe.
    code, screen = terminal_output(arguments + ["--color", "never"], environment())
    check(ESC.encode() not in screen, "--color never coloured a terminal")
    result = run(arguments + ["--color", "always"])
    check(ESC.encode() in result.out, "--color always did not colour a pipe")


# 29 ------------------------------------------------------------------------------------------
def hostile_knowledge_base(work):
    """A knowledge base whose strings carry terminal escapes and control characters."""
    data = work.knowledge_base()
    title = "\x1b]0;owned\x07"  # sets the terminal's title
    clear = "\x1b[2J\x1b[H"  # clears the screen
    work.edit("data/knowledge_base.json", lambda d: d["stacks"][0].update(
        {"name": "Node.js" + clear, "description": "evil\x1b[31m red \x9b31m c1 \x07 bell"}))

    def change(document):
        document["rules"][0]["reason"] = "Real-time " + title + " \r overwritten\tline"
        document["rules"][0]["cautions"] = {"python": {"text": "caution " + clear, "sources": []}}
        document["rules"][0]["quotes"][0]["text"] = "Excellent " + title + " quote"
    work.edit("data/rules.json", change)
    work.edit("data/questions.json", lambda d: d["questions"][0].update(
        {"prompt": "What " + clear + " product?", "help": "help\x1b[5m blink"}))
    return data


def raw_controls(text):
    """Control characters other than \\n in text (ESC, BEL, CR, C1 CSI...)."""
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    return sorted({c for c in text if (ord(c) < 0x20 and c != "\n") or 0x7f <= ord(c) <= 0x9f})


@case("29", "control characters and escape sequences in data never reach the terminal raw")
def case_29(work):
    data = hostile_knowledge_base(work)
    for arguments in (["--realtime"], ["--realtime", "--format", "markdown"], ["questions"],
                      ["--realtime", "--explain"], ["facts", "use-cases", "--quotes"],
                      ["estimate", "--realtime"], ["facts", "performance"], ["validate"],
                      ["--realtime", "--verbose"], ["--help"]):
        result = run(arguments + ["--data-dir", data])
        check(result.code == 0, "%s: exit %d\n%s" % (arguments, result.code, result.describe()))
        check(not raw_controls(result.out) and not raw_controls(result.err_bytes),
              "%s: raw control characters %r\n%s" % (arguments, raw_controls(result.out) +
                                                     raw_controls(result.err_bytes),
                                                     result.describe()))
    text = run(["--realtime", "--data-dir", data]).out.decode("utf-8")
    check("Real-time " + REPLACEMENT in text, "the reason is not shown with replacements:\n" +
          text[:1500])
    # JSON escapes them (the consumer decides); the document stays valid.
    result = run(["--realtime", "--json", "--data-dir", data])
    expect(result, 0, err="", out=json_output(lambda d: check(
        d["ranking"][0]["name"].startswith("Node.js\x1b") or
        any(s["name"].startswith("Node.js\x1b") for s in d["ranking"]),
        "JSON should carry the name as given")))
    check(not raw_controls(result.out.replace(b"\n", b"")), "raw control bytes in the JSON")
    # Colour on a terminal: only stackpick's own SGR sequences, none from the data.
    code, screen = terminal_output(["--realtime", "--data-dir", data], environment())
    sequences = set(re.findall(rb"\x1b\[[0-9;]*m", screen))
    stripped = re.sub(rb"\x1b\[[0-9;]*m", b"", screen).replace(b"\r\n", b"\n")
    check(code == 0 and not raw_controls(stripped), "raw control characters on a terminal: %r"
          % raw_controls(stripped))
    check(b"\x1b[31m" not in sequences and b"\x1b[2J" not in screen, "the data's escapes reached "
          "the terminal")
    # Error paths: a hostile id in a data error, a hostile answers key, a hostile argument.
    work.edit("data/rules.json", lambda d: d["rules"][1].update(
        {"points": {"no\x1b[2Jde": 1}}))
    result = run(["--realtime", "--data-dir", data])
    check(result.code == 3 and not raw_controls(result.err_bytes) and REPLACEMENT in result.err,
          "a data error echoed raw controls:\n" + result.describe())
    work.write("a.json", '{"\\u001b[2Jteam": "python"}')
    result = run(["--answers", "a.json"])
    check(result.code == 3 and not raw_controls(result.err_bytes), "an answers key echoed raw:\n"
          + result.describe())
    for arguments in (["--team", "\x1b[2Jpython"], ["--\x1b[2J"], ["\x1b]0;x\x07"],
                      ["--answers", "\x1b[2J.json"], ["--data-dir", "\x1b[2J"],
                      ["--weight", "\x1b[2J=3"], ["--team-size", "\x1b[2J"]):
        result = run(arguments)
        check(result.code in (2, 3) and not raw_controls(result.err_bytes),
              "%r echoed raw controls:\n%s" % (arguments, result.describe()))


# 30 ------------------------------------------------------------------------------------------
@case("30", "an unexpected exception is 'stackpick: internal error: ...', exit 1, never terminate")
def case_30(work):
    # A real path to an exception stackpick does not expect: memory runs out while a large but
    # valid knowledge-base file is parsed (std::bad_alloc). The in-process test of
    # report_internal_error() is tests/reliability/internal_error_test.cpp.
    if sanitized():
        raise Skip("ASan reserves terabytes of address space: no memory limit can apply")
    data = work.knowledge_base()
    # 3,000,000 numbers in 6 MB (under the 8 MiB cap) take about 50 MB once parsed.
    with open(work.path("data/sources.json"), encoding="utf-8") as f:
        sources = json.load(f)
    sources["padding"] = [0] * 3000000
    work.write("data/sources.json", json.dumps(sources, separators=(",", ":")))
    internal_error = ("stackpick: internal error: std::bad_alloc\n(stackpick %s; please report "
                      "this with the command you ran)\n" % version())
    # Limits from tight to ample: the allocation that fails moves from the parse (caught in
    # main) into the clean-up after it (nlohmann/json's destructor allocates, so that ends in
    # std::terminate, whose handler must say the same).
    failures_seen = 0
    for megabytes in range(32, 161, 16):
        limit = megabytes << 20

        def limit_memory():
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        result = run(["--realtime", "--data-dir", data], preexec=limit_memory)
        if result.code == 3:  # enough memory: the extra key is reported as usual
            expect(result, 3, err=error('data/sources.json: /padding: unknown key "padding"'),
                   what="%d MiB" % megabytes)
        else:
            expect(result, 1, err=internal_error, what="%d MiB" % megabytes)
            failures_seen += 1
    check(failures_seen >= 3, "memory ran out in only %d runs: the case tests too little"
          % failures_seen)


def version():
    result = run(["--version"])
    return result.out.decode().split("\n")[0].split(" ")[1]


# --- beyond the table: hostile and unusual environments ------------------------------------------

@case("stream-dev-full", "stdout on /dev/full: exit 1 with a message, for every output format")
def stream_dev_full(work):
    for arguments in (["--realtime"], ["--realtime", "--json"], ["facts"], ["questions", "--json"],
                      ["--help"], ["--version"], ["validate"]):
        with open("/dev/full", "wb") as full:
            result = run(arguments, stdout=full)
        expect(result, 1, err=error("cannot write to standard output: No space left on device"),
               out=None, what=" ".join(arguments))


@case("stream-closed-pipe", "a reader that closes the pipe early: no message, no crash, exit 0")
def stream_closed_pipe(work):
    # The JSON document is larger than a pipe's buffer, so stackpick does meet the closed pipe.
    for arguments in (["--realtime", "--json"], ["facts", "--json"]):
        script = '"$0" "$@" 2>err.txt | head -c1 >/dev/null; echo ${PIPESTATUS[0]} >code.txt'
        subprocess.run(["bash", "-c", script, BINARY] + arguments, env=environment(),
                       cwd=work.directory, timeout=TIMEOUT, check=True)
        code = work.read("code.txt").decode().strip()
        err = work.read("err.txt").decode("utf-8", "replace")
        check(code == "0" and err == "", "%s | head -c1: exit %s, stderr %r"
              % (arguments, code, err))


@case("stream-closed-stdout", "stdout closed (>&-): exit 1 with a message, -o still writes")
def stream_closed_stdout(work):
    result = run(["--realtime"], stdout=subprocess.DEVNULL,
                 preexec=lambda: os.close(1))
    expect(result, 1, err=error("cannot write to standard output: Bad file descriptor"), out=None)
    # With -o, the result goes to the file even when the temporary file gets descriptor 1.
    result = run(["--realtime", "-o", "out.txt", "-q"], stdout=subprocess.DEVNULL,
                 preexec=lambda: os.close(1))
    expect(result, 0, err="", out=None)
    check(work.read("out.txt").startswith(b"Recommendation: "), "-o wrote no result")


@case("stream-closed-stdin", "stdin closed (<&-): no prompt, no hang, defaults used")
def stream_closed_stdin(work):
    notice = ("stackpick: no answers given: every question is at its default (see "
              "'stackpick --help' for the flags)\n")
    result = run(["--no-input", "--json"], stdin=None, timeout=QUICK)
    expect(result, 0, err=notice, out=json_output())
    result = run(["--no-input", "--json", "-q"], stdin=None, timeout=QUICK)
    expect(result, 0, err="", out=json_output())
    result = run([], stdin=None, timeout=QUICK)
    expect(result, 0, err="stackpick: no answers given: every question is at its default (see "
                          "'stackpick --help' for the flags)\n",
           out=starts_with(b"No clear pick: Node.js or Python"))


@case("stream-closed-stderr", "stderr closed (2>&-): results still on stdout, errors still exit 2")
def stream_closed_stderr(work):
    result = run(["--realtime"], stderr=subprocess.DEVNULL, preexec=lambda: os.close(2))
    expect(result, 0, out=starts_with(b"Recommendation: "))
    result = run(["--team", "cobol"], stderr=subprocess.DEVNULL, preexec=lambda: os.close(2))
    expect(result, 2, out=b"")
    # The -o temporary file may be given descriptor 2: nothing may be written into it.
    result = run(["--realtime", "-o", "out.txt"], stderr=subprocess.DEVNULL,
                 preexec=lambda: os.close(2))
    expect(result, 0, out=b"")
    check(work.read("out.txt").startswith(b"Recommendation: ") and
          b"stackpick:" not in work.read("out.txt"), "stderr text leaked into -o's file")


@case("argv-invalid-utf8", "arguments that are not UTF-8 are echoed with U+FFFD, JSON stays UTF-8")
def argv_invalid_utf8(work):
    def run_bytes(arguments, **options):
        return run([a.encode("utf-8", "surrogateescape") if isinstance(a, str) else a
                    for a in arguments], **options)
    cases = [
        ([b"--team", b"\xff"], 2, "--team: \ufffd not in {javascript,python,mixed,none,beginners}"),
        ([b"--\xfex"], 2, None),
        ([b"--answers", b"\xffdir/a.json"], 3,
         "cannot read '\ufffddir/a.json': No such file or directory"),
        ([b"--data-dir", b"/nonexistent/\xc3"], 2,
         "--data-dir: directory '/nonexistent/\ufffd' does not exist"),
        ([b"--weight", b"\xff=2"], 2, None),
        ([b"facts", b"\xff"], None, None),
    ]
    for arguments, code, message in cases:
        result = run_bytes(arguments)
        try:
            result.err_bytes.decode("utf-8")
        except UnicodeDecodeError:
            raise Failure("%r: stderr is not valid UTF-8: %r" % (arguments, result.err_bytes))
        check(code is None or result.code == code, "%r: exit %d\n%s"
              % (arguments, result.code, result.describe()))
        check(message is None or result.err.startswith("stackpick: error: " + message + "\n"),
              "%r: expected %r\n%s" % (arguments, message, result.describe()))
        check(result.out == b"" or result.code == 0, "%r: stdout on failure" % arguments)
    # A result file under an invalid name: written, the message valid UTF-8, JSON valid.
    result = run_bytes([b"--realtime", b"--json", b"-o", b"r\xff.json"])
    check(result.code == 0, "-o r\\xff.json: exit %d\n%s" % (result.code, result.describe()))
    try:
        result.err_bytes.decode("utf-8")
    except UnicodeDecodeError:
        raise Failure("'stackpick: wrote ...' is not valid UTF-8: %r" % result.err_bytes)
    with open(os.path.join(work.directory.encode(), b"r\xff.json"), "rb") as f:
        json.loads(f.read().decode("utf-8"))
    # JSON output that carries a path from the command line.
    shutil.copytree(DATA.encode(), os.path.join(work.directory.encode(), b"kb\xff"))
    for arguments in ([b"validate", b"--json", b"--data-dir", b"kb\xff"],
                      [b"test", b"--json", b"--data-dir", b"kb\xff"]):
        result = run_bytes(arguments)
        check(result.code == 0, "%r: exit %d\n%s" % (arguments, result.code, result.describe()))
        json_output()(result)


@case("argv-long", "128 KiB arguments, 1 MB of them, 10,000 arguments: a short error or a result")
def argv_long(work):
    # Linux refuses a single argument over 128 KiB (MAX_ARG_STRLEN) before stackpick runs.
    big = "x" * ((128 << 10) - 3)  # with "--" and the NUL: 128 KiB
    result = run(["--team", big])
    check(result.code == 2 and len(result.err) < 2000, "a 128 KiB choice: exit %d, %d bytes"
          % (result.code, len(result.err)))
    check(result.err.startswith("stackpick: error: --team: xxx"), result.describe()[:500])
    result = run(["--" + big])
    check(result.code == 2 and len(result.err) < 2000 and result.out == b"",
          "a 128 KiB option: exit %d, %d bytes of stderr" % (result.code, len(result.err)))
    result = run(["--team-size", "9" * len(big)])
    check(result.code == 2 and len(result.err) < 2000, "a 128 KiB number: exit %d, %d bytes"
          % (result.code, len(result.err)))
    # A path is shown whole (it is what the user must find), on one line.
    result = run(["--answers", big])
    expect(result, 3, err=error("cannot read '%s': File name too long" % big))
    result = run(["--exclude-source", big] * 8)  # 1 MB in all
    check(result.code == 2 and len(result.err) < 2000, "1 MB of arguments: exit %d, %d bytes"
          % (result.code, len(result.err)))
    # 10,000 arguments: repeated flags are fine (the last wins), extra words are refused.
    result = run(["--realtime"] * 10000 + ["--json"])
    expect(result, 0, err="", out=json_output())
    result = run(["--weight", "realtime=2"] * 5000 + ["--json", "-q"])
    expect(result, 0, err="", out=json_output())
    result = run(["facts"] + ["word"] * 10000)
    check(result.code == 2 and len(result.err) < 2000 and result.out == b"",
          "10,000 extra words: exit %d, %d bytes of stderr" % (result.code, len(result.err)))


@case("env-home-unset", "HOME unset, an empty environment: the embedded data still works")
def env_home_unset(work):
    result = run(["--realtime", "--json"], env=environment(remove=("HOME", "LANG", "TERM")))
    expect(result, 0, err="", out=json_output())
    result = run(["--realtime"], env={})
    expect(result, 0, err="", out=starts_with(b"Recommendation: "))
    # A non-UTF-8 locale does not change the numbers (no "3,4" decimal commas).
    result = run(["--realtime", "--json"], env=environment({"LC_ALL": "de_DE.UTF-8"}))
    expect(result, 0, out=json_output())


@case("output-unusual-targets", "-o to a directory, to the --answers file, via a symlink, "
                                "with TMPDIR pointing nowhere")
def output_unusual_targets(work):
    os.mkdir(work.path("dir"))
    expect(run(["--realtime", "-o", "dir"]), 2,
           err=error("-o: 'dir' is a directory",
                     "only a decision record (--format markdown) goes into a directory, as its "
                     "next numbered file; give -o a file name"))
    check(os.listdir(work.path("dir")) == [], "temporary files left in dir")
    # -o the same file as --answers: read first, then replaced by the result.
    work.write("same.json", '{"realtime": true}')
    result = run(["--answers", "same.json", "--json", "-o", "same.json", "-q"])
    expect(result, 0, err="")
    document = json.loads(work.read("same.json"))
    check(document["answers"]["realtime"] is True, "the answers were not read first")
    # A symlink as -o target: the link is replaced by a regular file (rename replaces the
    # directory entry); the file it pointed to is untouched (documented in docs/limits.md).
    work.write("target.txt", "keep me\n")
    os.symlink("target.txt", work.path("link.txt"))
    expect(run(["--realtime", "-o", "link.txt", "-q"]), 0, err="")
    check(not os.path.islink(work.path("link.txt")), "the symlink is still a symlink")
    check(work.read("target.txt") == b"keep me\n", "the symlink's target was written")
    check(work.read("link.txt").startswith(b"Recommendation: "), "no result in link.txt")
    # TMPDIR is not used: the temporary file lives next to the target.
    result = run(["--realtime", "-o", "out.txt", "-q"], env=environment({"TMPDIR": "/nonexistent"}))
    expect(result, 0, err="")
    # Output to /dev/stdout through -o (not a regular file: written in place, not renamed).
    result = run(["--realtime", "-o", "-", "--json"])
    expect(result, 0, err="", out=json_output())


@case("env-verbose-once", "--verbose names the knowledge base used, once, on stderr")
def env_verbose_once(work):
    result = run(["--realtime", "--verbose"])
    expect(result, 0, err="stackpick: using the knowledge base embedded in the binary\n",
           out=starts_with(b"Recommendation: "))
    data = work.knowledge_base()
    result = run(["--realtime", "--verbose", "--data-dir", data])
    expect(result, 0, err_regex=r"stackpick: using [^\n]*data[^\n]*\n",
           out=starts_with(b"Recommendation: "))
    result = run(["validate", "-v"], env=environment({"STACKPICK_DATA_DIR": data}))
    expect(result, 0, err_regex=r"stackpick: using [^\n]*STACKPICK_DATA_DIR[^\n]*\n",
           out=starts_with(b"knowledge base "))


@case("limits-at-the-boundary", "each documented limit: its value accepted, one more refused")
def limits_at_the_boundary(work):
    data = work.knowledge_base()
    # Knowledge-base files: 8 MiB exactly is read (padding with spaces keeps the JSON valid).
    text = work.read("data/sources.json")
    work.write("data/sources.json", text + b" " * ((8 << 20) - len(text)))
    expect(run(["validate", "--data-dir", data]), 0, err="", out=starts_with(b"knowledge base "))
    work.write("data/sources.json", text + b" " * ((8 << 20) - len(text) + 1))
    expect(run(["validate", "--data-dir", data]), 3, err=data_error_validate(
        "'data/sources.json' is larger than the 8 MiB limit", skipped=[
            "the sources the other files cite were not checked: data/sources.json could not be "
            "read"]))
    work.write("data/sources.json", text)
    # Strings in knowledge-base files: 64 KiB.
    for length, code in ((64 << 10, 0), ((64 << 10) + 1, 3)):
        work.edit("data/rules.json", lambda d: d["rules"][0].update({"reason": "r" * length}))
        result = run(["validate", "--data-dir", data])
        if code == 0:
            expect(result, 0, err="", out=starts_with(b"knowledge base "), what="64 KiB")
        else:
            expect(result, 3, err_regex=r"stackpick: error: data/rules\.json:\d+:\d+: string "
                   r"longer than the 64 KiB limit\nstackpick: 1 problem found\n")
    # Answers: 1 MiB, strings of 4 KiB, nesting 64.
    padding = b" " * ((1 << 20) - len(b'{"realtime": true}'))
    expect(run(["--answers", "-", "-q"], stdin=b'{"realtime": true}' + padding), 0, err="",
           out=starts_with(b"Recommendation: "))
    expect(run(["--answers", "-"], stdin=b'{"realtime": true}' + padding + b" "), 3,
           err=error("'<stdin>' is larger than the 1 MiB limit"))
    expect(run(["--answers", "-"], stdin=b'{"team": "' + b"p" * 4096 + b'"}'), 3,
           err_regex=re.escape("stackpick: error: <stdin>: /team: expected one of javascript|"
                               "python|mixed|none|beginners or null, got \"") + r"p+(\.\.\.|\")\n")
    expect(run(["--answers", "-"], stdin=b'{"team": "' + b"p" * 4097 + b'"}'), 3,
           err=error("<stdin>:1:10: string longer than the 4 KiB limit"))
    # Numbers typed as text: at most 32 characters, decimal only.
    expect(run(["--team-size", "0" * 31 + "7", "--json", "-q"]), 0, err="", out=json_output(
        lambda d: check(d["answers"]["team_size"] == 7, "32 digits are not 7")))
    expect(run(["--team-size", "0" * 32 + "7"]), 2, err=error(
        "--team-size: must be a whole number in 1..10000, got '%s'" % ("0" * 32 + "7")))


@case("limit-rule-count", "more than 10,000 rules is a data error naming the limit")
def limit_rule_count(work):
    data = work.knowledge_base()

    def rules(count):
        def change(document):
            # The shipped rules (so every criterion stays reached), then copies of the first
            # without its quotes and caution (10,000 copies of those would pass 8 MiB).
            shipped = document["rules"]
            template = dict(shipped[0], sources=[])
            template.pop("quotes", None)
            template.pop("cautions", None)
            document["rules"] = shipped + [dict(template, id="rule-%05d" % i)
                                           for i in range(count - len(shipped))]
        work.edit("data/rules.json", change, indent=None)
    rules(10000)
    expect(run(["validate", "--data-dir", data]), 0, err="", out=starts_with(b"knowledge base "))
    rules(10001)
    expect(run(["validate", "--data-dir", data]), 3, err=data_error_validate(
        "data/rules.json: /rules: 10001 rules are more than the limit of 10000"))


@case("env-data-dir-unreadable", "a --data-dir behind a directory the user cannot enter: the reason")
def env_data_dir_unreadable(work):
    data = work.knowledge_base("locked/data")
    open_to_nobody(work)
    os.chmod(work.path("locked"), 0o700)
    result = run(["validate", "--data-dir", data], preexec=as_nobody())
    expect(result, 2, err=error("--data-dir: cannot read 'locked/data': Permission denied"))


@case("env-scenarios-unreadable", "scenarios the user cannot list: the reason, exit 3, never 'no scenarios'")
def env_scenarios_unreadable(work):
    data = work.knowledge_base()
    open_to_nobody(work)
    os.chmod(work.path("data/scenarios"), 0o000)
    result = run(["test", "--data-dir", data], preexec=as_nobody())
    expect(result, 3, err=error("cannot list 'data/scenarios': Permission denied"))


@case("env-huge-data-dir", "a data dir with 20,000 extra files: only the known files are read")
def env_huge_data_dir(work):
    data = work.knowledge_base()
    for i in range(20000):
        open(work.path("data/extra-%05d.json" % i), "w").close()
    started = time.monotonic()
    result = run(["validate", "--data-dir", data])
    expect(result, 0, err="", out=starts_with(b"knowledge base "))
    check(time.monotonic() - started < TIMEOUT, "slow with many files")


@case("env-terminal-width", "COLUMNS=5 or -1: the same text output, help still printed")
def env_terminal_width(work):
    expected = run(["--realtime"]).out
    result = run(["--realtime"], env=environment({"COLUMNS": "5", "LINES": "2"}))
    expect(result, 0, err="", out=expected)
    result = run(["--help"], env=environment({"COLUMNS": "5"}))
    expect(result, 0, err="", out=starts_with(b"Recommends Node.js"))
    result = run(["--realtime"], env=environment({"COLUMNS": "-1"}))
    expect(result, 0, err="", out=expected)


# --- main ---------------------------------------------------------------------------------------

def run_case(identifier):
    name, function = CASES[identifier]
    with tempfile.TemporaryDirectory(prefix="stackpick-reliability-") as directory:
        previous = os.getcwd()
        os.chdir(directory)
        try:
            function(Workspace(directory))
            print("PASS %s: %s" % (identifier, name))
            return 0
        except Skip as e:
            print("SKIP %s: %s: %s" % (identifier, name, e))
            return 77
        except Failure as e:
            print("FAIL %s: %s\n%s" % (identifier, name, e))
            return 1
        finally:
            os.chdir(previous)
            for root, directories, _ in os.walk(directory):  # chmod 0 parts must be removable
                for entry in directories:
                    os.chmod(os.path.join(root, entry), 0o755)


def main(arguments):
    global BINARY, DATA
    if arguments[:1] == ["--list"]:
        for identifier, (name, _) in CASES.items():
            print("%s\t%s" % (identifier, name))
        return 0
    if len(arguments) < 3:
        print(__doc__)
        return 2
    BINARY = os.path.abspath(arguments[0])
    DATA = os.path.abspath(arguments[1])
    if arguments[2] == "--all":
        codes = [run_case(identifier) for identifier in CASES]
        failed = sum(1 for code in codes if code == 1)
        print("%d passed, %d failed, %d skipped" % (codes.count(0), failed, codes.count(77)))
        return 1 if failed else 0
    if arguments[2] == "--case" and len(arguments) == 4 and arguments[3] in CASES:
        return run_case(arguments[3])
    print("unknown case; --list shows them")
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
