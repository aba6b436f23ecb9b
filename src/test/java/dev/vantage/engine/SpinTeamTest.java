package dev.vantage.engine;

import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.*;

class SpinTeamTest {
    @Test
    void everyChunkRunsOnceAcrossManyJobsAndWorkersTakeSome() {
        SpinTeam team = new SpinTeam(2, 50_000);
        Set<Thread> seen = ConcurrentHashMap.newKeySet();
        for (int job = 0; job < 20_000; job++) {
            int n = 1 + job % 37, chunks = 1 + job % 5;
            int[] hits = new int[n];
            assertTrue(team.tryRun(n, chunks, (c, s, e) -> {
                seen.add(Thread.currentThread());
                for (int i = s; i < e; i++) hits[i]++;
            }));
            for (int h : hits) assertEquals(1, h, "job " + job);
        }
        assertTrue(seen.size() > 1, "the workers never claimed a chunk");
    }

    @Test
    void parkedWorkersWakeForTheNextJob() throws InterruptedException {
        SpinTeam team = new SpinTeam(1, 1_000);
        for (int round = 0; round < 20; round++) {
            Thread.sleep(3);   // well past the spin: the worker has parked
            AtomicInteger items = new AtomicInteger();
            assertTrue(team.tryRun(100, 4, (c, s, e) -> items.addAndGet(e - s)));
            assertEquals(100, items.get());
        }
    }

    @Test
    void aFailingChunkIsRethrownToTheCallerAndTheTeamStaysUsable() {
        SpinTeam team = new SpinTeam(1, 50_000);
        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class, () ->
                team.tryRun(8, 8, (c, s, e) -> { if (c == 5) throw new IllegalArgumentException("chunk 5"); }));
        assertEquals("chunk 5", thrown.getMessage());
        AtomicInteger items = new AtomicInteger();
        assertTrue(team.tryRun(8, 8, (c, s, e) -> items.addAndGet(e - s)));
        assertEquals(8, items.get());
    }

    @Test
    void aBusyTeamRefusesAndNestedCallsKnowTheyAreInside() {
        SpinTeam team = new SpinTeam(1, 50_000);
        AtomicInteger refused = new AtomicInteger(), inside = new AtomicInteger();
        assertTrue(team.tryRun(2, 2, (c, s, e) -> {
            if (!team.tryRun(1, 1, (c2, s2, e2) -> {})) refused.incrementAndGet();
            if (team.inside()) inside.incrementAndGet();
        }));
        assertEquals(2, refused.get());
        assertEquals(2, inside.get());
        assertFalse(team.inside());
    }

    @Test
    void concurrentCallersThroughParallelEachCoverTheirRange() throws InterruptedException {
        Thread[] callers = new Thread[3];
        AtomicInteger wrong = new AtomicInteger();
        for (int t = 0; t < callers.length; t++) {
            callers[t] = new Thread(() -> {
                for (int job = 0; job < 3_000; job++) {
                    int[] hits = new int[64];
                    Parallel.forChunks(hits.length, 4, (c, s, e) -> { for (int i = s; i < e; i++) hits[i]++; });
                    for (int h : hits) if (h != 1) wrong.incrementAndGet();
                }
            });
            callers[t].start();
        }
        for (Thread c : callers) c.join();
        assertEquals(0, wrong.get());
    }
}
