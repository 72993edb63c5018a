package io.hireload.model;

import java.time.Instant;

/**
 * What a restore did: the table now holds exactly the backup's {@code rows}; of those,
 * {@code inserted} were missing, {@code updated} differed and {@code unchanged} were already equal;
 * {@code deleted} rows were not in the backup and are gone.
 */
public record RestoreReport(long backupId, String table, long rows, long inserted, long updated, long unchanged,
                            long deleted, long durationMs, Instant restoredAt) {
}
