#!/usr/bin/env python3
"""Checks that the includes follow the layers, and that no modules include each other in a loop.

    check_layers.py [ROOT]        ROOT: a source tree (default: this repository)
    check_layers.py --self-test   plants a wrong-way include and a cycle in copies of this
                                  repository and checks that each is caught

The layers, lowest first: util <- logic <- knowledge <- engine <- report <- cli <- main.cpp
(ARCHITECTURE.md). A file of a layer may include headers of its own layer and of the layers
below it, never of one above. A module is a header and its source (engine/what_if.hpp and
engine/what_if.cpp); modules that include each other, directly or around a loop, are a cycle.
The build refuses most wrong-way includes by itself (each layer's library sees only the
include roots of the layers below it); this check also covers headers no source includes yet,
and cycles, which the build allows.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

LAYERS = ["util", "logic", "knowledge", "engine", "report", "cli"]
INCLUDE = re.compile(r'^\s*#\s*include\s*"stackpick/([a-z_]+)/([A-Za-z0-9_]+)\.hpp"', re.M)


def files_of(root):
    """(path shown, layer, module, text) of every file of a layer, and of main.cpp."""
    for top in ("src/stackpick", "include/stackpick"):
        for layer in LAYERS:
            folder = os.path.join(root, top, layer)
            if not os.path.isdir(folder):
                continue
            for name in sorted(os.listdir(folder)):
                if name.endswith((".cpp", ".hpp")):
                    path = os.path.join(folder, name)
                    with open(path, encoding="utf-8") as f:
                        yield os.path.relpath(path, root), layer, layer + "/" + name[:-4], f.read()
    main = os.path.join(root, "src/main.cpp")
    if os.path.exists(main):
        with open(main, encoding="utf-8") as f:
            yield "src/main.cpp", "main", "main", f.read()


def problems_in(root):
    problems = []
    edges = {}
    rank = {layer: i for i, layer in enumerate(LAYERS + ["main"])}
    for shown, layer, module, text in files_of(root):
        for match in INCLUDE.finditer(text):
            target_layer, target = match.group(1), match.group(2)
            line = text.count("\n", 0, match.start()) + 1
            if target_layer not in rank:
                continue
            if rank[target_layer] > rank[layer]:
                problems.append(f"{shown}:{line}: the {layer} layer includes "
                                f"stackpick/{target_layer}/{target}.hpp from the {target_layer} "
                                f"layer above it")
            target_module = f"{target_layer}/{target}"
            if target_module != module:
                edges.setdefault(module, set()).add(target_module)
    problems += [f"include cycle: {' -> '.join(cycle)}" for cycle in cycles(edges)]
    return problems


def cycles(edges):
    """One cycle per strongly connected group of modules, as a path back to its start."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in sorted(edges.get(node, ())):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(path_around(sorted(group), edges))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def path_around(group, edges):
    """A path from the group's first module back to itself, within the group."""
    start, members = group[0], set(group)
    previous, frontier = {start: None}, [start]
    while frontier:
        node = frontier.pop(0)
        for other in sorted(edges.get(node, ())):
            if other == start:
                path = [node]
                while previous[path[-1]] is not None:
                    path.append(previous[path[-1]])
                return list(reversed(path)) + [start]
            if other in members and other not in previous:
                previous[other] = node
                frontier.append(other)
    return group


def self_test(repository):
    """Plants faults in copies of the tree; each must be reported with its exact message."""
    cases = [
        ("src/stackpick/util/text.cpp", '#include "stackpick/cli/cli.hpp"\n',
         "src/stackpick/util/text.cpp:1: the util layer includes stackpick/cli/cli.hpp from the "
         "cli layer above it"),
        ("include/stackpick/engine/engine.hpp", '#include "stackpick/report/report.hpp"\n',
         "include/stackpick/engine/engine.hpp:1: the engine layer includes "
         "stackpick/report/report.hpp from the report layer above it"),
        ("src/stackpick/logic/eval.cpp", '#include "stackpick/knowledge/rule.hpp"\n',
         "src/stackpick/logic/eval.cpp:1: the logic layer includes stackpick/knowledge/rule.hpp "
         "from the knowledge layer above it"),
        ("src/stackpick/util/diagnostics.cpp", '#include "stackpick/util/text.hpp"\n'
         '#include "stackpick/util/suggest.hpp"\n', None),
    ]
    failures = 0
    for path, planted, expected in cases:
        with tempfile.TemporaryDirectory() as copy:
            for top in ("src", "include"):
                shutil.copytree(os.path.join(repository, top), os.path.join(copy, top))
            target = os.path.join(copy, path)
            with open(target, encoding="utf-8") as f:
                text = f.read()
            with open(target, "w", encoding="utf-8") as f:
                f.write(planted + text)
            if expected is None:
                # A cycle: text.cpp now includes diagnostics.hpp, diagnostics.cpp includes text.hpp.
                text_cpp = os.path.join(copy, "src/stackpick/util/text.cpp")
                with open(text_cpp, encoding="utf-8") as f:
                    body = f.read()
                with open(text_cpp, "w", encoding="utf-8") as f:
                    f.write('#include "stackpick/util/diagnostics.hpp"\n' + body)
                expected = "include cycle: util/diagnostics -> util/text -> util/diagnostics"
            run = subprocess.run([sys.executable, __file__, copy], capture_output=True, text=True)
            caught = run.returncode == 1 and expected in run.stderr.splitlines()
            print(f"{'ok' if caught else 'NOT CAUGHT'}: {path}: {expected}")
            if not caught:
                print(f"  exit {run.returncode}, stderr:\n{run.stderr}", file=sys.stderr)
                failures += 1
    clean = subprocess.run([sys.executable, __file__, repository], capture_output=True, text=True)
    if clean.returncode != 0:
        print("the repository itself fails the check:\n" + clean.stderr, file=sys.stderr)
        failures += 1
    return 1 if failures else 0


def main(argv):
    repository = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    if argv[1:] == ["--self-test"]:
        return self_test(repository)
    root = argv[1] if len(argv) > 1 else repository
    problems = problems_in(root)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"{len(problems)} problem(s): see ARCHITECTURE.md for the layers", file=sys.stderr)
        return 1
    print("includes follow the layers util <- logic <- knowledge <- engine <- report <- cli "
          "<- main.cpp; no include cycle")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
