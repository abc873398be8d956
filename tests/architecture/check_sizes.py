#!/usr/bin/env python3
"""Checks that no source file is longer than 900 lines and no function longer than 80.

    check_sizes.py [ROOT]   ROOT: a source tree (default: this repository)

Long files and functions hide what code does (issue 19, ARCHITECTURE.md): a renderer is split by
section, a computation by step. A function is measured from the first line of its signature to
its closing brace, lambdas inside it included; comments and string literals are skipped.
"""
import os
import re
import sys

MAX_FILE_LINES = 900
MAX_FUNCTION_LINES = 80
# Known offenders still to split (issue 19), each with the size it may not grow past: a new
# offender, or a known one that grows, fails the check; one that shrinks under the limit must
# leave this list (the check says so).
KNOWN = {}
SCOPE = re.compile(r"\b(namespace|class|struct|union|enum)\b[^()]*$")
FUNCTION = re.compile(r"\)\s*(const|noexcept|override|final|mutable|&|&&|\s|->\s*[\w:<>,&*\s]+)*$")


def code_only(text):
    """The text with comments and string/char literals blanked, newlines kept."""
    out, i, n = [], 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
        elif text.startswith('R"', i):
            m = re.match(r'R"([^(]*)\(', text[i:])
            end = text.find(")" + m.group(1) + '"', i) if m else -1
            j = n if end < 0 else end + len(m.group(1)) + 2
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
        elif c in "\"'":
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if text[j] == "\\" else 1
            out.append(" " * (min(j + 1, n) - i))
            i = j + 1
        else:
            out.append(c)
            i += 1
    return "".join(out)


def long_functions(path, text):
    code = code_only(text)
    found = []
    stack = []  # (kind, start line)
    statement_start = 0
    for i, c in enumerate(code):
        if c == "{":
            head = code[statement_start:i].strip()
            inside_function = any(kind == "function" for kind, _ in stack)
            if inside_function:
                kind = "block"
            elif SCOPE.search(head.split("(")[0]) and "(" not in head:
                kind = "scope"
            elif FUNCTION.search(head):
                kind = "function"
            else:
                kind = "block"
            first = statement_start + (len(code[statement_start:i]) - len(code[statement_start:i].lstrip()))
            stack.append((kind, code.count("\n", 0, first) + 1))
            statement_start = i + 1
        elif c == "}":
            if stack:
                kind, start = stack.pop()
                if kind == "function":
                    end = code.count("\n", 0, i) + 1
                    if end - start + 1 > MAX_FUNCTION_LINES:
                        name = re.sub(r"\s+", " ", text.splitlines()[start - 1].strip())[:60]
                        found.append((end - start + 1, start, name))
            statement_start = i + 1
        elif c == ";" or (c == "\n" and code[statement_start:i].lstrip().startswith("#")):
            statement_start = i + 1
        elif c == ":" and re.search(r"\b(public|private|protected)\s*$", code[statement_start:i]):
            statement_start = i + 1
    return found


def main(argv):
    root = argv[1] if len(argv) > 1 else os.path.dirname(
        os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    problems = []
    for top in ("src", "include"):
        for folder, _, names in sorted(os.walk(os.path.join(root, top))):
            for name in sorted(names):
                if not name.endswith((".cpp", ".hpp")):
                    continue
                path = os.path.join(folder, name)
                shown = os.path.relpath(path, root)
                with open(path, encoding="utf-8") as f:
                    text = f.read()
                lines = text.count("\n")
                known = KNOWN.get(shown)
                if known is not None and lines <= MAX_FILE_LINES:
                    problems.append(f"{shown}: {lines} lines now: remove it from KNOWN")
                elif lines > (known or MAX_FILE_LINES):
                    problems.append(f"{shown}: {lines} lines (at most "
                                    f"{known or MAX_FILE_LINES})")
                for length, line, name in long_functions(path, text):
                    problems.append(f"{shown}:{line}: a function of {length} lines "
                                    f"(at most {MAX_FUNCTION_LINES}): {name}")
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"{len(problems)} too long: split files by concern and functions by step",
              file=sys.stderr)
        return 1
    print(f"every source file has at most {MAX_FILE_LINES} lines and every function at most "
          f"{MAX_FUNCTION_LINES}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
