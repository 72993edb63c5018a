package io.hireload.bench;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** The reference an initial load is held to beside plain COPY: how pg_restore fills a table. */
final class PgRestoreMethod {
    private final Connection connection;
    private final Reference reference;

    PgRestoreMethod(Connection connection, Reference reference) {
        this.connection = connection;
        this.reference = reference;
    }

    /**
     * pg_restore's method on the scratch employee table: its secondary indexes and foreign keys
     * dropped, the cleaned rows COPYed into the table with its primary key only, then the indexes
     * and the foreign keys built one after the other ({@code maintenance_work_mem} 256 MB, as
     * pg_restore's users set it). Timed from the COPY to the last constraint; leaves the table as
     * {@link Reference#copyEmployees} does (full, every index and key in place). Answers seconds.
     */
    double time(Path clean) throws SQLException, IOException {
        reference.execute("truncate " + Reference.SCHEMA + ".employee");
        List<String> indexes = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        try (Statement st = connection.createStatement()) {
            try (ResultSet rs = st.executeQuery("select pg_get_indexdef(x.indexrelid), c.relname from pg_index x "
                    + "join pg_class c on c.oid = x.indexrelid where x.indrelid = '" + Reference.SCHEMA + ".employee'::regclass "
                    + "and not x.indisprimary order by c.relname")) {
                while (rs.next()) {
                    indexes.add(rs.getString(1));
                    names.add(rs.getString(2));
                }
            }
            for (String name : names) {
                st.execute("drop index " + Reference.SCHEMA + "." + name);
            }
            try (ResultSet rs = st.executeQuery("select conname, pg_get_constraintdef(oid) from pg_constraint "
                    + "where conrelid = '" + Reference.SCHEMA + ".employee'::regclass and contype = 'f' order by conname")) {
                while (rs.next()) {
                    keys.add("alter table " + Reference.SCHEMA + ".employee add constraint " + rs.getString(1) + " " + rs.getString(2));
                }
            }
            for (String key : keys) {
                st.execute("alter table " + Reference.SCHEMA + ".employee drop constraint " + key.split(" ")[5]);
            }
            st.execute("set maintenance_work_mem = '256MB'");
        }
        reference.checkpoint();
        CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
        long start = System.nanoTime();
        try (Reader in = Files.newBufferedReader(clean, StandardCharsets.UTF_8)) {
            copy.copyIn("copy " + Reference.SCHEMA + ".employee (id, name, hire_date, department_id, job_id) from stdin with (format csv)", in);
        }
        try (Statement st = connection.createStatement()) {
            for (String index : indexes) {
                st.execute(index);
            }
            for (String key : keys) {
                st.execute(key);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        reference.execute("reset maintenance_work_mem");
        return seconds;
    }
}
