"""Another revision of stackpick built beside this tree, so that a benchmark can measure both in
one run: bench/run.py --baseline REV and bench/compare_revisions.py REV."""

import os
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def short_commit(revision):
    """The abbreviated commit a revision names; raises CalledProcessError when it names none."""
    return subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "--verify",
                           f"{revision}^{{commit}}"], check=True, capture_output=True,
                          text=True).stdout.strip()


def add_worktree(commit, directory):
    """Checks the commit out (detached) into directory, a git worktree of this repository."""
    if (Path(directory) / "src").is_dir():
        return  # checked out by an earlier run
    subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "--force",
                    str(directory), commit], check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)


def remove_worktree(directory):
    subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(directory)],
                   check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def build_release(source, build_dir, targets, quiet=True):
    """Configures and builds a Release tree without tests (warnings are errors, as in CI)."""
    output = subprocess.DEVNULL if quiet else None
    subprocess.run(["cmake", "-S", str(source), "-B", str(build_dir),
                    "-DCMAKE_BUILD_TYPE=Release", "-DBUILD_TESTING=OFF",
                    "-DSTACKPICK_WERROR=ON"], check=True, stdout=output)
    subprocess.run(["cmake", "--build", str(build_dir), "-j", str(os.cpu_count() or 2),
                    "--target"] + list(targets), check=True, stdout=output)
