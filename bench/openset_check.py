#!/usr/bin/env python3
"""Independent check of `marginlab evaluate`: recomputes its metrics with numpy from the exported embeddings.

    ./marginlab evaluate RUN --export-embeddings emb.csv --json > metrics.json
    python3 bench/openset_check.py emb.csv metrics.json

Written from the definitions (docs/evaluate.md), not from the Java code: a dense cosine matrix, a full
lexicographic sort per query (similarity descending, test-set order on ties) for precision@1 and MAP@R,
and every pair's similarity sorted for TAR@FAR and EER. Exits 1 when any value differs by more than 1e-6.
"""
import json
import sys

import numpy as np


def main(csv_path, json_path, tol=1e-6):
    table = np.genfromtxt(csv_path, delimiter=",", names=True)
    labels = table["label"].astype(np.int64)
    cols = [n for n in table.dtype.names if n.startswith("x")]
    # the CSV holds float32 values in their shortest decimal form: read them back as those exact float32s
    x = np.stack([table[c] for c in cols], axis=1).astype(np.float32).astype(np.float64)
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    n = len(labels)
    sim = x @ x.T

    # precision@1 and MAP@R, leave-one-out; R = other samples of the query's class; R = 0 is no query
    p1, ap = [], []
    order_key = np.arange(n)
    for q in range(n):
        same = labels == labels[q]
        r = int(same.sum()) - 1
        if r == 0:
            continue
        s = sim[q].copy()
        s[q] = -np.inf
        ranked = np.lexsort((order_key, -s))  # by -similarity, then by row
        ranked = ranked[ranked != q][:r]
        rel = (labels[ranked] == labels[q]).astype(np.float64)
        prec = np.cumsum(rel) / np.arange(1, r + 1)
        p1.append(rel[0])
        ap.append(float((prec * rel).sum() / r))
    mine = {"precision_at_1": float(np.mean(p1)), "map_at_r": float(np.mean(ap))}

    iu = np.triu_indices(n, k=1)
    pair_sim = sim[iu]
    genuine = labels[iu[0]] == labels[iu[1]]
    g = np.sort(pair_sim[genuine])
    im = np.sort(pair_sim[~genuine])
    tar = {}
    for e in (1, 2, 3, 4):
        k = len(im) // 10 ** e
        if k < 1:
            tar[f"1e-{e}"] = None
            continue
        v = im[len(im) - 1 - k]  # the (k+1)-th highest impostor similarity
        tar[f"1e-{e}"] = float((g > v).sum() / len(g))
    mine["tar_at_far"] = tar
    # EER = min over thresholds t (accept similarity >= t) of max(FAR, FRR)
    t = np.concatenate([np.unique(pair_sim), [np.inf]])
    far = (len(im) - np.searchsorted(im, t, side="left")) / len(im)
    frr = np.searchsorted(g, t, side="left") / len(g)
    mine["eer"] = float(np.min(np.maximum(far, frr)))
    mine["pairs"] = int(len(pair_sim))
    mine["classes"] = sorted(int(c) for c in np.unique(labels))

    theirs = json.load(open(json_path))
    worst = 0.0
    ok = True
    for key in ("precision_at_1", "map_at_r", "eer"):
        d = abs(mine[key] - theirs[key])
        worst = max(worst, d)
        print(f"{key:16s} numpy {mine[key]:.9f}  marginlab {theirs[key]:.9f}  |diff| {d:.1e}")
        ok &= d <= tol
    for key, v in mine["tar_at_far"].items():
        w = theirs["tar_at_far"][key]
        if v is None or w is None:
            print(f"TAR@FAR={key:5s}  numpy {v}  marginlab {w}")
            ok &= v is None and w is None
            continue
        d = abs(v - w)
        worst = max(worst, d)
        print(f"TAR@FAR={key:5s}  numpy {v:.9f}  marginlab {w:.9f}  |diff| {d:.1e}")
        ok &= d <= tol
    for key in ("pairs", "classes"):
        print(f"{key:16s} numpy {mine[key]}  marginlab {theirs[key]}")
        ok &= mine[key] == theirs[key]
    print(("AGREE" if ok else "DISAGREE") + f" (largest difference {worst:.1e}, tolerance {tol:g})")
    return 0 if ok else 1


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: openset_check.py EMBEDDINGS.csv METRICS.json")
    sys.exit(main(sys.argv[1], sys.argv[2]))
