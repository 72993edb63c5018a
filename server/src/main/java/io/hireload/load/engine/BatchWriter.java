package io.hireload.load.engine;

import io.hireload.load.write.KnownReferences;
import io.hireload.load.write.ReferenceChecks;
import io.hireload.load.write.StagedUpsert;
import io.hireload.load.queue.ClaimedItem;
import io.hireload.load.queue.BatchCounts;
import io.hireload.load.queue.BatchProgress;
import io.hireload.load.queue.LoadRecords;
import io.hireload.load.queue.LoadRuns;
import io.hireload.audit.AuditTrail;
import io.hireload.db.BinaryCopy;
import io.hireload.db.JdbcTransaction;
import io.hireload.model.LoadReport;
import io.hireload.model.RejectedRow;
import io.hireload.model.TableName;
import io.hireload.rows.Checked;
import io.hireload.rows.SourceRow;
import io.hireload.observe.BatchWritten;
import io.hireload.observe.ServerMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.hibernate.Session;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes one batch in one transaction: the valid rows upserted by id, the rejected rows kept with
 * their reasons, and the load's counters advanced. Either all of it commits or none of it, so a
 * load's counters always match what is in the tables.
 */
@ApplicationScoped
public class BatchWriter {
    /**
     * Claims a batch's ids for its object in a load of several objects; answers the ids this
     * object may write: new to the load, or last written by an earlier object (in key order).
     * Sorted, so two batches lock the same ids in the same order.
     */
    private static final String CLAIM_KEYS = """
            insert into load_key as k (load_id, id, seq)
            select ?, id, ? from unnest(?::integer[]) as u(id) order by id
            on conflict (load_id, id) do update set seq = excluded.seq where k.seq < excluded.seq
            returning id""";
    private static final String REJECTED_ROWS = "rejected_row (load_id, seq, file, line, raw, reason)";
    /** Bytes a rejected row usually takes in binary COPY: the buffer's first size. */
    private static final int REJECTED_ROW_BYTES = 160;

    @PersistenceContext(unitName = "hireload")
    EntityManager em;

    private final DataSource dataSource;
    private final ReferenceChecks references;
    private final Event<BatchWritten> written;
    private final LoadRuns runs;
    private final AuditTrail audit;
    private final ServerMetrics metrics;

    @Inject
    public BatchWriter(@Named("hireload") DataSource dataSource, ReferenceChecks references,
                       Event<BatchWritten> written, LoadRuns runs, AuditTrail audit, ServerMetrics metrics) {
        this.dataSource = dataSource;
        this.metrics = metrics;
        this.references = references;
        this.written = written;
        this.runs = runs;
        this.audit = audit;
    }

    /**
     * One batch of an S3 object, committed without waiting for the WAL flush: waiting for each
     * commit cost more than the batch itself. A database crash can lose the last acknowledged
     * batches, but with their counters and resume point, so the load's report still matches the
     * tables and a resumed load is exact. It commits after the batch before it in the object and
     * only while this instance's claim on the item holds ({@link ClaimLost} otherwise). Plain
     * JDBC ({@link JdbcTransaction}): the batch is SQL only, and the transaction manager's cost
     * per batch was a fifth of the batch thread's.
     */
    public void write(ClaimedItem item, Batch batch) {
        long started = System.nanoTime();
        boolean setBased = references.setBased();
        BatchCounts counts = JdbcTransaction.run(dataSource, c -> {
            StagedUpsert.relaxCommitWait(c);
            Written written = apply(c, item.table(), batch, item.dryRun(), item.objects() > 1 ? item : null);
            List<Long> seq = new ArrayList<>(written.rejected.size());
            // Rejected rows list in key order of their objects, then by line, whoever commits first.
            long base = (long) item.seq() << 40;
            for (Checked.Rejected row : written.rejected) {
                seq.add(base + row.source().line());
            }
            insertRejected(c, item.loadId(), new Written(written.counts, written.rejected, seq), setBased);
            batch.awaitPrevious();
            advance(c, item, batch, written.counts);
            return written.counts;
        });
        metrics.committed(observation(item.table(), item.dryRun(), counts, started));
    }

    /** The worker's claim on its item was taken over, or the item's load ended: its batch must not commit. */
    static final class ClaimLost extends RuntimeException {
        ClaimLost(ClaimedItem item) {
            super("the claim on " + item.object().key() + " of load " + item.loadId()
                    + " is no longer this instance's, or the load ended", null, false, false);
        }
    }

    /**
     * A request of the 1..1000-row API: its rows and its load record in one transaction, durable
     * when it answers. One commit per request instead of one each for creating the record, the
     * rows and finishing the record: under four clients those commits cost as much as the rows.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public LoadReport writeRequest(LoadRecords.Request request, Batch batch) {
        long started = System.nanoTime();
        Session session = em.unwrap(Session.class);
        Written written = session.doReturningWork(connection -> apply(connection, request.table(), batch,
                request.dryRun(), null));
        BatchCounts c = written.counts;
        long id = session.doReturningWork(connection -> {
            long recorded = LoadRecords.recordRequest(connection, request, c);
            insertRejected(connection, recorded, written, false);
            return recorded;
        });
        em.flush();
        // The request's audit entry commits with its rows.
        em.unwrap(Session.class).doWork(connection -> audit.writeIn(connection, List.of(id)));
        observed(request.table(), request.dryRun(), c, started);
        return runs.requestRecorded(em, id, written.rejected.stream().limit(LoadReport.REJECTED_ROWS_INLINE)
                .map(BatchWriter::stored).toList());
    }

    /** Counted by the server's metrics once the transaction commits. */
    private void observed(TableName table, boolean dryRun, BatchCounts c, long started) {
        this.written.fire(observation(table, dryRun, c, started));
    }

    private static BatchWritten observation(TableName table, boolean dryRun, BatchCounts c, long started) {
        return new BatchWritten(table.path(), dryRun, c.inserted(), c.updated(), c.unchanged(), c.rejected(), started);
    }

    /** A batch's rows split by the data rules and the database, valid ones upserted. */
    private record Written(BatchCounts counts, List<Checked.Rejected> rejected, List<Long> rejectedSeq) {
    }

    /**
     * @param ordered the item, when its load has several objects and rows written by a later
     *                object must not be overwritten (rows superseded so count as unchanged)
     */
    private Written apply(Connection c, TableName table, Batch batch, boolean dryRun, ClaimedItem ordered)
            throws SQLException {
        boolean setBased = table == TableName.EMPLOYEES && !dryRun && references.setBased();
        List<Checked> rows = table == TableName.EMPLOYEES ? KnownReferences.check(c, batch.rows, setBased) : batch.rows;
        List<Checked.Valid> valid = new ArrayList<>();
        List<Checked.Rejected> rejected = new ArrayList<>();
        List<Long> rejectedSeq = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i) instanceof Checked.Valid v) {
                valid.add(v);
            } else {
                rejected.add((Checked.Rejected) rows.get(i));
                rejectedSeq.add(batch.firstSeq + i);
            }
        }
        int superseded = 0;
        if (ordered != null && !dryRun && !valid.isEmpty()) {
            List<Checked.Valid> mine = notSuperseded(c, ordered, valid);
            superseded = valid.size() - mine.size();
            valid = mine;
        }
        long[] upserted = StagedUpsert.of(table).upsert(c, valid, dryRun, setBased);
        BatchCounts counts = new BatchCounts(rows.size(), upserted[0], upserted[1], upserted[2] + superseded, rejected.size(),
                batch.skippedBlank, batch.bytesDone);
        return new Written(counts, rejected, rejectedSeq);
    }

    private static List<Checked.Valid> notSuperseded(Connection c, ClaimedItem item, List<Checked.Valid> valid)
            throws SQLException {
        Set<Integer> allowed = new HashSet<>(valid.size() * 2);
        try (PreparedStatement claim = c.prepareStatement(CLAIM_KEYS)) {
            claim.setLong(1, item.loadId());
            claim.setInt(2, item.seq());
            claim.setArray(3, c.createArrayOf("integer", valid.stream().map(Checked.Valid::id).toArray()));
            try (java.sql.ResultSet rs = claim.executeQuery()) {
                while (rs.next()) {
                    allowed.add(rs.getInt(1));
                }
            }
        }
        if (allowed.size() == valid.size()) {
            return valid;
        }
        return valid.stream().filter(v -> allowed.contains(v.id())).toList();
    }

    /**
     * The rejected rows, COPYed. In an S3 batch with {@code skipTriggers} their foreign key to the
     * load is not checked row by row: that check locked the load's one row from every batch in
     * flight (a multixact per rejected row, the slowest statement of a bulk load after the COPY),
     * and this transaction's {@link #advance} updates that row, or rolls back when it is gone.
     */
    private static void insertRejected(Connection connection, long loadId, Written written, boolean skipTriggers)
            throws SQLException {
        if (written.rejected.isEmpty()) {
            return;
        }
        if (skipTriggers) {
            StagedUpsert.skipTriggers(connection, true);
        }
        BinaryCopy rows = new BinaryCopy(connection, REJECTED_ROWS, REJECTED_ROW_BYTES);
        for (int i = 0; i < written.rejected.size(); i++) {
            RejectedRow row = stored(written.rejected.get(i));
            rows.row(6).int8(loadId).int8(written.rejectedSeq.get(i)).text(row.file()).int8(row.line())
                    .text(row.raw()).text(row.reason());
        }
        rows.finish();
        if (skipTriggers) {
            StagedUpsert.skipTriggers(connection, false);
        }
    }

    /** A rejected row as the history keeps it (and as {@link LoadRuns} reads it back). */
    private static RejectedRow stored(Checked.Rejected row) {
        return new RejectedRow(row.source().file(), row.source().line(), Text.storable(SourceRow.bounded(row.source().raw())),
                Text.storable(row.source().at() + ": " + row.reason()));
    }

    /** Plain JDBC: through Hibernate's native query this statement cost a sixth of a batch's JVM time. */
    private static void advance(Connection connection, ClaimedItem item, Batch batch, BatchCounts c)
            throws SQLException {
        int updated = BatchProgress.advance(connection, item, c, batch.lastLine, batch.bytesDone, batch.bytesBefore);
        if (updated != 1) {
            throw new ClaimLost(item);
        }
    }
}
