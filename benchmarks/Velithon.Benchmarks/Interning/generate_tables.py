#!/usr/bin/env python3
"""Writes BenchTable256.cs and BenchTable4096.cs: [InternedStrings] tables of JSON-property / header-like names for
InternedStringsBenchmarks. Deterministic (fixed seed), so rerunning it reproduces the committed files.

    python3 benchmarks/Velithon.Benchmarks/Interning/generate_tables.py
"""
import os
import random

PREFIXES = ["", "", "", "x-velithon-", "content-", "user", "order.", "données_", "東京-"]
STEMS = ["id", "name", "created", "updated", "total", "count", "status", "email", "address", "city", "zip", "price",
         "amount", "currency", "tag", "kind", "type", "role", "owner", "size", "éclair", "größe", "αβγ", "naïve"]
SUFFIXES = ["", "At", "Id", "Count", "_v2", "List", "Ref", "🚀"]


def literal(value: str) -> str:
    out = []
    for c in value:
        if c in '\\"':
            out.append("\\" + c)
        elif 0x20 <= ord(c) <= 0x7E:
            out.append(c)
        else:
            data = c.encode("utf-16-le")
            for i in range(0, len(data), 2):
                out.append("\\u%04X" % (data[i] | (data[i + 1] << 8)))
    return '"' + "".join(out) + '"'


def table(size: int, rng: random.Random) -> list:
    seen = set()
    values = []
    while len(values) < size:
        value = rng.choice(PREFIXES) + rng.choice(STEMS) + rng.choice(SUFFIXES) + str(rng.randrange(1000))
        if value not in seen:
            seen.add(value)
            values.append(value)
    return values


def write(size: int) -> None:
    rng = random.Random(size)
    lines = [
        "// Written by generate_tables.py; do not edit by hand.",
        "using Velithon;",
        "",
        "namespace Velithon.Benchmarks.Interning;",
        "",
        "/// <summary>A generated table of " + str(size) + " names for <see cref=\"InternedStringsBenchmarks\"/>.</summary>",
        "[InternedStrings]",
        "internal static partial class BenchTable" + str(size),
        "{",
    ]
    for i, value in enumerate(table(size, rng)):
        lines.append("    public const string K%04d = %s;" % (i, literal(value)))
    lines.append("}")
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "BenchTable%d.cs" % size)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    write(256)
    write(4096)
