#!/usr/bin/env python3
"""The HTML report (--format html) is one valid, self-contained page that escapes its data.

Usage: html_report_test.py STACKPICK DATA_DIR

For the recommendation (a hybrid, a tie, a pick with estimates), `estimate` and `diff`:
  - parses as HTML5 without a single parse error (html5lib in strict mode);
  - has no <script>, nothing loaded from anywhere (no src, srcset, <link>, url(), @import;
    <a href> links are fine), and every <svg> has a <title> and a <desc>;
and with a knowledge base whose texts hold markup (a fourth stack too), that markup comes out as
text: in the page's text, never as elements.

html5lib is Debian's python3-html5lib: when the python3 running this lacks it, the test runs
itself again with /usr/bin/python3; without it anywhere the test is skipped (exit 77).
"""
import json
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile

SKIP = 77
TOP = pathlib.Path(__file__).resolve().parent.parent
HOSTILE = '<script>alert("x")</script> & <img src=http://evil.example/x.png>'

try:
    import html5lib
except ImportError:
    if sys.executable != "/usr/bin/python3" and os.path.exists("/usr/bin/python3"):
        os.execv("/usr/bin/python3", ["/usr/bin/python3", __file__] + sys.argv[1:])
    print("html_report_test: skipped: html5lib is not installed (apt-get install python3-html5lib)")
    sys.exit(SKIP)

SVG = "{http://www.w3.org/2000/svg}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def run(binary, arguments, data_dir=None):
    command = [binary] + (["--data-dir", str(data_dir)] if data_dir else []) + arguments
    result = subprocess.run(command, cwd=TOP, capture_output=True, timeout=60,
                            env={"NO_COLOR": "1", "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"})
    if result.returncode != 0:
        sys.exit(f"FAIL: stackpick {' '.join(arguments)}: exit {result.returncode}: "
                 f"{result.stderr.decode('utf-8', 'replace')}")
    return result.stdout.decode("utf-8")


def problems_in(page):
    """Every way the page is not a valid, self-contained page."""
    parser = html5lib.HTMLParser(strict=False, namespaceHTMLElements=True)
    document = parser.parse(page)
    problems = [f"parse error at {position}: {code} {data}" for position, code, data in parser.errors]
    try:
        html5lib.HTMLParser(strict=True).parse(page)
    except Exception as error:  # html5lib raises ParseError at the first error in strict mode
        problems.append(f"strict parse failed: {error}")
    for element in document.iter():
        tag = element.tag if isinstance(element.tag, str) else ""
        name = tag.split("}")[-1]
        if name in ("script", "link", "iframe", "object", "embed", "img", "image", "use", "base"):
            problems.append(f"<{name}> element")
        for attribute, value in element.attrib.items():
            bare = attribute.split("}")[-1]
            if bare in ("src", "srcset", "data", "poster", "action", "formaction"):
                problems.append(f"{bare}= on <{name}>")
            if bare == "href" and name != "a":
                problems.append(f"href= on <{name}>")
            if bare.startswith("on"):
                problems.append(f"event handler {bare}= on <{name}>")
            if "url(" in value or "@import" in value:
                problems.append(f"url() or @import in {bare}= on <{name}>")
        if name == "style" and ("url(" in (element.text or "") or "@import" in (element.text or "")):
            problems.append("url() or @import in <style>")
        if name == "svg":
            children = [child.tag for child in element]
            if f"{SVG}title" not in children or f"{SVG}desc" not in children:
                problems.append(f"an <svg> without <title> and <desc> (id {element.get('aria-labelledby')})")
    if "<script" in page.lower():
        problems.append("the text '<script' in the markup")
    return problems, document


def text_of(document):
    return " ".join("".join(element.itertext()) for element in document.iter(f"{XHTML}main"))


def hostile_data(data_dir, into):
    """data/ with markup in a source's title, a rule's reason, a question's choice, and a
    fourth stack whose name and description hold markup."""
    shutil.copytree(data_dir, into)
    def edit(name, change):
        path = into / name
        document = json.loads(path.read_text(encoding="utf-8"))
        change(document)
        path.write_text(json.dumps(document, indent=2, ensure_ascii=False), encoding="utf-8")
    def sources(document):
        document["sources"][0]["title"] += " " + HOSTILE
        document["sources"][0]["interest"] = "sells <style>@import url(http://evil.example/)</style>"
    def rules(document):
        document["rules"][0]["reason"] += " " + HOSTILE
    def questions(document):
        for question in document["questions"]:
            if question["id"] == "product":
                question["choices"][0]["description"] += " " + HOSTILE
    def stacks(document):
        document["stacks"].append({"id": "go", "name": "Go <b>bold</b>",
                                   "description": "A fourth stack " + HOSTILE})
    edit("sources.json", sources)
    edit("rules.json", rules)
    edit("questions.json", questions)
    edit("knowledge_base.json", stacks)


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    binary, data_dir = sys.argv[1], pathlib.Path(sys.argv[2])
    fixtures = TOP / "tests" / "fixtures" / "answers"
    cases = {
        "hybrid": ["--realtime", "--ml", "--format", "html"],
        "tie": ["--product", "content", "--format", "html"],
        "estimates": ["--product", "api", "--team-size", "2", "--months", "3", "--rate", "100",
                      "--concurrent-users", "50000", "--format", "html"],
        "estimate": ["estimate", "--product", "saas", "--team-size", "4", "--months", "6",
                     "--format", "html"],
        "diff": ["diff", str(fixtures / "realtime.json"), str(fixtures / "realtime-ml.json"),
                 "--format", "html"],
    }
    failures = 0
    for name, arguments in cases.items():
        problems, _ = problems_in(run(binary, arguments))
        for problem in problems:
            print(f"FAIL: {name}: {problem}")
        failures += len(problems)

    with tempfile.TemporaryDirectory() as temporary:
        hostile = pathlib.Path(temporary) / "data"
        hostile_data(data_dir, hostile)
        for name, arguments in {"hostile": ["--realtime", "--product", "saas", "--format", "html"],
                                "hostile estimate": ["estimate", "--product", "saas", "--team-size", "2",
                                                     "--months", "3", "--format", "html"]}.items():
            page = run(binary, arguments, hostile)
            problems, document = problems_in(page)
            text = text_of(document)
            if HOSTILE not in text:
                problems.append("the hostile text does not come out as text")
            if name == "hostile" and "Go <b>bold</b>" not in text:
                problems.append("the fourth stack's name does not come out as text")
            for problem in problems:
                print(f"FAIL: {name}: {problem}")
            failures += len(problems)
    if failures:
        return 1
    print(f"html_report_test: {len(cases) + 2} pages valid, self-contained and escaped")
    return 0


if __name__ == "__main__":
    sys.exit(main())
