package io.hireload.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.TreeMap;

/**
 * The employee table's indexes as the database has them: name to definition, with " INVALID"
 * appended to an index {@code pg_index.indisvalid} says is not usable; and what is recorded as set
 * aside. Tests compare the first with what the migrations left, before any load.
 */
public final class EmployeeIndexes {
    private EmployeeIndexes() {
    }

    public static Map<String, String> now() throws SQLException {
        Map<String, String> found = new TreeMap<>();
        try (Connection c = EmbeddedServices.connect(); PreparedStatement s = c.prepareStatement("""
                select i.indexname, i.indexdef, x.indisvalid
                  from pg_indexes i
                  join pg_class c on c.relname = i.indexname
                  join pg_namespace n on n.oid = c.relnamespace and n.nspname = i.schemaname
                  join pg_index x on x.indexrelid = c.oid
                 where i.schemaname = current_schema() and i.tablename = 'employee'""")) {
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    found.put(rs.getString(1), rs.getString(2) + (rs.getBoolean(3) ? "" : " INVALID"));
                }
            }
        }
        return found;
    }

    /**
     * The employee table's own autovacuum setting ({@code autovacuum_enabled=...} of
     * {@code pg_class.reloptions}), or null when it has none and the server's setting applies.
     */
    public static String autovacuum() throws SQLException {
        try (Connection c = EmbeddedServices.connect(); PreparedStatement s = c.prepareStatement("""
                select o from pg_class t join pg_namespace n on n.oid = t.relnamespace,
                       unnest(coalesce(t.reloptions, '{}')) o
                 where n.nspname = current_schema() and t.relname = 'employee' and o like 'autovacuum_enabled=%'""");
             ResultSet rs = s.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /** Sets the employee table's own autovacuum setting, as an operator would; null resets it. */
    public static void setAutovacuum(Boolean enabled) throws SQLException {
        try (Connection c = EmbeddedServices.connect(); java.sql.Statement s = c.createStatement()) {
            s.execute(enabled == null ? "alter table employee reset (autovacuum_enabled)"
                    : "alter table employee set (autovacuum_enabled = " + enabled + ")");
        }
    }

    /** How many index definitions are recorded as set aside. */
    public static int setAside() throws SQLException {
        try (Connection c = EmbeddedServices.connect(); PreparedStatement s = c.prepareStatement(
                "select count(*) from set_aside_index"); ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
