#!/usr/bin/env python3
"""Cold start and batch throughput of this tree against another revision, both built and measured
in the same run (a restructuring must stay within noise of the commit before it).

    bench/compare_revisions.py BASELINE_REV [--runs N] [--sets N]

Builds BASELINE_REV in a git worktree under build/compare-<rev>/ and this tree in
build/compare-current (Release, no tests), then times them, alternating the two binaries so that
machine load hits both alike:
  * cold start: `stackpick --realtime --ml --json` (N runs each, median and min in ms);
  * batch: `stackpick batch` over the same random answer sets, --jobs 1 and the default.
Prints a table and each ratio this/baseline (below 1.00 is faster). Performance claims go in
bench/README.md only from a run like this, never from a timed unit test.
"""
import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time

import revisions

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def build(source, build_dir):
    revisions.build_release(source, build_dir, ["stackpick"])
    return os.path.join(build_dir, "stackpick")


def baseline_binary(revision):
    # Kept under build/ (not temporary, unlike run.py --baseline): repeated comparisons reuse it.
    commit = revisions.short_commit(revision)
    tree = os.path.join(ROOT, "build", f"compare-{commit}")
    revisions.add_worktree(commit, tree)
    return commit, build(tree, os.path.join(tree, "build", "release"))


def answer_sets(stackpick, count):
    questions = json.loads(subprocess.run([stackpick, "questions", "--json"], check=True,
                                          capture_output=True, text=True).stdout)["questions"]
    rng = random.Random(19)
    lines = []
    for _ in range(count):
        answers = {}
        for question in questions:
            if rng.random() < 0.5:
                continue
            if question["type"] == "bool":
                answers[question["key"]] = rng.random() < 0.5
            elif question["type"] == "choice":
                answers[question["key"]] = rng.choice(question["choices"])["id"]
            else:
                low = question["min"] if question["min"] is not None else 0
                high = question["max"] if question["max"] is not None else low + 1000
                value = rng.uniform(low, min(high, low + 1000))
                answers[question["key"]] = int(value) if question["type"] == "integer" else value
        lines.append(json.dumps(answers))
    return "\n".join(lines) + "\n"


def seconds(command, stdin_path=None):
    with open(stdin_path or os.devnull, "rb") as stdin:
        start = time.perf_counter()
        subprocess.run(command, stdin=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       check=True)
        return time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("baseline")
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--sets", type=int, default=20000)
    options = parser.parse_args()

    commit, baseline = baseline_binary(options.baseline)
    current = build(ROOT, os.path.join(ROOT, "build", "compare-current"))
    binaries = {f"baseline {commit}": baseline, "this tree": current}
    with tempfile.TemporaryDirectory() as work:
        answers = os.path.join(work, "answers.jsonl")
        with open(answers, "w") as f:
            f.write(answer_sets(current, options.sets))
        cases = {
            "cold start (ms)": lambda b: [b, "--realtime", "--ml", "--json", "--no-input"],
            "batch --jobs 1 (sets/s)": lambda b: [b, "batch", "--jobs", "1", answers],
            "batch default --jobs (sets/s)": lambda b: [b, "batch", answers],
        }
        results = {case: {name: [] for name in binaries} for case in cases}
        for case, command in cases.items():
            runs = options.runs if case.startswith("cold") else max(3, options.runs // 8)
            for _ in range(runs):
                for name, binary in binaries.items():
                    elapsed = seconds(command(binary))
                    results[case][name].append(
                        elapsed * 1000 if case.startswith("cold") else options.sets / elapsed)
    print(f"{'':32} {'baseline ' + commit:>18} {'this tree':>12} {'this/baseline':>14}")
    for case, by_binary in results.items():
        medians = [statistics.median(values) for values in by_binary.values()]
        print(f"{case:32} {medians[0]:18.1f} {medians[1]:12.1f} {medians[1] / medians[0]:14.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
