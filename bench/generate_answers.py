#!/usr/bin/env python3
"""Writes N answer sets as JSON Lines (the --answers format, one object per line).

Each set answers a random subset of the shipped questions (data/questions.json) with valid
values; the rest are left to their defaults. Bool answers are always true or false (never null),
so that every peer engine reads them the same way. Deterministic for a given seed.

Usage: generate_answers.py --count 100000 --out build/bench/answers-100000.jsonl [--seed 12]
"""

import argparse
import json
import math
import random
import sys
from pathlib import Path

# Realistic ranges for the integer and number answers (the questions allow far more).
RANGES = {
    "team-size": (1, 50),
    "concurrent-users": (1, 1_000_000),
    "months": (1, 36),
    "requests-per-day": (1, 10_000_000),
    "rate": (20, 200),
}


def log_uniform(random_source, low, high):
    """Integers spread evenly over orders of magnitude, like team sizes and traffic are."""
    value = math.exp(random_source.uniform(math.log(low), math.log(high + 1)))
    return max(low, min(high, int(value)))


def answer(question, random_source):
    kind = question["type"]
    if kind == "bool":
        return random_source.random() < 0.35
    if kind == "choice":
        return random_source.choice(question["choices"])["id"]
    low, high = RANGES.get(question["id"], (question["min"], question["max"]))
    low, high = max(low, question["min"]), min(high, question["max"])
    value = log_uniform(random_source, int(low), int(high))
    return value if kind == "integer" else float(value)


def main():
    here = Path(__file__).resolve().parent
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--data", type=Path, default=here.parent / "data")
    arguments = parser.parse_args()

    questions = json.loads((arguments.data / "questions.json").read_text(encoding="utf-8"))
    questions = questions["questions"]
    random_source = random.Random(arguments.seed)
    with arguments.out.open("w", encoding="utf-8") as out:
        for _ in range(arguments.count):
            answers = {}
            for question in questions:
                if random_source.random() < 0.6:
                    answers[question["id"].replace("-", "_")] = answer(question, random_source)
            out.write(json.dumps(answers, separators=(",", ":")) + "\n")
    print(f"wrote {arguments.count} answer sets to {arguments.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
