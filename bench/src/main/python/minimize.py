"""scipy.optimize.minimize on the problems of MinimizeBench, for docs/minimize.md.

The same problems, starting points and data as the Java harness (MinimizeBench, MinimizeCounts):
Moré, Garbow and Hillstrom's test functions (ACM TOMS 7(1), 1981) from their standard starting
points, and a logistic regression with an L2 term on a data set given by a formula. Each is solved
by L-BFGS-B, BFGS and Newton-CG with the exact gradient (jac) and, for Newton-CG, the exact
Hessian-vector product (hessp): hand-written numpy for the large problems, sympy's derivatives
turned into Python (lambdify) for the small ones. scipy's default tolerances throughout.

Prints one line per problem and method: the final value, nfev, njev, nhev, nit, scipy's message
and the median time of one solve over repeated solves.

Run it with Debian's python3 and python3-scipy (1.10) (docs/minimize.md):

    /usr/bin/python3 bench/src/main/python/minimize.py            # about 1 s of solves each
    /usr/bin/python3 bench/src/main/python/minimize.py --seconds 0.2
"""
import argparse
import math
import statistics
import time

import numpy as np
import scipy
import sympy
from scipy.optimize import minimize, rosen, rosen_der, rosen_hess_prod


def symbolic(name, n, expression, x0):
    """A problem whose f, gradient and Hessian-vector product sympy derives from expression(x)."""
    x = sympy.symbols("x0:%d" % n)
    f = expression(x)
    grad = [sympy.diff(f, xi) for xi in x]
    hess = [[sympy.diff(g, xj) for xj in x] for g in grad]
    f_n = sympy.lambdify([x], f, "math")
    g_n = sympy.lambdify([x], grad, "math")
    h_n = sympy.lambdify([x], hess, "math")
    return (
        name,
        lambda v: f_n(v),
        lambda v: np.array(g_n(v), dtype=float),
        lambda v, p: np.array(h_n(v), dtype=float) @ p,
        np.array(x0, dtype=float),
    )


def beale(x):
    x1, x2 = x
    return (
        (1.5 - x1 * (1 - x2)) ** 2
        + (2.25 - x1 * (1 - x2**2)) ** 2
        + (2.625 - x1 * (1 - x2**3)) ** 2
    )


def wood(x):
    x1, x2, x3, x4 = x
    return (
        100 * (x2 - x1**2) ** 2
        + (1 - x1) ** 2
        + 90 * (x4 - x3**2) ** 2
        + (1 - x3) ** 2
        + 10.1 * ((x2 - 1) ** 2 + (x4 - 1) ** 2)
        + 19.8 * (x2 - 1) * (x4 - 1)
    )


def powell_singular(x):
    x1, x2, x3, x4 = x
    return (x1 + 10 * x2) ** 2 + 5 * (x3 - x4) ** 2 + (x2 - 2 * x3) ** 4 + 10 * (x1 - x4) ** 4


def brown_badly_scaled(x):
    x1, x2 = x
    return (x1 - 1e6) ** 2 + (x2 - 2e-6) ** 2 + (x1 * x2 - 2) ** 2


def trigonometric(x):
    n = len(x)
    total = sum(sympy.cos(xj) for xj in x)
    return sum(
        (n - total + (i + 1) * (1 - sympy.cos(x[i])) - sympy.sin(x[i])) ** 2 for i in range(n)
    )


def helical_valley():
    """100((x3 - 10θ)² + (r - 1)²) + x3², θ = atan(x2/x1)/2π (+ 1/2 if x1 < 0): by hand."""

    def parts(x):
        x1, x2, x3 = x
        theta = math.atan(x2 / x1) / (2 * math.pi) + (0.5 if x1 < 0 else 0.0)
        r = math.hypot(x1, x2)
        return x1, x2, x3, theta, r

    def f(x):
        x1, x2, x3, theta, r = parts(x)
        return 100 * ((x3 - 10 * theta) ** 2 + (r - 1) ** 2) + x3**2

    def grad(x):
        x1, x2, x3, theta, r = parts(x)
        q = x1 * x1 + x2 * x2
        dt = np.array([-x2 / (2 * math.pi * q), x1 / (2 * math.pi * q), 0.0])
        dr = np.array([x1 / r, x2 / r, 0.0])
        a = x3 - 10 * theta
        g = 100 * (2 * a * (np.array([0.0, 0.0, 1.0]) - 10 * dt) + 2 * (r - 1) * dr)
        g[2] += 2 * x3
        return g

    def hess(x):
        x1, x2, x3, theta, r = parts(x)
        q = x1 * x1 + x2 * x2
        tp = 2 * math.pi
        dt = np.array([-x2 / (tp * q), x1 / (tp * q), 0.0])
        ddt = np.array(
            [
                [2 * x1 * x2 / (tp * q * q), (x2 * x2 - x1 * x1) / (tp * q * q), 0.0],
                [(x2 * x2 - x1 * x1) / (tp * q * q), -2 * x1 * x2 / (tp * q * q), 0.0],
                [0.0, 0.0, 0.0],
            ]
        )
        dr = np.array([x1 / r, x2 / r, 0.0])
        ddr = np.array(
            [[x2 * x2 / r**3, -x1 * x2 / r**3, 0.0], [-x1 * x2 / r**3, x1 * x1 / r**3, 0.0],
             [0.0, 0.0, 0.0]]
        )
        da = np.array([0.0, 0.0, 1.0]) - 10 * dt
        a = x3 - 10 * theta
        h = 100 * (2 * np.outer(da, da) - 20 * a * ddt + 2 * np.outer(dr, dr) + 2 * (r - 1) * ddr)
        h[2, 2] += 2
        return h

    return "helical valley", f, grad, lambda x, p: hess(x) @ p, np.array([-1.0, 0.0, 0.0])


def extended_rosenbrock(n):
    """MGH 21: Σ over pairs of 100(x_2i - x_2i-1²)² + (1 - x_2i-1)²."""

    def f(x):
        a, b = x[0::2], x[1::2]
        return float(np.sum(100.0 * (b - a * a) ** 2 + (1.0 - a) ** 2))

    def grad(x):
        a, b = x[0::2], x[1::2]
        g = np.empty_like(x)
        g[0::2] = -400.0 * a * (b - a * a) - 2.0 * (1.0 - a)
        g[1::2] = 200.0 * (b - a * a)
        return g

    def hessp(x, p):
        a, b = x[0::2], x[1::2]
        pa, pb = p[0::2], p[1::2]
        haa = 1200.0 * a * a - 400.0 * b + 2.0
        hab = -400.0 * a
        hp = np.empty_like(x)
        hp[0::2] = haa * pa + hab * pb
        hp[1::2] = hab * pa + 200.0 * pb
        return hp

    x0 = np.array([-1.2 if i % 2 == 0 else 1.0 for i in range(n)])
    return "extended rosenbrock %d" % n, f, grad, hessp, x0


def logistic_data(points=200, features=5):
    """The formula of MinimizeBench.logisticData: no random generator, the same in both languages."""
    x = np.array(
        [[math.sin(1.3 * i + 0.7 * j + 0.1 * i * j) for j in range(features)] for i in range(points)]
    )
    w = [1.0, -2.0, 0.5, 1.5, -1.0]
    t = np.array(
        [1.0 if sum(w[j] * x[i, j] for j in range(features)) + math.sin(5.0 * i) > 0 else -1.0
         for i in range(points)]
    )
    return x, t


def logistic(lam=0.01):
    """mean log(1 + exp(-t (x·w + b))) + λ/2 |w|², over w (5) and b."""
    x, t = logistic_data()
    n = len(t)

    def f(p):
        z = x @ p[:-1] + p[-1]
        return float(np.mean(np.logaddexp(0.0, -t * z)) + 0.5 * lam * p[:-1] @ p[:-1])

    def grad(p):
        z = x @ p[:-1] + p[-1]
        s = -t / (1.0 + np.exp(t * z)) / n  # d/dz of each term, over n
        g = np.empty_like(p)
        g[:-1] = x.T @ s + lam * p[:-1]
        g[-1] = np.sum(s)
        return g

    def hessp(p, v):
        z = x @ p[:-1] + p[-1]
        sig = 1.0 / (1.0 + np.exp(-z))
        d = sig * (1.0 - sig) / n
        u = d * (x @ v[:-1] + v[-1])
        hv = np.empty_like(p)
        hv[:-1] = x.T @ u + lam * v[:-1]
        hv[-1] = np.sum(u)
        return hv

    return "logistic L2 (200x5)", f, grad, hessp, np.zeros(6)


def problems():
    chained = []
    for n in (2, 10, 100):
        x0 = np.array([-1.2 if i % 2 == 0 else 1.0 for i in range(n)])
        chained.append(("rosenbrock %d" % n, rosen, rosen_der, rosen_hess_prod, x0))
    return chained + [
        symbolic("beale", 2, beale, [1.0, 1.0]),
        symbolic("wood", 4, wood, [-3.0, -1.0, -3.0, -1.0]),
        symbolic("powell singular", 4, powell_singular, [3.0, -1.0, 0.0, 1.0]),
        helical_valley(),
        symbolic("brown badly scaled", 2, brown_badly_scaled, [1.0, 1.0]),
        symbolic("trigonometric 10", 10, trigonometric, [0.1] * 10),
        extended_rosenbrock(100),
        logistic(),
    ]


def solve(method, f, grad, hessp, x0):
    if method == "Newton-CG":
        return minimize(f, x0, jac=grad, hessp=hessp, method=method)
    return minimize(f, x0, jac=grad, method=method)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=1.0, help="time per solve's timing")
    args = parser.parse_args()
    print("# scipy %s, numpy %s" % (scipy.__version__, np.__version__))
    print("problem | method | value | nfev | njev | nhev | nit | µs/solve | message")
    for name, f, grad, hessp, x0 in problems():
        for method in ("L-BFGS-B", "BFGS", "Newton-CG"):
            r = solve(method, f, grad, hessp, x0)
            times = []
            deadline = time.perf_counter() + args.seconds
            while len(times) < 5 or time.perf_counter() < deadline:
                t0 = time.perf_counter()
                solve(method, f, grad, hessp, x0)
                times.append(time.perf_counter() - t0)
            print(
                "%s | %s | %.6e | %d | %d | %d | %d | %.1f | %s"
                % (
                    name,
                    method,
                    r.fun,
                    r.nfev,
                    r.get("njev", 0),
                    r.get("nhev", 0),
                    r.nit,
                    statistics.median(times) * 1e6,
                    str(r.message).replace("\n", " "),
                )
            )


if __name__ == "__main__":
    main()
