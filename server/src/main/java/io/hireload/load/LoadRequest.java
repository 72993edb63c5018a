package io.hireload.load;

/** How a load was asked for: {@code batch_size}, {@code dry_run}, {@code async}, {@code delimiter}. */
public record LoadRequest(int batchSize, boolean dryRun, boolean async, Character delimiter) {
}
