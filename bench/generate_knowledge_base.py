#!/usr/bin/env python3
"""Writes a knowledge base with N generated rules as a --data-dir directory.

The directory is a copy of data/ (questions, facts, stacks, frameworks and split unchanged, so
answer sets for the shipped questions stay valid) whose rules.json "rules" are replaced by N
generated ones. Deterministic for a given seed.

The conditions use only what every peer engine can express the same way: var, ==, != (choice
answers against a string), in (a choice answer in a list of strings), <, <=, >, >= (integer
answers against an integer, guarded by != null because JSON Logic compares null as 0 while
json-rules-engine's numeric operators reject it), and, or, !; a bool answer is read as {"var": k}
(always true or false, never null, in the generated answer sets). Points are integers.

Usage: generate_knowledge_base.py --rules 1000 --out build/bench/kb-1000 [--seed 12] [--data data]
"""

import argparse
import json
import random
import shutil
import sys
from pathlib import Path

# Integer answers the conditions compare, with thresholds in the range the answer generator uses.
INTEGER_THRESHOLDS = {
    "team_size": [2, 3, 5, 8, 10, 20],
    "concurrent_users": [100, 1000, 10000, 50000, 100000],
    "months": [3, 6, 12, 24],
    "requests_per_day": [10000, 100000, 1000000],
}
COMPARISONS = ["<", "<=", ">", ">="]


def answer_key(question_id):
    return question_id.replace("-", "_")


class ConditionMaker:
    """Draws random conditions over the shipped questions."""

    def __init__(self, questions, random_source):
        self.random = random_source
        # An estimates input the questionnaire may leave unasked (no ask_if) is not for rules:
        # the loader refuses a rule that reads one.
        questions = [q for q in questions if not (q.get("estimates_input") and "ask_if" not in q)]
        self.bools = [answer_key(q["id"]) for q in questions if q["type"] == "bool"]
        self.choices = {
            answer_key(q["id"]): [c["id"] for c in q["choices"]]
            for q in questions
            if q["type"] == "choice"
        }
        keys = {answer_key(q["id"]) for q in questions}
        self.integers = [k for k in INTEGER_THRESHOLDS if k in keys]

    def atom(self):
        kind = self.random.random()
        if kind < 0.35:
            return {"var": self.random.choice(self.bools)}
        if kind < 0.75:
            key = self.random.choice(sorted(self.choices))
            options = self.choices[key]
            shape = self.random.random()
            if shape < 0.7:
                return {"==": [{"var": key}, self.random.choice(options)]}
            if shape < 0.8:
                return {"!=": [{"var": key}, self.random.choice(options)]}
            picked = self.random.sample(options, k=min(len(options), self.random.randint(2, 3)))
            return {"in": [{"var": key}, picked]}
        key = self.random.choice(self.integers)
        threshold = self.random.choice(INTEGER_THRESHOLDS[key])
        comparison = {self.random.choice(COMPARISONS): [{"var": key}, threshold]}
        return {"and": [{"!=": [{"var": key}, None]}, comparison]}

    def condition(self):
        shape = self.random.random()
        if shape < 0.3:
            return self.atom()
        if shape < 0.85:
            return {"and": [self.atom() for _ in range(self.random.randint(2, 3))]}
        if shape < 0.97:
            return {"or": [self.atom() for _ in range(2)]}
        return {"!": [{"and": [self.atom(), self.atom()]}]}


def generate_rules(count, questions, stacks, criteria, sources, seed):
    random_source = random.Random(seed)
    maker = ConditionMaker(questions, random_source)
    rules = []
    for index in range(1, count + 1):
        points = {}
        for stack in random_source.sample(stacks, k=random_source.randint(1, min(3, len(stacks)))):
            points[stack] = random_source.choice([-3, -2, -1, 1, 2, 3, 4, 5])
        rule = {
            "id": f"generated-{index:05d}",
            "when": maker.condition(),
            "points": points,
            "reason": f"Generated rule {index}.",
            "criterion": random_source.choice(criteria),
            "sources": [random_source.choice(sources)],
        }
        # Format 2: a quote per cited source (loaded and checked like a real one; only
        # `validate --articles` would look for it in the article).
        rule["quotes"] = [{"source": rule["sources"][0], "text": f"Generated quote {index}."}]
        rules.append(rule)
    return rules


def main():
    here = Path(__file__).resolve().parent
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rules", type=int, required=True, help="number of rules to generate")
    parser.add_argument("--out", type=Path, required=True, help="directory to write (replaced)")
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--data", type=Path, default=here.parent / "data", help="data/ to copy")
    arguments = parser.parse_args()
    if arguments.rules < 1:
        parser.error("--rules must be at least 1")

    if arguments.out.exists():
        shutil.rmtree(arguments.out)
    # Scenarios assert the picks of the shipped rules, which generated rules do not keep.
    shutil.copytree(arguments.data, arguments.out, ignore=shutil.ignore_patterns("scenarios"))

    def load(name):
        return json.loads((arguments.data / name).read_text(encoding="utf-8"))

    questions = load("questions.json")["questions"]
    stacks = [stack["id"] for stack in load("knowledge_base.json")["stacks"]]
    criteria = [criterion["id"] for criterion in load("use_cases.json")["criteria"]]
    sources = [source["id"] for source in load("sources.json")["sources"]]

    rules_document = load("rules.json")
    rules_document["rules"] = generate_rules(
        arguments.rules, questions, stacks, criteria, sources, arguments.seed
    )
    (arguments.out / "rules.json").write_text(
        json.dumps(rules_document, indent=1) + "\n", encoding="utf-8"
    )
    # Every criterion must be reached by a rule or say why not: those the generated rules do not
    # name say so.
    named = {rule["criterion"] for rule in rules_document["rules"]}
    use_cases = load("use_cases.json")
    for criterion in use_cases["criteria"]:
        criterion.pop("reached_through", None)  # names shipped rules, which are gone
        criterion.pop("not_asked", None)
        if criterion["id"] not in named:
            criterion["not_asked"] = "No generated rule names it."
    (arguments.out / "use_cases.json").write_text(
        json.dumps(use_cases, indent=1) + "\n", encoding="utf-8"
    )
    print(f"wrote {arguments.rules} rules to {arguments.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
