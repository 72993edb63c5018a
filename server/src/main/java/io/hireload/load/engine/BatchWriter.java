package io.hireload.load.engine;

import io.hireload.load.write.ReferenceChecks;
import io.hireload.load.write.StagedUpsert;
import io.hireload.load.queue.ClaimedItem;
import io.hireload.load.queue.BatchCounts;
import io.hireload.load.queue.BatchProgress;
import io.hireload.load.queue.LoadRecords;
import io.hireload.load.queue.LoadRuns;
import io.hireload.audit.AuditTrail;
import io.hireload.model.Employee;
import io.hireload.model.ItemStatus;
import io.hireload.model.LoadReport;
import io.hireload.model.LoadStatus;
import io.hireload.model.RejectedRow;
import io.hireload.model.TableName;
import io.hireload.rows.Checked;
import io.hireload.rows.SourceRow;
import io.hireload.observe.BatchWritten;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.hibernate.Session;

import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Collection;
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
    private static final String FIND_REFERENCES = """
            with d as (select id from department where id = any(?)),
                 j as (select id from job where id = any(?))
            select 0, id from d union all select 1, id from j""";
    /** The lock PostgreSQL's own foreign-key check takes, so a row found stays until commit. */
    private static final String FIND_REFERENCES_LOCKED = """
            with d as (select id from department where id = any(?) order by id for key share),
                 j as (select id from job where id = any(?) order by id for key share)
            select 0, id from d union all select 1, id from j""";
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
    private static final String INSERT_REJECTED =
            "insert into rejected_row (load_id, seq, file, line, raw, reason) values (?, ?, ?, ?, ?, ?)";

    @PersistenceContext(unitName = "hireload")
    EntityManager em;

    private final ReferenceChecks references;
    private final Event<BatchWritten> written;
    private final LoadRuns runs;
    private final AuditTrail audit;

    @Inject
    public BatchWriter(ReferenceChecks references, Event<BatchWritten> written, LoadRuns runs, AuditTrail audit) {
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
     * only while this instance's claim on the item holds ({@link ClaimLost} otherwise).
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void write(ClaimedItem item, Batch batch) {
        long started = System.nanoTime();
        em.unwrap(Session.class).doWork(StagedUpsert::relaxCommitWait);
        Written written = apply(item.table(), batch, item.dryRun(), item.objects() > 1 ? item : null);
        List<Long> seq = new ArrayList<>(written.rejected.size());
        // Rejected rows list in key order of their objects, then by line, whoever commits first.
        long base = (long) item.seq() << 40;
        for (Checked.Rejected row : written.rejected) {
            seq.add(base + row.source().line());
        }
        insertRejected(item.loadId(), new Written(written.counts, written.rejected, seq));
        batch.awaitPrevious();
        advance(item, batch, written.counts);
        observed(item.table(), item.dryRun(), written.counts, started);
        // Constraint violations surface here, with their SQL state, rather than inside the commit.
        em.flush();
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
        Written written = apply(request.table(), batch, request.dryRun(), null);
        BatchCounts c = written.counts;
        long id = em.unwrap(Session.class).doReturningWork(connection -> LoadRecords.recordRequest(connection, request, c));
        insertRejected(id, written);
        em.flush();
        // The request's audit entry commits with its rows.
        em.unwrap(Session.class).doWork(connection -> audit.writeIn(connection, List.of(id)));
        observed(request.table(), request.dryRun(), c, started);
        return runs.requestRecorded(em, id, written.rejected.stream().limit(LoadReport.REJECTED_ROWS_INLINE)
                .map(BatchWriter::stored).toList());
    }

    /** Counted by the server's metrics once the transaction commits. */
    private void observed(TableName table, boolean dryRun, BatchCounts c, long started) {
        this.written.fire(new BatchWritten(table.path(), dryRun, c.inserted(), c.updated(), c.unchanged(),
                c.rejected(), started));
    }

    /** A batch's rows split by the data rules and the database, valid ones upserted. */
    private record Written(BatchCounts counts, List<Checked.Rejected> rejected, List<Long> rejectedSeq) {
    }

    /**
     * @param ordered the item, when its load has several objects and rows written by a later
     *                object must not be overwritten (rows superseded so count as unchanged)
     */
    private Written apply(TableName table, Batch batch, boolean dryRun, ClaimedItem ordered) {
        boolean setBased = table == TableName.EMPLOYEES && !dryRun && references.setBased();
        List<Checked> rows = table == TableName.EMPLOYEES ? withReferencesChecked(batch.rows, setBased) : batch.rows;
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
            List<Checked.Valid> mine = notSuperseded(ordered, valid);
            superseded = valid.size() - mine.size();
            valid = mine;
        }
        List<Checked.Valid> writable = valid;
        long[] upserted = em.unwrap(Session.class)
                .doReturningWork(c -> StagedUpsert.of(table).upsert(c, writable, dryRun, setBased));
        BatchCounts counts = new BatchCounts(rows.size(), upserted[0], upserted[1], upserted[2] + superseded, rejected.size(),
                batch.skippedBlank, batch.bytesDone);
        return new Written(counts, rejected, rejectedSeq);
    }

    private List<Checked.Valid> notSuperseded(ClaimedItem item, List<Checked.Valid> valid) {
        Set<Integer> allowed = new HashSet<>(valid.size() * 2);
        em.unwrap(Session.class).doWork(c -> {
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
        });
        if (allowed.size() == valid.size()) {
            return valid;
        }
        return valid.stream().filter(v -> allowed.contains(v.id())).toList();
    }

    /**
     * Rejects employees whose department or job is not in the database, in source order. When
     * {@code lock}, the ids found stay locked as the foreign-key triggers would lock them.
     */
    private List<Checked> withReferencesChecked(List<Checked> rows, boolean lock) {
        Set<Integer> departmentIds = new HashSet<>();
        Set<Integer> jobIds = new HashSet<>();
        for (Checked row : rows) {
            if (row instanceof Checked.Valid v && v.value() instanceof Employee e) {
                departmentIds.add(e.departmentId());
                jobIds.add(e.jobId());
            }
        }
        Set<Integer> departments = new HashSet<>();
        Set<Integer> jobs = new HashSet<>();
        if (!departmentIds.isEmpty()) {
            findReferences(departmentIds, jobIds, lock, departments, jobs);
        }
        List<Checked> checked = new ArrayList<>(rows.size());
        for (Checked row : rows) {
            if (row instanceof Checked.Valid v && v.value() instanceof Employee e
                    && !(departments.contains(e.departmentId()) && jobs.contains(e.jobId()))) {
                List<String> problems = new ArrayList<>(2);
                if (!departments.contains(e.departmentId())) {
                    problems.add("unknown department_id " + e.departmentId());
                }
                if (!jobs.contains(e.jobId())) {
                    problems.add("unknown job_id " + e.jobId());
                }
                checked.add(new Checked.Rejected(row.source(), String.join("; ", problems)));
            } else {
                checked.add(row);
            }
        }
        return checked;
    }

    /**
     * Which of the departments and jobs exist: one round trip, the ids as array parameters,
     * sorted so two batches take their row locks in the same order.
     */
    private void findReferences(Collection<Integer> departmentIds, Collection<Integer> jobIds, boolean lock,
                                Set<Integer> departments, Set<Integer> jobs) {
        String sql = lock ? FIND_REFERENCES_LOCKED : FIND_REFERENCES;
        em.unwrap(Session.class).doWork(c -> {
            try (PreparedStatement query = c.prepareStatement(sql)) {
                query.setArray(1, c.createArrayOf("integer", departmentIds.stream().sorted().toArray()));
                query.setArray(2, c.createArrayOf("integer", jobIds.stream().sorted().toArray()));
                try (java.sql.ResultSet rs = query.executeQuery()) {
                    while (rs.next()) {
                        (rs.getInt(1) == 0 ? departments : jobs).add(rs.getInt(2));
                    }
                }
            }
        });
    }

    private void insertRejected(long loadId, Written written) {
        if (written.rejected.isEmpty()) {
            return;
        }
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(INSERT_REJECTED)) {
                for (int i = 0; i < written.rejected.size(); i++) {
                    RejectedRow row = stored(written.rejected.get(i));
                    insert.setLong(1, loadId);
                    insert.setLong(2, written.rejectedSeq.get(i));
                    insert.setString(3, row.file());
                    insert.setLong(4, row.line());
                    insert.setString(5, row.raw());
                    insert.setString(6, row.reason());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        });
    }

    /** A rejected row as the history keeps it (and as {@link LoadRuns} reads it back). */
    private static RejectedRow stored(Checked.Rejected row) {
        return new RejectedRow(row.source().file(), row.source().line(), Text.storable(SourceRow.bounded(row.source().raw())),
                Text.storable(row.source().at() + ": " + row.reason()));
    }

    /** Plain JDBC: through Hibernate's native query this statement cost a sixth of a batch's JVM time. */
    private void advance(ClaimedItem item, Batch batch, BatchCounts c) {
        int updated = em.unwrap(Session.class).doReturningWork(connection ->
                BatchProgress.advance(connection, item, c, batch.lastLine, batch.bytesDone, batch.bytesBefore));
        if (updated != 1) {
            throw new ClaimLost(item);
        }
    }
}
