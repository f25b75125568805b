#!/usr/bin/env python3
"""Generates a deterministic Markdown corpus for scripts/bench from a real one.

    gen_corpus.py SOURCE_DIR OUT_DIR --pages N [--seed S] [--per-folder 100]

Reads every *.md under SOURCE_DIR (the gemma-zaken docs), splits the pages into blocks
(headings, lists, tables, code, paragraphs) and sentences, and writes N new pages composed of
that text into OUT_DIR/<topic>/<folder>/<file>.md, 100 per folder. Page lengths are sampled
from the real distribution; every page has front matter (title, date, sometimes kind and
topics), some [[wiki links]] to other generated titles and some relative links to other
generated files. The same SOURCE_DIR, N and seed always give the same bytes.

Writes OUT_DIR/manifest.tsv (slug, bytes, title per page) and prints on stdout the slug of a
mid-sized page, the one the benchmark views.

Python 3 standard library only.
"""
import argparse
import os
import random
import re
import sys
import time

FRONT_RE = re.compile(r"\A---\s*\n.*?\n---\s*\n", re.S)
WORD_RE = re.compile(r"[A-Za-zÀ-ÿ][A-Za-zÀ-ÿ'-]{2,}")
SENT_RE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
SLUG_RE = re.compile(r"[^a-z0-9]+")

# Folder names of the generated corpus: the first one is also the page's first topic.
TOPIC_FOLDERS = ["archief", "architectuur", "beheer", "community", "doorontwikkeling",
                 "introductie", "standaard", "themas", "ontwikkelaars", "bijeenkomsten"]
EXTRA_TOPICS = ["Zaakgericht werken", "Documentbeheer", "Archivering", "Notificaties",
                "Autorisatie", "Besluiten", "Catalogi", "Klantinteractie", "Privacy",
                "Informatiebeveiliging", "API-standaarden", "Open source", "Common Ground",
                "Architectuur", "Testen", "Releasebeheer", "Mid-office", "Datamodel",
                "Selectielijst", "Procesautomatisering"]
KINDS = [("", 70), ("minutes", 12), ("presentation", 12), ("best-practice", 6)]


def slugify(text):
    return SLUG_RE.sub("-", text.lower()).strip("-")[:60].strip("-")


def read_source(src):
    """Blocks, sentences, title phrases and body lengths of the real pages."""
    blocks, sentences, titles, lengths = [], [], [], []
    paths = []
    for root, dirs, files in os.walk(src):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        paths += [os.path.join(root, f) for f in sorted(files) if f.lower().endswith(".md")]
    for path in sorted(paths):
        try:
            with open(path, encoding="utf-8") as f:
                text = f.read()
        except (OSError, UnicodeDecodeError):
            continue
        m = FRONT_RE.match(text)
        if m:
            for line in m.group(0).splitlines():
                if line.startswith("title:"):
                    t = line[6:].strip().strip("'\"")
                    if t:
                        titles.append(t)
            text = text[m.end():]
        lengths.append(len(text.encode("utf-8")))
        # Blocks: split on blank lines, but keep fenced code together.
        parts, cur, fenced = [], [], False
        for line in text.splitlines():
            if line.strip().startswith("```"):
                fenced = not fenced
            if not fenced and not line.strip():
                if cur:
                    parts.append("\n".join(cur))
                    cur = []
            else:
                cur.append(line)
        if cur:
            parts.append("\n".join(cur))
        for p in parts:
            # Drop the real links (they point into the real corpus) and HTML/image lines.
            p = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", p)
            p = re.sub(r"\[\]\([^)]*\)", "", p)  # what is left of a linked image
            p = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", p)
            p = re.sub(r"(?m)^\s*\[[^\]]+\]:\s+\S+.*$", "", p)  # reference definitions
            p = re.sub(r"\[\[([^\]|]+)(\|[^\]]*)?\]\]", r"\1", p)
            if not p.strip() or p.lstrip().startswith("<"):
                continue
            if p.startswith("#"):
                h = p.lstrip("#").strip()
                if 3 <= len(h) <= 80 and "\n" not in h:
                    titles.append(h)
            blocks.append(p)
            first = p.lstrip()[:1]
            if first.isalpha() and "\n" not in p.strip():
                sentences += [s for s in SENT_RE.split(p) if len(s) > 20]
    if not blocks:
        sys.exit("gen_corpus: no Markdown text under " + src)
    lengths = [n for n in lengths if n > 0] or [1000]
    return blocks, sentences or [b for b in blocks if "\n" not in b], titles or ["Pagina"], lengths


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("source")
    ap.add_argument("out")
    ap.add_argument("--pages", type=int, required=True)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--per-folder", type=int, default=100)
    args = ap.parse_args()

    t0 = time.time()
    blocks, sentences, title_phrases, lengths = read_source(args.source)
    rng = random.Random(args.seed)
    n = args.pages

    # Pass 1: titles and paths of every page, so that links can point anywhere.
    titles, paths, seen = [], [], {}
    for i in range(n):
        base = rng.choice(title_phrases)
        if rng.random() < 0.5:
            base += " " + rng.choice(title_phrases).split(" ")[0].lower()
        base = base[:90]
        k = seen.get(base, 0) + 1
        seen[base] = k
        title = base if k == 1 else f"{base} ({k})"
        folder = i // args.per_folder
        top = TOPIC_FOLDERS[folder % len(TOPIC_FOLDERS)]
        name = f"p{i:06d}-{slugify(base) or 'pagina'}"[:70].rstrip("-")
        titles.append(title)
        paths.append(f"{top}/map-{folder:04d}/{name}.md")

    kinds = [k for k, w in KINDS for _ in range(w)]
    manifest = []
    made_dirs = set()
    for i in range(n):
        # A length from the real distribution, a bit jittered; at least a sentence.
        target = max(80, int(rng.choice(lengths) * rng.uniform(0.8, 1.25)))
        out, size = [], 0
        while size < target:
            r = rng.random()
            if r < 0.55:
                b = rng.choice(blocks)
            else:  # a new paragraph of real sentences
                b = " ".join(rng.choice(sentences) for _ in range(rng.randint(1, 5)))
            if rng.random() < 0.25:  # a wiki link to another generated page
                t = titles[rng.randrange(n)]
                b += f" Zie ook [[{t}]]." if rng.random() < 0.7 else f" Meer in [[{t}|deze pagina]]."
            elif rng.random() < 0.1:  # a relative link to another generated file
                j = rng.randrange(n)
                rel = os.path.relpath(paths[j], os.path.dirname(paths[i]))
                b += f" Lees ook [{titles[j]}]({rel})."
            out.append(b)
            size += len(b.encode("utf-8")) + 2
        if rng.random() < 0.6:
            out.insert(0, "## " + rng.choice(title_phrases))
        y, mo, d = rng.randint(2012, 2024), rng.randint(1, 12), rng.randint(1, 28)
        date = f"{y}-{mo:02d}-{d:02d}" if rng.random() < 0.7 else f"{d}-{mo}-{y}"
        title = titles[i].replace("\\", "\\\\").replace('"', '\\"')
        front = [f'title: "{title}"', f"date: '{date}'"]
        kind = rng.choice(kinds)
        if kind:
            front.append(f"kind: {kind}")
        if rng.random() < 0.5:
            front.append("topics: [" + ", ".join(
                f'"{t}"' for t in rng.sample(EXTRA_TOPICS, rng.randint(1, 3))) + "]")
        text = "---\n" + "\n".join(front) + "\n---\n\n" + "\n\n".join(out) + "\n"
        path = os.path.join(args.out, paths[i])
        d = os.path.dirname(path)
        if d not in made_dirs:
            os.makedirs(d, exist_ok=True)
            made_dirs.add(d)
        data = text.encode("utf-8")
        with open(path, "wb") as f:
            f.write(data)
        manifest.append((paths[i][:-3].replace("/", "-"), len(data), titles[i]))
        if n >= 20000 and (i + 1) % 20000 == 0:
            print(f"  generated {i + 1}/{n} pages ({time.time() - t0:.1f} s)", file=sys.stderr)

    with open(os.path.join(args.out, "manifest.tsv"), "w", encoding="utf-8") as f:
        for slug, size, title in manifest:
            f.write(f"{slug}\t{size}\t{title}\n")
    # The page the benchmark views: the one closest to 4 KB among the first 1000, i.e. near the
    # 60th-70th percentile of the real sizes (most real pages are tiny index pages).
    mid = min(manifest[:1000], key=lambda m: abs(m[1] - 4096))
    total = sum(m[1] for m in manifest)
    print(f"  generated {n} pages, {total / 1e6:.1f} MB, in {time.time() - t0:.1f} s",
          file=sys.stderr)
    print(mid[0])


if __name__ == "__main__":
    main()
