package dev.vantage.model;

import java.util.LinkedHashMap;
import java.util.Map;

/** Wall time per part of a forward/backward step, collected when enabled (bench train-step --profile). */
public final class StepProfile {
    private final Map<String, long[]> nanos = new LinkedHashMap<>();
    private boolean enabled;

    public void enable(boolean on) { enabled = on; }

    long start() { return enabled ? System.nanoTime() : 0; }

    void stop(String part, long t0) {
        if (enabled) nanos.computeIfAbsent(part, k -> new long[1])[0] += System.nanoTime() - t0;
    }

    public void reset() { nanos.clear(); }

    /** Milliseconds per part, averaged over {@code steps}. */
    public Map<String, Double> millis(int steps) {
        Map<String, Double> out = new LinkedHashMap<>();
        nanos.forEach((k, v) -> out.put(k, v[0] / 1e6 / steps));
        return out;
    }
}
