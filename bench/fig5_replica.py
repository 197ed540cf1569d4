#!/usr/bin/env python3
"""Independent replica of the angles preset's Fig. 5 sweep (WC-Intra against s for the angular loss), in PyTorch.

It shares no code with MarginLab: the compact CNN, the angular head Z_j = s(pi - theta_j) on L2-normalised
features and weights, the loss, the optimisers and WC-Intra (Eq. 12: mean over classes of the angle between a
class's mean feature and its weight) are written out here, so a reversal of the paper's Fig. 5 that shows up
in both cannot come from a MarginLab bug. It trains like the angles preset's quick form (compact net, d = 16,
batch 128, 240 iterations, one-cycle learning rate, weight decay 5e-4, s warmed up linearly from 1 over the
first 80 iterations) once with Adam (peak 3e-3, the quick form's) and once with SGD + momentum 0.9 (peak 0.1),
so whether Adam's per-weight step scaling is what reverses the curve can be read off.

Usage: /usr/bin/python3 bench/fig5_replica.py DATA_DIR [--s 1,5,20] [--seeds 42] [--iterations 240] [--threads 1]
(Debian's python3-torch: apt-get install python3-torch.) DATA_DIR holds Fashion-MNIST's four IDX .gz files.
Prints one line per run and, last, a table 'optimiser s wc_intra_mean wc_intra_std test_error_pct' on the
full test set, which docs/results/README.md cites.
"""
import argparse
import gzip
import math
import struct

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


def read_idx(path):
    with gzip.open(path, 'rb') as f:
        data = f.read()
    magic, = struct.unpack('>I', data[:4])
    ndim = magic & 0xFF
    dims = struct.unpack('>' + 'I' * ndim, data[4:4 + 4 * ndim])
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * ndim).reshape(dims)


class Compact(nn.Module):
    """3x3 convs 1->16->32->64, each BN + ReLU + 2x2 max-pool, then FC 128 + ReLU and FC d (MarginLab's 'compact')."""

    def __init__(self, dim):
        super().__init__()
        self.body = nn.Sequential(
            nn.Conv2d(1, 16, 3, padding=1), nn.BatchNorm2d(16), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(16, 32, 3, padding=1), nn.BatchNorm2d(32), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(32, 64, 3, padding=1), nn.BatchNorm2d(64), nn.ReLU(), nn.MaxPool2d(2),
            nn.Flatten(), nn.Linear(64 * 3 * 3, 128), nn.ReLU(), nn.Linear(128, dim))

    def forward(self, x):
        return self.body(x)


class AngularHead(nn.Module):
    """The angular loss's logits Z_j = s (pi - theta_j), theta_j = angle(x, W_j)."""

    def __init__(self, dim, classes):
        super().__init__()
        self.w = nn.Parameter(torch.randn(classes, dim) / math.sqrt(dim))

    def forward(self, x, s):
        cos = F.normalize(x, dim=1) @ F.normalize(self.w, dim=1).t()
        theta = torch.acos(cos.clamp(-1 + 1e-7, 1 - 1e-7))
        return s * (math.pi - theta)


def one_cycle(it, total, peak):
    """Smith's one-cycle: linear up from peak/25 to peak over the first 30 %, cosine down to peak/1e4."""
    up = int(0.3 * total)
    if it < up:
        return peak / 25 + (peak - peak / 25) * it / up
    t = (it - up) / max(1, total - up)
    return peak / 1e4 + (peak - peak / 1e4) * 0.5 * (1 + math.cos(math.pi * t))


def wc_intra(features, labels, weights):
    """Eq. 12: mean over classes of the angle between the class's mean feature and W_j (radians)."""
    angles = []
    for j in range(weights.shape[0]):
        c = features[labels == j].mean(0)
        cos = float(c @ weights[j] / (c.norm() * weights[j].norm()))
        angles.append(math.acos(max(-1.0, min(1.0, cos))))
    return float(np.mean(angles))


def train(x_tr, y_tr, x_te, y_te, s_end, optimiser, seed, iterations, warmup, batch=128, dim=16):
    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    net, head = Compact(dim), AngularHead(dim, 10)
    params = list(net.parameters()) + list(head.parameters())
    if optimiser == 'adam':
        peak = 3e-3
        opt = torch.optim.Adam(params, lr=peak, weight_decay=5e-4)
    else:
        peak = 0.1
        opt = torch.optim.SGD(params, lr=peak, momentum=0.9, weight_decay=5e-4)
    order = rng.permutation(len(y_tr))
    pos = 0
    net.train()
    for it in range(iterations):
        if pos + batch > len(order):
            order, pos = rng.permutation(len(y_tr)), 0
        idx = order[pos:pos + batch]
        pos += batch
        s = s_end if warmup <= 0 or it >= warmup else min(1.0, s_end) + (s_end - min(1.0, s_end)) * it / warmup
        for g in opt.param_groups:
            g['lr'] = one_cycle(it, iterations, peak)
        loss = F.cross_entropy(head(net(x_tr[idx]), s), y_tr[idx])
        opt.zero_grad()
        loss.backward()
        opt.step()
    net.eval()
    with torch.no_grad():
        feats = torch.cat([net(x_te[i:i + 1000]) for i in range(0, len(y_te), 1000)])
        pred = head(feats, s_end).argmax(1)
        err = 100.0 * float((pred != y_te).float().mean())
        return wc_intra(feats, y_te, head.w.detach()), err


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('data')
    ap.add_argument('--s', default='1,5,20')
    ap.add_argument('--seeds', default='42')
    ap.add_argument('--optimisers', default='adam,sgd')
    ap.add_argument('--iterations', type=int, default=240)
    ap.add_argument('--threads', type=int, default=1)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    xs = read_idx(f'{a.data}/train-images-idx3-ubyte.gz').astype(np.float32) / 255
    ys = read_idx(f'{a.data}/train-labels-idx1-ubyte.gz').astype(np.int64)
    xt = read_idx(f'{a.data}/t10k-images-idx3-ubyte.gz').astype(np.float32) / 255
    yt = read_idx(f'{a.data}/t10k-labels-idx1-ubyte.gz').astype(np.int64)
    mean, std = xs.mean(), xs.std()
    x_tr = torch.from_numpy((xs - mean) / std).unsqueeze(1)
    x_te = torch.from_numpy((xt - mean) / std).unsqueeze(1)
    y_tr, y_te = torch.from_numpy(ys), torch.from_numpy(yt)
    warmup = a.iterations // 3
    rows = []
    for opt in a.optimisers.split(','):
        for s in [float(v) for v in a.s.split(',')]:
            wcs, errs = [], []
            for seed in [int(v) for v in a.seeds.split(',')]:
                wc, err = train(x_tr, y_tr, x_te, y_te, s, opt, seed, a.iterations, warmup)
                print(f'run optimiser={opt} s={s:g} seed={seed} wc_intra={wc:.4f} test_error_pct={err:.2f}', flush=True)
                wcs.append(wc)
                errs.append(err)
            sd = float(np.std(wcs, ddof=1)) if len(wcs) > 1 else float('nan')
            rows.append((opt, s, float(np.mean(wcs)), sd, float(np.mean(errs))))
    print(f'torch {torch.__version__}, {a.iterations} iterations, s warm-up over {warmup}, seeds {a.seeds}, full test set')
    print('optimiser s wc_intra_mean wc_intra_std test_error_pct')
    for opt, s, m, sd, e in rows:
        print(f'{opt} {s:g} {m:.4f} {sd:.4f} {e:.2f}')


if __name__ == '__main__':
    main()
