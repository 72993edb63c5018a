package io.hireload.backup;

import io.hireload.load.ReferenceChecks;
import io.hireload.model.BackupInfo;
import io.hireload.model.Page;
import io.hireload.model.RestoreReport;
import io.hireload.model.TableName;
import io.hireload.rows.Checked;
import io.hireload.rows.RowRules;
import io.hireload.rows.SourceRow;
import io.hireload.web.ApiProblem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;

import javax.sql.DataSource;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Backs tables up to Avro files and restores them. Plain JDBC on the server's data source, with
 * transactions of its own: a backup reads through a cursor in one REPEATABLE READ snapshot, so
 * memory stays flat whatever the table's size and the three tables of {@code POST /backups} agree
 * with each other; a restore checks the file, stages its rows, and swaps them in in one
 * transaction.
 */
@ApplicationScoped
public class BackupService {
    private static final Logger LOG = Logger.getLogger(BackupService.class.getName());
    private static final int FETCH_SIZE = 1000;
    private static final int INSERT_BATCH = 1000;
    /**
     * An employees restore holds the table exclusively and has checked every department and job
     * the file names, with those tables locked: the per-row foreign-key triggers would only repeat
     * that, and cost half the merge. When the role may (see ReferenceChecks), the merge skips the
     * triggers, and the metrics summary gets its deltas as the whole table's hires taken out
     * before and put back after, in the same transaction.
     */
    private static final String HIRES = "insert into hires_delta (department_id, job_id, year, quarter, hired) "
            + "select department_id, job_id, extract(year from hire_date at time zone 'UTC')::integer, "
            + "extract(quarter from hire_date at time zone 'UTC')::smallint, %s count(*) from employee group by 1, 2, 3, 4";
    private static final String HIRES_OUT = HIRES.formatted("-");
    private static final String HIRES_IN = HIRES.formatted("");
    private static final int MAX_IDS_NAMED = 100;
    private static final DateTimeFormatter FILE_TIME =
            DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmssSSSSSS'Z'").withZone(ZoneOffset.UTC);
    private static final String COLUMNS = "id, table_name, rows, bytes, sha256, codec, target, location, created_at";

    private final DataSource dataSource;
    private final BackupStore store;
    private final BackupSettings settings;
    private final ReferenceChecks references;

    @Inject
    public BackupService(@Named("hireload") DataSource dataSource, BackupStore store, BackupSettings settings,
                         ReferenceChecks references) {
        this.references = references;
        this.dataSource = dataSource;
        this.store = store;
        this.settings = settings;
    }

    /** For CDI's proxy only. */
    protected BackupService() {
        this(null, null, null, null);
    }

    // ------------------------------------------------------------------ backup

    private record Written(BackupTable table, Path scratch, long rows, long bytes, String sha256) {
    }

    /** Backs the tables up from one snapshot; answers one backup per table, in the order given. */
    public List<BackupInfo> backup(List<TableName> tables) {
        // A misconfiguration is said before any row is read, not after the file is written.
        if (settings.target() == BackupSettings.Target.S3) {
            settings.s3PartSize();
        }
        var codec = settings.codec();
        Instant createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        List<Written> written = new ArrayList<>();
        try {
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                c.setReadOnly(true);
                try {
                    for (TableName table : tables) {
                        written.add(write(c, BackupTable.of(table), codec, createdAt));
                    }
                    c.commit();
                } catch (SQLException | IOException | RuntimeException e) {
                    c.rollback();
                    throw e;
                } finally {
                    c.setReadOnly(false);
                    c.setAutoCommit(true);
                }
            }
            List<BackupInfo> backups = new ArrayList<>();
            for (Written w : written) {
                String fileName = w.table().table().path() + "-" + FILE_TIME.format(createdAt) + "-"
                        + UUID.randomUUID().toString().substring(0, 8) + ".avro";
                BackupStore.Stored stored = store.keep(w.scratch(), w.table().table(), fileName);
                BackupInfo info = record(w, stored, createdAt);
                LOG.info(() -> "backup " + info.id() + ": " + info.rows() + " " + info.table() + " rows, "
                        + info.bytes() + " bytes, to " + info.location());
                backups.add(info);
            }
            return backups;
        } catch (IOException e) {
            throw new ApiProblem(500, "backup failed", "cannot write the backup file: " + e, e);
        } catch (SQLException e) {
            throw databaseProblem("backup", e);
        } finally {
            for (Written w : written) {
                deleteQuietly(w.scratch());
            }
        }
    }

    private Written write(Connection c, BackupTable table, org.apache.avro.file.CodecFactory codec, Instant createdAt)
            throws SQLException, IOException {
        Path scratch = store.scratchFile(table.table());
        MessageDigest sha = sha256();
        long rows = 0;
        try {
            try (OutputStream out = new DigestOutputStream(new BufferedOutputStream(Files.newOutputStream(scratch), 1 << 16), sha);
                 DataFileWriter<GenericRecord> writer = new DataFileWriter<>(new GenericDatumWriter<>(table.schema()))) {
                writer.setCodec(codec);
                writer.setMeta(BackupTable.META_TABLE, table.table().path());
                writer.setMeta(BackupTable.META_CREATED_AT, createdAt.toString());
                writer.create(table.schema(), out);
                try (PreparedStatement select = c.prepareStatement(table.selectSql())) {
                    select.setFetchSize(FETCH_SIZE);
                    try (ResultSet rs = select.executeQuery()) {
                        GenericData.Record record = new GenericData.Record(table.schema());
                        while (rs.next()) {
                            table.fill(rs, record);
                            writer.append(record);
                            rows++;
                        }
                    }
                }
            }
            return new Written(table, scratch, rows, Files.size(scratch), HexFormat.of().formatHex(sha.digest()));
        } catch (SQLException | IOException | RuntimeException e) {
            deleteQuietly(scratch);
            throw e;
        }
    }

    private BackupInfo record(Written w, BackupStore.Stored stored, Instant createdAt) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement insert = c.prepareStatement("insert into backup (table_name, rows, bytes, sha256, codec, "
                     + "target, location, created_at) values (?, ?, ?, ?, ?, ?, ?, ?) returning " + COLUMNS)) {
            insert.setString(1, w.table().table().path());
            insert.setLong(2, w.rows());
            insert.setLong(3, w.bytes());
            insert.setString(4, w.sha256());
            insert.setString(5, settings.codecName());
            insert.setString(6, stored.target());
            insert.setString(7, stored.location());
            insert.setObject(8, OffsetDateTime.ofInstant(createdAt, ZoneOffset.UTC));
            try (ResultSet rs = insert.executeQuery()) {
                rs.next();
                return info(rs);
            }
        }
    }

    // ------------------------------------------------------------------ listing

    public Page<BackupInfo> page(TableName table, int page, int size) {
        String where = table == null ? "" : " where table_name = ?";
        try (Connection c = dataSource.getConnection()) {
            long total;
            try (PreparedStatement count = c.prepareStatement("select count(*) from backup" + where)) {
                if (table != null) {
                    count.setString(1, table.path());
                }
                try (ResultSet rs = count.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            List<BackupInfo> items = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement("select " + COLUMNS + " from backup" + where
                    + " order by id desc limit ? offset ?")) {
                int i = 1;
                if (table != null) {
                    select.setString(i++, table.path());
                }
                select.setInt(i++, size);
                select.setLong(i, (long) (page - 1) * size);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        items.add(info(rs));
                    }
                }
            }
            return Page.of(items, page, size, total);
        } catch (SQLException e) {
            throw databaseProblem("list backups", e);
        }
    }

    public Optional<BackupInfo> find(long id) {
        return one("select " + COLUMNS + " from backup where id = ?", ps -> ps.setLong(1, id));
    }

    public Optional<BackupInfo> newest(TableName table) {
        return one("select " + COLUMNS + " from backup where table_name = ? order by id desc limit 1",
                ps -> ps.setString(1, table.path()));
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private Optional<BackupInfo> one(String sql, Binder binder) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(info(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw databaseProblem("read backups", e);
        }
    }

    private static BackupInfo info(ResultSet rs) throws SQLException {
        return new BackupInfo(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getString(5).strip(),
                rs.getString(6), rs.getString(7), rs.getString(8),
                rs.getObject(9, OffsetDateTime.class).toInstant());
    }

    // ------------------------------------------------------------------ restore

    /**
     * Replaces the table's rows with the backup's in one transaction, or changes nothing: the file
     * must be the one recorded (size and SHA-256), hold this table, and every row must pass the
     * data rules and keep the foreign keys whole.
     *
     * @param backupId null for the newest backup of the table
     */
    public RestoreReport restore(TableName table, Long backupId) {
        long started = System.nanoTime();
        BackupInfo backup = backupId == null
                ? newest(table).orElseThrow(() -> ApiProblem.notFound("there is no backup of " + table.path()
                + " yet (POST /backups/" + table.path() + " makes one); nothing was changed"))
                : find(backupId).orElseThrow(() -> ApiProblem.notFound("no backup " + backupId + "; nothing was changed"));
        if (!backup.table().equals(table.path())) {
            throw new ApiProblem(409, "conflict", "backup " + backup.id() + " is a backup of " + backup.table()
                    + ", not of " + table.path() + "; nothing was changed");
        }
        BackupTable kind = BackupTable.of(table);
        try (BackupStore.Local local = store.fetch(backup)) {
            verify(backup, local.file());
            RestoreReport report = apply(kind, backup, local.file(), started);
            LOG.info(() -> "restored " + table.path() + " from backup " + backup.id() + ": " + report);
            return report;
        } catch (IOException e) {
            throw damaged(backup, "it cannot be read: " + e.getMessage());
        }
    }

    /** Size and SHA-256 against the record, before a byte of it is parsed. */
    private static void verify(BackupInfo backup, Path file) throws IOException {
        MessageDigest sha = sha256();
        long size = 0;
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha.update(buffer, 0, n);
                size += n;
            }
        }
        String actual = HexFormat.of().formatHex(sha.digest());
        if (size != backup.bytes() || !actual.equals(backup.sha256())) {
            throw damaged(backup, "its file has " + size + " bytes with SHA-256 " + actual + ", but the backup "
                    + "recorded " + backup.bytes() + " bytes with SHA-256 " + backup.sha256()
                    + " (damaged or truncated)");
        }
    }

    private RestoreReport apply(BackupTable kind, BackupInfo backup, Path file, long started) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (Statement s = c.createStatement()) {
                    s.execute("set local lock_timeout = '60s'");
                    s.execute(kind.createStageSql());
                }
                long rows = stage(c, kind, backup, file);
                if (rows != backup.rows()) {
                    throw damaged(backup, "its file holds " + rows + " rows, but the backup recorded " + backup.rows());
                }
                try (Statement s = c.createStatement()) {
                    s.execute(kind.stagePrimaryKeySql());
                } catch (SQLException e) {
                    if ("23505".equals(e.getSQLState())) {
                        throw damaged(backup, "it holds an id more than once (" + e.getMessage() + ")");
                    }
                    throw e;
                }
                try (Statement s = c.createStatement()) {
                    s.execute("analyze " + kind.stageTable());
                    for (String lock : kind.lockSql()) {
                        s.execute(lock);
                    }
                }
                checkReferences(c, kind, backup);
                long deleted;
                long inserted;
                long updated;
                boolean setBased = kind == BackupTable.EMPLOYEES && references.setBased();
                try (Statement s = c.createStatement()) {
                    if (setBased) {
                        s.execute(HIRES_OUT);
                        s.execute("set local session_replication_role = replica");
                    }
                    deleted = s.executeUpdate(kind.deleteSql());
                    try (ResultSet rs = s.executeQuery(kind.upsertSql())) {
                        rs.next();
                        inserted = rs.getLong(1);
                        updated = rs.getLong(2);
                    }
                    if (setBased) {
                        s.execute("set local session_replication_role = origin");
                        s.execute(HIRES_IN);
                    }
                }
                c.commit();
                long durationMs = (System.nanoTime() - started) / 1_000_000;
                return new RestoreReport(backup.id(), kind.table().path(), rows, inserted, updated,
                        rows - inserted - updated, deleted, durationMs, Instant.now());
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw databaseProblem("restore " + kind.table().path(), e);
        }
    }

    /** Reads the file into the staging table, each row through the data rules. */
    private long stage(Connection c, BackupTable kind, BackupInfo backup, Path file) throws SQLException {
        long rows = 0;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
             DataFileStream<GenericRecord> records = new DataFileStream<>(in, new GenericDatumReader<>());
             PreparedStatement insert = c.prepareStatement(kind.stageInsertSql())) {
            checkHeader(kind, backup, records);
            GenericRecord record = null;
            int pending = 0;
            while (records.hasNext()) {
                record = records.next(record);
                rows++;
                SourceRow source = new SourceRow(backup.location(), rows, "", kind.fields(record));
                if (RowRules.check(kind.table(), source) instanceof Checked.Rejected rejected) {
                    throw damaged(backup, "record " + rows + " breaks the data rules: " + rejected.reason());
                }
                kind.bindStage(insert, record);
                insert.addBatch();
                if (++pending == INSERT_BATCH) {
                    insert.executeBatch();
                    pending = 0;
                }
            }
            if (pending > 0) {
                insert.executeBatch();
            }
            return rows;
        } catch (IOException | AvroRuntimeException | ClassCastException | NullPointerException e) {
            throw damaged(backup, "it is not a readable Avro file of " + kind.table().path() + ": " + e.getMessage());
        }
    }

    /** The file must say it holds this table, with the columns of this table's schema. */
    private static void checkHeader(BackupTable kind, BackupInfo backup, DataFileStream<GenericRecord> records) {
        String holds = records.getMetaString(BackupTable.META_TABLE);
        if (!kind.table().path().equals(holds)) {
            throw damaged(backup, "its file holds " + (holds == null ? "no hireload table" : holds) + ", not "
                    + kind.table().path());
        }
        Schema schema = records.getSchema();
        List<Schema.Field> expected = kind.schema().getFields();
        boolean same = schema.getType() == Schema.Type.RECORD && schema.getFields().size() == expected.size();
        for (int i = 0; same && i < expected.size(); i++) {
            Schema.Field have = schema.getFields().get(i);
            same = have.name().equals(expected.get(i).name()) && have.schema().equals(expected.get(i).schema());
        }
        if (!same) {
            throw damaged(backup, "its schema " + schema + " is not the schema of " + kind.table().path() + " ("
                    + kind.schema().getFields().stream().map(Schema.Field::name).collect(Collectors.joining(", ")) + ")");
        }
    }

    /** Refuses (409) a restore that would leave an employee pointing at nothing. */
    private static void checkReferences(Connection c, BackupTable kind, BackupInfo backup) throws SQLException {
        String stage = kind.stageTable();
        switch (kind) {
            case DEPARTMENTS, JOBS -> {
                String column = kind == BackupTable.DEPARTMENTS ? "department_id" : "job_id";
                List<Integer> missing = ids(c, "select distinct e." + column + " from employee e where not exists "
                        + "(select 1 from " + stage + " s where s.id = e." + column + ") order by 1");
                if (!missing.isEmpty()) {
                    throw new ApiProblem(409, "conflict", "restoring " + kind.table().path() + " from backup "
                            + backup.id() + " would break employees' " + column + ": employees use " + column + " "
                            + named(missing) + ", which the backup does not have; restore employees first or "
                            + "fix those employees; nothing was changed");
                }
            }
            case EMPLOYEES -> {
                List<Integer> departments = ids(c, "select distinct s.department_id from " + stage + " s where not "
                        + "exists (select 1 from department d where d.id = s.department_id) order by 1");
                List<Integer> jobs = ids(c, "select distinct s.job_id from " + stage + " s where not exists "
                        + "(select 1 from job j where j.id = s.job_id) order by 1");
                if (!departments.isEmpty() || !jobs.isEmpty()) {
                    List<String> problems = new ArrayList<>();
                    if (!departments.isEmpty()) {
                        problems.add("department_id " + named(departments) + " not in departments");
                    }
                    if (!jobs.isEmpty()) {
                        problems.add("job_id " + named(jobs) + " not in jobs");
                    }
                    throw new ApiProblem(409, "conflict", "backup " + backup.id() + " has employees with "
                            + String.join(" and ", problems) + "; restore or load those first; nothing was changed");
                }
            }
        }
    }

    private static List<Integer> ids(Connection c, String sql) throws SQLException {
        List<Integer> ids = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql + " limit " + (MAX_IDS_NAMED + 1))) {
            while (rs.next()) {
                ids.add(rs.getInt(1));
            }
        }
        return ids;
    }

    private static String named(List<Integer> ids) {
        String shown = ids.stream().limit(MAX_IDS_NAMED).map(String::valueOf).collect(Collectors.joining(", "));
        return ids.size() > MAX_IDS_NAMED ? shown + " and more" : shown;
    }

    // ------------------------------------------------------------------ helpers

    private static ApiProblem damaged(BackupInfo backup, String why) {
        return new ApiProblem(422, "unprocessable backup", "backup " + backup.id() + " (" + backup.location()
                + ") cannot be restored: " + why + "; nothing was changed");
    }

    private static ApiProblem databaseProblem(String what, SQLException e) {
        String state = Objects.requireNonNullElse(e.getSQLState(), "");
        if (state.equals("55P03") || state.equals("40P01")) {
            return new ApiProblem(503, "busy", "cannot " + what + " now: the table is busy (" + e.getMessage()
                    + "); try again", e);
        }
        if (state.startsWith("08")) {
            return new ApiProblem(503, "database unavailable", "cannot " + what + ": " + e.getMessage(), e);
        }
        LOG.log(Level.WARNING, "cannot " + what, e);
        return new ApiProblem(500, "internal error", "cannot " + what + "; the log has details", e);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a leftover scratch file is harmless
        }
    }
}
