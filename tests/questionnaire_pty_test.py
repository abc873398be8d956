#!/usr/bin/env python3
"""End-to-end tests of the interactive questionnaire: the real binary on a pseudo-terminal.

Usage: questionnaire_pty_test.py PATH/TO/stackpick

Each test runs stackpick with stdin and stderr on a pseudo-terminal (as a person at a terminal
would) and stdout on a pipe, so the prompts and the result are checked apart. Nothing here can
hang: every read has a deadline and a child still running at its deadline is killed.
Prints "N passed, M failed" and exits 1 if any test failed (77, skipped, without a pty).
"""

import errno
import json
import os
import pty
import re
import select
import shlex
import signal
import subprocess
import sys
import tempfile
import termios
import time

BINARY = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else ""
STEP_TIMEOUT = 10.0  # seconds one prompt or one exit may take (generous for sanitizer builds)
QUICK = 1.0  # "returns within a second"
INPUT_ENDED = "input ended before all questions were answered; nothing was written"
COMMAND_PREFIX = "stackpick: equivalent command: "
PROMPT = re.compile(r"(^|\n)> $")
HEADER = re.compile(r"\[(\d+)/(\d+)\] ")


def environment():
    """The environment of every run: embedded data, no colour, a plain terminal."""
    env = {k: v for k, v in os.environ.items() if k not in ("STACKPICK_DATA_DIR", "NO_COLOR")}
    env.update({"NO_COLOR": "1", "TERM": "xterm", "LC_ALL": "C.UTF-8"})
    return env


class Failure(Exception):
    pass


def check(condition, message):
    if not condition:
        raise Failure(message)


class Terminal:
    """stackpick with stdin and stderr on a pseudo-terminal and stdout on a pipe."""

    opened = []  # every Terminal, closed by main() at the end

    def __init__(self, arguments):
        out_read, out_write = os.pipe()
        pid, master = pty.fork()
        if pid == 0:  # the child: the pty is its controlling terminal, fds 0-2 included
            try:
                os.dup2(out_write, 1)
                os.close(out_read)
                os.close(out_write)
                os.execve(BINARY, [BINARY] + arguments, environment())
            finally:
                os._exit(127)
        os.close(out_write)
        self.pid = pid
        self.master = master
        self.stdout_fd = out_read
        self.master_open = True  # False once the child side of the pty is closed (EIO)
        self.screen = b""  # everything written to the terminal (prompts, echo, errors)
        self.stdout = b""
        self.offset = 0  # how far into text() the conversation has been read
        self.status = None
        self.initial_modes = termios.tcgetattr(master)
        Terminal.opened.append(self)

    def text(self):
        return self.screen.replace(b"\r\n", b"\n").decode("utf-8", "replace")

    def pump(self, timeout):
        """Reads whatever the child writes within timeout; False when both streams are closed."""
        fds = [self.master] if self.master_open else []
        fds += [self.stdout_fd] if self.stdout_fd is not None else []
        if not fds:
            return False
        ready, _, _ = select.select(fds, [], [], timeout)
        for fd in ready:
            try:
                data = os.read(fd, 65536)
            except OSError as e:  # EIO: the last holder of the pty's other end has gone
                if e.errno != errno.EIO:
                    raise
                data = b""
            if fd == self.master:
                if data:
                    self.screen += data
                else:
                    self.master_open = False
            else:
                if data:
                    self.stdout += data
                else:
                    os.close(self.stdout_fd)
                    self.stdout_fd = None
        return True

    def next_prompt(self):
        """The question block up to the next "> " prompt, or None once stackpick has ended."""
        deadline = time.monotonic() + STEP_TIMEOUT
        while True:
            rest = self.text()[self.offset:]
            if PROMPT.search(rest):
                self.offset += len(rest)
                return rest
            if not self.master_open:
                return None
            if time.monotonic() > deadline:
                self.kill()
                raise Failure("no prompt within %.0fs; the terminal showed:\n%s"
                              % (STEP_TIMEOUT, indent(rest or self.text())))
            self.pump(0.05)

    def send(self, text):
        os.write(self.master, text.encode())

    def finish(self, timeout=STEP_TIMEOUT):
        """Waits for the exit; returns the exit code, or -N when killed by signal N."""
        deadline = time.monotonic() + timeout
        while self.status is None:
            self.pump(0.02)
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.status = status
            elif time.monotonic() > deadline:
                self.kill()
                raise Failure("stackpick did not exit within %.0fs; the terminal showed:\n%s"
                              % (timeout, indent(self.text())))
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
        self.close()

    def modes(self):
        """The terminal's modes now (echo, canonical input...), to compare with initial_modes."""
        return termios.tcgetattr(self.master)

    def close(self):
        for fd in (self.master, self.stdout_fd):
            if fd is not None:
                os.close(fd)
        self.master = self.stdout_fd = None
        self.master_open = False


def indent(text):
    return "\n".join("    | " + line for line in text.splitlines())


def run_plain(arguments, stdin_data=b"", stdin_path=None, stderr_on_terminal=False):
    """stackpick with stdin from bytes or a file, stdout on a pipe, stderr on a pipe or a pty.
    Returns (exit code, stdout bytes, stderr text, seconds taken)."""
    options = {"stdout": subprocess.PIPE, "env": environment(), "timeout": STEP_TIMEOUT}
    stdin_file = open(stdin_path, "rb") if stdin_path else None
    if stdin_file:
        options["stdin"] = stdin_file
    else:
        options["input"] = stdin_data
    master = slave = None
    if stderr_on_terminal:
        master, slave = pty.openpty()
        options["stderr"] = slave
    else:
        options["stderr"] = subprocess.PIPE
    started = time.monotonic()
    try:
        process = subprocess.run([BINARY] + arguments, **options)
    except subprocess.TimeoutExpired:
        raise Failure("stackpick %s did not exit within %.0fs"
                      % (" ".join(arguments), STEP_TIMEOUT))
    finally:
        elapsed = time.monotonic() - started
        if stdin_file:
            stdin_file.close()
        if slave is not None:
            os.close(slave)
    err = process.stderr or b""
    if master is not None:
        while select.select([master], [], [], 0)[0]:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # EIO: everything has been read
                break
            if not chunk:
                break
            err += chunk
        os.close(master)
        err = err.replace(b"\r\n", b"\n")
    return process.returncode, process.stdout, err.decode("utf-8", "replace"), elapsed


# --- answering ----------------------------------------------------------------------------------

def parse_block(block):
    """(position, total, kind, choice ids) of the question block before a prompt."""
    headers = list(HEADER.finditer(block))
    check(headers, "a prompt without a question header:\n" + indent(block))
    header = headers[-1]
    body = block[header.start():]
    choices = re.findall(r"^ +\d+  (\S+)", body, re.MULTILINE)
    if "\n  y/n;" in body:
        kind = "bool"
    elif "number, name or prefix" in body:
        kind = "choice"
    elif "whole number" in body or "\n  number" in body:
        kind = "number"
    else:
        raise Failure("cannot tell the question's type:\n" + indent(body))
    return int(header.group(1)), int(header.group(2)), kind, choices


def unique_prefix(word, words):
    for length in range(1, len(word) + 1):
        prefix = word[:length]
        if sum(1 for w in words if w.startswith(prefix)) == 1:
            return prefix
    return word


def answer_for(kind, choices, step):
    """A varied answer: numbers, names in capitals, prefixes; yes and no in turn."""
    if kind == "choice":
        form = step % 3
        if form == 0:
            return "2"
        if form == 1:
            return choices[0].upper()
        return unique_prefix(choices[-1], choices)
    if kind == "bool":
        return ("y", "no", "YES", "n")[step % 4]
    return "7"


def first_prompt(terminal):
    """The first question block; fails with the exit code and screen if stackpick never asks."""
    block = terminal.next_prompt()
    if block is None:
        code = terminal.finish()
        raise Failure("stackpick exited with %d before asking anything; the terminal showed:\n%s"
                      % (code, indent(terminal.text()[-2000:])))
    return block


def questionnaire(arguments):
    """Answers every question, going back once (at the third prompt) to change an answer.
    Returns the finished Terminal and the exit code."""
    terminal = Terminal(arguments)
    step = 0
    went_back = False
    positions = []
    for _ in range(200):
        block = first_prompt(terminal) if step == 0 else terminal.next_prompt()
        if block is None:
            break
        position, total, kind, choices = parse_block(block)
        check(1 <= position <= total, "bad progress [%d/%d]" % (position, total))
        if step == 2 and not went_back:
            terminal.send("back\n")
            went_back = True
            back_block = terminal.next_prompt()
            check(back_block is not None, "stackpick ended after 'back'")
            back_position, _, back_kind, back_choices = parse_block(back_block)
            check(back_position == positions[-1],
                  "back went to [%d], not to the previous question [%d]"
                  % (back_position, positions[-1]))
            check("[current]" in back_block, "the revisited question does not show the "
                  "answer given:\n" + indent(back_block))
            # Change the earlier answer to a different one.
            changed = back_choices[2] if back_kind == "choice" else (
                "n" if back_kind == "bool" else "9")
            terminal.send(changed + "\n")
            continue
        positions.append(position)
        terminal.send(answer_for(kind, choices, step) + "\n")
        step += 1
    else:
        terminal.kill()
        raise Failure("more than 200 prompts")
    check(went_back, "fewer than three questions were asked")
    return terminal, terminal.finish()


def equivalent_command(screen):
    lines = [line for line in screen.splitlines() if line.startswith(COMMAND_PREFIX)]
    check(len(lines) == 1, "expected one line starting with %r on stderr, got %d:\n%s"
          % (COMMAND_PREFIX, len(lines), indent(screen[-2000:])))
    words = shlex.split(lines[0][len(COMMAND_PREFIX):])
    check(words and words[0] == "stackpick", "the command does not start with stackpick: %r"
          % lines[0])
    return words[1:]


# --- the tests ----------------------------------------------------------------------------------

def test_answer_all_go_back_once_and_repeat_with_the_equivalent_command():
    with tempfile.TemporaryDirectory(prefix="stackpick-pty-") as directory:
        saved = os.path.join(directory, "answers.json")
        terminal, code = questionnaire(["-i", "--json", "--save-answers", saved])
        screen = terminal.text()
        check(code == 0, "exit %d; the terminal showed:\n%s" % (code, indent(screen[-3000:])))
        check(re.search(r"\[1/\d+\] ", screen), "no progress counter [1/N]")
        try:
            interactive = json.loads(terminal.stdout)
        except ValueError as e:
            raise Failure("stdout is not one JSON document (%s): %r" % (e, terminal.stdout[:300]))
        check(not re.search(r"^> |\[1/\d+\] ", terminal.stdout.decode("utf-8", "replace"), re.M),
              "a prompt reached stdout")

        flags = equivalent_command(screen)
        code, out, err, _ = run_plain(flags + ["--json"], stdin_path=os.devnull)
        check(code == 0, "the equivalent command exited %d: %s" % (code, err))
        check(json.loads(out) == interactive,
              "the equivalent command %r gives different JSON" % " ".join(flags))
        check(out == terminal.stdout, "the equivalent command's JSON is not byte-identical")

        check(os.path.isfile(saved), "--save-answers wrote no file")
        with open(saved, encoding="utf-8") as f:
            answers = json.load(f)
        check(isinstance(answers, dict) and answers, "the saved answers are not a JSON object")
        code, out, err, _ = run_plain(["--answers", saved, "--json"], stdin_path=os.devnull)
        check(code == 0 and out == terminal.stdout,
              "--answers with the saved file does not give the same JSON (exit %d): %s"
              % (code, err))
        check(not [n for n in os.listdir(directory) if n != "answers.json"],
              "temporary files left behind: %r" % os.listdir(directory))


def walk(arguments, reply):
    """Answers each prompt with reply(prompt text, step); returns the Terminal, its exit code and
    [(position, total, prompt's first line)] of every question asked, in order."""
    terminal = Terminal(arguments)
    asked = []
    for step in range(100):
        block = first_prompt(terminal) if step == 0 else terminal.next_prompt()
        if block is None:
            return terminal, terminal.finish(), asked
        header = list(HEADER.finditer(block))[-1]
        first_line = block[header.end():].split("\n")[0]
        asked.append((int(header.group(1)), int(header.group(2)), first_line))
        terminal.send(reply(first_line, step) + "\n")
    terminal.kill()
    raise Failure("more than 100 prompts")


GATE = "Fit the cost and time estimates to this project?"
ESTIMATE_PROMPTS = ("How many months", "Where will the developers", "What seniority", "hourly rate",
                    "How many requests a day")


def test_the_estimates_questions_are_asked_only_when_wanted():
    # Declined (Enter = no): the five estimates questions are never asked, the gate is the last
    # step, every [n/N] counts the steps really asked, and the result equals the defaults'.
    terminal, code, asked = walk(["-i", "--json"], lambda prompt, step: "")
    check(code == 0, "exit %d:\n%s" % (code, indent(terminal.text()[-2000:])))
    total = len(asked)
    check([a[:2] for a in asked] == [(i + 1, total) for i in range(total)],
          "the counts are not 1..N of N: %r" % [a[:2] for a in asked])
    check(asked[-1][2].startswith(GATE), "the last step is not the gate: %r" % asked[-1][2])
    check(not [a for a in asked if any(p in a[2] for p in ESTIMATE_PROMPTS)],
          "an estimates question was asked after 'no': %r" % asked)
    code, out, err, _ = run_plain(["--json"], stdin_path=os.devnull)
    check(code == 0 and out == terminal.stdout, "declining does not give the defaults' result")

    # Accepted, then back to the gate, then declined: the count grows by five, then shrinks.
    replies = {}

    def accept_then_decline(prompt, step):
        if prompt.startswith(GATE):
            replies[GATE] = replies.get(GATE, 0) + 1
            return "y" if replies[GATE] == 1 else "n"
        if prompt.startswith("How many months") and "back" not in replies:
            replies["back"] = True
            return "back"
        return ""
    terminal, code, asked2 = walk(["-i", "--json"], accept_then_decline)
    check(code == 0, "exit %d" % code)
    gate_steps = [a for a in asked2 if a[2].startswith(GATE)]
    check(len(gate_steps) == 2, "the gate was not asked again after 'back': %r" % asked2)
    months = [a for a in asked2 if a[2].startswith("How many months")]
    check(months and months[0][:2] == (total + 1, total + 5),
          "after 'yes' the first estimates question is not [%d/%d]: %r"
          % (total + 1, total + 5, months))
    check(gate_steps[1][:2] == (total, total + 5), "back to the gate shows %r" % (gate_steps[1],))
    check(terminal.stdout == out, "yes, back, no does not give the defaults' result")

    # Accepted: all five are asked and the answers reach the equivalent command.
    terminal, code, asked3 = walk(["-i", "--json"], lambda prompt, step: (
        "y" if prompt.startswith(GATE) else "7" if "months" in prompt else ""))
    check(code == 0, "exit %d" % code)
    for prompt in ESTIMATE_PROMPTS:
        check([a for a in asked3 if prompt in a[2]], "%r was not asked after 'yes'" % prompt)
    check("--months 7" in " ".join(equivalent_command(terminal.text())),
          "the equivalent command lacks --months 7")

    # An estimates answer given as a flag means the user wants them: no gate, the rest asked.
    terminal, code, asked4 = walk(["-i", "--json", "--months", "6"], lambda prompt, step: "")
    check(code == 0, "exit %d" % code)
    check(not [a for a in asked4 if a[2].startswith(GATE)], "the gate was asked with --months")
    check([a for a in asked4 if "hourly rate" in a[2]], "the rate was not asked with --months")


def test_ctrl_c_exits_130_with_nothing_written():
    with tempfile.TemporaryDirectory(prefix="stackpick-pty-") as directory:
        saved = os.path.join(directory, "answers.json")
        terminal = Terminal(["-i", "--json", "--save-answers", saved])
        first_prompt(terminal)
        terminal.send("2\n")
        check(terminal.next_prompt() is not None, "no second prompt")
        terminal.send("\x03")  # the terminal turns it into SIGINT for the foreground group
        started = time.monotonic()
        code = terminal.finish()
        check(time.monotonic() - started < QUICK + 1, "Ctrl-C did not end stackpick at once")
        check(code in (130, -signal.SIGINT), "Ctrl-C gave exit %d, expected 130" % code)
        check(terminal.stdout == b"", "stdout is not empty: %r" % terminal.stdout[:200])
        check(os.listdir(directory) == [], "files were written: %r" % os.listdir(directory))
        check(terminal.modes() == terminal.initial_modes, "the terminal's modes were not restored")
        terminal.close()


def test_ctrl_d_exits_1_with_the_exact_message():
    with tempfile.TemporaryDirectory(prefix="stackpick-pty-") as directory:
        saved = os.path.join(directory, "answers.json")
        terminal = Terminal(["-i", "--save-answers", saved])
        first_prompt(terminal)
        terminal.send("saas\n")
        check(terminal.next_prompt() is not None, "no second prompt")
        terminal.send("\x04")  # end of input on an empty line
        code = terminal.finish()
        screen = terminal.text()
        check(code == 1, "Ctrl-D gave exit %d, expected 1:\n%s" % (code, indent(screen[-1500:])))
        check("\nstackpick: error: " + INPUT_ENDED + "\n" in screen,
              "the message is not on a line of its own:\n" + indent(screen[-1500:]))
        check(terminal.stdout == b"", "stdout is not empty: %r" % terminal.stdout[:200])
        check(os.listdir(directory) == [], "files were written: %r" % os.listdir(directory))


def test_a_terminal_with_no_answers_starts_the_questionnaire():
    terminal = Terminal([])
    block = first_prompt(terminal)
    check("[1/" in block, "no progress counter in the first question:\n" + indent(block))
    terminal.send("\x04")
    check(terminal.finish() == 1, "Ctrl-D at the first prompt is not exit 1")


def test_answers_given_by_flag_or_no_input_never_prompt():
    for arguments in (["--realtime"], ["--no-input"], ["--json", "--no-input"]):
        terminal = Terminal(arguments)
        started = time.monotonic()
        code = terminal.finish(timeout=QUICK + 2)
        elapsed = time.monotonic() - started
        check(code == 0, "stackpick %s on a terminal: exit %d:\n%s"
              % (" ".join(arguments), code, indent(terminal.text())))
        check("> " not in terminal.text(), "stackpick %s prompted" % " ".join(arguments))
        check(elapsed < QUICK, "stackpick %s took %.2fs" % (" ".join(arguments), elapsed))


def test_bad_answers_are_explained_and_asked_again():
    terminal = Terminal(["-i"])
    first_prompt(terminal)
    terminal.send("m\n")
    block = terminal.next_prompt()
    check(block is not None and "could be marketplace or ml-product" in block,
          "an ambiguous prefix is not explained:\n" + indent(block or terminal.text()))
    # The pty's line discipline keeps at most 4095 bytes of a line; a pipe would pass all 5000.
    terminal.send("x" * 5000 + "\n")
    block = terminal.next_prompt()
    check(block is not None and ("longer than 4096 bytes" in block or "is not a choice" in block),
          "an over-long line is not rejected:\n" + indent((block or "")[-500:]))
    terminal.send("\x1b[A\n")
    block = terminal.next_prompt()
    check(block is not None and "control characters are not accepted" in block,
          "an escape sequence is not rejected")
    terminal.send("?\n")
    block = terminal.next_prompt()
    check(block is not None and "Sources:" in block, "? shows no sources")
    terminal.send("\x03")
    check(terminal.finish() in (130, -signal.SIGINT), "Ctrl-C is not exit 130")


def test_no_terminal_never_waits():
    cases = [
        ("echo | stackpick", [], b"\n", None, 0),
        ("stackpick < /dev/null", [], None, os.devnull, 0),
        ("stackpick -i < /dev/null", ["-i"], None, os.devnull, 2),
        ("echo | stackpick -i", ["-i"], b"\n", None, 2),
    ]
    for name, arguments, data, path, expected in cases:
        for stderr_on_terminal in (False, True):
            label = name + (" (stderr on a terminal)" if stderr_on_terminal else "")
            code, out, err, elapsed = run_plain(arguments, stdin_data=data, stdin_path=path,
                                                stderr_on_terminal=stderr_on_terminal)
            check(elapsed < QUICK, "%s took %.2fs" % (label, elapsed))
            check(code == expected, "%s: exit %d, expected %d; stderr: %s"
                  % (label, code, expected, err))
            check("> " not in err, "%s prompted: %s" % (label, err))
            if expected == 0:
                check(out, "%s printed no recommendation" % label)
                check("default" in err, "%s does not say the defaults were used: %r"
                      % (label, err))
            else:
                check(out == b"", "%s wrote to stdout" % label)
                check(err.startswith("stackpick: error: ") and "--interactive" in err or
                      err.startswith("stackpick: error: ") and "-i" in err,
                      "%s: the error does not name -i/--interactive: %r" % (label, err))
                check("--answers" in err, "%s: the error does not name --answers: %r"
                      % (label, err))


def test_interactive_and_no_input_conflict():
    code, out, err, elapsed = run_plain(["-i", "--no-input"], stdin_path=os.devnull)
    check(code == 2, "-i --no-input: exit %d, expected 2" % code)
    check(out == b"", "-i --no-input wrote to stdout")
    check("--no-input" in err and ("--interactive" in err or "-i" in err),
          "-i --no-input: the error does not name both flags: %r" % err)


def main():
    if not BINARY or not os.access(BINARY, os.X_OK):
        print("usage: questionnaire_pty_test.py PATH/TO/stackpick", file=sys.stderr)
        return 2
    try:
        master, slave = pty.openpty()
        os.close(master)
        os.close(slave)
    except OSError as e:
        print("skipped: no pseudo-terminal (%s)" % e)
        return 77
    tests = [(name, function) for name, function in globals().items()
             if name.startswith("test_") and callable(function)]
    passed = failed = 0
    for name, function in tests:
        try:
            function()
        except Failure as e:
            failed += 1
            print("FAIL %s\n%s" % (name, indent(str(e))))
        except Exception as e:  # a bug in the test itself still counts as a failure
            failed += 1
            print("FAIL %s: %s: %s" % (name, type(e).__name__, e))
        else:
            passed += 1
            print("ok   %s" % name)
    for terminal in Terminal.opened:
        if terminal.status is None:
            terminal.kill()
        terminal.close()
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
