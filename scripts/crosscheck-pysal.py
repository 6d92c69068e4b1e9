#!/usr/bin/env python3
"""Rook and queen contiguity of a GeoJSON file with PySAL (libpysal), as the reference oracle for
Lianpian's buildAdjacency. Prints one JSON object on stdout:
  {"features": n, "rook": [[i, j], ...], "queen": [[i, j], ...], "rookSeconds": s, "queenSeconds": s}
with i < j the 0-based feature positions. Only the graph builds are timed (not reading the file).

Usage: python3 scripts/crosscheck-pysal.py FILE.geojson [rook|queen|both]
Needs: apt-get install -y python3-libpysal python3-geopandas
"""
import json
import sys
import time
import warnings

warnings.filterwarnings("ignore")

import geopandas  # noqa: E402
from libpysal.weights import Queen, Rook  # noqa: E402


def pairs(weights):
    out = []
    for i, neighbours in weights.neighbors.items():
        for j in neighbours:
            if i < j:
                out.append([int(i), int(j)])
    out.sort()
    return out


def main():
    path = sys.argv[1]
    which = sys.argv[2] if len(sys.argv) > 2 else "both"
    frame = geopandas.read_file(path).reset_index(drop=True)
    ids = list(range(len(frame)))
    result = {"features": len(frame)}
    if which in ("rook", "both"):
        start = time.perf_counter()
        rook = Rook.from_dataframe(frame, ids=ids, silence_warnings=True)
        result["rookSeconds"] = time.perf_counter() - start
        result["rook"] = pairs(rook)
    if which in ("queen", "both"):
        start = time.perf_counter()
        queen = Queen.from_dataframe(frame, ids=ids, silence_warnings=True)
        result["queenSeconds"] = time.perf_counter() - start
        result["queen"] = pairs(queen)
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()
