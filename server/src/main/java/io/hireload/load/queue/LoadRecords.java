package io.hireload.load.queue;

import io.hireload.model.LoadStatus;
import io.hireload.model.TableName;
import io.hireload.s3.CsvObjects.CsvObject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.List;
import java.util.Optional;
import java.time.Instant;

/**
 * The records of a load and its objects, made in the caller's transaction, and which open load
 * reads an object: the one place a load's {@code load_run} row and its {@code load_item} rows are
 * written, whoever queues the load (the API, or a load that started itself), and where a request
 * of the 1..1000-row API is recorded, ended with its one batch.
 */
public final class LoadRecords {
    /** The one statement that records a load, queued; {@link #insertItems} adds its objects. */
    private static final String CREATE_RUN = """
            insert into load_run (table_name, source, status, dry_run, batch_size, files, bytes_total, owner,
                                  delimiter, force, not_before, indexes_requested)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now() + make_interval(secs => ?), ?) returning id""";
    /** The one statement that records a request of the 1..1000-row API, ended with its one batch. */
    private static final String RECORD_REQUEST = """
            insert into load_run (table_name, source, status, dry_run, batch_size, files, bytes_total, owner,
                                  started_at, heartbeat_at, finished_at, rows_read, inserted, updated, unchanged,
                                  rejected, skipped_blank, batches)
            values (?, 'api', ?, ?, ?, ?, 0, ?, ?, ?, now(), ?, ?, ?, ?, ?, ?, ?) returning id""";
    private static final String READ_BY = StatusSql.sql("""
            select min(i.load_id) from load_item i join load_run r on r.id = i.load_id
             where i.table_name = ? and i.file = ? and i.status in {item_open} and r.status in {load_open}""");

    private LoadRecords() {
    }

    /**
     * Records a load of {@code table} from {@code source}, queued, over {@code objects} (their
     * items added by {@link #insertItems}): the one place a queued load's record is made, in the
     * caller's transaction. {@code waitSeconds}: how long a load that started itself may not start
     * (null: no wait).
     */
    public static long insertRun(Connection c, TableName table, String source, LoadRequest request,
                                 List<CsvObject> objects, String owner, Integer waitSeconds) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(CREATE_RUN)) {
            insert.setString(1, table.path());
            insert.setString(2, source);
            insert.setString(3, LoadStatus.QUEUED.wire());
            insert.setBoolean(4, request.dryRun());
            insert.setInt(5, request.batchSize());
            insert.setArray(6, c.createArrayOf("text", objects.stream().map(CsvObject::key).toArray()));
            insert.setLong(7, objects.stream().mapToLong(CsvObject::size).sum());
            insert.setString(8, owner);
            if (request.delimiter() == null) {
                insert.setNull(9, Types.CHAR);
            } else {
                insert.setString(9, request.delimiter().toString());
            }
            insert.setBoolean(10, request.force());
            if (waitSeconds == null) {
                insert.setNull(11, Types.INTEGER);
            } else {
                insert.setInt(11, Math.max(0, waitSeconds));
            }
            insert.setString(12, request.indexes() == null ? null : request.indexes().wire());
            try (ResultSet rs = insert.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** A request of the 1..1000-row API, received at {@code received}, whose rows come from {@code source}. */
    public record Request(TableName table, boolean dryRun, int batchSize, String source, Instant received) {
    }

    /**
     * Records a request of the 1..1000-row API that wrote its one batch: on {@code c}, the
     * connection of the transaction that writes its rows, so a request is one commit and its
     * rejected rows (written next, through JDBC) find their load.
     */
    public static long recordRequest(Connection c, Request request, BatchCounts counts) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(RECORD_REQUEST)) {
            Timestamp received = Timestamp.from(request.received());
            insert.setString(1, request.table().path());
            insert.setString(2, LoadStatus.SUCCEEDED.wire());
            insert.setBoolean(3, request.dryRun());
            insert.setInt(4, request.batchSize());
            insert.setArray(5, c.createArrayOf("text", new String[]{request.source()}));
            insert.setString(6, LoadRuns.OWNER);
            insert.setTimestamp(7, received);
            insert.setTimestamp(8, received);
            insert.setLong(9, counts.rowsRead());
            insert.setLong(10, counts.inserted());
            insert.setLong(11, counts.updated());
            insert.setLong(12, counts.unchanged());
            insert.setLong(13, counts.rejected());
            insert.setLong(14, counts.skippedBlank());
            insert.setInt(15, counts.rowsRead() > 0 ? 1 : 0);
            try (ResultSet rs = insert.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** The objects of a load recorded without them ({@link #insertRun}): its items, its files and bytes. */
    public static void setObjects(Connection c, long loadId, TableName table, List<CsvObject> objects)
            throws SQLException {
        insertItems(c, loadId, table, objects);
        try (PreparedStatement files = c.prepareStatement("update load_run set files = ?, bytes_total = ? where id = ?")) {
            files.setArray(1, c.createArrayOf("text", objects.stream().map(CsvObject::key).toArray()));
            files.setLong(2, objects.stream().mapToLong(CsvObject::size).sum());
            files.setLong(3, loadId);
            files.executeUpdate();
        }
    }

    /** Forgets a load recorded in the caller's transaction that found nothing to do. */
    public static void dropRun(Connection c, long loadId) throws SQLException {
        try (PreparedStatement drop = c.prepareStatement("delete from load_run where id = ?")) {
            drop.setLong(1, loadId);
            drop.executeUpdate();
        }
    }

    /** A load's work items, one per object, in key order ({@code seq}); every load is made of them. */
    static void insertItems(Connection c, long loadId, TableName table, List<CsvObject> objects)
            throws SQLException {
        try (PreparedStatement items = c.prepareStatement("""
                insert into load_item (load_id, table_name, seq, file, etag, size) values (?, ?, ?, ?, ?, ?)""")) {
            for (int seq = 0; seq < objects.size(); seq++) {
                CsvObject object = objects.get(seq);
                items.setLong(1, loadId);
                items.setString(2, table.path());
                items.setInt(3, seq);
                items.setString(4, object.key());
                items.setString(5, object.etag());
                items.setLong(6, object.size());
                items.addBatch();
            }
            items.executeBatch();
        }
    }

    /** The open load (queued or running) whose open item reads {@code key} of {@code table}, if any. */
    public static Optional<Long> openLoadReading(Connection c, TableName table, String key) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(READ_BY)) {
            StatusSql.bind(s, table.path(), key);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                long load = r.getLong(1);
                return r.wasNull() ? Optional.empty() : Optional.of(load);
            }
        }
    }
}
