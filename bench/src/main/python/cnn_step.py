"""PyTorch's side of CnnBench (issue 24, item 5): one training step of the digits CNN of
docs/cnn.md, in float64 on one thread.

The model is the demo's: conv 1->8 (3x3, stride 1, no padding), relu, max pool 2, linear 72->10;
the loss the mean cross-entropy (F.cross_entropy) over a batch of 32 of the first 1,437 digits
(core/src/main/resources/io/github/puregrad/data/digits.csv, pixels divided by 16), the optimizer
SGD with learning rate 0.1 and momentum 0.9. As in CnnBench, each step trains on the next of the 44
full batches, from the model and momentum the last step left, and starts again from the initial
model after the 44th. A step is zero_grad, forward, backward and the update.

Timed in rounds of many steps after a warm-up; prints the median of the rounds' mean time per
step, in one line that Report29 parses:

    cnn_step batch=32 median_us=210.000 min_us=190.1 max_us=260.3 rounds=9 steps=440

Run it with Debian's python3 and python3-torch (1.13), from anywhere:

    /usr/bin/python3 bench/src/main/python/cnn_step.py
    /usr/bin/python3 bench/src/main/python/cnn_step.py --rounds 2 --steps 44   # a smoke test
"""
import argparse
import copy
import math
import os
import statistics
import time

import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)
torch.set_num_threads(1)

BATCH, TRAIN, LR, MOMENTUM = 32, 1437, 0.1, 0.9
root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "..")
data = os.path.join(
    root, "core", "src", "main", "resources", "io", "github", "puregrad", "data", "digits.csv"
)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=9, help="timed rounds")
    parser.add_argument("--steps", type=int, default=440, help="steps per round (10 passes of 44)")
    parser.add_argument("--warmup", type=int, default=200, help="steps before the first round")
    args = parser.parse_args()

    rows = [line.split(",") for line in open(data).read().split()][1:]  # without the header
    rows = rows[:TRAIN]
    x = torch.tensor([[float(v) / 16.0 for v in r[:64]] for r in rows]).reshape(-1, 1, 8, 8)
    y = torch.tensor([int(r[64]) for r in rows])
    batches = [(x[k : k + BATCH], y[k : k + BATCH]) for k in range(0, TRAIN - BATCH + 1, BATCH)]
    assert len(batches) == 44

    torch.manual_seed(1)
    model = torch.nn.Sequential(
        torch.nn.Conv2d(1, 8, 3),
        torch.nn.ReLU(),
        torch.nn.MaxPool2d(2),
        torch.nn.Flatten(),
        torch.nn.Linear(72, 10),
    )
    initial = copy.deepcopy(model.state_dict())
    optimizer = torch.optim.SGD(model.parameters(), lr=LR, momentum=MOMENTUM)
    position = [0]

    def step():
        xs, ys = batches[position[0]]
        optimizer.zero_grad()
        loss = F.cross_entropy(model(xs), ys)
        loss.backward()
        optimizer.step()
        position[0] = (position[0] + 1) % len(batches)
        if position[0] == 0:  # back to the initial model and no momentum, as CnnBench
            model.load_state_dict(initial)
            optimizer.state.clear()
        return loss.item()

    first = step()
    if not (math.isfinite(first) and 1.0 < first < 4.0):  # about ln 10 = 2.3 at the start
        raise SystemExit("cnn_step: first loss %r is not a fresh 10-class model's" % first)
    for _ in range(args.warmup):
        step()
    means = []
    for _ in range(args.rounds):
        t0 = time.perf_counter()
        for _ in range(args.steps):
            step()
        means.append((time.perf_counter() - t0) / args.steps * 1e6)
    print("# torch %s, float64, %d thread" % (torch.__version__, torch.get_num_threads()))
    print(
        "cnn_step batch=%d median_us=%.3f min_us=%.3f max_us=%.3f rounds=%d steps=%d"
        % (BATCH, statistics.median(means), min(means), max(means), args.rounds, args.steps)
    )


if __name__ == "__main__":
    main()
