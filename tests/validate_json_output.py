#!/usr/bin/env python3
"""Validates a JSON document read from standard input against a JSON Schema (draft 2020-12).

Usage: stackpick facts cost --json | validate_json_output.py docs/schema/facts.schema.json
Exit status: 0 valid, 1 invalid or unreadable, 77 (skipped) without python3 jsonschema.
"""
import json
import sys

try:
    import jsonschema
except ImportError:
    print("skipped: python3 jsonschema not installed")
    sys.exit(77)


def main():
    if len(sys.argv) != 2:
        print("usage: validate_json_output.py SCHEMA < DOCUMENT", file=sys.stderr)
        return 1
    with open(sys.argv[1], encoding="utf-8") as f:
        schema = json.load(f)
    try:
        document = json.load(sys.stdin)
    except ValueError as e:
        print(f"standard input is not JSON: {e}")
        return 1
    jsonschema.Draft202012Validator.check_schema(schema)
    errors = sorted(jsonschema.Draft202012Validator(schema).iter_errors(document),
                    key=lambda e: list(e.absolute_path))
    for error in errors:
        pointer = "".join(f"/{part}" for part in error.absolute_path) or "/"
        print(f"{pointer}: {error.message}")
    if errors:
        return 1
    print(f"valid against {sys.argv[1]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
