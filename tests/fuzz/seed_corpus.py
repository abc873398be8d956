#!/usr/bin/env python3
"""Writes the seed inputs of each fuzz target into tests/fuzz/corpus/<target>/ (names are the
SHA-1 of the content, as libFuzzer names its own finds, so reruns add nothing twice).

Seeds: the shipped data files (knowledge_base), the tests' broken-kb fixtures, the scenarios'
answers (answers), the JSON Logic conformance suites and the rules of data/rules.json (logic), and
the command lines shown in README.md and --help (arguments).

usage: seed_corpus.py [JSONLOGIC_SUITES_DIR]   (default: ../shared/jsonlogic-suites)
"""
import hashlib
import json
import pathlib
import sys

FUZZ = pathlib.Path(__file__).resolve().parent
ROOT = FUZZ.parent.parent
DATA = ROOT / "data"
SUITES = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "jsonlogic-suites"

# The order fuzz_knowledge_base.cpp indexes with the first byte (k_fact_files in facts.hpp).
KB_FILES = ["knowledge_base.json", "sources.json", "performance.json", "costs.json",
            "timelines.json", "ecosystem.json", "use_cases.json", "questions.json", "rules.json"]


def write(target, content):
    directory = FUZZ / "corpus" / target
    directory.mkdir(parents=True, exist_ok=True)
    (directory / hashlib.sha1(content).hexdigest()).write_bytes(content)


def compact(value):
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode()


def knowledge_base():
    for index, name in enumerate(KB_FILES):
        text = (DATA / name).read_bytes()
        write("knowledge_base", bytes([index]) + text)
        write("knowledge_base", bytes([index]) + text[: len(text) // 2])  # truncated
    for fixture in sorted((ROOT / "tests" / "fixtures" / "broken-kb").glob("*/*.json")):
        if fixture.name in KB_FILES:
            write("knowledge_base", bytes([KB_FILES.index(fixture.name)]) + fixture.read_bytes())


def answers():
    for path in sorted((DATA / "scenarios").glob("*.json")):
        for scenario in json.loads(path.read_text())["scenarios"]:
            write("answers", json.dumps(scenario["answers"], indent=2).encode())
    for text in ['{}', '{"ml": true, "team": "python"}', '{"team": "cobol"}', '{"team-size": 1.5}',
                 '{"team_size": 1e400}', '{"realtime": null}', '[]', '{"$schema": "x"}', '']:
        write("answers", text.encode())


def logic():
    for path in sorted(SUITES.rglob("*.json")):
        if path.name == "index.json":
            continue
        for case in json.loads(path.read_text()):
            if isinstance(case, dict) and "rule" in case:
                write("logic", compact(case["rule"]) + b"\0" + compact(case.get("data")))
    example = {"realtime": True, "ml": True, "team": "mixed", "team_size": 15, "product": "fintech"}
    for rule in json.loads((DATA / "rules.json").read_text())["rules"]:
        write("logic", compact(rule["when"]) + b"\0" + compact(example))


def arguments():
    lines = [
        "", "--help", "--version", "--realtime --ml", "--realtime --ml --json",
        "--product fintech --ml --realtime --team-size 15 --json",
        "--product saas --team mixed --team-size 3 --frontend react --no-realtime",
        "--team javascript --frontend react --product saas", "-i", "--no-input -q",
        "--answers - --json", "--format markdown --ml", "--color always --realtime",
        "--weight performance=2 --exclude-source webzworld-2025 --json",
        "--product api --team-size 2 --months 3 --rate 100 --concurrent-users 50000 --json",
        "--region india --team-size 3 --months 4 --json", "questions", "questions --json",
        "validate", "validate --json", "facts", "facts performance", "facts cost --json",
        "test", "test --json", "completions bash", "completions zsh", "completions fish",
        "estimate --product api --team-size 2 --months 3 --rate 100",
        "estimate --concurrent-users 50000 --region eastern-europe --json",
        "--team-size abc", "--team-size 0x10", "--team-size nan", "--team-size 1e999",
        "--team-size -3", "--team cobol", "--realtim", "--interactive --no-input",
        "--ml --no-ml", "-o out.txt --ml", "--save-answers saved.json --ml", "validate --data-dir nowhere",
    ]
    for line in lines:
        write("arguments", b"\0".join(word.encode() for word in line.split(" ")) if line else b"")
    write("arguments", b"--answers\0-\0--json\x1e" + b'{"ml": true, "team": "python"}')
    write("arguments", b"eval\0" + compact({"if": [{">": [{"var": "users"}, 10000]}, "node", "python"]})
          + b"\0" + compact({"users": 50000}))
    write("arguments", b"eval\0-\0null\x1e" + compact({"cat": ["a", {"var": ""}]}))


knowledge_base()
answers()
logic()
arguments()
for target in ["knowledge_base", "answers", "logic", "arguments"]:
    print(target, len(list((FUZZ / "corpus" / target).iterdir())), "seeds")
