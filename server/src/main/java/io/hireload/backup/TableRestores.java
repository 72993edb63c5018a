package io.hireload.backup;

import io.hireload.audit.AuditTrail;
import io.hireload.db.CsvCopy;
import io.hireload.db.DatabaseFailures;
import io.hireload.failure.Failure;
import io.hireload.load.write.ReferenceChecks;
import io.hireload.model.BackupInfo;
import io.hireload.model.RestoreReport;
import io.hireload.model.TableName;
import io.hireload.rows.Checked;
import io.hireload.rows.RowRules;
import io.hireload.rows.SourceRow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;

import javax.sql.DataSource;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Restores a table from one of its backups, atomically: the file is checked against its record
 * (size, SHA-256), its header and every row against the data rules, staged, checked for broken
 * references, and swapped in in one transaction, or nothing changes.
 */
@ApplicationScoped
public class TableRestores {
    private static final Logger LOG = Logger.getLogger(TableRestores.class.getName());
    private static final int COPY_CHUNK = 1 << 20;
    /**
     * An employees restore holds the table exclusively and has checked every department and job
     * the file names, with those tables locked: the per-row foreign-key triggers would only repeat
     * that, and cost half the merge. When the role may (see ReferenceChecks), the merge skips the
     * triggers, and the metrics summary gets its deltas as the whole table's hires taken out
     * before and put back after, in the same transaction.
     */
    private static final String HIRES = "insert into hires_delta (department_id, job_id, year, quarter, hired) "
            + "select department_id, job_id, hire_year(hire_date), hire_quarter(hire_date), %s count(*) "
            + "from employee group by 1, 2, 3, 4";
    private static final String HIRES_OUT = HIRES.formatted("-");
    private static final String HIRES_IN = HIRES.formatted("");

    private final DataSource dataSource;
    private final BackupStore store;
    private final BackupCatalog catalog;
    private final ReferenceChecks references;
    private final AuditTrail audit;

    @Inject
    public TableRestores(@Named("hireload") DataSource dataSource, BackupStore store, BackupCatalog catalog,
                         ReferenceChecks references, AuditTrail audit) {
        this.dataSource = dataSource;
        this.store = store;
        this.catalog = catalog;
        this.references = references;
        this.audit = audit;
    }

    /** For CDI's proxy only. */
    protected TableRestores() {
        this(null, null, null, null, null);
    }

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
                ? catalog.newest(table).orElseThrow(() -> new Failure.NotFound("there is no backup of " + table.path()
                + " yet (POST /backups/" + table.path() + " makes one); nothing was changed"))
                : catalog.find(backupId).orElseThrow(() -> new Failure.NotFound("no backup " + backupId + "; nothing was changed"));
        if (!backup.table().equals(table.path())) {
            throw new Failure.Conflict("conflict", "backup " + backup.id() + " is a backup of " + backup.table()
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
        MessageDigest sha = Sha256.digest();
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
                    if (DatabaseFailures.classify(e) == DatabaseFailures.Kind.UNIQUE_VIOLATION) {
                        throw damaged(backup, "it holds an id more than once");
                    }
                    throw e;
                }
                try (Statement s = c.createStatement()) {
                    s.execute("analyze " + kind.stageTable());
                    for (String lock : kind.lockSql()) {
                        s.execute(lock);
                    }
                }
                RestoreReferences.check(c, kind, backup);
                long deleted;
                long inserted;
                long updated;
                boolean setBased = kind == BackupTable.EMPLOYEES && references.setBased();
                try (Statement s = c.createStatement()) {
                    if (setBased) {
                        s.execute(HIRES_OUT);
                        s.execute("set local session_replication_role = replica");
                    }
                    if (empty(s, kind)) {
                        // Restoring into an emptied table (after a loss): no row to compare or
                        // delete, and the table is locked, so the rows go in as they are.
                        deleted = 0;
                        inserted = s.executeUpdate(kind.insertAllSql());
                        updated = 0;
                    } else {
                        deleted = s.executeUpdate(kind.deleteSql());
                        try (ResultSet rs = s.executeQuery(kind.upsertSql())) {
                            rs.next();
                            inserted = rs.getLong(1);
                            updated = rs.getLong(2);
                        }
                    }
                    if (setBased) {
                        s.execute("set local session_replication_role = origin");
                        s.execute(HIRES_IN);
                    }
                }
                // The request's audit entry commits with the rows it replaced, or neither does.
                audit.writeIn(c, List.of());
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
            throw DatabaseFailures.describe("restore " + kind.table().path(), e);
        }
    }

    /**
     * Reads the file into the staging table, each row through the data rules, with COPY in chunks
     * of about a megabyte: batched inserts took a third of a 1M-row restore.
     */
    private long stage(Connection c, BackupTable kind, BackupInfo backup, Path file) throws SQLException {
        long rows = 0;
        String target = kind.stageCopyTarget();
        StringBuilder csv = new StringBuilder(COPY_CHUNK + 4096);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
             DataFileStream<GenericRecord> records = new DataFileStream<>(in, new GenericDatumReader<>())) {
            checkHeader(kind, backup, records);
            GenericRecord record = null;
            while (records.hasNext()) {
                record = records.next(record);
                rows++;
                List<String> fields = kind.fields(record);
                SourceRow source = new SourceRow(backup.location(), rows, "", fields);
                if (RowRules.check(kind.table(), source) instanceof Checked.Rejected rejected) {
                    throw damaged(backup, "record " + rows + " breaks the data rules: " + rejected.reason());
                }
                for (int i = 0; i < fields.size(); i++) {
                    csv.append(i == 0 ? "" : ",").append(CsvCopy.quoted(fields.get(i)));
                }
                csv.append('\n');
                if (csv.length() >= COPY_CHUNK) {
                    copyChunk(c, target, csv);
                }
            }
            copyChunk(c, target, csv);
            return rows;
        } catch (IOException | AvroRuntimeException | ClassCastException | NullPointerException e) {
            LOG.log(Level.INFO, "backup " + backup.id() + " is not readable", e);
            throw damaged(backup, "it is not a readable Avro file of " + kind.table().path());
        }
    }

    private static boolean empty(Statement s, BackupTable kind) throws SQLException {
        try (ResultSet rs = s.executeQuery(kind.anyRowSql())) {
            rs.next();
            return !rs.getBoolean(1);
        }
    }

    private static void copyChunk(Connection c, String target, StringBuilder csv) throws SQLException {
        if (!csv.isEmpty()) {
            CsvCopy.send(c, target, csv);
            csv.setLength(0);
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

    private static Failure damaged(BackupInfo backup, String why) {
        return new Failure.DamagedBackup("backup " + backup.id() + " (" + backup.location()
                + ") cannot be restored: " + why + "; nothing was changed");
    }
}
