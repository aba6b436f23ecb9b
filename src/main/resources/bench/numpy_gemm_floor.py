# Reference for `vantage bench train-step`: times, with numpy's OpenBLAS, only the matrix products one
# training step issues (shapes and operand layouts recorded from our own step), back to back with no
# other work. It is a floor for any implementation that calls this BLAS for its matrix work.
# stdin: [{"m":..,"n":..,"k":..,"ta":0|1,"tb":0|1,"count":..}], argv[1]: repetitions of the sequence.
import sys, json, time
import numpy as np

groups = json.load(sys.stdin)
reps = int(sys.argv[1])
rng = np.random.default_rng(0)

def operand(c, rows, cols, transposed):
    """[c, rows, cols] float32, stored transposed ([c, cols, rows] in memory) when asked."""
    if transposed:
        return rng.random((c, cols, rows), dtype=np.float32).transpose(0, 2, 1)
    return rng.random((c, rows, cols), dtype=np.float32)

work = []
for g in groups:
    c, m, n, k = g["count"], g["m"], g["n"], g["k"]
    a, b = operand(c, m, k, g["ta"]), operand(c, k, n, g["tb"])
    out = np.empty((c, m, n), dtype=np.float32)
    if c == 1:
        work.append((a[0], b[0], out[0]))
    else:
        work.append((a, b, out))

flops = sum(2.0 * g["count"] * g["m"] * g["n"] * g["k"] for g in groups)
best = float("inf")
for r in range(reps + 1):
    t0 = time.perf_counter()
    for a, b, out in work:
        np.matmul(a, b, out=out)
    dt = time.perf_counter() - t0
    if r > 0:
        best = min(best, dt)
print(json.dumps({"ms": 1000 * best, "gflop": flops / 1e9, "products": sum(g["count"] for g in groups), "groups": len(groups)}))
