#!/usr/bin/env python3
"""`check --json` output, byte for byte, against what is stored in testdata/expected.

Run from the repository root (it builds the `check` example first, so that a stale binary is
never compared: `cargo build -p report-cli` does not rebuild examples):

    python3 .ci/expected.py            # compare; exit 1 on any difference
    python3 .ci/expected.py --update   # store the current output (review the diff!)

Inputs: every text case under testdata, the bundled sample, the seeds and the corpus in
../shared, and each of those with its line breaks made spaces (text as crawlers flatten it).
Output for the repository's own files and the seeds is stored whole (check.jsonl); output for
the corpus, which may not be copied into the repository, is stored as one SHA-256 per file
(corpus.sha256). Speed work must leave both unchanged.
"""
import glob
import hashlib
import os
import subprocess
import sys

CHECK = "target/release/examples/check"
STORE = "testdata/expected"
FLAT = "target/expected-inputs"


def inputs():
    own = sorted(
        glob.glob("testdata/parse/*/input.txt")
        + glob.glob("testdata/hostile/*.txt")
        + glob.glob("testdata/pdf/*/*.txt")
        + glob.glob("examples/data/*.txt")
        + glob.glob("../shared/seeds/*")
    )
    corpus = sorted(
        p for p in glob.glob("../shared/corpus/*/*") if p.endswith((".txt", ".html"))
    )
    return own, corpus


def flattened(paths, tag):
    """Each file with its line breaks made spaces, written under target/."""
    out = []
    os.makedirs(FLAT, exist_ok=True)
    for i, path in enumerate(paths):
        with open(path, "rb") as f:
            data = f.read()
        name = f"{FLAT}/{tag}-{i:03}-{os.path.basename(path)}"
        with open(name, "wb") as f:
            f.write(data.replace(b"\r\n", b" ").replace(b"\n", b" "))
        out.append(name)
    return out


def run(paths):
    """One JSON line per path, in order."""
    if not paths:
        return []
    done = subprocess.run([CHECK, "--json", *paths], capture_output=True)
    # 2 is a legitimate answer here (a pre-2019 report is refused); a crash is not
    if done.returncode not in (0, 1, 2):
        sys.exit(f"check exited {done.returncode}: {done.stderr.decode(errors='replace')}")
    lines = done.stdout.decode().splitlines()
    if len(lines) != len(paths):
        sys.exit(f"check printed {len(lines)} lines for {len(paths)} files")
    return lines


def main():
    update = "--update" in sys.argv[1:]
    subprocess.run(
        ["cargo", "build", "--locked", "--quiet", "--release", "--example", "check"], check=True
    )
    own, corpus = inputs()
    own = own + flattened(own, "own")
    corpus = corpus + flattened(corpus, "corpus")
    own_lines = run(own)
    corpus_lines = [
        f"{hashlib.sha256(line.encode()).hexdigest()}  {path}"
        for path, line in zip(corpus, run(corpus))
    ]
    stored = {
        "check.jsonl": "\n".join(own_lines) + "\n",
        "corpus.sha256": "\n".join(corpus_lines) + "\n",
    }
    if update:
        for name, text in stored.items():
            with open(f"{STORE}/{name}", "w", encoding="utf-8") as f:
                f.write(text)
        print(f"stored {len(own_lines)} outputs and {len(corpus_lines)} corpus hashes")
        return
    bad = 0
    for name, text in stored.items():
        path = f"{STORE}/{name}"
        try:
            with open(path, encoding="utf-8") as f:
                want = f.read()
        except FileNotFoundError:
            if name == "corpus.sha256" and not corpus:
                continue
            sys.exit(f"{path} missing: run with --update")
        if name == "corpus.sha256" and not corpus:
            print("../shared/corpus not found: corpus outputs not compared")
            continue
        if want == text:
            continue
        want_lines, got_lines = want.splitlines(), text.splitlines()
        for i in range(max(len(want_lines), len(got_lines))):
            w = want_lines[i] if i < len(want_lines) else "<none>"
            g = got_lines[i] if i < len(got_lines) else "<none>"
            if w != g:
                bad += 1
                print(f"{name} line {i + 1} differs:\n  stored: {w[:400]}\n  now:    {g[:400]}")
    total = len(own_lines) + len(corpus_lines)
    if bad:
        sys.exit(f"{bad} of {total} outputs differ from {STORE}")
    print(f"{total} outputs byte-identical to {STORE}")


if __name__ == "__main__":
    main()
