package io.hireload.load.queue;

/** What one batch did, added to its load's counters in the batch's own transaction. */
public record BatchCounts(long rowsRead, long inserted, long updated, long unchanged, long rejected,
                          long skippedBlank, long bytesDone) {
}
