"""One training step of micrograd's moons demo in PyTorch (float64, vectorized), timed.

The same model, data, loss and update as the Java benchmarks (MoonsBench, TrainBench): MLP(2, [16,
16, 1]) from moons-init.csv, ReLU hidden layers, a linear output, loss = mean(relu(1 - y * score))
+ 1e-4 * sum(p * p), SGD with micrograd's learning rate 1.0 - 0.9 * k / 100. A step is the forward
pass, the backward pass, the accuracy and the update, as in TrainBench.tape.

Run it with Debian's python3 and python3-torch (docs/performance.md):

    /usr/bin/python3 src/jmh/python/moons_step.py
"""
import os
import statistics
import sys
import time

import torch

torch.set_default_dtype(torch.float64)
here = os.path.dirname(os.path.abspath(__file__))
data_dir = os.path.join(here, "..", "..", "main", "resources", "io", "github", "puregrad", "data")
if len(sys.argv) > 1:
    data_dir = sys.argv[1]


def load():
    rows = [line.split(",") for line in open(os.path.join(data_dir, "moons.csv")).read().split()]
    rows = [r for r in rows if r[0] != "x0"]
    x = torch.tensor([[float(r[0]), float(r[1])] for r in rows])
    y = torch.tensor([float(r[2]) for r in rows])
    init = [float(v) for v in open(os.path.join(data_dir, "moons-init.csv")).read().split()]
    # micrograd's order: layer by layer, neuron by neuron, weights then bias
    params, at = [], 0
    for nin, nout in ((2, 16), (16, 16), (16, 1)):
        w = torch.empty(nout, nin)
        b = torch.empty(nout)
        for n in range(nout):
            w[n] = torch.tensor(init[at:at + nin])
            b[n] = init[at + nin]
            at += nin + 1
        params += [w.requires_grad_(), b.requires_grad_()]
    assert at == 337, at
    return x, y, params


def step(x, y, params, k):
    w1, b1, w2, b2, w3, b3 = params
    h = torch.relu(x @ w1.T + b1)
    h = torch.relu(h @ w2.T + b2)
    scores = (h @ w3.T + b3).squeeze(1)
    loss = torch.relu(1 - y * scores).mean() + 1e-4 * sum((p * p).sum() for p in params)
    for p in params:
        p.grad = None
    loss.backward()
    accuracy = ((scores > 0) == (y > 0)).double().mean().item()
    with torch.no_grad():
        rate = 1.0 - 0.9 * k / 100
        for p in params:
            p -= rate * p.grad
    return loss.item(), accuracy


def main():
    x, y, params = load()
    loss, accuracy = step(x, y, [p.detach().clone().requires_grad_() for p in params], 0)
    print(f"step 0 loss {loss!r} accuracy {accuracy}")  # micrograd: 0.8958441028683222, 0.5
    times = []
    for repeat in range(20):
        run = [p.detach().clone().requires_grad_() for p in params]
        start = time.perf_counter()
        for k in range(100):
            step(x, y, run, k)
        times.append((time.perf_counter() - start) / 100)
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads: median of 20 runs of"
          f" 100 steps: {statistics.median(times) * 1e6:.1f} us/step"
          f" (min {min(times) * 1e6:.1f}, max {max(times) * 1e6:.1f})")


main()
