#!/usr/bin/env python3
"""stackpick batch through the real binary, as a script would use it (docs/batch.md).

Usage: batch_cli_test.py STACKPICK SOURCE_DIR [--memory-check|--no-memory-check]
Checks exact lines and exit codes, CRLF, --fields, --jobs invariance, --stats, file arguments,
write errors and a closed pipe, a co-process that waits for each result, flat memory on a long
input, and every output line against docs/schema/batch.schema.json.
Exit status: 0 when every check passes, 1 otherwise.
"""
import json
import os
import pathlib
import random
import resource
import select
import subprocess
import sys
import tempfile
import time

BINARY = sys.argv[1]
SOURCE_DIR = pathlib.Path(sys.argv[2])
# Off under a sanitizer, whose quarantine of freed memory makes peak memory meaningless.
MEMORY_CHECK = "--no-memory-check" not in sys.argv[3:]
ENVIRONMENT = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8", "NO_COLOR": "1"}
COBOL = ('/team: expected one of javascript|python|mixed|none|beginners or null, got "cobol"')

failures = []
checks = 0
schema_lines = []  # (line, full): every output line, validated against the schema at the end


def check(condition, what):
    global checks
    checks += 1
    if not condition:
        failures.append(what)
        print(f"FAIL: {what}")


def run(arguments, stdin=b"", timeout=120, **kwargs):
    return subprocess.run([BINARY, *arguments], input=stdin, capture_output=True, timeout=timeout,
                          env=ENVIRONMENT, **kwargs)


def lines_of(output):
    return output.decode("utf-8").splitlines()


def collect(output, full):
    schema_lines.extend((line, full) for line in lines_of(output))


def json_document(answers, extra=()):
    """What `stackpick --json` prints for an answers object, parsed, without the sensitivity
    analysis, which batch leaves out (docs/batch.md: it re-scores every line many times)."""
    result = run(["--answers", "-", "--json", *extra], json.dumps(answers).encode())
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    for analysis in ("sensitivity", "source_sensitivity"):
        document.pop(analysis, None)
    return document


def random_answer_lines(count, seed):
    questions = json.loads(run(["questions", "--json"]).stdout)["questions"]
    rng = random.Random(seed)
    lines = []
    for _ in range(count):
        answers = {}
        for question in questions:
            if rng.random() < 1 / 3:
                continue
            kind = question["type"]
            if kind == "bool":
                answers[question["key"]] = rng.random() < 0.4
            elif kind == "choice":
                answers[question["key"]] = rng.choice(question["choices"])["id"]
            elif kind == "integer":
                answers[question["key"]] = rng.randint(question["min"],
                                                       min(question["max"], 100000))
            else:
                answers[question["key"]] = round(rng.uniform(question["min"], question["max"]), 2)
        lines.append(json.dumps(answers))
    return lines


def test_exact_lines_and_exit_codes():
    result = run(["batch"], b'{"ml": true}\n  \n{"team": "cobol"}\n')
    lines = lines_of(result.stdout)
    check(result.returncode == 3, f"a bad line: exit {result.returncode}, expected 3")
    check(len(lines) == 2, f"a bad line: {len(lines)} output lines, expected 2")
    if len(lines) == 2:
        check(json.loads(lines[0]) == json_document({"ml": True}),
              "line 1 is not the document --json prints")
        check(lines[0] == json.dumps(json.loads(lines[0]), separators=(",", ":"),
                                     ensure_ascii=False),
              "a result line is not compact")
        check(lines[1] == json.dumps({"line": 3, "error": COBOL}, separators=(",", ":")),
              f"error record: {lines[1]}")
    check(result.stderr.decode() == f"stackpick: error: line 3: {COBOL}\n",
          f"stderr of a bad line: {result.stderr!r}")
    collect(result.stdout, True)

    good = run(["batch"], b'{"ml": true}\n{"team": "python"}\n')
    check(good.returncode == 0 and good.stderr == b"",
          f"valid lines: exit {good.returncode}, stderr {good.stderr!r}")
    crlf = run(["batch"], b'{"ml": true}\r\n{"team": "python"}')
    check(crlf.returncode == 0 and crlf.stdout == good.stdout,
          "CRLF and a last line without newline do not give the same output")
    empty = run(["batch"], b"")
    check(empty.returncode == 0 and empty.stdout == b"" and empty.stderr == b"",
          f"empty input: exit {empty.returncode}, stdout {empty.stdout!r}")
    collect(good.stdout, True)


def test_weights_apply_to_every_line():
    result = run(["batch", "--weight", "ml-ai=0"], b'{"ml": true}\n')
    check(result.returncode == 0, f"--weight: exit {result.returncode}: {result.stderr!r}")
    check(json.loads(result.stdout) == json_document({"ml": True}, ["--weight", "ml-ai=0"]),
          "batch --weight differs from --weight --json")


def test_fields():
    result = run(["batch", "--fields", "recommendation,ranking"], b'{"ml": true}\n[]\n')
    lines = lines_of(result.stdout)
    check(result.returncode == 3, f"--fields with a bad line: exit {result.returncode}")
    if len(lines) == 2:
        kept = json.loads(lines[0])
        check(list(kept) == ["ranking", "recommendation"],
              f"--fields keeps {list(kept)}, expected ranking, recommendation in document order")
        full = json_document({"ml": True})
        check(kept["ranking"] == full["ranking"], "--fields changed the ranking")
        check(lines[1] == '{"line":2,"error":"/: expected an object of answers, got an array"}',
              f"--fields error record: {lines[1]}")
    collect(result.stdout, False)

    unknown = run(["batch", "--fields", "ranking,rankings"], b'{"ml": true}\n')
    check(unknown.returncode == 2, f"unknown field: exit {unknown.returncode}, expected 2")
    check(unknown.stdout == b"", "unknown field wrote to stdout")
    check(unknown.stderr.decode().startswith(
        "stackpick: error: --fields: rankings not in {schema_version,stackpick_version,")
          and "(did you mean 'ranking'?)" in unknown.stderr.decode(),
          f"unknown field message: {unknown.stderr!r}")


def test_jobs_invariance():
    lines = random_answer_lines(300, 12)
    lines[10] = '{"team": "cobol"}'
    lines[20] = ""
    lines[30] = "{not json"
    data = ("\n".join(lines) + "\n").encode()
    outputs = {}
    for jobs in (1, 2, 7):
        result = run(["batch", "--jobs", str(jobs)], data, timeout=600)
        check(result.returncode == 3, f"--jobs {jobs}: exit {result.returncode}")
        outputs[jobs] = (result.stdout, result.stderr)
    check(outputs[1] == outputs[2] == outputs[7], "output differs between --jobs 1, 2 and 7")
    check(len(lines_of(outputs[1][0])) == 299, "300 lines with one blank gave the wrong count")
    # A sample: jsonschema takes about 0.1 s per document.
    schema_lines.extend((line, True) for line in lines_of(outputs[1][0])[:40])
    bad_jobs = run(["batch", "--jobs", "0"], b"{}\n")
    check(bad_jobs.returncode == 2 and bad_jobs.stdout == b"", f"--jobs 0: exit {bad_jobs.returncode}")


def test_stats():
    result = run(["batch", "--stats"], b'{}\n\n[]\n')
    messages = result.stderr.decode().splitlines()
    check(len(messages) == 3 and messages[1].startswith(
        "stackpick: batch: 3 lines (1 results, 1 errors, 1 blank) in ")
          and "lines/s" in messages[1],
          f"--stats: {messages}")
    check(all(stage in result.stderr.decode()
              for stage in ("read ", "parse ", "scoring ", "rendering ", "writing ")),
          "--stats does not name every stage")
    check(len(lines_of(result.stdout)) == 2, "--stats changed stdout")


def test_file_arguments():
    with tempfile.TemporaryDirectory() as directory:
        path = pathlib.Path(directory) / "answers.jsonl"
        path.write_bytes(b'{"ml": true}\n')
        from_file = run(["batch", str(path)])
        from_stdin = run(["batch", "-"], b'{"ml": true}\n')
        check(from_file.returncode == 0 and from_file.stdout == from_stdin.stdout,
              "batch FILE differs from batch - with the same lines")
        # FILE after a --fields list is still the file, not another field name.
        after_fields = run(["batch", "--fields", "recommendation", str(path)])
        check(after_fields.returncode == 0 and list(json.loads(after_fields.stdout)) ==
              ["recommendation"], f"batch --fields X FILE: {after_fields.stderr!r}")
        missing = run(["batch", f"{directory}/missing.jsonl"])
        check(missing.returncode == 3 and missing.stderr.decode() ==
              f"stackpick: error: cannot read '{directory}/missing.jsonl': "
              "No such file or directory\n", f"missing file: {missing.stderr!r}")
        folder = run(["batch", directory])
        check(folder.returncode == 3 and folder.stderr.decode() ==
              f"stackpick: error: '{directory}' is a directory\n",
              f"directory: {folder.stderr!r}")
        # A pipe as the file, as `stackpick batch <(generate)` gives.
        piped = subprocess.run(["bash", "-c", f'"$0" batch <(printf \'{{"ml": true}}\\n\')',
                                BINARY], capture_output=True, env=ENVIRONMENT, timeout=60)
        check(piped.returncode == 0 and piped.stdout == from_stdin.stdout,
              f"process substitution: exit {piped.returncode}, {piped.stderr!r}")


def test_write_errors_and_closed_pipe():
    lines = b'{"ml": true}\n' * 200
    with open("/dev/full", "wb") as full:
        result = subprocess.run([BINARY, "batch"], input=lines, stdout=full,
                                stderr=subprocess.PIPE, env=ENVIRONMENT, timeout=120)
    check(result.returncode == 1 and result.stderr.decode() ==
          "stackpick: error: cannot write to standard output: No space left on device\n",
          f"/dev/full: exit {result.returncode}, {result.stderr!r}")
    # The reader takes one byte and goes away: quiet, exit 0, and the rest is not scored.
    generator = "yes '{\"ml\": true}' | head -n 100000"
    closed = subprocess.run(
        ["bash", "-c", f'{generator} | "$0" batch 2>"$1" | head -c1 >/dev/null; '
                       'echo "${PIPESTATUS[2]}"', BINARY, "/dev/stderr"],
        capture_output=True, env=ENVIRONMENT, timeout=120)
    check(closed.stdout.decode().strip() == "0" and closed.stderr == b"",
          f"closed pipe: exit {closed.stdout!r}, stderr {closed.stderr!r}")


def test_coprocess_gets_each_result_before_sending_the_next_line():
    process = subprocess.Popen([BINARY, "batch", "--jobs", "2"], stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=ENVIRONMENT)
    try:
        for answers in ({"ml": True}, {"team": "cobol"}, {"realtime": True}):
            process.stdin.write((json.dumps(answers) + "\n").encode())
            process.stdin.flush()
            ready, _, _ = select.select([process.stdout], [], [], 30)
            check(bool(ready), f"no result for {answers} within 30 s while the input stays open")
            if not ready:
                break
            line = process.stdout.readline()
            check(line.endswith(b"\n") and json.loads(line),
                  f"co-process: unreadable line {line[:80]!r}")
        process.stdin.close()
        check(process.wait(timeout=60) == 3, "co-process: exit code is not 3 after a bad line")
    finally:
        process.kill()
        process.wait()


def peak_memory_kilobytes(line_count):
    """Peak resident memory of a batch run over line_count lines, most of them refused cheaply.
    Measured by a fresh python3 whose only child is stackpick, so earlier runs do not count."""
    measure = ("import resource, subprocess, sys; "
               "code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode; "
               "print(code, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    # Every 100th line is scored in full; the rest are refused after parsing.
    generate = (f"yes '{{\"ml\": true, \"team\": \"cobol\"}}' | head -n {line_count} | "
                "awk 'NR % 100 == 0 { print \"{\\\"ml\\\": true}\"; next } { print }'")
    producer = subprocess.Popen(["bash", "-c", generate], stdout=subprocess.PIPE)
    result = subprocess.run([sys.executable, "-c", measure, BINARY, "batch", "--jobs", "2"],
                            stdin=producer.stdout, capture_output=True, env=ENVIRONMENT,
                            timeout=600)
    producer.stdout.close()
    producer.wait()
    code, kilobytes = result.stdout.decode().split()
    return int(code), int(kilobytes)


def test_memory_is_flat_over_a_long_input():
    if not MEMORY_CHECK:
        print("memory check skipped (sanitizer build)")
        return
    code_small, small = peak_memory_kilobytes(2000)
    code_large, large = peak_memory_kilobytes(100000)
    check(code_small == 3 and code_large == 3, f"long input: exit {code_small}, {code_large}")
    check(large <= small * 1.2 + 2048,
          f"peak memory grew from {small} KiB (2,000 lines) to {large} KiB (100,000 lines)")
    print(f"peak memory: {small} KiB for 2,000 lines, {large} KiB for 100,000 lines")


def test_limits():
    limit = 1 << 20
    at_limit = b'{"ml": true}'.ljust(limit, b" ")
    result = run(["batch"], at_limit + b"\n" + at_limit + b" \n" + b"[" * 70 + b"\n")
    lines = lines_of(result.stdout)
    check(len(lines) == 3, f"limits: {len(lines)} lines")
    if len(lines) == 3:
        check(json.loads(lines[0]) == json_document({"ml": True}), "a line of exactly 1 MiB")
        check(lines[1] == '{"line":2,"error":"larger than the 1 MiB limit"}', lines[1])
        check(lines[2] == '{"line":3,"error":"column 65: nesting deeper than 64 levels"}',
              lines[2])
    collect(result.stdout, True)


def test_id_field_through_the_binary():
    result = run(["batch", "--id-field", "survey", "--fields", "recommendation"],
                 b'{"survey": "acme", "ml": true}\n{"survey": 17, "team": "cobol"}\n{"ml": true}\n')
    lines = lines_of(result.stdout)
    check(result.returncode == 3, f"--id-field with bad lines: exit {result.returncode}")
    check(len(lines) == 3 and lines[0].startswith('{"id":"acme","recommendation":{"id":"python",'),
          f"--id-field result: {lines[:1]}")
    check(lines[1:] == [json.dumps({"id": 17, "line": 2, "error": COBOL}, separators=(",", ":")),
                        '{"line":3,"error":"no \\"survey\\" member (the --id-field)"}'],
          f"--id-field error records: {lines[1:]}")
    check(result.stderr.decode().splitlines() == [
        f"stackpick: error: line 2 (id 17): {COBOL}",
        'stackpick: error: line 3: no "survey" member (the --id-field)'],
        f"--id-field stderr: {result.stderr!r}")
    collect(result.stdout, False)
    usage = run(["batch", "--id-field", "ml"], b"{}\n")
    check(usage.returncode == 2 and usage.stdout == b"" and usage.stderr ==
          b"stackpick: error: --id-field: 'ml' is the answer to the question 'ml'; name a member "
          b"no question uses\n", f"--id-field ml: {usage.returncode} {usage.stderr!r}")


def stderr_on_a_terminal(arguments, stdin_path):
    """Runs stackpick with stderr on a pseudo-terminal, stdout to a file: (exit, stdout, stderr)."""
    import pty
    master, slave = pty.openpty()
    # stdout to a file, not a pipe: a pipe nobody reads while the terminal is read would fill.
    stdout_file = tempfile.TemporaryFile()
    with open(stdin_path, "rb") as stdin:
        process = subprocess.Popen([BINARY, *arguments], stdin=stdin, stdout=stdout_file,
                                   stderr=slave, env=ENVIRONMENT)
    os.close(slave)
    terminal = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: every writer has closed the terminal
            break
        if not chunk:
            break
        terminal += chunk
    process.wait(timeout=300)
    os.close(master)
    stdout_file.seek(0)
    stdout = stdout_file.read()
    return process.returncode, stdout, terminal


def test_progress_line_on_a_terminal_only():
    """docs/batch.md: one updating line on a terminal's stderr, never in a pipe or with --quiet."""
    import re
    lines = ['{"ml": true, "realtime": false}', '{"team": "python"}'] * 6000 + ['{"team": "cobol"}']
    with tempfile.TemporaryDirectory() as work:
        path = os.path.join(work, "surveys.jsonl")
        with open(path, "w") as f:
            f.write("\n".join(lines) + "\n")
        piped = run(["batch", path])
        code, stdout, terminal = stderr_on_a_terminal(["batch", path], path)
        check(code == 3 and stdout == piped.stdout, f"progress: exit {code}, stdout changed")
        updates = re.findall(rb"\rstackpick: batch: (\d+) lines, (\d+) lines/s, (\d+)%, about (\d+) s left",
                             terminal)
        check(len(updates) >= 1, f"progress: no progress line on the terminal: {terminal[:200]!r}")
        check(all(int(a[0]) < int(b[0]) for a, b in zip(updates, updates[1:])),
              "progress: the line count does not grow")
        check(b"\x1b" not in terminal, "progress: an escape sequence on the terminal")
        error = f"stackpick: error: line {len(lines)}: {COBOL}\r\n".encode()
        check(re.search(rb"\r +\r" + re.escape(error) + rb"$", terminal) is not None,
              f"progress: the line is not blanked before the error: {terminal[-200:]!r}")
        check(piped.stderr == error.replace(b"\r\n", b"\n"),
              f"progress in a pipe: {piped.stderr[:200]!r}")
        code, stdout, terminal = stderr_on_a_terminal(["batch", "--quiet", "-"], path)
        # --quiet silences the progress line, never the error.
        check(code == 3 and terminal == error and stdout == piped.stdout,
              f"--quiet: exit {code}, terminal {terminal[:200]!r}")


def test_gnu_parallel_gives_the_output_of_one_process():
    """docs/batch.md's recipe: `parallel --pipe --block 8M -k stackpick batch` on valid input."""
    if not MEMORY_CHECK:  # a sanitizer build: the plain build runs this once, as CI's slow checks
        print("GNU parallel checks skipped under a sanitizer (the plain build runs them)")
        return
    if subprocess.run(["sh", "-c", "command -v parallel"], capture_output=True).returncode != 0:
        print("GNU parallel checks skipped: parallel is not installed (scripts/install-deps)")
        return
    lines = random_answer_lines(600, 23)
    with_ids = [json.dumps({"survey": f"s{n}", **json.loads(line)}) for n, line in enumerate(lines)]
    with tempfile.TemporaryDirectory() as work:
        home = pathlib.Path(work)  # parallel writes ~/.parallel: keep it out of the real home
        for name, input_lines, extra in (("plain", lines, []),
                                         ("with ids", with_ids, ["--id-field", "survey"])):
            data = ("\n".join(input_lines) + "\n").encode()
            one = run(["batch", *extra], data)
            check(one.returncode == 0, f"{name}: one process: exit {one.returncode}")
            # The documented 8M blocks (one piece here), then 16 KiB blocks: about 14 pieces.
            for block in ("8M", "16k"):
                split = subprocess.run(
                    ["parallel", "--pipe", "--block", block, "-k", BINARY, "batch", *extra],
                    input=data, capture_output=True, timeout=600,
                    env={**ENVIRONMENT, "HOME": str(home)})
                check(split.returncode == 0,
                      f"{name}: parallel --block {block}: exit {split.returncode}: "
                      f"{split.stderr[:300]!r}")
                check(split.stdout == one.stdout,
                      f"{name}: parallel --block {block} output differs from one process")
        ids = [json.loads(line)["id"] for line in lines_of(one.stdout)]
        check(ids == [f"s{n}" for n in range(len(lines))], "ids do not follow the input order")


def test_schema():
    try:
        import jsonschema
    except ImportError:
        print("schema checks skipped: python3 jsonschema not installed")
        return
    schema_dir = SOURCE_DIR / "docs" / "schema"
    batch = json.loads((schema_dir / "batch.schema.json").read_text())
    recommendation = json.loads((schema_dir / "recommendation.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(batch)
    full_ref = {"$ref": batch["$id"] + "#/$defs/full_result"}
    try:
        import referencing  # jsonschema >= 4.18
        registry = referencing.Registry().with_resources([
            (schema["$id"], referencing.Resource.from_contents(schema))
            for schema in (batch, recommendation)])
        line_validator = jsonschema.Draft202012Validator(batch, registry=registry)
        full_validator = jsonschema.Draft202012Validator(full_ref, registry=registry)
    except ImportError:  # Debian bookworm's python3-jsonschema 4.10
        store = {schema["$id"]: schema for schema in (batch, recommendation)}
        line_validator = jsonschema.Draft202012Validator(
            batch, resolver=jsonschema.RefResolver.from_schema(batch, store=store))
        full_validator = jsonschema.Draft202012Validator(
            full_ref, resolver=jsonschema.RefResolver.from_schema(batch, store=store))
    result_fields = set(batch["$defs"]["result"]["properties"])
    # "id" is batch's own (--id-field); every other field is the recommendation document's.
    check(result_fields - {"id"} <= set(recommendation["properties"]),
          "batch.schema.json names a field recommendation.schema.json does not have")
    for line, full in schema_lines:
        document = json.loads(line)
        errors = [f"{'/'.join(map(str, e.absolute_path)) or '/'}: {e.message}"
                  for e in line_validator.iter_errors(document)]
        if full and "error" not in document:
            errors += [f"{'/'.join(map(str, e.absolute_path)) or '/'}: {e.message}"
                       for e in full_validator.iter_errors(document)]
            check(set(document) <= result_fields,
                  f"result fields missing from batch.schema.json: {set(document) - result_fields}")
        check(not errors, f"line does not match batch.schema.json: {errors[:3]} in {line[:120]}")
    print(f"{len(schema_lines)} output lines validated against docs/schema/batch.schema.json")


def main():
    tests = [test_exact_lines_and_exit_codes, test_weights_apply_to_every_line, test_fields,
             test_jobs_invariance, test_stats, test_file_arguments,
             test_write_errors_and_closed_pipe,
             test_coprocess_gets_each_result_before_sending_the_next_line,
             test_memory_is_flat_over_a_long_input, test_limits,
             test_id_field_through_the_binary, test_progress_line_on_a_terminal_only,
             test_gnu_parallel_gives_the_output_of_one_process,
             test_schema]
    for test in tests:
        started = time.monotonic()
        try:
            test()
        except Exception as e:  # a crash in one test is a failure, not the end of the run
            check(False, f"{test.__name__} raised {type(e).__name__}: {e}")
        print(f"{test.__name__}: {time.monotonic() - started:.1f} s")
    print(f"{checks - len(failures)} passed, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
