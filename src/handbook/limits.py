"""The loader's limits, in a module of their own: the configuration reads them without loading
the YAML machinery (``handbook --version`` and ``--help`` import no more than they need)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    """Loader limits (the threat model in README.md explains each default)."""

    max_bytes: int = 5 * 1024 * 1024
    max_line_length: int = 10_000
    max_depth: int = 64
    # keys and items in one file; a file just under it still loads in about 1.5 s and
    # 100 MB (benchmarks/dense_bench.py), and the count is taken while parsing
    max_nodes: int = 200_000
