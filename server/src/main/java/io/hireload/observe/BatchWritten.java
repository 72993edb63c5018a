package io.hireload.observe;

/**
 * A batch's rows by outcome (fired in the batch's transaction, observed after it committed).
 * {@code startedNanos} is {@link System#nanoTime()} when the batch began, so the latency observed
 * after the commit includes the commit.
 */
public record BatchWritten(String table, boolean dryRun, long inserted, long updated, long unchanged,
                           long rejected, long startedNanos) {
}
