#!/usr/bin/env python3
"""stackpick's benchmark: cold start, knowledge-base load, batch throughput, evaluation-only
throughput against json-logic-js, json-logic-engine and json-rules-engine, and batch memory, all
in one run on one machine. See bench/README.md.

Usage: bench/run.sh [--quick] [--full] [--repetitions N] [--update-readme] [--skip-build]
                    [--baseline REV [--keep-baseline]]

Writes <build-dir>/results.json and <build-dir>/results.md (default build dir: build/bench);
--update-readme also copies the table into bench/README.md. Exits 1, reporting no time at all,
when any engine's checksum of the scores differs from stackpick's.
"""

import argparse
import datetime
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import revisions

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PEERS = ["json-logic-js", "json-logic-engine", "json-rules-engine"]
PEER_PACKAGES = ["json-logic-js@2.0.5", "json-logic-engine@5", "json-rules-engine@7.3.1"]
GENERATED_RULE_COUNTS = [30, 1000, 10000]
ANSWER_SETS = 100_000
SEED = 12

# Answer sets per knowledge base: batch end to end, evaluation only for the fast engines, and
# for the slower peers (the same sets, a prefix of them), and the sets on which stackpick batch's
# scores are checked against evaluate_bench's. Chosen so the whole run takes about 15-20 minutes
# on a busy 2-core machine; --full runs batch on all 100,000 sets for every rule set.
SET_COUNTS = {
    "shipped": {"batch": 100_000, "fast": 100_000, "json-logic-js": 10_000,
                "json-rules-engine": 1_000, "check": 1_000},
    30: {"batch": 100_000, "fast": 100_000, "json-logic-js": 10_000, "json-rules-engine": 1_000,
         "check": 1_000},
    1000: {"batch": 10_000, "fast": 10_000, "json-logic-js": 1_000, "json-rules-engine": 50,
           "check": 500},
    10000: {"batch": 200, "fast": 300, "json-logic-js": 30, "json-rules-engine": 3,
            "check": 50},
}


def say(message):
    print(f"bench: {message}", file=sys.stderr, flush=True)


def fail(message):
    say(f"error: {message}")
    sys.exit(1)


def run(command, **kwargs):
    """Runs a command that must succeed; returns its stdout."""
    result = subprocess.run(command, capture_output=True, text=True, **kwargs)
    if result.returncode != 0:
        fail(f"{' '.join(map(str, command))} exited {result.returncode}:\n{result.stderr[-3000:]}")
    return result.stdout


GNU_TIME = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else None


def timed_process(command, stdout_path=os.devnull, env=None):
    """Wall seconds and peak RSS (MiB) of one run, its exit code and stderr.

    The peak RSS comes from GNU time when installed: Linux carries a parent's high-water RSS into
    a forked child, so wait4's figure for a child of this (larger) Python process can be
    Python's own."""
    with open(stdout_path, "wb") as out, tempfile.TemporaryFile() as err, \
            tempfile.NamedTemporaryFile(mode="r") as rss_file:
        wrapped = [GNU_TIME, "-f", "%M", "-o", rss_file.name] + command if GNU_TIME else command
        start = time.perf_counter()
        process = subprocess.Popen(wrapped, stdin=subprocess.DEVNULL, stdout=out, stderr=err,
                                   env=env)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        rss_kib = usage.ru_maxrss
        if GNU_TIME:
            report = rss_file.read().strip().splitlines()
            rss_kib = int(report[-1]) if report and report[-1].isdigit() else rss_kib
        return seconds, rss_kib / 1024.0, process.returncode, err.read().decode(
            errors="replace")


# What a target against the commit before says when the run had no baseline to measure.
NO_BASELINE = "- (run with `--baseline REV`)"


def summary(values):
    """Median with min and max, as every figure is reported."""
    return {"median": statistics.median(values), "min": min(values), "max": max(values),
            "runs": len(values)}


def rate_summary(amount, seconds_list):
    """Throughput (amount per second) for each run, summarised."""
    return summary([amount / seconds for seconds in seconds_list])


# ---- machine ----------------------------------------------------------------------------------

def machine_description():
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.0f} GiB"
    except OSError:
        pass
    node = shutil.which("node")
    node_version = run([node, "--version"]).strip() if node else "absent"
    return {"cpu": model, "cores": os.cpu_count(), "memory": memory,
            "kernel": platform.release(), "node": node_version,
            "load_average_start": os.getloadavg()[0]}


# ---- build and inputs -------------------------------------------------------------------------

def build(build_dir):
    say(f"building a release binary and evaluate_bench in {build_dir}")
    configure = ["cmake", "-S", str(ROOT), "-B", str(build_dir), "-DCMAKE_BUILD_TYPE=Release",
                 "-DBUILD_TESTING=OFF"]
    if shutil.which("ccache"):
        configure.append("-DCMAKE_CXX_COMPILER_LAUNCHER=ccache")
    run(configure)
    run(["cmake", "--build", str(build_dir), "-j", str(os.cpu_count() or 2), "--target",
         "stackpick", "evaluate_bench"])


def generate_inputs(work, stackpick):
    """The generated knowledge bases (validated) and answer sets; reused when already there."""
    knowledge_bases = {"shipped": ROOT / "data"}
    for count in GENERATED_RULE_COUNTS:
        directory = work / f"kb-{count}"
        marker = directory / ".generated"
        if not marker.exists() or marker.read_text() != f"{count} {SEED}":
            run([sys.executable, str(HERE / "generate_knowledge_base.py"), "--rules", str(count),
                 "--out", str(directory), "--seed", str(SEED)])
            marker.write_text(f"{count} {SEED}")
        run([str(stackpick), "validate", "--data-dir", str(directory)])
        knowledge_bases[count] = directory
    answers = work / f"answers-{ANSWER_SETS}.jsonl"
    if not answers.exists() or sum(1 for _ in answers.open()) != ANSWER_SETS:
        run([sys.executable, str(HERE / "generate_answers.py"), "--count", str(ANSWER_SETS),
             "--out", str(answers), "--seed", str(SEED)])
    return knowledge_bases, answers, Prefixes(work, answers)


class Prefixes:
    """Files holding the first N answer sets, written when first asked for."""

    def __init__(self, work, answers):
        self.work, self.answers, self.paths = work, answers, {ANSWER_SETS: answers}

    def __getitem__(self, count):
        if count not in self.paths:
            path = self.work / f"answers-{count}.jsonl"
            with self.answers.open() as source, path.open("w") as target:
                for index, line in enumerate(source):
                    if index == count:
                        break
                    target.write(line)
            self.paths[count] = path
        return self.paths[count]


def install_peers(directory):
    npm = shutil.which("npm")
    if not npm or not shutil.which("node"):
        say("npm or node not found: skipping the peer engines (apt-get install -y nodejs npm)")
        return None
    say(f"installing {', '.join(PEER_PACKAGES)} with npm into the temporary directory "
        f"{directory} (removed at the end, never committed)")
    run([npm, "install", "--no-save", "--no-audit", "--no-fund", "--loglevel=error", "--prefix",
         str(directory)] + PEER_PACKAGES, cwd=directory)
    modules = directory / "node_modules"
    versions = {}
    for name in PEERS:
        versions[name] = json.loads((modules / name / "package.json").read_text())["version"]
    return modules, versions


# ---- measurements -----------------------------------------------------------------------------

def measure_cold_start(stackpick, repetitions):
    commands = {"true": ["true"], "jq -n 1": ["jq", "-n", "1"],
                "stackpick --realtime --ml --json": [str(stackpick), "--realtime", "--ml",
                                                      "--json"]}
    if not shutil.which("jq"):
        say("jq not found: cold start is compared with true only (apt-get install -y jq)")
        del commands["jq -n 1"]
    # Several short rounds, each timing every command: a slow spell of the machine then lands on
    # all of them instead of on whichever command hyperfine happened to be running.
    rounds, runs = 5, max(20, repetitions * 6)
    results = {}
    if shutil.which("hyperfine"):
        times = {name: [] for name in commands}
        for _ in range(rounds):
            with tempfile.NamedTemporaryFile(suffix=".json") as export:
                run(["hyperfine", "--shell=none", "--warmup", "5", "--runs", str(runs),
                     "--export-json", export.name, "--style", "none"] +
                    [" ".join(command) for command in commands.values()])
                exported = json.loads(Path(export.name).read_text())["results"]
            for name, result in zip(commands, exported):
                times[name] += [seconds * 1000 for seconds in result["times"]]
        for name, values in times.items():
            results[name] = summary(values)
        tool = "hyperfine"
    else:
        say("hyperfine not found: timing cold start with a Python loop (apt-get install -y "
            "hyperfine for steadier figures)")
        for name, command in commands.items():
            for _ in range(5):
                timed_process(command)
            results[name] = summary([timed_process(command)[0] * 1000 for _ in range(runs)])
        tool = "python"
    return {"tool": tool, "milliseconds": results}


def measure_load(evaluate_bench, knowledge_bases, repetitions):
    results = {}
    for name, arguments in (("embedded", []),
                            ("10000 rules", ["--data-dir", str(knowledge_bases[10000])])):
        output = json.loads(run([str(evaluate_bench), "load", "--repetitions",
                                 str(max(5, repetitions * 2))] + arguments))
        results[name] = {"rules": output["rules"], "load_ms": summary(output["load_ms"]),
                         "parse_ms": summary(output["parse_ms"]),
                         "compile_ms": summary(output["compile_ms"])}
        if "cache_load_ms" in output:
            # The same directory through the compiled cache (a warm entry), as the CLI loads it.
            results[f"{name}, compiled cache"] = {
                "rules": output["rules"], "load_ms": summary(output["cache_load_ms"]),
                "first_load_ms": summary(output["cache_first_load_ms"])}
    return results


def batch_available(stackpick, prefixes):
    _, _, code, errors = timed_process([str(stackpick), "batch", str(prefixes[10])])
    if code == 0:
        return True, ""
    return False, errors.strip().splitlines()[-1] if errors.strip() else f"exit {code}"


def batch_command(stackpick, knowledge_base, answers, fields):
    command = [str(stackpick)]
    if knowledge_base is not None:
        command += ["--data-dir", str(knowledge_base)]
    # The file comes first: --fields takes several values and would take the file as one.
    command += ["batch", str(answers)]
    if fields:
        command += ["--fields", fields]
    return command


def points_checksum(lines, stacks, rule_points):
    """The checksum evaluate_bench prints, from stackpick batch's result lines (--fields record):
    the points of the rules each line's record says fired (a stack a constraint rules out is not
    ranked, so the ranking alone cannot give every stack's points)."""
    weighted, totals, index = 0, [0] * len(stacks), 0
    for index, line in enumerate(lines, start=1):
        document = json.loads(line)
        if "error" in document:
            fail(f"stackpick batch line {index}: {document['error']}")
        points = {stack: 0 for stack in stacks}
        for rule in document["record"]["fired"]:
            for stack, number in rule_points[rule].items():
                points[stack] += number
        value = 0
        for position, stack in enumerate(stacks):
            number = points[stack]
            if number != int(number):
                fail(f"stackpick batch line {index}: non-integer points {number}")
            totals[position] += int(number)
            value += int(number) * (2 * position + 3)
        weighted += index * value
    return {"sets": index, "weighted": str(weighted), "totals": totals}


def measure_batch(stackpick, name, knowledge_base, prefixes, sets, fields, repetitions):
    answers = prefixes[sets]
    command = batch_command(stackpick, knowledge_base, answers, fields)
    runs, stats = [], ""
    for _ in range(repetitions):
        # --stats costs two clock reads per stage and line; its report says where the time goes.
        seconds, rss, code, errors = timed_process(command + ["--stats"])
        if code != 0:
            fail(f"{' '.join(command)} exited {code}: {errors[-2000:]}")
        runs.append((seconds, rss))
        stats = errors.strip()
    return {"knowledge_base": name, "sets": sets, "fields": fields or "(all)",
            "command": " ".join(command), "seconds": summary([r[0] for r in runs]),
            "max_rss_mib": summary([r[1] for r in runs]), "stats": stats}


def build_baseline(revision, build_dir, keep):
    """REV built (stackpick, evaluate_bench) in a git worktree under build_dir/baseline-<commit>,
    removed at the end of the run unless keep; returns its commit and binaries' directory."""
    commit = revisions.short_commit(revision)
    directory = build_dir / f"baseline-{commit}"
    say(f"building the baseline {commit} in a {'kept' if keep else 'temporary'} worktree "
        f"{directory}")
    revisions.add_worktree(commit, directory / "src")
    revisions.build_release(directory / "src", directory / "build",
                            ["stackpick", "evaluate_bench"], quiet=False)
    return commit, directory


def measure_against_baseline(binaries, knowledge_bases, prefixes, sets, repetitions):
    """The targets measured on this tree and on the baseline alike, alternating the two so that
    machine load falls on both: `stackpick batch --fields recommendation` at 1,000 rules, output
    to a file (whole process, default --jobs), and the 10,000-rule knowledge base's load without
    the cache (evaluate_bench load, in process). `binaries` maps a name to (stackpick,
    evaluate_bench); the baseline is absent without --baseline."""
    answers = prefixes[sets]
    batch = {name: [] for name in binaries}
    load = {name: [] for name in binaries}
    with tempfile.TemporaryDirectory(prefix="stackpick-bench-out-") as out:
        for name, (stackpick, _) in binaries.items():  # warm-up: also fills the compiled cache
            timed_process(batch_command(stackpick, knowledge_bases[1000], answers,
                                        "recommendation"), stdout_path=f"{out}/{name}.jsonl")
        for _ in range(repetitions):
            for name, (stackpick, evaluate_bench) in binaries.items():
                command = batch_command(stackpick, knowledge_bases[1000], answers,
                                        "recommendation")
                seconds, _, code, errors = timed_process(command,
                                                         stdout_path=f"{out}/{name}.jsonl")
                if code != 0:
                    fail(f"{' '.join(command)} exited {code}: {errors[-2000:]}")
                batch[name].append(seconds)
                output = json.loads(run([str(evaluate_bench), "load", "--data-dir",
                                         str(knowledge_bases[10000]), "--repetitions", "3"]))
                load[name].append(statistics.median(output["load_ms"]))
        outputs = {name: Path(f"{out}/{name}.jsonl").read_bytes() for name in binaries}
    return {"sets": sets, "rules": 1000, "same_output": len(set(outputs.values())) == 1,
            "batch_seconds": {name: summary(values) for name, values in batch.items()},
            "load_ms": {name: summary(values) for name, values in load.items()}}


def check_batch(stackpick, knowledge_base, prefixes, count, stacks):
    with tempfile.NamedTemporaryFile(suffix=".jsonl") as output:
        command = batch_command(stackpick, knowledge_base, prefixes[count], "record")
        _, _, code, errors = timed_process(command, stdout_path=output.name)
        if code != 0:
            fail(f"{' '.join(command)} exited {code}: {errors[-2000:]}")
        rules = json.loads(((knowledge_base or ROOT / "data") / "rules.json").read_text())["rules"]
        rule_points = {rule["id"]: rule.get("points", {}) for rule in rules}
        with open(output.name) as lines:
            checksum = points_checksum(lines, stacks, rule_points)
    if checksum["sets"] != count:
        fail(f"stackpick batch wrote {checksum['sets']} lines for {count} answer sets")
    return checksum


def evaluate_stackpick(evaluate_bench, knowledge_base, answers, sets, checksum_at, repetitions,
                       engine=False):
    command = [str(evaluate_bench), "evaluate", "--data-dir", str(knowledge_base), "--answers",
               str(answers), "--sets", str(sets), "--repetitions", str(repetitions)]
    at = sorted(c for c in set(checksum_at) if c < sets)
    if at:
        command += ["--checksum-at", ",".join(map(str, at))]
    if engine:
        command.append("--engine")
    return json.loads(run(command))


def evaluate_peer(modules, peer, knowledge_base, answers, sets, repetitions, mode):
    env = dict(os.environ, NODE_PATH=str(modules))
    command = ["node", str(HERE / "peers" / "run_peer.js"), "--engine", peer, "--data-dir",
               str(knowledge_base), "--answers", str(answers), "--sets", str(sets), "--mode",
               mode]
    if mode == "eval":
        command += ["--repetitions", str(repetitions)]
        return json.loads(run(command, env=env))
    runs, checksum = [], None
    # Its lines go to a file, as stackpick batch's do in the end-to-end rows.
    with tempfile.NamedTemporaryFile(prefix=f"stackpick-bench-{peer}-", suffix=".out") as output:
        for _ in range(repetitions):
            seconds, _, code, errors = timed_process(command, stdout_path=output.name, env=env)
            if code != 0:
                fail(f"{' '.join(command)} exited {code}: {errors[-2000:]}")
            runs.append(seconds)
            checksum = json.loads(errors.strip().splitlines()[-1])
    return {"seconds": runs, "checksum": checksum}


# ---- report -----------------------------------------------------------------------------------

def format_number(value):
    if value >= 1e9:
        return f"{value / 1e9:.2f} G"
    if value >= 1e6:
        return f"{value / 1e6:.2f} M"
    if value >= 1e3:
        return f"{value / 1e3:.1f} k"
    return f"{value:.3g}"


def spread(figure, unit="", formatter=None):
    formatter = formatter or (lambda v: f"{v:.3g}")
    return (f"{formatter(figure['median'])}{unit} ({formatter(figure['min'])}-"
            f"{formatter(figure['max'])})")


def rules_label(name):
    return "shipped (39 rules)" if name == "shipped" else f"{name:,} rules"


def render_markdown(results):
    machine = results["machine"]
    lines = [
        f"Run {results['date']} on {machine['cpu']} ({machine['cores']} cores, "
        f"{machine['memory']}), Linux {machine['kernel']}, Node.js {machine['node']}; load "
        f"average {machine['load_average_start']:.2f} at the start, "
        f"{machine['load_average_end']:.2f} at the end. Medians of {results['repetitions']} "
        f"repetitions (cold start: {results['cold_start']['milliseconds']['true']['runs']} runs "
        f"with {results['cold_start']['tool']}), min-max in brackets.",
        "",
        "| target | measured | needed | met |",
        "|---|---|---|---|",
    ]
    for target in results["targets"]:
        met = {True: "yes", False: "**no**", None: "not measured"}[target["met"]]
        lines.append(f"| {target['name']} | {target['measured']} | {target['needed']} | {met} |")

    against = results.get("against_baseline")
    if against:
        lines += ["", f"**Against the baseline** (alternating the binaries; `stackpick batch "
                  f"--fields recommendation` over {against['sets']:,} answer sets at 1,000 rules "
                  "with the output to a file, and the 10,000-rule knowledge base's load "
                  "without the cache; the batch outputs were "
                  f"{'byte-identical' if against['same_output'] else '**different**'}):", "",
                  "| binary | batch seconds | load ms (no cache) |", "|---|---|---|"]
        for name, seconds in against["batch_seconds"].items():
            lines.append(f"| {name} | {spread(seconds)} | {spread(against['load_ms'][name])} |")

    cold = results["cold_start"]["milliseconds"]
    lines += ["", "**Cold start** (wall time of one process):", "",
              "| command | ms |", "|---|---|"]
    for name, figure in cold.items():
        lines.append(f"| `{name}` | {spread(figure)} |")

    lines += ["", "**Knowledge-base load** (in process: read, parse, validate, compile; parse "
              "and compile also timed on their own; \"compiled cache\": the same directory read "
              "back from a warm cache entry, and in parentheses after it the first load, which "
              "parses and stores the entry):", "",
              "| knowledge base | load ms | of which JSON parse ms | rule compile ms |",
              "|---|---|---|---|"]
    for name, figure in results["load"].items():
        if "first_load_ms" in figure:
            lines.append(f"| {name} ({figure['rules']:,} rules) | {spread(figure['load_ms'])} "
                         f"(first load: {spread(figure['first_load_ms'])}) | - | - |")
            continue
        lines.append(f"| {name} ({figure['rules']:,} rules) | {spread(figure['load_ms'])} | "
                     f"{spread(figure['parse_ms'])} | {spread(figure['compile_ms'])} |")

    lines += ["", "**Rule evaluations per second** (answer sets x rules / seconds). Evaluation "
              "only: in process over pre-parsed, pre-resolved answer sets, rules compiled once. "
              "End to end: the whole process, start-up, reading, parsing and writing included "
              "(stackpick: `stackpick batch`; peers: `node bench/peers/run_peer.js --mode e2e`, "
              "which writes only the points per set).", "",
              "| rules | engine | sets (evaluation / end to end) | evaluation only | end to end |",
              "|---|---|---|---|---|"]
    for row in results["throughput"]:
        end_to_end = spread(row["end_to_end"], formatter=format_number) if row.get(
            "end_to_end") else row.get("end_to_end_note", "-")
        evaluation = spread(row["evaluation"], formatter=format_number) if row.get(
            "evaluation") else "-"
        end_sets = row.get("end_to_end_sets", row["sets"] if row.get("end_to_end") else None)
        sets = f"{row['sets']:,}" + (f" / {end_sets:,}" if end_sets else "")
        lines.append(f"| {rules_label(row['knowledge_base'])} | {row['engine']} | {sets} | "
                     f"{evaluation} | {end_to_end} |")

    if results["batch"]["available"]:
        lines += ["", "**stackpick batch** (wall time, default `--jobs`):", "",
                  "| rules | sets | fields | seconds | answer sets/s | peak RSS MiB |",
                  "|---|---|---|---|---|---|"]
        for row in results["batch"]["runs"]:
            rate = {k: row["sets"] / row["seconds"][k] for k in ("median", "min", "max")}
            rate = {"median": rate["median"], "min": rate["max"], "max": rate["min"]}
            lines.append(f"| {rules_label(row['knowledge_base'])} | {row['sets']:,} | "
                         f"{row['fields']} | {spread(row['seconds'])} | "
                         f"{spread(rate, formatter=format_number)} | "
                         f"{spread(row['max_rss_mib'])} |")
        lines += ["", "Where batch spends its time (`--stats` of the last repetition; parse, "
                  "scoring and rendering are summed over the jobs):", ""]
        for row in results["batch"]["runs"]:
            stages = row["stats"].splitlines()[-1].split("time per stage: ", 1)[-1]
            lines.append(f"- {rules_label(row['knowledge_base'])}, {row['sets']:,} sets: {stages}")
    else:
        lines += ["", f"**stackpick batch**: not measured ({results['batch']['reason']})."]

    lines += ["", "Checksums of all scores (sum over sets i of i x sum over stacks s of "
              "points x (2s+3)), stackpick's against every engine's on the same sets: "
              f"{results['checksums']['compared']} comparisons, all equal."]
    return "\n".join(lines) + "\n"


def ratio_target(name, ours, theirs, needed, detail=""):
    """A target met when ours / theirs is at least needed ("not measured" when either is None)."""
    if ours is None or theirs is None:
        return {"name": name, "measured": "-", "needed": f">= {needed}x", "met": None}
    ratio = ours / theirs
    return {"name": name, "measured": f"{ratio:.2f}x{detail}", "needed": f">= {needed}x",
            "met": ratio >= needed, "ratio": ratio}


def build_targets(results):
    """The targets of issue 22, each a ratio measured in this run (bench/README.md)."""
    targets = []
    # Peers' rows are "<package> <version>"; "stackpick" is the rule loop, not recommend().
    rows = {(row["knowledge_base"], row["engine"].split(" ")[0] if row["engine"].startswith(
        "json-") else row["engine"]): row for row in results["throughput"]}

    def rate(rules, engine, mode):
        row = rows.get((rules, engine))
        return row[mode]["median"] if row and row.get(mode) else None

    for rules, needed in ((1000, 5), (30, 2), (10000, 2)):
        targets.append(ratio_target(
            f"evaluations/s at {rules:,} rules, stackpick / json-logic-engine (evaluation only)",
            rate(rules, "stackpick", "evaluation"), rate(rules, "json-logic-engine", "evaluation"),
            needed))

    against = results.get("against_baseline", {})
    seconds = against.get("batch_seconds", {})
    ours = seconds.get("this tree")
    ours_rate = against["sets"] * against["rules"] / ours["median"] if ours else None
    targets.append(ratio_target(
        "end to end at 1,000 rules, `stackpick batch --fields recommendation` / "
        "json-logic-engine's whole process (evaluations/s)", ours_rate,
        rate(1000, "json-logic-engine", "end_to_end"), 2.5))
    baseline = next((name for name in seconds if name.startswith("baseline")), None)
    targets.append(ratio_target(
        f"end to end at 1,000 rules, `stackpick batch --fields recommendation`, "
        f"{baseline or 'before'} time / this time",
        seconds[baseline]["median"] if baseline else None, ours["median"] if ours else None, 2,
        f" ({seconds[baseline]['median']:.2f} s / {ours['median']:.2f} s)" if baseline else ""))
    if not baseline:
        targets[-1]["measured"] = NO_BASELINE

    cached = results["load"].get("10000 rules, compiled cache")
    load = cached["load_ms"]["median"] if cached else None
    targets.append({"name": "load + compile of the 10,000-rule knowledge base from the cache",
                    "measured": f"{load:.1f} ms" if load is not None else "-",
                    "needed": "< 20 ms", "met": load < 20 if load is not None else None})
    loads = against.get("load_ms", {})
    if baseline and "this tree" in loads:
        ratio = loads["this tree"]["median"] / loads[baseline]["median"]
        targets.append({"name": f"the same without the cache, this / {baseline}",
                        "measured": f"{ratio:.2f} ({loads['this tree']['median']:.0f} ms / "
                                    f"{loads[baseline]['median']:.0f} ms)",
                        "needed": "<= 1.00", "met": ratio <= 1.0, "ratio": ratio})
    else:
        targets.append({"name": "the same without the cache, this / before",
                        "measured": NO_BASELINE, "needed": "<= 1.00", "met": None})

    cold = results["cold_start"]["milliseconds"]
    ratio = cold["stackpick --realtime --ml --json"]["median"] / cold["true"]["median"]
    targets.append({"name": "cold start `stackpick --realtime --ml --json` / `true`",
                    "measured": f"{ratio:.1f}x ({cold['stackpick --realtime --ml --json']['median']:.1f} ms"
                                f" / {cold['true']['median']:.2f} ms)",
                    "needed": "< 4x", "met": ratio < 4, "ratio": ratio})
    memory = results["batch"].get("memory")
    if memory:
        ratio = memory["large"]["median"] / memory["small"]["median"]
        targets.append({"name": f"peak RSS of stackpick batch, {memory['large_sets']:,} / "
                                f"{memory['small_sets']:,} sets",
                        "measured": f"{ratio:.3f} ({memory['large']['median']:.1f} / "
                                    f"{memory['small']['median']:.1f} MiB)",
                        "needed": "<= 1.10", "met": ratio <= 1.10, "ratio": ratio})
    else:
        targets.append({"name": "peak RSS of stackpick batch flat", "measured": "-",
                        "needed": "<= 1.10", "met": None})
    return targets


def update_readme(markdown):
    readme = HERE / "README.md"
    text = readme.read_text()
    start, end = "<!-- results:start -->", "<!-- results:end -->"
    if start not in text or end not in text:
        fail(f"{readme} has no {start} ... {end} block")
    before, rest = text.split(start, 1)
    _, after = rest.split(end, 1)
    readme.write_text(f"{before}{start}\n{markdown}{end}{after}")
    say(f"updated {readme}")


# ---- main -------------------------------------------------------------------------------------

def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build-dir", type=Path, default=ROOT / "build" / "bench")
    parser.add_argument("--skip-build", action="store_true", help="use the binaries as built")
    parser.add_argument("--repetitions", type=int, default=3)
    parser.add_argument("--quick", action="store_true",
                        help="a tenth of the answer sets, 2 repetitions: checks the script")
    parser.add_argument("--full", action="store_true",
                        help="batch on all 100,000 answer sets for every rule set (slow)")
    parser.add_argument("--update-readme", action="store_true",
                        help="copy the table into bench/README.md")
    parser.add_argument("--baseline", metavar="REV",
                        help="also build REV (a git revision: the commit before a change) in a "
                             "worktree and measure the targets that compare with it")
    parser.add_argument("--keep-baseline", action="store_true",
                        help="keep the baseline's worktree and build under the build dir for "
                             "the next run (default: removed at the end)")
    parser.add_argument("--render-only", action="store_true",
                        help="rewrite results.md (and the README with --update-readme) from "
                             "results.json without measuring")
    arguments = parser.parse_args()
    if arguments.render_only:
        results_path = arguments.build_dir.resolve() / "results.json"
        results = json.loads(results_path.read_text())
        results["targets"] = build_targets(results)
        results_path.write_text(json.dumps(results, indent=2) + "\n")
        markdown = render_markdown(results)
        (results_path.parent / "results.md").write_text(markdown)
        print(markdown)
        if arguments.update_readme:
            update_readme(markdown)
        return
    build_dir = arguments.build_dir.resolve()
    if not arguments.skip_build:
        build(build_dir)
    stackpick = build_dir / "stackpick"
    evaluate_bench = build_dir / "bench" / "evaluate_bench"
    for binary in (stackpick, evaluate_bench):
        if not binary.exists():
            fail(f"{binary} is missing (run without --skip-build)")
    binaries = {"this tree": (stackpick, evaluate_bench)}
    baseline_directory = None
    if arguments.baseline:
        commit, baseline_directory = build_baseline(arguments.baseline, build_dir,
                                                    arguments.keep_baseline)
        binaries[f"baseline {commit}"] = (baseline_directory / "build" / "stackpick",
                                          baseline_directory / "build" / "bench" / "evaluate_bench")
    # The compiled cache of --data-dir in the build dir, not the user's: a run starts from the
    # same state, and leaves nothing behind in ~/.cache.
    os.environ["XDG_CACHE_HOME"] = str(build_dir / "cache")
    try:
        measure_all(arguments, build_dir, binaries)
    finally:
        if baseline_directory is not None and not arguments.keep_baseline:
            revisions.remove_worktree(baseline_directory / "src")
            shutil.rmtree(baseline_directory, ignore_errors=True)


def measure_all(arguments, build_dir, binaries):
    stackpick, evaluate_bench = binaries["this tree"]
    repetitions = 2 if arguments.quick else arguments.repetitions
    counts = {name: dict(values) for name, values in SET_COUNTS.items()}
    for values in counts.values():
        if arguments.full:
            values["batch"] = ANSWER_SETS
        if arguments.quick:
            for key in values:
                values[key] = max(min(values[key], 10), values[key] // 10)
    work = build_dir / "bench-inputs"
    work.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    results = {"date": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
               "machine": machine_description(), "repetitions": repetitions,
               "quick": arguments.quick, "set_counts": {str(k): v for k, v in counts.items()}}

    say("generating knowledge bases and answer sets")
    knowledge_bases, answers, prefixes = generate_inputs(work, stackpick)

    with tempfile.TemporaryDirectory(prefix="stackpick-bench-npm-") as npm_directory:
        peers = install_peers(Path(npm_directory))
        if peers:
            results["peer_versions"] = peers[1]

        say("cold start")
        results["cold_start"] = measure_cold_start(stackpick, repetitions)
        say("knowledge-base load")
        results["load"] = measure_load(evaluate_bench, knowledge_bases, repetitions)

        available, reason = batch_available(stackpick, prefixes)
        results["batch"] = {"available": available, "reason": reason, "runs": []}
        if not available:
            say(f"stackpick batch does not work yet ({reason}): batch rows are skipped")

        compared = 0
        throughput = []
        for name, knowledge_base in knowledge_bases.items():
            sets = counts[name]
            say(f"{rules_label(name)}: evaluation only and end to end")
            engine_sets = max(10, sets["fast"] // 10)
            check_sets = min(sets["check"], sets["fast"])
            slow_counts = [sets["json-logic-js"], sets["json-rules-engine"], check_sets,
                           engine_sets]
            ours = evaluate_stackpick(evaluate_bench, knowledge_base, answers, sets["fast"],
                                      slow_counts, repetitions)
            stacks = ours["stacks"]
            reference = {c["sets"]: c for c in ours["checksums"]}
            rules = ours["rules"]
            row = {"knowledge_base": name, "engine": "stackpick", "sets": sets["fast"],
                   "evaluation": rate_summary(ours["evaluations"], ours["seconds"])}
            engine = evaluate_stackpick(evaluate_bench, knowledge_base, answers, engine_sets, [],
                                        repetitions, engine=True)
            if engine["checksums"][-1] != reference[engine_sets]:
                fail(f"{rules_label(name)}: recommend() checksum differs from the rule loop's")
            engine_row = {"knowledge_base": name, "engine": "stackpick recommend() (whole engine)",
                          "sets": engine_sets,
                          "evaluation": rate_summary(engine["evaluations"], engine["seconds"]),
                          "end_to_end_note": "-"}
            if available:
                checked = check_batch(stackpick, None if name == "shipped" else knowledge_base,
                                      prefixes, check_sets, stacks)
                if checked != reference[check_sets]:
                    fail(f"{rules_label(name)}: stackpick batch checksum {checked} != "
                         f"evaluate_bench {reference[check_sets]}")
                compared += 1
                batch = measure_batch(stackpick, name,
                                      None if name == "shipped" else knowledge_base, prefixes,
                                      sets["batch"], "recommendation", repetitions)
                results["batch"]["runs"].append(batch)
                row["end_to_end"] = {"median": sets["batch"] * rules / batch["seconds"]["median"],
                                     "min": sets["batch"] * rules / batch["seconds"]["max"],
                                     "max": sets["batch"] * rules / batch["seconds"]["min"],
                                     "runs": batch["seconds"]["runs"]}
                row["end_to_end_sets"] = sets["batch"]
            else:
                row["end_to_end_note"] = "batch not available yet"
            throughput += [row, engine_row]

            if not peers:
                continue
            for peer in PEERS:
                count = sets["json-logic-js"] if peer == "json-logic-js" else (
                    sets["json-rules-engine"] if peer == "json-rules-engine" else sets["fast"])
                evaluation = evaluate_peer(peers[0], peer, knowledge_base, answers, count,
                                           repetitions, "eval")
                if evaluation["checksum"] != reference[count]:
                    fail(f"{rules_label(name)}: {peer} checksum {evaluation['checksum']} != "
                         f"stackpick {reference[count]}: no times reported")
                end_to_end = evaluate_peer(peers[0], peer, knowledge_base, answers, count,
                                           repetitions, "e2e")
                if end_to_end["checksum"] != reference[count]:
                    fail(f"{rules_label(name)}: {peer} end-to-end checksum "
                         f"{end_to_end['checksum']} != stackpick {reference[count]}")
                compared += 2
                throughput.append({
                    "knowledge_base": name, "engine": f"{peer} {peers[1][peer]}", "sets": count,
                    "evaluation": rate_summary(evaluation["evaluations"], evaluation["seconds"]),
                    "end_to_end": rate_summary(count * rules, end_to_end["seconds"])})
        results["throughput"] = throughput
        results["checksums"] = {"compared": compared}
        say("the targets against the baseline" if len(binaries) > 1 else
            "the end-to-end target (no --baseline: nothing to compare with before)")
        results["against_baseline"] = measure_against_baseline(
            binaries, knowledge_bases, prefixes, counts[1000]["fast"], repetitions)

        if available:
            say("batch memory")
            # The same command as the shipped-rules throughput row, on a tenth of the lines.
            large = next(row for row in results["batch"]["runs"]
                         if row["knowledge_base"] == "shipped")
            small_sets = max(10, large["sets"] // 10)
            small = measure_batch(stackpick, "shipped", None, prefixes, small_sets,
                                  "recommendation", repetitions)
            results["batch"]["runs"].append(small)
            results["batch"]["memory"] = {"small": small["max_rss_mib"],
                                          "large": large["max_rss_mib"],
                                          "small_sets": small_sets, "large_sets": large["sets"]}

    results["machine"]["load_average_end"] = os.getloadavg()[0]
    results["targets"] = build_targets(results)
    results["elapsed_seconds"] = time.perf_counter() - started
    markdown = render_markdown(results)
    (build_dir / "results.json").write_text(json.dumps(results, indent=2) + "\n")
    (build_dir / "results.md").write_text(markdown)
    print(markdown)
    say(f"wrote {build_dir / 'results.md'} and results.json in "
        f"{results['elapsed_seconds'] / 60:.1f} minutes")
    if arguments.update_readme:
        update_readme(markdown)


if __name__ == "__main__":
    main()
