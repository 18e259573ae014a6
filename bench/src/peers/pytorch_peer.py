"""PyTorch peer for Tessera's benchmarks.

Builds the same architecture as the Tessera scenario, trains (or runs inference) on the CPU with
the same batch, optimizer and thread count, and prints one JSON line with samples/s.
Run by bench/src/peers/pytorch.mjs. Two modes:
- one shot: reads the scenario as JSON from argv[1], warms up, times `repeats` x `steps` steps;
- `--serve`: a long-lived process reading JSON commands from stdin, one per line, so that the
  harness can alternate PyTorch and Tessera rounds without paying torch's import each time:
    {"cmd": "setup", "id": ..., <scenario>}  builds the model and runs `warmup` steps
    {"cmd": "run", "id": ..., "steps": n}      times n steps -> {"seconds": s}
    {"cmd": "drop", "id": ...}                 forgets the model
  Each command gets one JSON line back ({"error": ...} on failure).
"""
import json
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


def build(model, cfg):
    if model == "cnn-seed":
        return nn.Sequential(
            nn.Conv2d(3, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(32, 64, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
            nn.Flatten(), nn.Linear(64 * 8 * 8, 128), nn.ReLU(), nn.Linear(128, 10),
        )
    if model == "mlp":
        return nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 128), nn.ReLU(), nn.Linear(128, 10))
    if model == "lstm":
        class Lstm(nn.Module):
            def __init__(self):
                super().__init__()
                self.emb = nn.Embedding(cfg["vocab"], cfg["embed"])
                self.rnn = nn.LSTM(cfg["embed"], cfg["units"], batch_first=True)
                self.out = nn.Linear(cfg["units"], cfg["classes"])

            def forward(self, x):
                _, (h, _) = self.rnn(self.emb(x))
                return self.out(h[-1])
        return Lstm()
    if model == "transformer":
        class Enc(nn.Module):
            def __init__(self):
                super().__init__()
                self.emb = nn.Embedding(cfg["vocab"], cfg["d"])
                self.pos = nn.Parameter(torch.zeros(1, cfg["len"], cfg["d"]))
                layer = nn.TransformerEncoderLayer(cfg["d"], cfg["heads"], cfg["ff"], dropout=0.0, batch_first=True)
                self.enc = nn.TransformerEncoder(layer, cfg["layers"])
                self.out = nn.Linear(cfg["d"], cfg["classes"])

            def forward(self, x):
                return self.out(self.enc(self.emb(x) + self.pos).mean(dim=1))
        return Enc()
    raise ValueError(f"unknown model {model}")


def inputs(model, cfg, batch):
    if model == "cnn-seed":
        return torch.randn(batch, 3, 32, 32), torch.randint(0, 10, (batch,))
    if model == "mlp":
        return torch.randn(batch, 784), torch.randint(0, 10, (batch,))
    length = cfg["len"]
    return torch.randint(0, cfg["vocab"], (batch, length)), torch.randint(0, cfg["classes"], (batch,))


def blas_library():
    """The BLAS library torch loaded (Linux), e.g. Debian's reference libblas3 or OpenBLAS."""
    try:
        with open("/proc/self/maps") as f:
            paths = {line.split()[-1] for line in f if "blas" in line.split()[-1].lower()}
        return sorted(paths)[0] if paths else "unknown"
    except OSError:
        return "unknown"


def make_step(s):
    torch.manual_seed(0)
    torch.set_num_threads(s["threads"])
    model = build(s["model"], s.get("config", {}))
    x, y = inputs(s["model"], s.get("config", {}), s["batch"])
    phase = s["phase"]
    if phase == "train":
        opt = torch.optim.Adam(model.parameters(), lr=1e-3)
        model.train()

        def step():
            opt.zero_grad()
            loss = F.cross_entropy(model(x), y)
            loss.backward()
            opt.step()
    else:
        model.eval()

        def step():
            with torch.no_grad():
                model(x)
    return step


def serve():
    steps = {}
    for line in sys.stdin:
        if not line.strip():
            continue
        try:
            c = json.loads(line)
            if c["cmd"] == "setup":
                step = make_step(c)
                for _ in range(c.get("warmup", 1)):
                    step()
                steps[c["id"]] = (step, c["threads"])
                out = {"ok": True, "torch": torch.__version__, "threads": torch.get_num_threads(), "blas": blas_library()}
            elif c["cmd"] == "run":
                step, threads = steps[c["id"]]
                torch.set_num_threads(threads)
                t0 = time.perf_counter()
                c0 = time.process_time()
                for _ in range(c["steps"]):
                    step()
                # CPU time of every thread of the process: about `seconds` when one core worked.
                out = {"seconds": time.perf_counter() - t0, "cpuSeconds": time.process_time() - c0}
            elif c["cmd"] == "drop":
                steps.pop(c["id"], None)
                out = {"ok": True}
            else:
                out = {"error": "unknown command " + str(c["cmd"])}
        except Exception as e:  # reported to the harness, which skips the scenario
            out = {"error": repr(e)}
        print(json.dumps(out), flush=True)


def main():
    if sys.argv[1:] == ["--serve"]:
        serve()
        return
    s = json.loads(sys.argv[1])
    step = make_step(s)
    for _ in range(s["warmup"]):
        step()
    times = []
    for _ in range(s["repeats"]):
        t0 = time.perf_counter()
        for _ in range(s["steps"]):
            step()
        times.append(time.perf_counter() - t0)
    best = min(times)
    print(json.dumps({"samplesPerSec": s["batch"] * s["steps"] / best, "secondsPerStep": best / s["steps"],
                      "torch": torch.__version__, "threads": torch.get_num_threads(), "blas": blas_library()}))


if __name__ == "__main__":
    main()
