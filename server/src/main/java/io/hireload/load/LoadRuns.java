package io.hireload.load;

import io.hireload.model.LoadReport;
import io.hireload.model.LoadStatus;
import io.hireload.model.Page;
import io.hireload.model.Progress;
import io.hireload.model.RejectedRow;
import io.hireload.model.TableName;
import io.hireload.observe.LoadFinished;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The load history in {@code load_run} and {@code rejected_row}: loads are recorded in the
 * database, so any server instance answers for any load.
 */
@ApplicationScoped
public class LoadRuns {
    /** Who runs a load: this process, named so an operator can find it. */
    static final String OWNER = ownerName();
    /** Why a load that a stopping server aborted ended. */
    static final String STOPPED = "the server was stopped during the load; batches committed before that are kept; "
            + "run the load again to finish it";

    @PersistenceContext(unitName = "hireload")
    EntityManager em;

    /** Observed after the commit by the server's metrics. */
    @Inject
    Event<LoadFinished> finished;

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public long create(TableName table, String source, LoadStatus status, boolean dryRun, int batchSize,
                       List<String> files, long bytesTotal) {
        LoadRunEntity run = new LoadRunEntity(table.path(), source, dryRun, batchSize, files.toArray(String[]::new),
                bytesTotal, OWNER);
        run.status = status.wire();
        em.persist(run);
        em.flush();
        return run.id;
    }

    /**
     * A queued load (employees after departments and jobs) starts. Only a queued one: a load
     * that a stopping server marked interrupted meanwhile stays so.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean markRunning(long id) {
        return em.createNativeQuery("""
                        update load_run set status = 'running', started_at = now(), heartbeat_at = now()
                         where id = :id and status = 'queued'""")
                .setParameter("id", id)
                .executeUpdate() == 1;
    }

    /**
     * Ends a load: status, end time and reason only. The counters are the batches' alone
     * ({@link BatchWriter} advances them in each batch's transaction), so a report written here
     * can never put back counts older than a batch that committed beside it.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void finish(long id, LoadStatus status, String error) {
        String table = (String) em.createNativeQuery("""
                        update load_run set status = :status, finished_at = now(), error = cast(:error as text)
                         where id = :id returning table_name""")
                .setParameter("status", status.wire())
                .setParameter("error", error)
                .setParameter("id", id)
                .getSingleResult();
        finished.fire(LoadFinished.one(id, table, status, error));
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Optional<LoadReport> report(long id) {
        return Optional.ofNullable(em.find(LoadRunEntity.class, id))
                .map(run -> toReport(run, rejectedRows(id, 0, LoadReport.REJECTED_ROWS_INLINE)));
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Page<LoadReport> page(int page, int size) {
        long total = em.createQuery("select count(r) from LoadRun r", Long.class).getSingleResult();
        List<LoadReport> items = em.createQuery("select r from LoadRun r order by r.id desc", LoadRunEntity.class)
                .setFirstResult(offset(page, size))
                .setMaxResults(size)
                .getResultList().stream()
                .map(run -> toReport(run, List.of()))
                .toList();
        return Page.of(items, page, size, total);
    }

    /** One page of a load's rejected rows, in source order; empty when the load does not exist. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Optional<Page<RejectedRow>> rejected(long id, int page, int size) {
        LoadRunEntity run = em.find(LoadRunEntity.class, id);
        if (run == null) {
            return Optional.empty();
        }
        return Optional.of(Page.of(rejectedRows(id, offset(page, size), size), page, size, run.rejected));
    }

    /** The running load of a table, if any, for a refusal that says which to follow. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Optional<Long> runningLoadOf(TableName table) {
        return em.createQuery("select r.id from LoadRun r where r.tableName = :table and r.source = 's3' "
                        + "and r.status in ('running', 'queued') order by r.id desc", Long.class)
                .setParameter("table", table.path())
                .setMaxResults(1)
                .getResultStream().findFirst();
    }

    /** This instance's loads are alive. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void renewHeartbeats() {
        em.createNativeQuery("update load_run set heartbeat_at = now() "
                        + "where owner = :owner and status in ('running', 'queued')")
                .setParameter("owner", OWNER)
                .executeUpdate();
    }

    /** At a clean stop: this instance's unfinished loads end as interrupted, with why. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int markOwnInterrupted() {
        return interrupted(em.createNativeQuery("""
                        update load_run
                           set status = 'interrupted', finished_at = now(), error = :error
                         where owner = :owner and status in ('running', 'queued')""")
                .setParameter("error", STOPPED)
                .setParameter("owner", OWNER)
                .executeUpdate());
    }

    /** Marks the loads whose instance stopped renewing them; answers how many. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int markOrphansInterrupted(int expirySeconds) {
        return interrupted(em.createNativeQuery("""
                        update load_run
                           set status = 'interrupted', finished_at = now(),
                               error = 'the server running this load (' || coalesce(owner, 'unknown') || ') stopped; '
                                       || 'no heartbeat since ' || to_char(heartbeat_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
                                       || '. Batches committed before that are kept; run the load again to finish it.'
                         where status in ('running', 'queued')
                           and heartbeat_at < now() - make_interval(secs => :expiry)""")
                .setParameter("expiry", expirySeconds)
                .executeUpdate());
    }

    private int interrupted(int marked) {
        if (marked > 0) {
            finished.fire(new LoadFinished(null, null, LoadStatus.INTERRUPTED, null, marked));
        }
        return marked;
    }

    @SuppressWarnings("unchecked")
    private List<RejectedRow> rejectedRows(long loadId, int offset, int limit) {
        List<Object[]> rows = em.createNativeQuery(
                        "select file, line, raw, reason from rejected_row where load_id = :id order by seq, id")
                .setParameter("id", loadId)
                .setFirstResult(offset)
                .setMaxResults(limit)
                .getResultList();
        return rows.stream()
                .map(r -> new RejectedRow((String) r[0], ((Number) r[1]).longValue(), (String) r[2], (String) r[3]))
                .toList();
    }

    static LoadReport toReport(LoadRunEntity run, List<RejectedRow> rejectedRows) {
        Instant end = run.finishedAt != null ? run.finishedAt : Instant.now();
        long durationMs = Duration.between(run.startedAt, end).toMillis();
        LoadStatus status = LoadStatus.fromWire(run.status);
        return new LoadReport(run.id, run.tableName, status, run.source,
                Arrays.asList(run.files), run.dryRun, run.batchSize, run.rowsRead, run.inserted, run.updated,
                run.unchanged, run.rejected, run.skippedBlank, run.batches, durationMs, run.startedAt,
                run.finishedAt, run.error, progress(run, status, durationMs), rejectedRows);
    }

    private static Progress progress(LoadRunEntity run, LoadStatus status, long durationMs) {
        boolean done = status == LoadStatus.SUCCEEDED;
        double seconds = Math.max(durationMs, 1) / 1000.0;
        double percent = done ? 100.0
                : run.bytesTotal > 0 ? Math.min(100.0, 100.0 * run.bytesDone / run.bytesTotal) : 0.0;
        Long eta = null;
        if (!status.finished() && run.bytesDone > 0 && run.bytesTotal > run.bytesDone) {
            eta = Math.round((run.bytesTotal - run.bytesDone) * seconds / run.bytesDone);
        } else if (status.finished()) {
            eta = 0L;
        }
        return new Progress(run.bytesDone, run.bytesTotal, run.rowsRead, Math.round(percent * 10) / 10.0,
                Math.round(run.rowsRead / seconds * 10) / 10.0, eta);
    }

    private static int offset(int page, int size) {
        return (int) Math.min(Integer.MAX_VALUE, (long) (page - 1) * size);
    }

    private static String ownerName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "unknown-host";
        }
        return ProcessHandle.current().pid() + "@" + host + "/" + UUID.randomUUID().toString().substring(0, 8);
    }
}
