#!/usr/bin/env python3
"""Golden outputs: runs every case of tests/golden/cases.txt and compares byte for byte.

Usage: run.py STACKPICK [--bless]
  Without --bless: exit 1 naming each case whose stdout, stderr or exit code changed, with a
  unified diff of the first lines that differ.
  With --bless: rewrite the golden files from this binary (on purpose only; read the git diff).
The binary runs from the repository's top folder with NO_COLOR=1, SOURCE_DATE_EPOCH set and no
terminal, so relative paths in the cases work and the output does not depend on the machine or
the day.
"""
import difflib
import pathlib
import subprocess
import sys

HERE = pathlib.Path(__file__).resolve().parent
TOP = HERE.parent.parent
STATUS = HERE / "status.txt"
# The day every case runs on (2026-12-01), as ctest sets it (tests/CMakeLists.txt): a Markdown
# record's date comes from it.
SOURCE_DATE_EPOCH = "1796083200"


def read_cases():
    cases = []
    for number, line in enumerate((HERE / "cases.txt").read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        name, extension, *arguments = line.split()
        cases.append((f"{name}.{extension}", arguments, number))
    files = [case[0] for case in cases]
    duplicates = {f for f in files if files.count(f) > 1}
    if duplicates:
        sys.exit(f"cases.txt: the same golden file for two cases: {', '.join(sorted(duplicates))}")
    return cases


def run(binary, arguments):
    result = subprocess.run([binary] + arguments, cwd=TOP, capture_output=True, stdin=subprocess.DEVNULL,
                            env={"NO_COLOR": "1", "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8",
                                 "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH}, timeout=60)
    return result.stdout, result.stderr.decode("utf-8", "replace"), result.returncode


def status_block(file, arguments, stderr, code):
    lines = [f"== {file}: stackpick {' '.join(arguments)}".rstrip(), f"exit {code}"]
    lines += [f"stderr: {line}" for line in stderr.splitlines()]
    return "\n".join(lines) + "\n"


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    binary, bless = sys.argv[1], "--bless" in sys.argv[2:]
    cases = read_cases()
    status = ""
    changed = []
    for file, arguments, _ in cases:
        stdout, stderr, code = run(binary, arguments)
        status += status_block(file, arguments, stderr, code)
        golden = HERE / file
        if bless:
            golden.write_bytes(stdout)
            continue
        expected = golden.read_bytes() if golden.exists() else None
        if expected != stdout:
            changed.append(file)
            old = (expected or b"").decode("utf-8", "replace").splitlines(True)
            new = stdout.decode("utf-8", "replace").splitlines(True)
            diff = list(difflib.unified_diff(old, new, f"tests/golden/{file}", "now", n=1))
            sys.stdout.writelines(diff[:40] if expected is not None else [f"missing: tests/golden/{file}\n"])
    if bless:
        STATUS.write_text(status, encoding="utf-8")
        known = {file for file, _, _ in cases} | {"cases.txt", "status.txt", "run.py", "batch-input.jsonl"}
        for stale in sorted(p.name for p in HERE.iterdir() if p.name not in known):
            print(f"not a case any more (remove it): tests/golden/{stale}")
        print(f"blessed {len(cases)} golden outputs from {binary}")
        return 0
    expected_status = STATUS.read_text(encoding="utf-8") if STATUS.exists() else ""
    if expected_status != status:
        changed.append("status.txt (exit codes or stderr)")
        sys.stdout.writelines(list(difflib.unified_diff(expected_status.splitlines(True), status.splitlines(True),
                                                        "tests/golden/status.txt", "now", n=1))[:60])
    if changed:
        print(f"{len(changed)} golden output(s) changed: {', '.join(changed)}")
        print("if on purpose: tests/golden/run.py build/release/stackpick --bless, then read the git diff")
        return 1
    print(f"{len(cases)} golden outputs match")
    return 0


if __name__ == "__main__":
    sys.exit(main())
