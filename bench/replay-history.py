#!/usr/bin/env python3
"""Replays a real project's history through the installed pre-commit hook, commit by commit, as each author made it.

For every commit that touches a Prisma folder (oldest first), a scratch repository (objects borrowed from the source
through git's alternates, a sparse working tree of the Prisma folders and package.json files) is put in the state git
is in while it runs the hook for that commit: HEAD at its first parent, the index and working tree at its tree,
MERGE_HEAD at its second parent for a merge, and origin/main where the default branch stood then (the newest commit
of the default branch's first-parent line that the commit contains). The hook's exit code and findings are recorded.
Usage: replay-history.py SOURCE_GIT_DIR HOOK_BIN_DIR OUT_DIR [--branch main] [--limit N] [--from N | --last N] [--only SHA…]
Writes OUT_DIR/results.tsv (commit, exit, codes, milliseconds), OUT_DIR/log/<commit>.txt for each commit with
findings, and prints a summary.
"""
import argparse
import collections
import os
import statistics
import subprocess
import sys
import time

PRISMA_PATHS = [":(glob)**/prisma/**", ":(glob)**/*.prisma"]
SPARSE = ["/**/prisma/", "/prisma/", "package.json", "prisma.config.ts", "*.prisma"]


def git(repo, *args, env=None, check=True):
    result = subprocess.run(["git", "-C", repo, *args], capture_output=True, text=True, env=env)
    if check and result.returncode != 0:
        sys.exit(f"replay: git {' '.join(args)} failed in {repo}: {result.stderr.strip()}")
    return result.stdout


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("source")
    parser.add_argument("bin")
    parser.add_argument("out")
    parser.add_argument("--branch", default=None, help="the default branch of the source (default: its HEAD)")
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--from", dest="start", type=int, default=0)
    parser.add_argument("--last", type=int, default=0, help="only the newest N commits touching a Prisma folder")
    parser.add_argument("--only", nargs="+", default=[], help="only these commits (a prefix each), e.g. to replay a refusal again")
    args = parser.parse_args()
    source = os.path.abspath(args.source)
    args.bin = os.path.abspath(args.bin)
    args.out = os.path.abspath(args.out)
    tip = git(source, "rev-parse", args.branch or "HEAD").strip()
    mainline = git(source, "rev-list", "--first-parent", tip).split()
    mainline_set = set(mainline)
    commits = git(source, "rev-list", "--reverse", "--topo-order", tip, "--", *PRISMA_PATHS).split()
    commits = commits[args.start:]
    if args.last:
        commits = commits[-args.last:]
    if args.only:
        commits = [c for c in commits if c.startswith(tuple(args.only))]
    if args.limit:
        commits = commits[: args.limit]

    repo = os.path.join(args.out, "repo")
    logs = os.path.join(args.out, "log")
    os.makedirs(logs, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(GIT_CONFIG_NOSYSTEM="1", GIT_CONFIG_GLOBAL="/dev/null", NO_COLOR="1")
    subprocess.run(["git", "init", "-q", repo], check=True, env=env)
    objects = git(source, "rev-parse", "--git-path", "objects").strip()
    with open(os.path.join(repo, ".git", "objects", "info", "alternates"), "w") as f:
        f.write(os.path.abspath(os.path.join(source, objects)) + "\n")
    git(repo, "config", "core.sparseCheckout", "true", env=env)
    git(repo, "config", "advice.detachedHead", "false", env=env)
    with open(os.path.join(repo, ".git", "info", "sparse-checkout"), "w") as f:
        f.write("\n".join(SPARSE) + "\n")
    subprocess.run([os.path.join(args.bin, "drifthooks"), "install"], cwd=repo, env=env, check=True, capture_output=True)
    hook = os.path.join(repo, ".git", "hooks", "pre-commit")

    # Where the default branch stood when the commit was made: the newest first-parent commit of the default branch
    # that the commit contains, other than itself (for a commit on that line, its parent).
    def mainline_before(commit):
        listing = subprocess.Popen(["git", "-C", source, "rev-list", "--date-order", commit], stdout=subprocess.PIPE, text=True)
        found = None
        for line in listing.stdout:
            sha = line.strip()
            if sha != commit and sha in mainline_set:
                found = sha
                break
        listing.kill()
        listing.wait()
        return found

    results = []
    started = time.monotonic()
    with open(os.path.join(args.out, "results.tsv"), "w") as table:
        for number, commit in enumerate(commits, 1):
            parents = git(source, "rev-list", "--parents", "-n1", commit).split()[1:]
            if not parents:
                continue  # a root commit is judged against nothing: not a replay of a base
            git(repo, "checkout", "-q", "-f", "--detach", commit, env=env)
            git(repo, "reset", "-q", "--soft", parents[0], env=env)
            merge_head = os.path.join(repo, ".git", "MERGE_HEAD")
            if len(parents) > 1:
                with open(merge_head, "w") as f:
                    f.write("\n".join(parents[1:]) + "\n")
            elif os.path.exists(merge_head):
                os.remove(merge_head)
            # A commit authored before its parent was committed was re-applied onto that parent by a rebase, a cherry-pick
            # or a server-side squash merge, none of which runs pre-commit: its author never committed it on this base.
            # GitHub's merge button (a squash or merge commit, committed by GitHub) runs no hook either.
            authored, committer = git(source, "log", "-1", "--format=%at %ce", commit).split()
            parent_committed = int(git(source, "log", "-1", "--format=%ct", parents[0]).strip())
            replanted = int(authored) < parent_committed or committer == "noreply@github.com"
            stood = mainline_before(commit)
            if stood:
                git(repo, "update-ref", "refs/remotes/origin/main", stood, env=env)
                git(repo, "symbolic-ref", "refs/remotes/origin/HEAD", "refs/remotes/origin/main", env=env)
            t0 = time.monotonic()
            run = subprocess.run([hook], cwd=repo, env=env, capture_output=True, text=True)
            ms = (time.monotonic() - t0) * 1000
            output = run.stdout + run.stderr
            findings = [line.split(":", 1)[0] for line in output.splitlines() if line.startswith(("error DH", "warning DH", "note DH"))]
            codes = ",".join(findings)
            if output.strip():
                with open(os.path.join(logs, commit[:12] + ".txt"), "w") as f:
                    subject = git(source, "log", "-1", "--format=%h %ad %s", "--date=short", commit).strip()
                    f.write(f"{subject}\nparents: {' '.join(parents)}\nexit {run.returncode}\n\n{output}")
            table.write(f"{commit}\t{run.returncode}\t{codes}\t{ms:.0f}\t{'replanted' if replanted else 'authored'}\n")
            table.flush()
            results.append((commit, run.returncode, findings, ms, replanted))
            if run.returncode != 0:
                errors = sorted({f.split()[1] for f in findings if f.startswith("error")})
                how = " (made by a rebase, cherry-pick or GitHub merge: no pre-commit ran)" if replanted else ""
                print(f"refused {commit[:12]} exit {run.returncode}: {' '.join(errors) or output.strip().splitlines()[0]}{how}", flush=True)
            if number % 50 == 0:
                print(f"... {number}/{len(commits)}", file=sys.stderr, flush=True)

    elapsed = time.monotonic() - started
    refused = [r for r in results if r[1] != 0]
    by_code = collections.Counter()
    for _, _, findings, _, _ in results:
        for finding in set(findings):
            by_code[finding] += 1
    replanted = collections.Counter()
    for _, code, findings, _, moved in results:
        if code != 0 and moved:
            for finding in set(findings):
                replanted[finding] += 1
    print(f"replayed {len(results)} commits touching a Prisma folder in {elapsed:.0f} s "
          f"(hook median {statistics.median(r[3] for r in results):.0f} ms); refused: {len(refused)}")
    for finding, count in sorted(by_code.items()):
        print(f"  {finding}: {count} commits ({replanted[finding]} of them made by a rebase, cherry-pick or GitHub merge)")


if __name__ == "__main__":
    main()
