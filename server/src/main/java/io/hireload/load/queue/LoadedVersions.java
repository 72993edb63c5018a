package io.hireload.load.queue;

import io.hireload.model.ItemStatus;
import io.hireload.model.LoadStatus;
import io.hireload.model.TableName;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * "This version of this object is already loaded", written once: the newest load (not a dry run,
 * ended) whose work item read this key with this ETag to its end. A load skips such an object
 * ({@link LoadItems#promote}), a load that starts itself does not queue it (io.hireload.auto), and
 * the files list shows which load loaded it (io.hireload.files).
 */
public final class LoadedVersions {
    private LoadedVersions() {
    }

    /**
     * The id of the load that loaded the version named by the SQL expressions {@code table},
     * {@code file} and {@code etag}, or null. Binds two parameters after those the expressions bind:
     * use {@link #bind} for them.
     */
    static String loadedBy(String table, String file, String etag) {
        return "(select max(d.load_id) from load_item d join load_run r on r.id = d.load_id"
                + " where d.table_name = " + table + " and d.file = " + file + " and d.etag = " + etag
                + " and d.status = ? and not r.dry_run and r.status = any(?))";
    }

    /** Binds {@link #loadedBy}'s two parameters from {@code index}; answers the next index. */
    static int bind(PreparedStatement s, int index, Connection c) throws SQLException {
        s.setString(index, ItemStatus.DONE.wire());
        s.setArray(index + 1, StatusSql.loadWords(c, LoadStatus.ENDED));
        return index + 2;
    }

    /** Of the versions {@code keys} (with their {@code etags}, index by index), those loaded: key and ETag to the load's id. */
    public static Map<Version, Long> loaded(Connection c, TableName table, List<String> keys, List<String> etags)
            throws SQLException {
        Map<Version, Long> loaded = new HashMap<>();
        if (keys.isEmpty()) {
            return loaded;
        }
        try (PreparedStatement s = c.prepareStatement("select k.key, k.etag, " + loadedBy("?", "k.key", "k.etag")
                + " from unnest(?::text[], ?::text[]) as k(key, etag)")) {
            s.setString(1, table.path());
            int next = bind(s, 2, c);
            s.setArray(next, c.createArrayOf("text", keys.toArray()));
            s.setArray(next + 1, c.createArrayOf("text", etags.toArray()));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    long id = r.getLong(3);
                    if (!r.wasNull()) {
                        loaded.put(new Version(r.getString(1), r.getString(2)), id);
                    }
                }
            }
        }
        return loaded;
    }

    /** One version of one object: its key and its ETag. */
    public record Version(String key, String etag) {
    }
}
