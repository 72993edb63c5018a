package io.hireload.load;

import io.hireload.model.TableName;
import io.hireload.rows.Checked;
import io.hireload.rows.Columns;
import io.hireload.rows.DuplicateIds;
import io.hireload.rows.RowRules;
import io.hireload.rows.SourceRow;

/**
 * The rows of one load on their way to the database: checked by the data rules, duplicates
 * caught, gathered into batches of {@code batchSize} rows, each written in its own transaction.
 * The S3 loader and the 1..1000-row API both feed rows through here, so there is one validator.
 */
final class LoadSession {
    private final long loadId;
    private final TableName table;
    private final int batchSize;
    private final boolean dryRun;
    private final BatchWriter writer;
    private final DuplicateIds seen = new DuplicateIds();
    private Batch batch = new Batch();
    private boolean expectHeader;

    LoadSession(long loadId, TableName table, int batchSize, boolean dryRun, BatchWriter writer) {
        this.loadId = loadId;
        this.table = table;
        this.batchSize = batchSize;
        this.dryRun = dryRun;
        this.writer = writer;
    }

    /** A new CSV source begins: its first non-blank row may be a header. */
    void startSource() {
        expectHeader = true;
    }

    void accept(SourceRow row) {
        if (row.blank()) {
            batch.skippedBlank++;
            return;
        }
        if (expectHeader) {
            expectHeader = false;
            if (Columns.isHeader(table, row.fields())) {
                return;
            }
        }
        Checked checked = RowRules.check(table, row);
        if (checked instanceof Checked.Valid valid) {
            String first = seen.firstSeen(valid.id(), row);
            if (first != null) {
                checked = new Checked.Rejected(row, "duplicate id " + valid.id() + ", first seen at " + first);
            }
        }
        add(checked);
    }

    /** A row that could not even be split into fields. */
    void reject(SourceRow row, String reason) {
        add(new Checked.Rejected(row, reason));
    }

    void bytesDone(long bytes) {
        batch.bytesDone = bytes;
    }

    /** Writes what is gathered; call at the end of the load. */
    void flush() {
        if (!batch.isEmpty()) {
            long bytes = batch.bytesDone;
            writer.write(loadId, table, batch, dryRun);
            batch = new Batch();
            batch.bytesDone = bytes;
        }
    }

    private void add(Checked checked) {
        batch.rows.add(checked);
        if (batch.rows.size() >= batchSize) {
            flush();
        }
    }
}
