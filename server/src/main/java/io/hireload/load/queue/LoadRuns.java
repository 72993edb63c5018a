package io.hireload.load.queue;

import io.hireload.config.InstanceId;
import io.hireload.model.FileReport;
import io.hireload.model.IndexMode;
import io.hireload.model.LoadReport;
import io.hireload.model.ItemStatus;
import io.hireload.model.LoadStatus;
import io.hireload.model.Page;
import io.hireload.model.Progress;
import io.hireload.model.RejectedRow;
import io.hireload.model.TableName;
import io.hireload.observe.LoadFinished;
import io.hireload.observe.LoadStarted;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.hibernate.Session;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Map;

/**
 * The load history in {@code load_run} and {@code rejected_row}: loads are recorded in the
 * database, so any server instance answers for any load.
 */
@ApplicationScoped
public class LoadRuns {
    /** Who accepted a load: this instance, named so an operator can find it. */
    public static final String OWNER = InstanceId.get();
    /** Why a load ended when the last server working it stopped. */
    public static final String STOPPED = "the server was stopped during the load and no other instance was left to finish it; "
            + "batches committed before that are kept; run the load again to continue it where it stopped";
    /** Why a load ended cancelled. */
    public static final String CANCELLED = "cancelled by an operator; the batches committed before the cancel are kept, "
            + "and the next load of the table continues its unfinished objects where they stopped";

    @PersistenceContext(unitName = "hireload")
    EntityManager em;

    /** Observed after the commit by the server's metrics. */
    @Inject
    Event<LoadFinished> finished;

    /** Observed after the commit by the load log. */
    @Inject
    Event<LoadStarted> started;

    /**
     * A recorded request ({@link LoadRecords#recordRequest}) is complete: its events fire with its commit, and
     * its report lists {@code rejectedRows}. Read through {@code writer}, the entity manager of the
     * transaction that recorded it: this bean's own manager did not see the row (it met the request's
     * transaction on another connection, and the rejected rows' foreign key failed).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public LoadReport requestRecorded(EntityManager writer, long id, List<RejectedRow> rejectedRows) {
        LoadRunEntity run = writer.find(LoadRunEntity.class, id);
        started.fire(run.started());
        finished.fire(run.finished());
        return toReport(run, List.of(), rejectedRows);
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public long create(TableName table, String source, LoadStatus status, boolean dryRun, int batchSize,
                       List<String> files, long bytesTotal) {
        LoadRunEntity run = new LoadRunEntity(table.path(), source, dryRun, batchSize, files.toArray(String[]::new),
                bytesTotal, OWNER);
        run.status = status.wire();
        em.persist(run);
        em.flush();
        if (status == LoadStatus.RUNNING) {
            started.fire(new LoadStarted(run.id, run.tableName, source, files.size(), dryRun));
        }
        return run.id;
    }

    /**
     * Ends a load: status, end time and reason only. The counters are the batches' alone
     * ({@code engine.BatchWriter} advances them in each batch's transaction), so a report written here
     * can never put back counts older than a batch that committed beside it.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void finish(long id, LoadStatus status, String error) {
        em.unwrap(Session.class).doReturningWork(c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    update load_run set status = ?, finished_at = now(), error = ? where id = ?
                    returning\s""" + LoadEnds.ENDED)) {
                StatusSql.bind(s, status, error, id);
                return LoadEnds.ended(s);
            }
        }).forEach(finished::fire);
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Optional<LoadReport> report(long id) {
        return Optional.ofNullable(em.find(LoadRunEntity.class, id))
                .map(run -> toReport(run, fileReports(List.of(id)).getOrDefault(id, List.of()),
                        rejectedRows(id, 0, LoadReport.REJECTED_ROWS_INLINE)));
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Page<LoadReport> page(int page, int size) {
        long total = em.createQuery("select count(r) from LoadRun r", Long.class).getSingleResult();
        List<LoadRunEntity> runs = em.createQuery("select r from LoadRun r order by r.id desc", LoadRunEntity.class)
                .setFirstResult(offset(page, size))
                .setMaxResults(size)
                .getResultList();
        Map<Long, List<FileReport>> files = fileReports(runs.stream().map(run -> run.id).toList());
        List<LoadReport> items = runs.stream()
                .map(run -> toReport(run, files.getOrDefault(run.id, List.of()), List.of()))
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

    private Map<Long, List<FileReport>> fileReports(List<Long> loadIds) {
        if (loadIds.isEmpty()) {
            return Map.of();
        }
        return em.unwrap(Session.class).doReturningWork(c -> fileReports(c, loadIds));
    }

    static LoadReport toReport(LoadRunEntity run, List<FileReport> files, List<RejectedRow> rejectedRows) {
        Instant end = run.finishedAt != null ? run.finishedAt : Instant.now();
        long durationMs = Duration.between(run.startedAt, end).toMillis();
        LoadStatus status = LoadStatus.fromWire(run.status);
        int skipped = (int) files.stream().filter(f -> ItemStatus.SKIPPED.wire().equals(f.status())).count();
        return new LoadReport(run.id, run.tableName, status, run.source,
                Arrays.asList(run.files), skipped, run.dryRun, run.batchSize, run.rowsRead, run.inserted, run.updated,
                run.unchanged, run.rejected, run.skippedBlank, run.batches, durationMs, run.startedAt,
                run.finishedAt, error(run, status), progress(run, status, durationMs), files, rejectedRows,
                run.indexes == null ? null : IndexMode.fromWire(run.indexes).orElseThrow(), run.indexRebuildMs);
    }

    /**
     * A load that an object failed builds its set-aside indexes back before it ends failed: while it
     * still reads {@code running}, its report already says why it will fail.
     */
    private static String error(LoadRunEntity run, LoadStatus status) {
        return run.error != null || status != LoadStatus.RUNNING ? run.error : run.failing;
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

    /** The status of each of these loads. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Map<Long, LoadStatus> statuses(Collection<Long> loadIds) {
        return em.unwrap(Session.class).doReturningWork(c -> {
            Map<Long, LoadStatus> found = new HashMap<>();
            try (PreparedStatement s = c.prepareStatement("select id, status from load_run where id = any(?)")) {
                s.setArray(1, c.createArrayOf("bigint", loadIds.toArray()));
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        found.put(rs.getLong(1), LoadStatus.fromWire(rs.getString(2)));
                    }
                }
            }
            return found;
        });
    }

    /** The per-object reports of some loads, in key order, for their load reports. */
    private static Map<Long, List<FileReport>> fileReports(Connection c, Collection<Long> loadIds) throws SQLException {
        Map<Long, List<FileReport>> reports = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("""
                select load_id, file, etag, status, instance, rows_read, inserted, updated, unchanged, rejected,
                       resumed_from_line, error
                  from load_item where load_id = any(?) order by load_id, seq""")) {
            s.setArray(1, c.createArrayOf("bigint", loadIds.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    long resumed = rs.getLong(11);
                    Long resumedFrom = rs.wasNull() ? null : resumed;
                    reports.computeIfAbsent(rs.getLong(1), id -> new ArrayList<>()).add(new FileReport(
                            rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getLong(6),
                            rs.getLong(7), rs.getLong(8), rs.getLong(9), rs.getLong(10), resumedFrom, rs.getString(12)));
                }
            }
        }
        return reports;
    }

    /** Whether load {@code id} is recorded. */
    public static boolean exists(Connection c, long id) throws SQLException {
        try (PreparedStatement exists = c.prepareStatement("select 1 from load_run where id = ?")) {
            exists.setLong(1, id);
            try (ResultSet rs = exists.executeQuery()) {
                return rs.next();
            }
        }
    }

    /**
     * SQL that is true when the load whose id is the expression {@code loadId} has the status bound
     * as its one parameter: for tables that name a load (auto/'s {@code auto_object}).
     */
    public static String hasStatus(String loadId) {
        return "exists (select 1 from load_run r where r.id = " + loadId + " and r.status = ?)";
    }
}
