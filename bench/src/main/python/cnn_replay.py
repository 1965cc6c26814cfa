"""PyTorch's numbers for the Java CNN replay test (issue 24): 20 SGD steps of a small CNN on digits.

The model is the digits demo's: conv 1->8 (3x3, stride 1, no padding), relu, max pool 2, linear
72->10, in float64. The data are the first 640 rows of scikit-learn's digits as puregrad ships them
(core/src/main/resources/io/github/puregrad/data/digits.csv), pixels divided by 16; step k trains on
rows [32k, 32k + 32), in file order, with the mean cross-entropy (F.cross_entropy) and SGD, learning
rate 0.1, momentum 0.9 (v = 0.9 v + g; p = p - 0.1 v, as puregrad's Sgd).

It writes core/src/test/resources/cnn-replay.json: the initial parameters (torch.manual_seed(24),
PyTorch's default initialisation) in state_dict order (conv weight [out][in][kh][kw], conv bias,
linear weight [out][in], linear bias), the loss of each step before its update, and the parameters
after the last step. CnnReplayTest starts from the same parameters and must find the same losses
to 1e-9. Run it from the repository's root with Debian's python3 (torch 1.13):

    /usr/bin/python3 bench/src/main/python/cnn_replay.py

With --time it writes nothing and prints the median time of one training step of that CNN on a
batch of 32 (forward, backward, SGD update; float64, one thread), 7 rounds of 500 steps after 200
of warm-up: PyTorch's side of issue 24's speed comparison.
"""
import json
import os
import statistics
import sys
import time

import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)
torch.set_num_threads(1)
root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "..")
data = os.path.join(root, "core", "src", "main", "resources", "io", "github", "puregrad", "data",
                    "digits.csv")
out = os.path.join(root, "core", "src", "test", "resources", "cnn-replay.json")

STEPS, BATCH, LR, MOMENTUM, SEED = 20, 32, 0.1, 0.9, 24

rows = [line.split(",") for line in open(data).read().split()][1:]  # without the header
x = torch.tensor([[float(v) / 16.0 for v in r[:64]] for r in rows]).reshape(-1, 1, 8, 8)
y = torch.tensor([int(r[64]) for r in rows])

torch.manual_seed(SEED)
model = torch.nn.Sequential(
    torch.nn.Conv2d(1, 8, 3),
    torch.nn.ReLU(),
    torch.nn.MaxPool2d(2),
    torch.nn.Flatten(),
    torch.nn.Linear(72, 10),
)


def flat():
    return [v for p in model.state_dict().values() for v in p.flatten().tolist()]


initial = flat()
if "--time" in sys.argv:
    timer = torch.optim.SGD(model.parameters(), lr=LR, momentum=MOMENTUM)
    xs, ys = x[:BATCH], y[:BATCH]

    def step():
        timer.zero_grad()
        F.cross_entropy(model(xs), ys).backward()
        timer.step()

    for _ in range(200):
        step()
    rounds = []
    for _ in range(7):
        start = time.perf_counter()
        for _ in range(500):
            step()
        rounds.append((time.perf_counter() - start) / 500 * 1e6)
    print("PyTorch step, batch %d: median %.0f us, rounds %s"
          % (BATCH, statistics.median(rounds), ", ".join("%.0f" % r for r in sorted(rounds))))
    sys.exit(0)
optimizer = torch.optim.SGD(model.parameters(), lr=LR, momentum=MOMENTUM)
losses = []
for k in range(STEPS):
    xs, ys = x[k * BATCH:(k + 1) * BATCH], y[k * BATCH:(k + 1) * BATCH]
    optimizer.zero_grad()
    loss = F.cross_entropy(model(xs), ys)
    loss.backward()
    optimizer.step()
    losses.append(loss.item())

with open(out, "w") as f:
    json.dump({
        "generator": "bench/src/main/python/cnn_replay.py, torch " + torch.__version__ + ", float64",
        "steps": STEPS, "batch": BATCH, "lr": LR, "momentum": MOMENTUM, "seed": SEED,
        "initial": initial, "losses": losses, "final": flat(),
    }, f, indent=1)
    f.write("\n")
print("wrote", out, "losses", losses[0], "...", losses[-1])
