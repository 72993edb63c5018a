package io.hireload.load.queue;

import io.hireload.model.IndexMode;
import io.hireload.model.ItemStatus;
import io.hireload.model.LoadStatus;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * What the index step of a load ({@code load.indexes}) reads and marks in the queue's tables: the
 * load's decision, the bytes it will read, which set-aside indexes may come back, and the rebuild's
 * times. Each method runs in the caller's transaction, on its connection, so the index step keeps
 * its own transaction boundaries (the decision holds the load's row while it drops the indexes).
 */
public final class IndexBookkeeping {
    /** Recorded indexes that may come back: their load ended, is gone, or has no object left to load. */
    private static final String DUE = StatusSql.sql("""
            select s.index_name from set_aside_index s
             where not exists (select 1 from load_run r join load_item i on i.load_id = r.id
                                where r.id = s.load_id and r.status in {load_open} and i.status in {item_open})
               and (s.load_id = ? or ?)
             order by s.definition ~* ' using (gin|gist) ' desc, s.index_name""");
    private static final String STARTED = """
            update load_run set index_rebuild_started_at = coalesce(index_rebuild_started_at, now())
             where id in (select load_id from set_aside_index where index_name = any(?))""";
    /** Loads that deferred their indexes, have them all back and no object left: how long it took. */
    private static final String SETTLE = StatusSql.sql("""
            update load_run r
               set index_rebuild_ms = greatest(0, round(1000 * extract(epoch from
                       clock_timestamp() - coalesce(r.index_rebuild_started_at, clock_timestamp()))))::bigint
             where r.indexes = ? and r.index_rebuild_ms is null
               and not exists (select 1 from set_aside_index s where s.load_id = r.id)
               and not (r.status in {load_open}
                        and exists (select 1 from load_item i where i.load_id = r.id and i.status in {item_open}))""");

    private IndexBookkeeping() {
    }

    /**
     * A load about to decide its indexes, as its row says: the row stays locked until the caller's
     * transaction ends, so the load's other workers wait for the decision.
     *
     * @param decided   the decision made already (another worker's), or null
     * @param requested the operator's word on the load call, or null
     */
    public record ToDecide(String tableName, boolean dryRun, IndexMode decided, IndexMode requested, boolean ended) {
    }

    /** Locks load {@code loadId}'s row and answers what its index decision needs; empty for an unknown load. */
    public static Optional<ToDecide> lockForIndexDecision(Connection c, long loadId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                select table_name, dry_run, indexes, indexes_requested, status from load_run where id = ? for update""")) {
            s.setLong(1, loadId);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new ToDecide(rs.getString(1), rs.getBoolean(2), mode(rs.getString(3)),
                        mode(rs.getString(4)), LoadStatus.fromWire(rs.getString(5)).finished()));
            }
        }
    }

    private static IndexMode mode(String wire) {
        return wire == null ? null : IndexMode.fromWire(wire).orElseThrow();
    }

    /** The bytes of the objects the load will read (skipped ones left out). */
    public static long bytesToRead(Connection c, long loadId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "select coalesce(sum(size), 0) from load_item where load_id = ? and status <> ?")) {
            s.setLong(1, loadId);
            s.setString(2, ItemStatus.SKIPPED.wire());
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Records what the load does with its indexes, for its report and its other workers. */
    public static void recordIndexDecision(Connection c, long loadId, IndexMode mode) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("update load_run set indexes = ? where id = ?")) {
            s.setString(1, mode.wire());
            s.setLong(2, loadId);
            s.executeUpdate();
        }
    }

    /**
     * The set-aside indexes that may be built again: of load {@code loadId}, or with {@code all}
     * of every load; inverted indexes first (they take longest).
     */
    public static List<String> indexesDueBack(Connection c, long loadId, boolean all) throws SQLException {
        List<String> names = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(DUE)) {
            s.setLong(1, loadId);
            s.setBoolean(2, all);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
        }
        return names;
    }

    /** The loads that set these indexes aside start their rebuild now (the first start counts). */
    public static void markRebuildStarted(Connection c, Collection<String> indexNames) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(STARTED)) {
            s.setArray(1, c.createArrayOf("text", indexNames.toArray()));
            s.executeUpdate();
        }
    }

    /** Loads whose deferred indexes are all back and whose objects are all done get their rebuild time. */
    /**
     * Turns autovacuum back on for the tables a set-aside paused and that have no index set aside
     * any more (V25); answers how many.
     */
    public static int resumeAutovacuum(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select resume_autovacuum()");
             ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    public static void settleRebuildTimes(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(SETTLE)) {
            s.setString(1, IndexMode.DEFERRED.wire());
            s.executeUpdate();
        }
    }
}
