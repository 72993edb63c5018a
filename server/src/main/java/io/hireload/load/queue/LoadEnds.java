package io.hireload.load.queue;

import io.hireload.model.LoadStatus;
import io.hireload.observe.LoadFinished;
import io.hireload.observe.LoadStarted;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * How a statement that starts or ends loads tells who they were: it answers these columns of each
 * {@code load_run} row it changed ({@code returning}, or a select from its CTE), and its caller
 * fires one event per load in the same transaction, for the metrics and the load log.
 */
public final class LoadEnds {
    /** The columns of an ended load, as a {@code returning} list of {@code load_run}. */
    public static final String ENDED = """
            id, table_name, source, status, error, rows_read, inserted, updated, unchanged, rejected, skipped_blank,
            batches, (extract(epoch from (finished_at - started_at)) * 1000)::bigint""";
    /** The columns of a started load, as a {@code returning} list of {@code load_run}. */
    static final String STARTED = "id, table_name, source, cardinality(files), dry_run";

    private LoadEnds() {
    }

    /** The ended loads the statement answers, read in the order of {@link #ENDED}. */
    public static List<LoadFinished> ended(PreparedStatement s) throws SQLException {
        List<LoadFinished> ended = new ArrayList<>();
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                ended.add(new LoadFinished(rs.getLong(1), rs.getString(2), rs.getString(3),
                        LoadStatus.fromWire(rs.getString(4)), rs.getString(5), rs.getLong(6), rs.getLong(7),
                        rs.getLong(8), rs.getLong(9), rs.getLong(10), rs.getLong(11), rs.getLong(12),
                        Math.max(0, rs.getLong(13))));
            }
        }
        return ended;
    }

    /** A started load, from a row whose first columns are those of {@link #STARTED}. */
    static LoadStarted started(ResultSet rs) throws SQLException {
        return new LoadStarted(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getBoolean(5));
    }
}
