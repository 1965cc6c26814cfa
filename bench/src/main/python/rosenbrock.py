"""PyTorch's side of RosenbrockBench (issue 29): value and gradient of the n-dimensional Rosenbrock
function, f(x) = sum over i < n-1 of 100 (x[i+1] - x[i]^2)^2 + (1 - x[i])^2, at the same
x = (-1.2, 1, -1.2, 1, ...), vectorized, float64, one thread, autograd (torch.autograd.grad).

Each n is checked first against the hand-written gradient (to 1e-12 relative, as the Java set-up
does), then timed: rounds of many calls after a warm-up, the median of the rounds' mean time per
call. One line per n, parseable by Report29:

    rosenbrock n=16 median_us=12.345 min_us=11.9 max_us=14.2 rounds=15 calls=2000

Run it with Debian's python3 and python3-torch (1.13), from anywhere:

    /usr/bin/python3 bench/src/main/python/rosenbrock.py
    /usr/bin/python3 bench/src/main/python/rosenbrock.py --rounds 3 --seconds 0.05   # a smoke test
"""
import argparse
import statistics
import time

import torch

torch.set_default_dtype(torch.float64)
torch.set_num_threads(1)

SIZES = (16, 64, 256, 1024)


def start(n):
    return torch.tensor([-1.2 if i % 2 == 0 else 1.0 for i in range(n)])


def value_and_grad(x):
    """f(x) and its gradient by autograd: a new leaf per call, as a caller with new x would."""
    x = x.detach().requires_grad_(True)
    a, b = x[:-1], x[1:]
    f = (100.0 * (b - a * a) ** 2 + (1.0 - a) ** 2).sum()
    (g,) = torch.autograd.grad(f, x)
    return f.detach(), g


def hand_written(x):
    a, b = x[:-1], x[1:]
    valley = b - a * a
    g = torch.zeros_like(x)
    g[:-1] += -400.0 * a * valley - 2.0 * (1.0 - a)
    g[1:] += 200.0 * valley
    return float((100.0 * valley**2 + (1.0 - a) ** 2).sum()), g


def check(n):
    x = start(n)
    f, g = value_and_grad(x)
    f_ref, g_ref = hand_written(x)
    scale = torch.clamp(g_ref.abs(), min=1.0)
    if abs(float(f) - f_ref) > 1e-12 * max(1.0, abs(f_ref)) or bool(
        ((g - g_ref).abs() > 1e-12 * scale).any()
    ):
        raise SystemExit("rosenbrock n=%d: autograd differs from the hand-written gradient" % n)


def time_one(n, rounds, seconds):
    x = start(n)
    # calls per round: about `seconds` each, measured on a short trial
    t0 = time.perf_counter()
    trial = 0
    while time.perf_counter() - t0 < 0.05 or trial < 10:
        value_and_grad(x)
        trial += 1
    per_call = (time.perf_counter() - t0) / trial
    calls = max(10, int(seconds / per_call))
    for _ in range(calls):  # warm-up
        value_and_grad(x)
    means = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        for _ in range(calls):
            value_and_grad(x)
        means.append((time.perf_counter() - t0) / calls * 1e6)
    return statistics.median(means), min(means), max(means), calls


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=15, help="timed rounds per n")
    parser.add_argument("--seconds", type=float, default=0.2, help="about this long a round")
    parser.add_argument("--n", type=int, nargs="*", default=list(SIZES), help="the sizes")
    args = parser.parse_args()
    print("# torch %s, float64, %d thread" % (torch.__version__, torch.get_num_threads()))
    for n in args.n:
        check(n)
        median, low, high, calls = time_one(n, args.rounds, args.seconds)
        print(
            "rosenbrock n=%d median_us=%.3f min_us=%.3f max_us=%.3f rounds=%d calls=%d"
            % (n, median, low, high, args.rounds, calls),
            flush=True,
        )


if __name__ == "__main__":
    main()
