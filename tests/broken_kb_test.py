#!/usr/bin/env python3
"""One broken knowledge base from tests/fixtures/broken-kb/: overlay its files on a copy of data/,
then check that `stackpick validate` and the main command exit 3 with exactly the expected error.

Usage: broken_kb_test.py STACKPICK DATA_DIR FIXTURE_DIR [--bless]
A fixture holds the broken files and expected-error.txt (stderr of validate, with DATA for the
copy's path). A file NAME.generate makes NAME at test time: "directory" (a directory instead of
the file), "string-1mb" (a 1 MB string), "nesting-100k" (arrays nested 100,000 deep).
--bless rewrites expected-error.txt from the current output (review the diff before committing).
"""
import os
import shutil
import subprocess
import sys
import tempfile


def generate(path, kind):
    if kind == "directory":
        if os.path.exists(path):
            os.remove(path)
        os.mkdir(path)
    elif kind == "string-1mb":
        with open(path, "w", encoding="utf-8") as f:
            f.write('{"sources": [{"id": "' + "x" * (1 << 20) + '"}]}')
    elif kind == "nesting-100k":
        with open(path, "w", encoding="utf-8") as f:
            f.write("[" * 100000 + "]" * 100000)
    else:
        raise SystemExit(f"unknown generator '{kind}'")


def main():
    binary, data_dir, fixture = sys.argv[1:4]
    bless = "--bless" in sys.argv[4:]
    name = os.path.basename(os.path.normpath(fixture))
    with tempfile.TemporaryDirectory() as work:
        data = os.path.join(work, "data")
        shutil.copytree(data_dir, data)
        for entry in sorted(os.listdir(fixture)):
            source = os.path.join(fixture, entry)
            if entry == "expected-error.txt":
                continue
            if entry.endswith(".generate"):
                with open(source, encoding="utf-8") as f:
                    generate(os.path.join(data, entry[: -len(".generate")]), f.read().strip())
            else:
                shutil.copyfile(source, os.path.join(data, entry))

        env = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"}
        for key in ("ASAN_OPTIONS", "UBSAN_OPTIONS"):
            if key in os.environ:
                env[key] = os.environ[key]
        validate = subprocess.run([binary, "validate", "--data-dir", data], capture_output=True,
                                  env=env, timeout=60, stdin=subprocess.DEVNULL)
        recommend = subprocess.run([binary, "--realtime", "--data-dir", data], capture_output=True,
                                   env=env, timeout=60, stdin=subprocess.DEVNULL)
        actual = validate.stderr.decode("utf-8", "replace").replace(data, "DATA")
        expected_path = os.path.join(fixture, "expected-error.txt")
        if bless:
            with open(expected_path, "w", encoding="utf-8") as f:
                f.write(actual)
        with open(expected_path, encoding="utf-8") as f:
            expected = f.read()

        failures = []
        if validate.returncode != 3:
            failures.append(f"validate exited {validate.returncode}, expected 3")
        if validate.stdout:
            failures.append("validate wrote to stdout")
        if actual != expected:
            failures.append(f"validate's stderr differs:\n--- expected\n{expected}--- actual\n{actual}")
        if recommend.returncode != 3:
            failures.append(f"the main command exited {recommend.returncode}, expected 3")
        if recommend.stdout:
            failures.append("the main command wrote to stdout")
        for failure in failures:
            print(f"{name}: {failure}")
        print(f"{0 if failures else 1} passed, {1 if failures else 0} failed")
        return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
