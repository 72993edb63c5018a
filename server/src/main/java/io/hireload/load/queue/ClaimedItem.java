package io.hireload.load.queue;

import io.hireload.model.TableName;
import io.hireload.s3.CsvObjects.CsvObject;

/**
 * One object an instance has claimed ({@link LoadItems#claim}), with what it needs to read and
 * write it: {@code claim} fences its batches, {@code line} and {@code byteOffset} say where an
 * earlier attempt stopped, {@code objects} how many objects its load writes.
 */
public record ClaimedItem(long itemId, long loadId, TableName table, int seq, CsvObject object, long claim,
                          long line, long byteOffset, int batchSize, boolean dryRun, Character delimiter,
                          int objects) {
}
