#!/usr/bin/env python3
"""Validates every data/*.json and data/scenarios/*.json file against the JSON Schema its "$schema" names.

Usage: validate_schemas.py [DATA_DIR]   (default: the data/ directory beside tests/)
Exit status: 0 when every file validates, 1 on any problem, 77 (skipped) without jsonschema.
Also checks that the figures schemas share identical "$defs", so the common figure format
cannot drift between files.
"""
import json
import pathlib
import sys

try:
    import jsonschema
except ImportError:
    print("skipped: python3 jsonschema not installed")
    sys.exit(77)

FIGURE_SCHEMAS = ["performance", "costs", "timelines", "ecosystem"]


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def main():
    data_dir = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else \
        pathlib.Path(__file__).resolve().parent.parent / "data"
    problems = []
    validated = 0
    for path in sorted(data_dir.glob("*.json")) + sorted(data_dir.glob("scenarios/*.json")):
        shown = f"data/{path.relative_to(data_dir)}"
        try:
            document = load(path)
        except (OSError, ValueError) as e:
            problems.append(f"{shown}: cannot read: {e}")
            continue
        reference = document.get("$schema") if isinstance(document, dict) else None
        if not isinstance(reference, str):
            problems.append(f"{shown}: no \"$schema\" naming its schema")
            continue
        schema_path = (path.parent / reference).resolve()
        try:
            schema = load(schema_path)
        except (OSError, ValueError) as e:
            problems.append(f"{shown}: schema '{reference}': {e}")
            continue
        try:
            jsonschema.Draft202012Validator.check_schema(schema)
        except jsonschema.SchemaError as e:
            problems.append(f"{shown}: schema '{reference}' is not a valid 2020-12 schema: {e.message}")
            continue
        validator = jsonschema.Draft202012Validator(schema)
        errors = sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
        for error in errors:
            pointer = "".join(f"/{part}" for part in error.absolute_path) or "/"
            problems.append(f"{shown}: {pointer}: {error.message}")
        if not errors:
            validated += 1

    schema_dir = data_dir / "schema"
    defs = {}
    for name in FIGURE_SCHEMAS:
        path = schema_dir / f"{name}.schema.json"
        if path.exists():
            defs[name] = load(path).get("$defs", {})
    common = set.intersection(*(set(d) for d in defs.values())) if defs else set()
    for key in sorted(common):
        variants = {json.dumps(d[key], sort_keys=True) for d in defs.values()}
        if len(variants) > 1:
            problems.append(f"data/schema: \"$defs/{key}\" differs between the figures schemas "
                            f"({', '.join(n + '.schema.json' for n in defs)})")

    # Every schema that defines "quotes" defines it the same way.
    quote_defs = {}
    for path in sorted(schema_dir.glob("*.schema.json")):
        definition = load(path).get("$defs", {}).get("quotes")
        if definition is not None:
            quote_defs[path.name] = json.dumps(definition, sort_keys=True)
    if len(set(quote_defs.values())) > 1:
        problems.append("data/schema: \"$defs/quotes\" differs between " + ", ".join(quote_defs))

    # The recommendation document carries the estimates schema inline: it must not drift.
    docs_schema = data_dir.parent / "docs" / "schema"
    if (docs_schema / "estimates.schema.json").exists():
        standalone = load(docs_schema / "estimates.schema.json")
        recommendation = load(docs_schema / "recommendation.schema.json")
        inline = recommendation.get("$defs", {}).get("estimates", {})
        for key, value in standalone.items():
            if key in ("$schema", "$id", "$defs"):
                continue
            if inline.get(key) != value:
                problems.append(f"docs/schema: \"{key}\" of estimates.schema.json differs from "
                                f"recommendation.schema.json's \"$defs/estimates\"")
        for key, value in standalone.get("$defs", {}).items():
            if recommendation.get("$defs", {}).get(key) != value:
                problems.append(f"docs/schema: \"$defs/{key}\" differs between estimates.schema.json "
                                f"and recommendation.schema.json")

    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} problem(s); {validated} file(s) validated")
        return 1
    print(f"{validated} data files validated against their schemas")
    return 0


if __name__ == "__main__":
    sys.exit(main())
