#!/usr/bin/env python3
"""Independent NumPy check of `marginlab loss`: every head's logits and loss re-implemented from the
issue-3 formulas, and NumPy central differences of that loss against the command's autograd gradients.

Run from the repository root:  python3 docs/examples/numpy_reference.py
"""
import json
import math
import subprocess
import tempfile

import numpy as np


def normalise(v):
    return v / np.maximum(np.linalg.norm(v, axis=1, keepdims=True), 1e-12)


def psi(t, m, lam):
    k = np.clip(np.floor(m * t / math.pi), 0, m - 1)
    return (((-1.0) ** k) * np.cos(m * t) - 2 * k + lam * np.cos(t)) / (1 + lam)


def logits(head, p, x, w, y):
    rows = np.arange(x.shape[0])
    cos = normalise(x) @ normalise(w).T
    theta = np.arccos(np.clip(cos, -1 + 1e-7, 1 - 1e-7))
    xn = np.maximum(np.linalg.norm(x, axis=1), 1e-12)
    s, m, lam = p.get("s", 1), p.get("m", 0), p.get("lambda", 0)
    if head in ("softmax", "center"):
        return x @ w.T
    if head == "normface":
        return s * cos
    if head == "arc":
        return s * (math.pi - theta)
    cy, ty = cos[rows, y], theta[rows, y]
    if head == "cosface":
        z = s * cos
        z[rows, y] = s * (cy - m)
    elif head == "arcface":
        z = s * cos
        if p.get("easy_margin"):
            z[rows, y] = np.where(cy > 0, s * np.cos(ty + m), s * cy)
        else:
            z[rows, y] = np.where(ty <= math.pi - m, s * np.cos(ty + m), s * (cy - m * math.sin(m)))
    elif head == "sphereface":
        z = xn[:, None] * cos
        z[rows, y] = xn * psi(ty, m, lam)
    else:  # lsoftmax
        wn = np.maximum(np.linalg.norm(w, axis=1), 1e-12)
        z = x @ w.T
        z[rows, y] = wn[y] * xn * psi(ty, m, lam)
    return z


def loss(head, p, x, w, y, c):
    z = logits(head, p, x, w, y)
    top = z.max(1, keepdims=True)
    value = np.mean(top[:, 0] + np.log(np.exp(z - top).sum(1)) - z[np.arange(len(y)), y])
    if head == "center":
        value += p["lambda"] * np.sum((x - c[y]) ** 2) / (2 * len(y))
    return value


CONFIGS = [("softmax", {}), ("normface", {"s": 5}), ("sphereface", {"m": 4, "lambda": 5}),
           ("lsoftmax", {"m": 3, "lambda": 0.5}), ("cosface", {"s": 10, "m": 0.35}),
           ("arcface", {"s": 10, "m": 0.5}), ("arcface", {"s": 10, "m": 1.0}),
           ("arcface", {"s": 10, "m": 0.5, "easy_margin": True}), ("arc", {"s": 7}), ("center", {"lambda": 0.3})]


def main():
    rng = np.random.default_rng(5)
    for head, p in CONFIGS:
        n, d, classes = 7, 3, 5
        x, w, c = rng.normal(size=(n, d)), rng.normal(size=(classes, d)), rng.normal(size=(classes, d))
        y = rng.integers(0, classes, n)
        doc = {"head": head, "params": p, "embeddings": x.tolist(), "weights": w.tolist(),
               "labels": y.tolist(), "dtype": "float64"}
        if head == "center":
            doc["centers"] = c.tolist()
        with tempfile.NamedTemporaryFile("w", suffix=".json") as f:
            json.dump(doc, f)
            f.flush()
            out = json.loads(subprocess.run(["./marginlab", "loss", "--input", f.name],
                                            capture_output=True, text=True, check=True).stdout)
        z = logits(head, p, x, w, y)
        err_z = np.max(np.abs(np.array(out["logits"]) - z)) / max(1, np.max(np.abs(z)))
        ref = loss(head, p, x, w, y, c)
        err_l = abs(out["loss"] - ref) / max(1, abs(ref))
        err_g, h = 0.0, 1e-6
        arrays = [("grad_embeddings", x), ("grad_weights", w)] + ([("grad_centers", c)] if head == "center" else [])
        for name, a in arrays:
            g = np.zeros_like(a)
            for i, j in np.ndindex(a.shape):
                keep = a[i, j]
                a[i, j] = keep + h
                up = loss(head, p, x, w, y, c)
                a[i, j] = keep - h
                down = loss(head, p, x, w, y, c)
                a[i, j] = keep
                g[i, j] = (up - down) / (2 * h)
            got = np.array(out[name])
            err_g = max(err_g, np.max(np.abs(got - g)) / np.max(np.abs(got)))
        print(f"{head:10s} {json.dumps(p):40s} logits {err_z:.1e}  loss {err_l:.1e}  gradients vs NumPy FD {err_g:.1e}")


if __name__ == "__main__":
    main()
