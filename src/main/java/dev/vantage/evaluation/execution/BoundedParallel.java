package dev.vantage.evaluation.execution;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/** Maps items through a function on a fixed number of threads, in order, with an optional progress bar. */
public final class BoundedParallel {
    private BoundedParallel() {
    }

    /**
     * @param label progress bar title on stderr, or null for none
     * @return results in the order of {@code items}
     */
    public static <T, R> List<R> map(List<T> items, int threads, String label, Function<T, R> work) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(threads,
                     Thread.ofPlatform().daemon().name("eval-worker-", 0).factory());
             ProgressBar bar = label == null ? null : new ProgressBarBuilder().setTaskName(label)
                     .setInitialMax(items.size()).setStyle(ProgressBarStyle.ASCII)
                     .build()) {
            List<Future<R>> futures = new ArrayList<>(items.size());
            for (T item : items) {
                futures.add(pool.submit(() -> {
                    try {
                        return work.apply(item);
                    } finally {
                        if (bar != null) {
                            bar.step();
                        }
                    }
                }));
            }
            List<R> results = new ArrayList<>(items.size());
            for (Future<R> future : futures) {
                results.add(future.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while evaluating", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("evaluation task failed: " + e.getCause(), e.getCause());
        }
    }
}
