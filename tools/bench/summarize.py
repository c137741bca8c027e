#!/usr/bin/env python3
"""Markdown tables for BENCHMARKS.md from bench-decode JSON outputs (--benchmark_format=json).

usage: summarize.py RUN.json... [--compare OTHER.json... --labels A,B]
Every repetition of every file is one sample; figures are medians over all samples, with the
min-max range of MB/s. Ratios are ours / competitor on median throughput (higher is better)."""
import json
import statistics
import sys
from collections import defaultdict

IMPLS = ["simdjson_dom", "ours", "nlohmann", "rapidjson_parse", "rapidjson_insitu"]
# (competitor, target) per corpus; the issue states them for the real CDN and balldontlie box scores.
TARGETS = {
    "cdn": [("simdjson_dom", 0.85), ("nlohmann", 15), ("rapidjson_parse", 3), ("rapidjson_insitu", 2)],
    "bdl": [("simdjson_dom", 0.6), ("nlohmann", 15), ("rapidjson_parse", 3), ("rapidjson_insitu", 2)],
}


def load(paths):
    samples = defaultdict(lambda: {"mbps": [], "bsps": [], "docs": []})
    for path in paths:
        for b in json.load(open(path))["benchmarks"]:
            if b.get("run_type") != "iteration" or b.get("error_occurred"):
                continue
            s = samples[b["run_name"]]
            s["mbps"].append(b["bytes_per_second"] / 1e6)
            s["bsps"].append(b["box_scores/s"])
    return samples


def corpora(samples):
    seen = []
    for name in samples:
        corpus = name.split("/")[0]
        if corpus not in seen:
            seen.append(corpus)
    return seen


def med(samples, corpus, impl, key="mbps"):
    xs = samples.get(f"{corpus}/{impl}", {}).get(key, [])
    return statistics.median(xs) if xs else None


def tables(samples):
    out = []
    for corpus in corpora(samples):
        out.append(f"\n**{corpus}**\n")
        out.append("| decoder | MB/s (median) | MB/s min–max | box scores/s | samples | ours × |")
        out.append("|---|---:|---:|---:|---:|---:|")
        ours = med(samples, corpus, "ours")
        for impl in IMPLS:
            s = samples.get(f"{corpus}/{impl}")
            if not s:
                continue
            m = statistics.median(s["mbps"])
            ratio = "" if impl == "ours" else f"{ours / m:.2f}"
            out.append(f"| {impl} | {m:.0f} | {min(s['mbps']):.0f}–{max(s['mbps']):.0f} | "
                       f"{statistics.median(s['bsps']):,.0f} | {len(s['mbps'])} | {ratio} |")
    return out


def targets(samples):
    out = ["| corpus | vs | ours × | target | |", "|---|---|---:|---:|---|"]
    for corpus in corpora(samples):
        family = "cdn" if corpus.startswith("cdn") else "bdl"
        ours = med(samples, corpus, "ours")
        for impl, target in TARGETS[family]:
            other = med(samples, corpus, impl)
            if ours is None or other is None:
                continue
            r = ours / other
            out.append(f"| {corpus} | {impl} | {r:.2f} | {target} | {'met' if r >= target else 'missed'} |")
    return out


def compare(a, b, labels):
    out = [f"| benchmark | {labels[0]} MB/s | {labels[1]} MB/s | {labels[1]} / {labels[0]} |", "|---|---:|---:|---:|"]
    for name in a:
        if name in b:
            x, y = statistics.median(a[name]["mbps"]), statistics.median(b[name]["mbps"])
            out.append(f"| {name} | {x:.0f} | {y:.0f} | {y / x:.2f} |")
    return out


def main(argv):
    if "--compare" in argv:
        i = argv.index("--compare")
        j = argv.index("--labels")
        labels = argv[j + 1].split(",")
        print("\n".join(compare(load(argv[:i]), load(argv[i + 1:j]), labels)))
        return
    samples = load(argv)
    print("\n".join(tables(samples)))
    print()
    print("\n".join(targets(samples)))


if __name__ == "__main__":
    main(sys.argv[1:])
