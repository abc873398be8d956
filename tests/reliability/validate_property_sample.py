#!/usr/bin/env python3
"""Cross-checks the property test's in-process schema validator with a real one.

Usage: validate_property_sample.py STACKPICK_TESTS SCHEMA

Runs the property test (tests/property_test.cpp) with STACKPICK_PROPERTY_SAMPLE set, so that it
writes a sample of its random documents (every 100th, and the first of each recommendation and
confidence pair) as JSON Lines; then validates each with python3-jsonschema (Draft 2020-12).
Exit 0: all valid; 1: a document is invalid or the property test failed; 77: no jsonschema.
"""
import json
import os
import subprocess
import sys
import tempfile

try:
    import jsonschema
except ImportError:
    print("python3-jsonschema is not installed: skipped")
    sys.exit(77)


def main():
    tests, schema_path = sys.argv[1:3]
    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)
    validator = jsonschema.Draft202012Validator(schema)
    with tempfile.TemporaryDirectory(prefix="stackpick-property-") as directory:
        sample = os.path.join(directory, "sample.jsonl")
        env = dict(os.environ, STACKPICK_PROPERTY_SAMPLE=sample, NO_COLOR="1")
        run = subprocess.run([tests, "[property]"], env=env, capture_output=True, text=True,
                             timeout=600)
        if run.returncode != 0:
            print("the property test failed:\n" + run.stdout[-4000:] + run.stderr[-2000:])
            return 1
        with open(sample, encoding="utf-8") as f:
            documents = [json.loads(line) for line in f if line.strip()]
    failures = 0
    for index, document in enumerate(documents):
        for error in validator.iter_errors(document):
            failures += 1
            print("document %d: /%s: %s" % (index, "/".join(map(str, error.absolute_path)),
                                            error.message[:300]))
    kinds = {(d["recommendation"]["id"], d["recommendation"]["confidence"]) for d in documents}
    print("%d documents (%d recommendation/confidence pairs), %d schema errors"
          % (len(documents), len(kinds), failures))
    if len(documents) < 100:
        print("too few documents in the sample")
        return 1
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
