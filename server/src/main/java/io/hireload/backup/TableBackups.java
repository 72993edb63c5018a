package io.hireload.backup;

import io.hireload.background.Background;
import io.hireload.background.Stage;
import io.hireload.db.DatabaseFailures;
import io.hireload.failure.Failure;
import io.hireload.model.BackupInfo;
import io.hireload.model.TableName;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;

import org.postgresql.PGStatement;

import javax.sql.DataSource;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Backs tables up to Avro files. A backup reads through a cursor in one REPEATABLE READ snapshot,
 * so memory stays flat whatever the table's size and the three tables of {@code POST /backups}
 * agree with each other; each file is written whole before it is kept and recorded.
 */
@ApplicationScoped
public class TableBackups {
    private static final Logger LOG = Logger.getLogger(TableBackups.class.getName());
    private static final int FETCH_SIZE = 1000;
    private static final DateTimeFormatter FILE_TIME =
            DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmssSSSSSS'Z'").withZone(ZoneOffset.UTC);

    private final DataSource dataSource;
    private final BackupStore store;
    private final BackupSettings settings;
    private final BackupCatalog catalog;
    private static final SecureRandom SYNC = new SecureRandom();
    /** Deflates backup blocks beside the thread reading the rows ({@link ParallelBlocks}). */
    private final ExecutorService compressors;

    @Inject
    public TableBackups(@Named("hireload") DataSource dataSource, BackupStore store, BackupSettings settings,
                        BackupCatalog catalog, Background background) {
        this.dataSource = dataSource;
        this.store = store;
        this.settings = settings;
        this.catalog = catalog;
        this.compressors = background.pool("hireload-backup-deflate", Math.max(2, Runtime.getRuntime().availableProcessors()),
                Stage.REQUESTS);
    }

    /** For CDI's proxy only. */
    protected TableBackups() {
        this.dataSource = null;
        this.store = null;
        this.settings = null;
        this.catalog = null;
        this.compressors = null;
    }

    private record Written(BackupTable table, Path scratch, long rows, long bytes, String sha256) {
    }

    /** Backs the tables up from one snapshot; answers one backup per table, in the order given. */
    public List<BackupInfo> backup(List<TableName> tables) {
        // A misconfiguration is said before any row is read, not after the file is written.
        if (settings.target() == BackupSettings.Target.S3) {
            settings.s3PartSize();
        }
        CodecFactory codec = settings.codec();
        Instant createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        List<Written> written = new ArrayList<>();
        try {
            readSnapshot(tables, codec, createdAt, written);
            List<BackupInfo> backups = new ArrayList<>();
            for (Written w : written) {
                String fileName = w.table().table().path() + "-" + FILE_TIME.format(createdAt) + "-"
                        + UUID.randomUUID().toString().substring(0, 8) + ".avro";
                BackupStore.Stored stored = store.keep(w.scratch(), w.table().table(), fileName);
                BackupInfo info = catalog.record(new BackupCatalog.Made(w.table().table(), w.rows(), w.bytes(),
                        w.sha256(), settings.codecName(), stored, createdAt));
                LOG.info(() -> "backup " + info.id() + ": " + info.rows() + " " + info.table() + " rows, "
                        + info.bytes() + " bytes, to " + info.location());
                backups.add(info);
            }
            return backups;
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot write a backup file", e);
            throw new Failure.Internal("backup failed", "cannot write the backup file; the server's log has details", e);
        } catch (SQLException e) {
            throw DatabaseFailures.describe("back up " + tables.stream().map(TableName::path).toList(), e);
        } finally {
            for (Written w : written) {
                deleteQuietly(w.scratch());
            }
        }
    }

    private void readSnapshot(List<TableName> tables, CodecFactory codec, Instant createdAt, List<Written> written)
            throws SQLException, IOException {
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
    }

    private Written write(Connection c, BackupTable table, CodecFactory codec, Instant createdAt)
            throws SQLException, IOException {
        Path scratch = store.scratchFile(table.table());
        MessageDigest sha = Sha256.digest();
        long rows = 0;
        try {
            try (OutputStream out = new DigestOutputStream(new BufferedOutputStream(Files.newOutputStream(scratch), 1 << 16), sha);
                 DataFileWriter<GenericRecord> writer = new DataFileWriter<>(new GenericDatumWriter<>(table.schema()))) {
                writer.setCodec(codec);
                writer.setMeta(BackupTable.META_TABLE, table.table().path());
                writer.setMeta(BackupTable.META_CREATED_AT, createdAt.toString());
                byte[] sync = new byte[16];
                SYNC.nextBytes(sync);
                writer.create(table.schema(), out, sync);
                // The header is on the stream; the blocks follow it, compressed beside the reading.
                writer.flush();
                OptionalInt level = settings.blockLevel();
                ParallelBlocks blocks = level.isPresent()
                        ? new ParallelBlocks(out, sync, level.getAsInt(), new GenericDatumWriter<>(table.schema()), compressors)
                        : null;
                try (PreparedStatement select = c.prepareStatement(table.selectSql())) {
                    select.setFetchSize(FETCH_SIZE);
                    // Rows in the binary format: a hire date as 8 bytes rather than text the server
                    // formats and the driver parses again.
                    select.unwrap(PGStatement.class).setPrepareThreshold(-1);
                    try (ResultSet rs = select.executeQuery()) {
                        GenericData.Record record = new GenericData.Record(table.schema());
                        while (rs.next()) {
                            table.fill(rs, record);
                            if (blocks != null) {
                                blocks.append(record);
                            } else {
                                writer.append(record);
                            }
                            rows++;
                        }
                    }
                    if (blocks != null) {
                        blocks.finish();
                    }
                } catch (SQLException | IOException | RuntimeException e) {
                    if (blocks != null) {
                        blocks.abandon();
                    }
                    throw e;
                }
            }
            return new Written(table, scratch, rows, Files.size(scratch), HexFormat.of().formatHex(sha.digest()));
        } catch (SQLException | IOException | RuntimeException e) {
            deleteQuietly(scratch);
            throw e;
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
