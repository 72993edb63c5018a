package io.hireload.load.queue;

import io.hireload.model.IndexMode;

/**
 * How a load was asked for: {@code batch_size}, {@code dry_run}, {@code async}, {@code delimiter},
 * {@code force} (load objects again that were already loaded, instead of skipping them), and
 * {@code indexes} (what to do with the table's secondary indexes; null: the engine decides, see
 * {@link io.hireload.load.indexes.IndexRule}).
 */
public record LoadRequest(int batchSize, boolean dryRun, boolean async, Character delimiter, boolean force,
                          IndexMode indexes) {
    /** A load whose indexes the engine decides. */
    public LoadRequest(int batchSize, boolean dryRun, boolean async, Character delimiter, boolean force) {
        this(batchSize, dryRun, async, delimiter, force, null);
    }
}
