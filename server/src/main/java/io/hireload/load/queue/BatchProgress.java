package io.hireload.load.queue;

import io.hireload.model.ItemStatus;
import io.hireload.model.LoadStatus;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** A batch's mark on the queue: its counters and its object's resume point, in the batch's own transaction. */
public final class BatchProgress {
    /**
     * A batch's counters and its object's resume point, in the batch's transaction: the item's
     * own, then its load's. Only while the worker's claim is still the item's and the load still
     * runs; otherwise nothing is updated and the batch rolls back.
     */
    private static final String ADVANCE = """
            with item as (
                update load_item
                   set rows_read = rows_read + ?, inserted = inserted + ?, updated = updated + ?,
                       unchanged = unchanged + ?, rejected = rejected + ?, skipped_blank = skipped_blank + ?,
                       batches = batches + ?, line = greatest(line, ?), byte_offset = greatest(byte_offset, ?)
                 where id = ? and claim = ? and status = ?
                returning load_id)
            update load_run r
               set rows_read = r.rows_read + ?, inserted = r.inserted + ?, updated = r.updated + ?,
                   unchanged = r.unchanged + ?, rejected = r.rejected + ?, skipped_blank = r.skipped_blank + ?,
                   batches = r.batches + ?, bytes_done = r.bytes_done + ?, heartbeat_at = now()
              from item
             where r.id = item.load_id and r.status = ? and r.failing is null""";

    private BatchProgress() {
    }

    /**
     * Adds a batch's counters to its item and its load and moves the item's resume point, in the
     * batch's transaction; answers 1, or 0 when the claim is no longer {@code item}'s or the load
     * no longer runs (the batch must then roll back).
     */
    public static int advance(Connection connection, ClaimedItem item, BatchCounts c, long lastLine, long bytesDone,
                              long bytesBefore) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(ADVANCE)) {
            int p = 1;
            p = counts(update, p, c);
            update.setLong(p++, lastLine);
            update.setLong(p++, bytesDone);
            update.setLong(p++, item.itemId());
            update.setLong(p++, item.claim());
            update.setString(p++, ItemStatus.RUNNING.wire());
            p = counts(update, p, c);
            update.setLong(p++, Math.max(0, bytesDone - bytesBefore));
            update.setString(p, LoadStatus.RUNNING.wire());
            return update.executeUpdate();
        }
    }

    private static int counts(PreparedStatement update, int p, BatchCounts c) throws SQLException {
        update.setLong(p++, c.rowsRead());
        update.setLong(p++, c.inserted());
        update.setLong(p++, c.updated());
        update.setLong(p++, c.unchanged());
        update.setLong(p++, c.rejected());
        update.setLong(p++, c.skippedBlank());
        update.setInt(p++, c.rowsRead() > 0 ? 1 : 0);
        return p;
    }
}
