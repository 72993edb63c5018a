package io.hireload.bench;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * What the server is measured against, on the same PostgreSQL in the same run: COPY of the
 * cleaned rows into a scratch copy of the schema, the seed's row-by-row algorithm, the plain
 * SQL the metrics stand for, and the employee table's checksum that a restore must give back.
 */
final class Reference implements AutoCloseable {
    static final String SCHEMA = "bench_ref";
    private static final String[] TABLES = {"department", "job", "employee"};

    /** The employee table's row count and a sum of 64-bit hashes of its rows, whatever their order. */
    record Checksum(long rows, String sum) {
    }

    private final Connection connection;
    private final String jdbcUrl;
    private final String user;
    private final String password;

    Reference(String jdbcUrl, String user, String password) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password == null ? "" : password;
        try {
            connection = DriverManager.getConnection(jdbcUrl, user, this.password);
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot connect to " + jdbcUrl + ": " + e.getMessage(), e);
        }
    }

    /**
     * Creates {@code bench_ref} with the live schema's tables as they are now: columns, checks,
     * primary keys and every index ({@code LIKE ... INCLUDING ALL}), then the same foreign keys
     * pointing at the scratch tables. Department and job get the rows the server loaded.
     */
    void createScratchSchema() throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("drop schema if exists " + SCHEMA + " cascade");
            st.execute("create schema " + SCHEMA);
            for (String table : TABLES) {
                st.execute("create table " + SCHEMA + "." + table + " (like public." + table + " including all)");
            }
            // Qualified names in the definitions: with only pg_catalog on the path, every table is
            // printed with its schema, so public. can be swapped for the scratch schema.
            List<String> foreignKeys = new ArrayList<>();
            st.execute("set search_path = pg_catalog");
            try {
                for (String table : TABLES) {
                    try (ResultSet rs = st.executeQuery("select conname, pg_get_constraintdef(oid) from pg_constraint "
                            + "where conrelid = 'public." + table + "'::regclass and contype = 'f' order by conname")) {
                        while (rs.next()) {
                            foreignKeys.add("alter table " + SCHEMA + "." + table + " add constraint " + rs.getString(1)
                                    + " " + rs.getString(2).replace("REFERENCES public.", "REFERENCES " + SCHEMA + "."));
                        }
                    }
                }
            } finally {
                st.execute("reset search_path");
            }
            for (String fk : foreignKeys) {
                st.execute(fk);
            }
            st.execute("insert into " + SCHEMA + ".department select * from public.department");
            st.execute("insert into " + SCHEMA + ".job select * from public.job");
        }
    }

    int foreignKeyCount() throws SQLException {
        return (int) scalar("select count(*) from pg_constraint where contype = 'f' and connamespace = '" + SCHEMA
                + "'::regnamespace");
    }

    int indexCount(String schema) throws SQLException {
        return (int) scalar("select count(*) from pg_indexes where schemaname = '" + schema + "' and tablename = 'employee'");
    }

    /** COPY of the cleaned file into the empty scratch employee table; answers seconds. */
    double copyEmployees(Path clean) throws SQLException, IOException {
        execute("truncate " + SCHEMA + ".employee");
        checkpoint();
        CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
        long start = System.nanoTime();
        try (Reader in = Files.newBufferedReader(clean, StandardCharsets.UTF_8)) {
            copy.copyIn("copy " + SCHEMA + ".employee (id, name, hire_date, department_id, job_id) from stdin with (format csv)", in);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** pg_restore's method on the scratch employee table ({@link PgRestoreMethod}); answers seconds. */
    double copyAsPgRestore(Path clean) throws SQLException, IOException {
        return new PgRestoreMethod(connection, this).time(clean);
    }

    /**
     * The least any loader that keeps SPEC's one transaction per batch can ask of PostgreSQL: the
     * cleaned rows (no parsing, no data rules, no duplicate check, no rejected rows, no counters),
     * COPYed in transactions of {@code batchSize} rows, in file order, with the per-row foreign-key
     * triggers skipped as the server's batches skip them, and without waiting for each commit's WAL
     * flush; {@code streams} connections side by side, each taking the next batch. Into the same
     * empty scratch table as {@link #copyEmployees}; answers seconds.
     */
    double copyEmployeesInBatches(Path clean, int batchSize, int streams) throws Exception {
        execute("truncate " + SCHEMA + ".employee");
        return copyEmployeesInBatchesOnto(clean, batchSize, streams);
    }

    /** The same floor, onto whatever the scratch table holds (an incremental load's floor). */
    double copyEmployeesInBatchesOnto(Path clean, int batchSize, int streams) throws Exception {
        checkpoint();
        String sql = "copy " + SCHEMA + ".employee (id, name, hire_date, department_id, job_id) from stdin with (format csv)";
        String end = "";
        BlockingQueue<String> batches = new ArrayBlockingQueue<>(streams * 2);
        ExecutorService pool = Executors.newFixedThreadPool(streams);
        List<Connection> connections = new ArrayList<>();
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int i = 0; i < streams; i++) {
                Connection c = DriverManager.getConnection(jdbcUrl, user, password);
                c.setAutoCommit(false);
                connections.add(c);
                CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
                writers.add(pool.submit(() -> {
                    for (String batch = batches.take(); !batch.equals(end); batch = batches.take()) {
                        try (Statement st = c.createStatement()) {
                            st.execute("set local session_replication_role = replica; set local synchronous_commit = off");
                        }
                        copy.copyIn(sql, new StringReader(batch));
                        c.commit();
                    }
                    return null;
                }));
            }
            long start = System.nanoTime();
            try (var reader = Files.newBufferedReader(clean, StandardCharsets.UTF_8)) {
                StringBuilder chunk = new StringBuilder(batchSize * 64);
                int rows = 0;
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    chunk.append(line).append('\n');
                    if (++rows == batchSize) {
                        batches.put(chunk.toString());
                        chunk.setLength(0);
                        rows = 0;
                    }
                }
                if (rows > 0) {
                    batches.put(chunk.toString());
                }
            }
            for (int i = 0; i < streams; i++) {
                batches.put(end);
            }
            for (Future<?> writer : writers) {
                writer.get();
            }
            return (System.nanoTime() - start) / 1e9;
        } finally {
            pool.shutdownNow();
            for (Connection c : connections) {
                c.close();
            }
        }
    }

    /**
     * The seed's algorithm on the first {@code limit} cleaned rows: look the id up, then insert or
     * update, commit every 1000 rows. Answers rows per second.
     */
    double seedAlgorithmRowsPerSecond(Path clean, int limit) throws SQLException, IOException {
        execute("truncate " + SCHEMA + ".employee");
        List<String[]> rows = new ArrayList<>();
        try (var lines = Files.lines(clean)) {
            lines.limit(limit).forEach(l -> rows.add(l.split(",", -1)));
        }
        connection.setAutoCommit(false);
        long start = System.nanoTime();
        try (PreparedStatement find = connection.prepareStatement("select id from " + SCHEMA + ".employee where id = ?");
             PreparedStatement insert = connection.prepareStatement("insert into " + SCHEMA
                     + ".employee (id, name, hire_date, department_id, job_id) values (?, ?, ?, ?, ?)");
             PreparedStatement update = connection.prepareStatement("update " + SCHEMA
                     + ".employee set name = ?, hire_date = ?, department_id = ?, job_id = ? where id = ?")) {
            int n = 0;
            for (String[] f : rows) {
                int id = Integer.parseInt(f[0]);
                find.setInt(1, id);
                boolean exists;
                try (ResultSet rs = find.executeQuery()) {
                    exists = rs.next();
                }
                // java.time as the server binds it; Timestamp would go through the Julian calendar.
                OffsetDateTime when = Instant.parse(f[2]).atOffset(ZoneOffset.UTC);
                if (exists) {
                    update.setString(1, f[1]);
                    update.setObject(2, when);
                    update.setInt(3, Integer.parseInt(f[3]));
                    update.setInt(4, Integer.parseInt(f[4]));
                    update.setInt(5, id);
                    update.executeUpdate();
                } else {
                    insert.setInt(1, id);
                    insert.setString(2, f[1]);
                    insert.setObject(3, when);
                    insert.setInt(4, Integer.parseInt(f[3]));
                    insert.setInt(5, Integer.parseInt(f[4]));
                    insert.executeUpdate();
                }
                if (++n % 1000 == 0) {
                    connection.commit();
                }
            }
            connection.commit();
        } finally {
            connection.setAutoCommit(true);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return rows.size() / seconds;
    }

    /** Runs a query and answers its rows as text, one string per row, columns joined by '|'. */
    List<String> rows(String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= columns; i++) {
                    if (i > 1) {
                        row.append('|');
                    }
                    row.append(rs.getString(i));
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }

    long scalar(String sql) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    void execute(String sql) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute(sql);
        }
    }

    /** Empties the live employee table and checkpoints, so the next load starts from a flushed cache. */
    void emptyEmployees() throws SQLException {
        execute("truncate public.employee");
        checkpoint();
    }

    /** Flushes dirty pages before a timed step so no step pays for the previous one's writes. */
    void checkpoint() {
        try {
            execute("checkpoint");
        } catch (SQLException e) {
            // not a superuser on an external database: the steps run without it
        }
    }

    /**
     * Every column of every row goes into the sum, as the row's text: the session's time zone must
     * not change between two checksums compared, and it does not (one connection).
     */
    Checksum employeeChecksum() throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("""
                select count(*), coalesce(sum(('x' || left(md5(e::text), 16))::bit(64)::bigint::numeric), 0)::text
                from (select id, name, hire_date, department_id, job_id from public.employee) e
                """)) {
            rs.next();
            return new Checksum(rs.getLong(1), rs.getString(2));
        }
    }

    int serverMajorVersion() throws SQLException {
        return (int) (scalar("select current_setting('server_version_num')::int") / 10_000);
    }

    String jdbcUrl() {
        return jdbcUrl;
    }

    String user() {
        return user;
    }

    String password() {
        return password;
    }

    String serverVersion() throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("show server_version")) {
            rs.next();
            return rs.getString(1);
        }
    }

    void dropScratchSchema() {
        try {
            execute("drop schema if exists " + SCHEMA + " cascade");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new UncheckedIOException(new IOException(e));
        }
    }
}
