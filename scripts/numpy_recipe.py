"""
The engine's Lorenz recipe (docs/METHOD.md §1–§6) in numpy, timed stage by stage, single-threaded.
Called by scripts/bench-compare.ts (npm run bench:compare); prints one JSON object on stdout.

    OPENBLAS_NUM_THREADS=1 python3 scripts/numpy_recipe.py --width 1000 --len 20000 [--runs 3]

Same sizes and steps as `npm run srnn -- 'sys=lorenz&width=1000&len=20000'` (defaults otherwise):
- data: RK4, dt = 0.01 in 5 sub-steps (h_max = 0.002), transient 20 time units discarded, one
  training trajectory of len + 1 states, 20 test starts on the attractor;
- sample: SWIM, max(10 M, 1000) candidate pairs, weights ∝ ‖Δy‖_∞/‖Δx‖₂ (Efraimidis–Spirakis),
  w = ln3 Δx/‖Δx‖², b = −⟨w, x1⟩ − ln3/2;
- features: tanh lift in blocks of 256 pairs, G = Σ Ψ(x)Ψ(x)ᵀ (dgemm per block), Σ x Ψᵀ, Σ y Ψᵀ;
- solve (rank 100 < m): randomized subspace iteration (p = 50, two power steps, QR, eigh), a
  second pass for the projected cross term, a third pass for C·A, the ridge solves;
- spectrum: eigenvalues of K_r (100×100);
- forecast: 20 true test trajectories of 1000 steps, the re-lifted rollouts in lockstep, the
  linear Koopman rollouts, the one-step MSE on 5000 training pairs and on the test data.
What differs (numbers, not work): numpy's tanh and random streams instead of the engine's
deterministic tanh and seeded generator; the ridge systems are solved by LU (np.linalg.solve)
instead of one Cholesky factorisation; dgemm forms the full G per block instead of its upper
triangle; no assessment metrics beyond the MSEs (VPT, per-component errors: a few ms in the
engine).
"""

import argparse
import json
import os
import sys
import time

for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS"):
    os.environ.setdefault(var, "1")

import numpy as np  # noqa: E402

SIGMA, RHO, BETA = 10.0, 28.0, 8.0 / 3.0
DT, SUB = 0.01, 5
BLOCK = 256
LN3 = 1.0986122886681098


def rhs(x):
    out = np.empty_like(x)
    out[..., 0] = SIGMA * (x[..., 1] - x[..., 0])
    out[..., 1] = x[..., 0] * (RHO - x[..., 2]) - x[..., 1]
    out[..., 2] = x[..., 0] * x[..., 1] - BETA * x[..., 2]
    return out


def step(x):
    h = DT / SUB
    for _ in range(SUB):
        k1 = rhs(x)
        k2 = rhs(x + h / 2 * k1)
        k3 = rhs(x + h / 2 * k2)
        k4 = rhs(x + h * k3)
        x = x + h / 6 * (k1 + 2 * k2 + 2 * k3 + k4)
    return x


def trajectories(starts, steps):
    """starts: n×3 → n×(steps+1)×3 (all starts advanced together)."""
    out = np.empty((starts.shape[0], steps + 1, 3))
    out[:, 0] = starts
    x = starts
    for t in range(steps):
        x = step(x)
        out[:, t + 1] = x
    return out


def run(width, length, rank, ntest, horizon, rng):
    t = {}
    t0 = time.perf_counter()
    lo, hi = np.array([-15.0, -20.0, 5.0]), np.array([15.0, 20.0, 40.0])
    starts = lo + (hi - lo) * rng.random((1 + ntest, 3))
    x = starts
    for _ in range(int(np.ceil(20 / DT))):  # transient
        x = step(x)
    train = trajectories(x[:1], length)[0]  # (length+1)×3
    test_starts = x[1:]
    t["data"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    N = length
    X, Y = train[:-1], train[1:]
    nc = max(10 * width, 1000)
    i1 = rng.integers(0, N, nc)
    i2 = (i1 + rng.integers(1, N, nc)) % N
    dx = X[i2] - X[i1]
    dist = np.linalg.norm(dx, axis=1)
    q = np.abs(Y[i2] - Y[i1]).max(axis=1) / np.maximum(dist, 1e-300)
    keys = np.log(rng.random(nc)) / np.maximum(q, 1e-300)
    chosen = np.argsort(-keys, kind="stable")[:width]
    W = LN3 * dx[chosen] / (dist[chosen] ** 2)[:, None]
    b = -np.einsum("ij,ij->i", W, X[i1[chosen]]) - LN3 / 2
    t["sample"] = time.perf_counter() - t0

    m = width + 1

    def lift(states):
        out = np.empty((states.shape[0], m))
        np.tanh(states @ W.T + b, out=out[:, :width])
        out[:, width] = 1.0
        return out

    t0 = time.perf_counter()
    G = np.zeros((m, m))
    xz = np.zeros((3, m))
    yz = np.zeros((3, m))
    for s in range(0, N, BLOCK):
        e = min(N, s + BLOCK)
        P = lift(train[s : e + 1])
        Px = P[:-1]
        G += Px.T @ Px
        xz += train[s:e].T @ Px
        yz += train[s + 1 : e + 1].T @ Px
    t["features"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    k = min(m, rank + max(10, -(-rank // 2)))
    Q0, _ = np.linalg.qr(G @ rng.standard_normal((m, k)))
    for _ in range(2):
        Q0, _ = np.linalg.qr(G @ Q0)
    GQ = G @ Q0
    _, U = np.linalg.eigh(Q0.T @ GQ)
    Q = Q0 @ U[:, ::-1][:, :rank]
    Ar = np.zeros((rank, rank))
    for s in range(0, N, BLOCK):  # second pass: the projected cross term
        e = min(N, s + BLOCK)
        PQ = lift(train[s : e + 1]) @ Q
        Ar += PQ[1:].T @ PQ[:-1]
    Gr = Q.T @ G @ Q
    lam = 1e-10 * np.trace(G) / m
    Gl = G + lam * np.eye(m)
    C = np.linalg.solve(Gl, xz.T).T
    cA = np.zeros((3, m))
    for s in range(0, N, BLOCK):  # third pass: C·A
        e = min(N, s + BLOCK)
        P = lift(train[s : e + 1])
        cA += (P[1:] @ C.T).T @ P[:-1]
    CK = np.linalg.solve(Gl, cA.T).T
    Kr = np.linalg.solve(Gr + lam * np.eye(rank), Ar.T).T
    CQ = C @ Q
    t["solve"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    eig = np.linalg.eigvals(Kr)
    t["spectrum"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    truth = trajectories(test_starts, horizon)
    integration = t["data"] + (time.perf_counter() - t0)
    relift = np.empty((ntest, horizon + 1, 3))
    relift[:, 0] = test_starts
    xs = test_starts
    for s in range(horizon):
        xs = lift(xs) @ CK.T
        relift[:, s + 1] = xs
    linear = np.empty((ntest, horizon + 1, 3))
    linear[:, 0] = test_starts
    Z = lift(test_starts) @ Q
    for s in range(horizon):
        Z = Z @ Kr.T
        linear[:, s + 1] = Z @ CQ.T
    stride = max(1, N // 5000)
    idx = np.arange(0, N, stride)
    train_mse = float(np.mean((lift(X[idx]) @ CK.T - Y[idx]) ** 2))
    tx = truth[:, :-1].reshape(-1, 3)
    ty = truth[:, 1:].reshape(-1, 3)
    test_mse = float(np.mean((lift(tx) @ CK.T - ty) ** 2))
    rollout_mse = float(np.nanmean((relift - truth) ** 2))
    t["forecast"] = time.perf_counter() - t0
    t["total"] = sum(t.values())
    # The ODE integration (training data and the test truth) is a Python loop over time steps:
    # interpreter-bound, not numpy's linear algebra. Reported so the comparison can leave it out.
    t["integration"] = integration
    t["totalWithoutIntegration"] = t["total"] - integration
    checks = {
        "trainMse": train_mse,
        "testMse": test_mse,
        "rolloutMse": rollout_mse,
        "maxAbsEig": float(np.abs(eig).max()),
    }
    return {k: v * 1000 for k, v in t.items()}, checks


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--width", type=int, default=1000)
    ap.add_argument("--len", type=int, default=20000)
    ap.add_argument("--rank", type=int, default=100)
    ap.add_argument("--ntest", type=int, default=20)
    ap.add_argument("--horizon", type=int, default=1000)
    ap.add_argument("--runs", type=int, default=3)
    a = ap.parse_args()
    runs = []
    for i in range(a.runs):
        ms, checks = run(a.width, a.len, a.rank, a.ntest, a.horizon, np.random.default_rng(i + 1))
        runs.append({"timingsMs": ms, "checks": checks})
    med = {k: float(np.median([r["timingsMs"][k] for r in runs])) for k in runs[0]["timingsMs"]}
    json.dump(
        {
            "numpy": np.__version__,
            "threads": os.environ.get("OPENBLAS_NUM_THREADS"),
            "runs": runs,
            "medianMs": med,
        },
        sys.stdout,
    )
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
