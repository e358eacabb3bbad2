#!/usr/bin/env python3
"""Checks every refusal of a replay (bench/replay-history.sh's OUT_DIR) with Prisma's own CLI, the truth for a verdict.

For each refused commit, per error code:
  DH100 (schema unreadable)         right when Prisma's `validate` rejects the commit's schema;
  DH101, DH115 (schema vs migrations) right when `migrate diff --from-migrations <the commit's migrations>
                                    --to-schema-datamodel <its schema> --exit-code` exits 2 (they do not produce it);
                                    the same is asked at the parent, to tell a new difference from an inherited one;
                                    a schema Prisma rejects there (P1012), or a migration the commit adds that Prisma
                                    cannot apply on an empty database (P3006), makes the refusal right too;
  DH102-DH114 (a committed migration edited, deleted, renamed, out of order, conflicted…) are integrity rules, right by
                                    design whatever the differ says: counted, not asked;
  anything else (an exit without an error finding, an unknown code) is counted as wrong.
Usage: replay-verify.py OUT_DIR ORACLE_DIR PGPORT   (PGPASSWORD set; the server at 127.0.0.1:PGPORT, user postgres)
REPLAY_VERIFY_PARENT=0 skips the question at the parent (half the time on a long history).
Writes OUT_DIR/verified.tsv (commit, code, verdict, detail) and prints the figures.
"""
import collections
import fcntl
import os
import re
import subprocess
import sys
import tempfile

ORACLE_CODES = {"DH100", "DH101", "DH115"}
PROVIDER_URLS = {
    "sqlite": "file:./dev.db", "mysql": "mysql://user:pw@localhost:3306/db", "mongodb": "mongodb://localhost:27017/db",
    "sqlserver": "sqlserver://localhost:1433;database=db;user=sa;password=pw;encrypt=true",
}


def run(args, **kw):
    return subprocess.run(args, capture_output=True, text=True, **kw)


class Oracle:
    def __init__(self, folder, port):
        self.prisma = os.path.join(folder, "prisma.sh")
        self.port = port
        self.count = 0

    def _database(self):
        self.count += 1
        name = f"replay_verify_{os.getpid()}_{self.count}"
        psql = ["psql", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "-d", "postgres", "-qc"]
        run(psql + [f'DROP DATABASE IF EXISTS "{name}"'])
        made = run(psql + [f'CREATE DATABASE "{name}"'])
        if made.returncode != 0:
            sys.exit(f"replay-verify: cannot create a database: {made.stderr.strip()}")
        return name, psql

    def __call__(self, schema, migrations, *args):
        """Runs Prisma on a fresh, empty database (from-migrations replays into it); returns (exit code, output)."""
        name, psql = self._database()
        url = f"postgresql://postgres:{os.environ['PGPASSWORD']}@127.0.0.1:{self.port}/{name}"
        env = dict(os.environ, ORACLE_DATABASE_URL=url, ORACLE_SCHEMA=schema, ORACLE_MIGRATIONS=migrations)
        text = "".join(open(f, encoding="utf-8", errors="replace").read() for f in prisma_files(schema))
        provider = (re.search(r'provider\s*=\s*"(postgresql|postgres|mysql|sqlite|mongodb|sqlserver|cockroachdb)"', text) or [None, "postgresql"])[1]
        for variable in set(re.findall(r'env\("([A-Za-z_][A-Za-z0-9_]*)"\)', text)):
            env[variable] = PROVIDER_URLS.get(provider, url)
        # One Prisma call at a time on this machine: the tests and the corpus's record.sh take the same lock.
        lock = open(os.path.join(os.environ.get("TMPDIR", "/tmp"), "drifthooks-prisma-oracle.lock"), "a")
        try:
            fcntl.flock(lock, fcntl.LOCK_EX)
            result = run([self.prisma, *args], env=env, timeout=1800)
            return result.returncode, result.stdout + result.stderr
        except subprocess.TimeoutExpired:
            return 124, "timed out after 30 minutes"
        finally:
            lock.close()
            run(psql + [f'DROP DATABASE IF EXISTS "{name}"'])


def prisma_files(schema):
    if os.path.isdir(schema):
        return [os.path.join(d, f) for d, _, fs in os.walk(schema) for f in fs if f.endswith(".prisma")]
    return [schema]


def with_url(schema, scratch):
    """A copy of the schema whose datasource has a url (Prisma 7 schemas have none): it changes no table."""
    target = os.path.join(scratch, "with-url")
    run(["rm", "-rf", target])
    if os.path.isdir(schema):
        run(["cp", "-r", schema, target])
    else:
        os.makedirs(target)
        target = os.path.join(target, os.path.basename(schema))
        run(["cp", schema, target])
    for file in prisma_files(target):
        text = open(file, encoding="utf-8", errors="replace").read()
        block = re.search(r"^\s*datasource\s+\w+\s*\{[^}]*\}", text, re.M)
        if block and not re.search(r"^\s*url\s*=", block.group(0), re.M):
            text = text[: block.end() - 1] + '  url = env("DATABASE_URL")\n}' + text[block.end():]
            open(file, "w", encoding="utf-8").write(text)
    return target


def project_of(repo, commit, path):
    """(schema path, migrations folder) of the Prisma project a finding's path is in, at the commit; None when unclear."""
    locks = run(["git", "-C", repo, "ls-tree", "-r", "--name-only", commit]).stdout.split("\n")
    folders = [os.path.dirname(f) for f in locks if f.endswith("migration_lock.toml")]
    names = set(locks)
    candidates = sorted((f for f in folders if path.startswith(f + "/") or os.path.dirname(f) == os.path.dirname(path)
                         or path.startswith(os.path.dirname(f) + "/")), key=len, reverse=True)
    for migrations in candidates:
        parent = os.path.dirname(migrations)
        join = (lambda *p: "/".join(x for x in p if x))
        if join(parent, "schema.prisma") in names:
            return join(parent, "schema.prisma"), migrations
        folder = join(parent, "schema")
        if any(n.startswith(folder + "/") and n.endswith(".prisma") for n in names):
            return folder, migrations
        loose = [n for n in names if os.path.dirname(n) == parent and n.endswith(".prisma")]
        if loose:
            return (loose[0] if len(loose) == 1 else parent), migrations
    return None


def export(repo, commit, paths, into):
    os.makedirs(into, exist_ok=True)
    archive = subprocess.Popen(["git", "-C", repo, "archive", commit, "--", *paths], stdout=subprocess.PIPE)
    subprocess.run(["tar", "-x", "-C", into], stdin=archive.stdout, check=True)
    archive.wait()


def from_migrations(oracle, repo, commit, project, scratch):
    schema, migrations = project
    tree = os.path.join(scratch, commit[:12])
    if not os.path.isdir(tree):
        export(repo, commit, [schema, migrations], tree)
    if not os.path.exists(os.path.join(tree, schema)):
        return None, "no schema at this commit"
    target = with_url(os.path.join(tree, schema), scratch)
    code, output = oracle(target, os.path.join(tree, migrations), "migrate", "diff", "--from-migrations",
                          os.path.join(tree, migrations), "--to-schema-datamodel", target, "--script", "--exit-code")
    return code, output


def main():
    out, oracle_dir, port = sys.argv[1], sys.argv[2], int(sys.argv[3])
    repo = os.path.join(out, "repo")
    oracle = Oracle(oracle_dir, port)
    figures = collections.Counter()
    rows = []
    with open(os.path.join(out, "results.tsv")) as table:
        refused = [line.rstrip("\n").split("\t") for line in table if line.split("\t")[1] != "0"]
    for commit, _, codes, *_ in refused:
        log = open(os.path.join(out, "log", commit[:12] + ".txt"), encoding="utf-8", errors="replace").read()
        parent = log.split("parents: ", 1)[1].split()[0]
        errors = list(dict.fromkeys((code, at) for code, at in re.findall(r"^error (DH\d+):[^\n]*(?:\n  at: +([^\n]+))?", log, re.M))) or [("none", "")]
        with tempfile.TemporaryDirectory() as scratch:
            for code, at in errors:
                if code == "none" or not re.fullmatch(r"DH1\d\d", code):
                    verdict, detail = "wrong", "refused without an error finding of the commit rules"
                elif code not in ORACLE_CODES:
                    verdict, detail = "by design", "an integrity rule (committed migrations)"
                else:
                    project = project_of(repo, commit, at.strip())
                    if project is None:
                        verdict, detail = "unchecked", f"no Prisma project found for {at}"
                    elif code == "DH100":
                        tree = os.path.join(scratch, "validate")
                        export(repo, commit, [project[0]], tree)
                        valid, output = oracle(with_url(os.path.join(tree, project[0]), scratch), tree, "validate")
                        verdict = "right" if valid != 0 else "wrong"
                        detail = "Prisma validate rejects it" if valid != 0 else "Prisma validate accepts it"
                    else:
                        at_commit, output = from_migrations(oracle, repo, commit, project, scratch)
                        at_parent, parent_output = (from_migrations(oracle, repo, parent, project, scratch)
                                                    if os.environ.get("REPLAY_VERIFY_PARENT") != "0" else ("not asked", ""))
                        if at_commit == 2:
                            verdict = "right"
                            script = lambda o: "\n".join(l for l in o.splitlines() if l and not l.startswith(("--", "Loaded", "Prisma", "warn")))
                            detail = "from-migrations exit 2 at the commit, " + (
                                f"{at_parent} at the parent" if at_parent != 2 or script(output) != script(parent_output)
                                else "2 at the parent with the same SQL (inherited)")
                        elif at_commit == 0:
                            verdict, detail = "wrong", f"from-migrations exit 0 at the commit ({at_parent} at the parent)"
                        elif "P1012" in (output or ""):
                            verdict, detail = "right", "Prisma rejects the commit's schema (P1012)"
                        elif failed := re.search(r"Migration `([^`]+)` failed to apply", output or ""):
                            added = run(["git", "-C", repo, "cat-file", "-e", f"{parent}:{project[1]}/{failed[1]}/migration.sql"]).returncode != 0
                            verdict = "right" if added else "unchecked"
                            detail = f"Prisma cannot apply {'the' if added else 'the committed'} migration {failed[1]} {'the commit adds ' if added else ''}on an empty database (P3006)"
                        else:
                            verdict, detail = "unchecked", f"Prisma exit {at_commit}: {(output or '').strip().splitlines()[-1:]}"
                figures[(code, verdict)] += 1
                rows.append((commit, code, verdict, detail))
                print(f"{commit[:12]} {code} {verdict}: {detail}", flush=True)
    with open(os.path.join(out, "verified.tsv"), "w") as f:
        f.writelines("\t".join(row) + "\n" for row in rows)
    commits = collections.Counter()
    for commit in {r[0] for r in rows}:
        verdicts = {r[2] for r in rows if r[0] == commit}
        commits["wrong" if "wrong" in verdicts else "unchecked" if "unchecked" in verdicts else "right"] += 1
    print(f"refused commits: {len(refused)}; rightly {commits['right']}, wrongly {commits['wrong']}, unchecked {commits['unchecked']}")
    for (code, verdict), count in sorted(figures.items()):
        print(f"  {code} {verdict}: {count}")
    return 1 if commits["wrong"] else 0


if __name__ == "__main__":
    sys.exit(main())
