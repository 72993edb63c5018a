package io.hireload.load.queue;

import io.hireload.model.LoadStatus;
import io.hireload.observe.LoadFinished;
import io.hireload.observe.LoadStarted;
import jakarta.persistence.Access;
import jakarta.persistence.AccessType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcType;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.descriptor.jdbc.TimestampUtcAsOffsetDateTimeJdbcType;
import org.hibernate.type.SqlTypes;

import java.time.Instant;

/**
 * One load, as {@code load_run} keeps it. Its counters are advanced by SQL, batch by batch. Its
 * instants go through {@code OffsetDateTime}, as an employee's hire date does.
 */
@Entity(name = "LoadRun")
@Table(name = "load_run")
@Access(AccessType.FIELD)
public class LoadRunEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;
    @Column(name = "table_name")
    String tableName;
    String source;
    /** A {@link LoadStatus}'s word. */
    String status;
    @Column(name = "dry_run")
    boolean dryRun;
    @Column(name = "batch_size")
    int batchSize;
    @JdbcTypeCode(SqlTypes.ARRAY)
    String[] files;
    @Column(name = "rows_read")
    long rowsRead;
    long inserted;
    long updated;
    long unchanged;
    long rejected;
    @Column(name = "skipped_blank")
    long skippedBlank;
    int batches;
    @Column(name = "bytes_total")
    long bytesTotal;
    @Column(name = "bytes_done")
    long bytesDone;
    @Column(name = "started_at")
    @JdbcType(TimestampUtcAsOffsetDateTimeJdbcType.class)
    Instant startedAt;
    @Column(name = "finished_at")
    @JdbcType(TimestampUtcAsOffsetDateTimeJdbcType.class)
    Instant finishedAt;
    @Column(name = "heartbeat_at")
    @JdbcType(TimestampUtcAsOffsetDateTimeJdbcType.class)
    Instant heartbeatAt;
    String owner;
    String error;
    /** Why the load will end failed, set while its set-aside indexes come back (V22). */
    String failing;
    /** An {@link io.hireload.model.IndexMode}'s word: what the load did with the secondary indexes (V21). */
    String indexes;
    @Column(name = "index_rebuild_ms")
    Long indexRebuildMs;

    protected LoadRunEntity() {
    }

    LoadRunEntity(String tableName, String source, boolean dryRun, int batchSize, String[] files, long bytesTotal,
                  String owner) {
        this.tableName = tableName;
        this.source = source;
        this.status = LoadStatus.RUNNING.wire();
        this.dryRun = dryRun;
        this.batchSize = batchSize;
        this.files = files;
        this.bytesTotal = bytesTotal;
        this.startedAt = Instant.now();
        this.heartbeatAt = startedAt;
        this.owner = owner;
        // Loads made here are the 1..1000-row API's: one transaction, indexes kept up to date.
        this.indexes = io.hireload.model.IndexMode.KEPT.wire();
    }

    /** A request of the 1..1000-row API wrote all its rows in one batch: the record says so. */
    void succeeded(BatchCounts c) {
        this.rowsRead = c.rowsRead();
        this.inserted = c.inserted();
        this.updated = c.updated();
        this.unchanged = c.unchanged();
        this.rejected = c.rejected();
        this.skippedBlank = c.skippedBlank();
        this.batches = c.rowsRead() > 0 ? 1 : 0;
        this.status = LoadStatus.SUCCEEDED.wire();
        this.finishedAt = Instant.now();
    }

    LoadStarted started() {
        return new LoadStarted(id, tableName, source, files.length, dryRun);
    }

    /** The event of a load that {@link #succeeded}. */
    LoadFinished finished() {
        return new LoadFinished(id, tableName, source, LoadStatus.SUCCEEDED, null, rowsRead, inserted, updated,
                unchanged, rejected, skippedBlank, batches,
                Math.max(0, java.time.Duration.between(startedAt, finishedAt).toMillis()));
    }
}
