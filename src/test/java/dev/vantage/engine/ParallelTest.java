package dev.vantage.engine;

import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ParallelTest {
    @Test
    void chunksCoverTheRangeOnce() {
        int[] hits = new int[1000];
        Parallel.forChunks(hits.length, 7, (c, s, e) -> { for (int i = s; i < e; i++) hits[i]++; });
        for (int h : hits) assertEquals(1, h);
    }

    @Test
    void onOneThreadKeepsNestedKernelsOnThatThread() {
        Set<Thread> seen = ConcurrentHashMap.newKeySet();
        AtomicInteger items = new AtomicInteger();
        Parallel.onOneThread(() -> Parallel.forChunks(64, 8, (c, s, e) -> {
            seen.add(Thread.currentThread());
            items.addAndGet(e - s);
        }));
        assertEquals(1, seen.size());
        assertEquals(64, items.get());
    }
}
