package io.hireload.load.queue;

/**
 * How a load was asked for: {@code batch_size}, {@code dry_run}, {@code async}, {@code delimiter},
 * and {@code force} (load objects again that were already loaded, instead of skipping them).
 */
public record LoadRequest(int batchSize, boolean dryRun, boolean async, Character delimiter, boolean force) {
}
