package io.hireload.load.queue;

import io.hireload.model.ItemStatus;
import io.hireload.model.LoadStatus;
import jakarta.inject.Inject;
import jakarta.enterprise.event.Event;
import io.hireload.observe.LoadFinished;
import io.hireload.observe.LoadStarted;
import io.hireload.model.TableName;
import io.hireload.s3.CsvObjects.CsvObject;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.hibernate.Session;
import org.hibernate.jdbc.ReturningWork;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The shared queue of S3 loads in {@code load_run} and {@code load_item}: a load is one work item
 * per object, and every instance claims items of any load. Each method is one short transaction;
 * the per-batch update of an item lives in {@code engine.BatchWriter}, in the batch's own transaction.
 * See docs/PERFORMANCE.md "Design" for the rules kept here.
 */
@ApplicationScoped
public class LoadItems {
    /** Serializes promotions across instances, so two loads of one table never both start. */
    private static final String PROMOTE_LOCK = "select pg_advisory_xact_lock(hashtext('hireload:promote'))";
    /**
     * The queued loads that may start: the oldest of each table when none of that table runs, and
     * employees only once no department or job load is queued or running (parents first). A load
     * that started itself may carry a {@code not_before} (io.hireload.auto.AutoLoads) and waits for it.
     */
    private static final String PROMOTE = StatusSql.sql("""
            update load_run q set status = ?, started_at = now(), heartbeat_at = now()
             where q.status = {load_queued} and q.source <> 'api' and (q.not_before is null or q.not_before <= now())
               and not exists (select 1 from load_run o where o.table_name = q.table_name and o.source <> 'api'
                                  and (o.status = {load_running} or (o.status = {load_queued} and o.id < q.id)))
               and (q.table_name <> 'employees' or not exists (
                       select 1 from load_run p where p.table_name in ('departments', 'jobs') and p.source <> 'api'
                          and p.status in {load_open}))
            returning\s""" + LoadEnds.STARTED + ", q.force");
    /**
     * An object whose key and ETag a non-dry-run load already read to its end is skipped. A
     * failed load's finished objects count: calling again after a failure continues, it does not
     * start over.
     */
    private static final String SKIP_LOADED = """
            update load_item i set status = ?
             where i.load_id = ? and i.status = ?
               and\s""" + LoadedVersions.loadedBy("i.table_name", "i.file", "i.etag") + " is not null";
    /** The one statement that records a load, queued; {@link #insertItems} adds its objects. */
    private static final String CREATE_RUN = """
            insert into load_run (table_name, source, status, dry_run, batch_size, files, bytes_total, owner,
                                  delimiter, force, not_before, indexes_requested)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now() + make_interval(secs => ?), ?) returning id""";
    /**
     * An object that the latest earlier attempt (a failed, interrupted or cancelled, non-dry-run
     * load) left part-way continues after that attempt's last committed line. Items of earlier loads
     * that read nothing (skipped, or never begun before their load ended) are no attempt and do not count.
     */
    private static final String RESUME_UNFINISHED = """
            update load_item i set line = p.line, byte_offset = p.byte_offset, resumed_from_line = p.line
              from (select distinct on (d.file, d.etag) d.file, d.etag, d.status, d.line, d.byte_offset
                      from load_item d join load_run r on r.id = d.load_id
                     where d.table_name = ? and d.load_id <> ? and not r.dry_run
                       and r.status = any(?) and d.status <> ? and d.line > 0
                     order by d.file, d.etag, d.load_id desc) p
             where i.load_id = ? and i.status = ? and i.file = p.file and i.etag = p.etag
               and p.status <> ? and p.line > 0""";
    private static final String BYTES = """
            update load_run r set
                   bytes_total = coalesce((select sum(size) from load_item i where i.load_id = r.id and i.status <> ?), 0),
                   bytes_done = coalesce((select sum(byte_offset) from load_item i where i.load_id = r.id and i.status <> ?), 0)
             where r.id = ?""";
    /**
     * Takes the first open item (queued, or running with its lease run out) of the oldest running
     * load. SKIP LOCKED also passes over an item whose batch transaction is committing: that
     * transaction holds the item's row from its progress update to its commit, so an item is never
     * taken over between a batch's check of its claim and its commit.
     */
    static final String CLAIM = StatusSql.sql("""
            update load_item i set status = ?, instance = ?, claim = i.claim + 1,
                   lease_until = now() + make_interval(secs => ?),
                   resumed_from_line = case when i.line > 0 then i.line else i.resumed_from_line end
              from (select li.id, case when li.status = {item_running} then li.instance end as held_by
                      from load_item li join load_run lr on lr.id = li.load_id
                     where lr.status = {load_running} and lr.cancel_requested_at is null
                       and (li.status = {item_queued} or (li.status = {item_running} and li.lease_until < now()))
                     order by li.load_id, li.seq
                     limit 1 for update of li skip locked) c, load_run r
             where i.id = c.id and r.id = i.load_id
            returning i.id, i.load_id, i.table_name, i.seq, i.file, i.etag, i.size, i.claim, i.line, i.byte_offset,
                      r.batch_size, r.dry_run, r.delimiter,
                      (select count(*) from load_item n where n.load_id = i.load_id and n.status <> ?), c.held_by""");
    private static final String COMPLETE = """
            with old as (select id, load_id, greatest(size - byte_offset, 0) as rest from load_item
                          where id = ? and claim = ? and status = ? for update),
                 item as (update load_item i set status = ?, lease_until = null, byte_offset = i.size
                            from old where i.id = old.id returning old.load_id, old.rest)
            update load_run r set bytes_done = r.bytes_done + item.rest from item where r.id = item.load_id""";
    /** Ends loads none of whose items is open: succeeded, or cancelled when an operator asked. */
    private static final String FINISH_IF_DONE = StatusSql.sql("""
            with ended as (
                update load_run r set status = case when r.cancel_requested_at is null then ? else ? end,
                       finished_at = now(),
                       error = case when r.cancel_requested_at is not null then ? else coalesce(
                               (select count(*) || ' file(s) of this load failed on their content (its other files loaded): '
                                       || (array_agg(f.error order by f.seq))[1]
                                       || case when count(*) > 1 then '; the others say why in file_reports' else '' end
                                  from load_item f where f.load_id = r.id and f.status = ? having count(*) > 0),
                               r.error) end
                 where r.status = {load_running} and r.source <> 'api' and (r.id = ? or ?)
                   and not exists (select 1 from load_item o where o.load_id = r.id and o.status in {item_open})
                   and not exists (select 1 from set_aside_index s where s.load_id = r.id)
                returning r.*),
                 forgotten as (delete from load_key k using ended where k.load_id = ended.id)
            select\s""" + LoadEnds.ENDED + " from ended");
    /**
     * The objects of a load being cancelled that nobody writes any more: those not begun, and those
     * whose worker stopped renewing their lease (its instance died). They end {@code cancelled} at
     * their last committed line, where the next load of the table continues them.
     */
    private static final String CANCEL_UNWORKED = StatusSql.sql("""
            update load_item i set status = ?, lease_until = null
              from load_run r
             where r.id = i.load_id and r.status = {load_running} and r.cancel_requested_at is not null
               and (r.id = ? or ?) and i.status in {item_open}
               and (i.status = {item_queued} or i.lease_until < now())""");

    /**
     * A batch's counters and its object's resume point, in the batch's transaction: the item's
     * own, then its load's. Only while the worker's claim is still the item's and the load still
     * runs; otherwise nothing is updated and the batch rolls back.
     */
    private static final String ADVANCE = """
            with item as (
                update load_item
                   set rows_read = rows_read + ?, inserted = inserted + ?, updated = updated + ?,
                       unchanged = unchanged + ?, rejected = rejected + ?, skipped_blank = skipped_blank + ?,
                       batches = batches + ?, line = greatest(line, ?), byte_offset = greatest(byte_offset, ?)
                 where id = ? and claim = ? and status = ?
                returning load_id)
            update load_run r
               set rows_read = r.rows_read + ?, inserted = r.inserted + ?, updated = r.updated + ?,
                   unchanged = r.unchanged + ?, rejected = r.rejected + ?, skipped_blank = r.skipped_blank + ?,
                   batches = r.batches + ?, bytes_done = r.bytes_done + ?, heartbeat_at = now()
              from item
             where r.id = item.load_id and r.status = ?""";
    private static final String READ_BY = StatusSql.sql("""
            select min(i.load_id) from load_item i join load_run r on r.id = i.load_id
             where i.table_name = ? and i.file = ? and i.status in {item_open} and r.status in {load_open}""");

    @PersistenceContext(unitName = "hireload")
    EntityManager em;

    /** Loads that end, for the server's metrics (counted once the transaction commits). */
    @Inject
    Event<LoadFinished> finished;

    /** Loads that start, for the log (written once the transaction commits). */
    @Inject
    Event<LoadStarted> started;

    /** Tells the metrics and the log of each load that ended; answers how many did. */
    private int ended(List<LoadFinished> loads) {
        loads.forEach(finished::fire);
        return loads.size();
    }

    /** Records a load of {@code table} over {@code objects}, queued; {@link #promote()} starts it. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public long create(TableName table, LoadRequest request, List<CsvObject> objects, String owner) {
        return work(c -> {
            long id = insertRun(c, table, "s3", request, objects, owner, null);
            insertItems(c, id, table, objects);
            LoadSignals.notifyWork(c);
            return id;
        });
    }

    /**
     * Records a load of {@code table} from {@code source}, queued, over {@code objects} (their
     * items added by {@link #insertItems}): the one place a queued load's record is made, in the
     * caller's transaction. {@code waitSeconds}: how long a load that started itself may not start
     * (null: no wait).
     */
    public static long insertRun(Connection c, TableName table, String source, LoadRequest request,
                                 List<CsvObject> objects, String owner, Integer waitSeconds) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(CREATE_RUN)) {
            insert.setString(1, table.path());
            insert.setString(2, source);
            insert.setString(3, LoadStatus.QUEUED.wire());
            insert.setBoolean(4, request.dryRun());
            insert.setInt(5, request.batchSize());
            insert.setArray(6, c.createArrayOf("text", objects.stream().map(CsvObject::key).toArray()));
            insert.setLong(7, objects.stream().mapToLong(CsvObject::size).sum());
            insert.setString(8, owner);
            if (request.delimiter() == null) {
                insert.setNull(9, Types.CHAR);
            } else {
                insert.setString(9, request.delimiter().toString());
            }
            insert.setBoolean(10, request.force());
            if (waitSeconds == null) {
                insert.setNull(11, Types.INTEGER);
            } else {
                insert.setInt(11, Math.max(0, waitSeconds));
            }
            insert.setString(12, request.indexes() == null ? null : request.indexes().wire());
            try (ResultSet rs = insert.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** The objects of a load recorded without them ({@link #insertRun}): its items, its files and bytes. */
    public static void setObjects(Connection c, long loadId, TableName table, List<CsvObject> objects)
            throws SQLException {
        insertItems(c, loadId, table, objects);
        try (PreparedStatement files = c.prepareStatement("update load_run set files = ?, bytes_total = ? where id = ?")) {
            files.setArray(1, c.createArrayOf("text", objects.stream().map(CsvObject::key).toArray()));
            files.setLong(2, objects.stream().mapToLong(CsvObject::size).sum());
            files.setLong(3, loadId);
            files.executeUpdate();
        }
    }

    /** Forgets a load recorded in the caller's transaction that found nothing to do. */
    public static void dropRun(Connection c, long loadId) throws SQLException {
        try (PreparedStatement drop = c.prepareStatement("delete from load_run where id = ?")) {
            drop.setLong(1, loadId);
            drop.executeUpdate();
        }
    }

    /** A load's work items, one per object, in key order ({@code seq}); every load is made of them. */
    static void insertItems(Connection c, long loadId, TableName table, List<CsvObject> objects)
            throws SQLException {
        try (PreparedStatement items = c.prepareStatement("""
                insert into load_item (load_id, table_name, seq, file, etag, size) values (?, ?, ?, ?, ?, ?)""")) {
            for (int seq = 0; seq < objects.size(); seq++) {
                CsvObject object = objects.get(seq);
                items.setLong(1, loadId);
                items.setString(2, table.path());
                items.setInt(3, seq);
                items.setString(4, object.key());
                items.setString(5, object.etag());
                items.setLong(6, object.size());
                items.addBatch();
            }
            items.executeBatch();
        }
    }

    /**
     * Starts the queued loads whose turn it is: marks their already-loaded objects skipped and
     * their part-loaded ones to continue where they stopped (unless forced), and finishes at once
     * a load left with nothing to do. Answers how many loads started.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int promote() {
        return work(c -> {
            try (PreparedStatement lock = c.prepareStatement(PROMOTE_LOCK)) {
                lock.execute();
            }
            Map<Long, Boolean> started = new HashMap<>();
            try (PreparedStatement promote = c.prepareStatement(PROMOTE)) {
                StatusSql.bind(promote, LoadStatus.RUNNING);
                try (ResultSet rs = promote.executeQuery()) {
                    while (rs.next()) {
                        started.put(rs.getLong(1), rs.getBoolean(6));
                        this.started.fire(LoadEnds.started(rs));
                    }
                }
            }
            for (Map.Entry<Long, Boolean> load : started.entrySet()) {
                long id = load.getKey();
                if (!load.getValue()) {
                    try (PreparedStatement skip = c.prepareStatement(SKIP_LOADED)) {
                        StatusSql.bind(skip, ItemStatus.SKIPPED, id, ItemStatus.QUEUED, ItemStatus.DONE,
                                StatusSql.loadWords(c, LoadStatus.ENDED));
                        skip.executeUpdate();
                    }
                    try (PreparedStatement resume = c.prepareStatement(RESUME_UNFINISHED)) {
                        StatusSql.bind(resume, tableOf(c, id), id, StatusSql.loadWords(c, LoadStatus.ENDED),
                                ItemStatus.SKIPPED, id, ItemStatus.QUEUED, ItemStatus.DONE);
                        resume.executeUpdate();
                    }
                }
                try (PreparedStatement bytes = c.prepareStatement(BYTES)) {
                    StatusSql.bind(bytes, ItemStatus.SKIPPED, ItemStatus.SKIPPED, id);
                    bytes.executeUpdate();
                }
                ended(finishIfDone(c, id, false));
            }
            if (!started.isEmpty()) {
                LoadSignals.notifyWork(c);
            }
            return started.size();
        });
    }

    /** The first claimable item of the oldest running load, now this instance's, or empty. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Optional<ClaimedItem> claim(String instance, int leaseSeconds) {
        return work(c -> {
            try (PreparedStatement claim = c.prepareStatement(CLAIM)) {
                StatusSql.bind(claim, ItemStatus.RUNNING, instance, leaseSeconds, ItemStatus.SKIPPED);
                try (ResultSet rs = claim.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    String delimiter = rs.getString(13);
                    String heldBy = rs.getString(15);
                    if (heldBy != null && !heldBy.equals(instance)) {
                        ItemLeases.fence(c, heldBy, leaseSeconds);
                    }
                    return Optional.of(new ClaimedItem(rs.getLong(1), rs.getLong(2), TableName.fromPath(rs.getString(3)).orElseThrow(),
                            rs.getInt(4), new CsvObject(rs.getString(5), rs.getLong(7), rs.getString(6)), rs.getLong(8),
                            rs.getLong(9), rs.getLong(10), rs.getInt(11), rs.getBoolean(12),
                            delimiter == null || delimiter.isEmpty() ? null : delimiter.charAt(0), rs.getInt(14)));
                }
            }
        });
    }

    /** The item was read to its end; false when its claim was lost meanwhile. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean complete(ClaimedItem item) {
        return work(c -> {
            try (PreparedStatement complete = c.prepareStatement(COMPLETE)) {
                StatusSql.bind(complete, item.itemId(), item.claim(), ItemStatus.RUNNING, ItemStatus.DONE);
                return complete.executeUpdate() == 1;
            }
        });
    }

    /** Ends the load when none of its items is open any more; answers whether it did. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean finishIfDone(long loadId) {
        return ended(work(c -> finishIfDone(c, loadId, false))) > 0;
    }

    /**
     * Ends every load whose items are all closed: the worker that closed the last item of a load
     * ends it, but two workers closing the last two side by side may each still see the other's
     * open; this sweep ends those.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int finishSettled() {
        return ended(work(c -> {
            cancelUnworked(c, 0, true);
            return finishIfDone(c, 0, true);
        }));
    }

    /**
     * The item failed: it is marked with why, and when {@code failLoad} its load ends failed with
     * the same reason, its objects not begun marked as not loaded. Guarded by the claim, so a
     * worker that lost its item records nothing.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean fail(ClaimedItem item, String error, boolean failLoad) {
        return work(c -> {
            boolean mine;
            try (PreparedStatement s = c.prepareStatement("""
                    update load_item set status = ?, error = ?, lease_until = null
                     where id = ? and claim = ? and status = ?""")) {
                StatusSql.bind(s, ItemStatus.FAILED, error, item.itemId(), item.claim(), ItemStatus.RUNNING);
                mine = s.executeUpdate() == 1;
            }
            if (mine && failLoad) {
                try (PreparedStatement s = c.prepareStatement("""
                        update load_run set status = ?, finished_at = now(), error = ?
                         where id = ? and status = ?
                        returning\s""" + LoadEnds.ENDED)) {
                    StatusSql.bind(s, LoadStatus.FAILED, error, item.loadId(), LoadStatus.RUNNING);
                    ended(LoadEnds.ended(s));
                }
                try (PreparedStatement s = c.prepareStatement("""
                        update load_item set status = ?, error = 'not loaded: the load failed on ' || ?
                         where load_id = ? and status = ?""")) {
                    StatusSql.bind(s, ItemStatus.FAILED, item.object().key(), item.loadId(), ItemStatus.QUEUED);
                    s.executeUpdate();
                }
                update(c, "delete from load_key where load_id = ?", item.loadId());
            }
            return mine;
        });
    }

    /**
     * The item stopped for a passing reason (the database away, writers that kept meeting): back
     * in the queue at its last committed line, for any instance to continue; its load runs on.
     * Guarded by the claim: false when another instance took the item over meanwhile.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean requeue(ClaimedItem item) {
        return work(c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    update load_item set status = ?, instance = null, lease_until = null
                     where id = ? and claim = ? and status = ?""")) {
                StatusSql.bind(s, ItemStatus.QUEUED, item.itemId(), item.claim(), ItemStatus.RUNNING);
                if (s.executeUpdate() != 1) {
                    return false;
                }
            }
            LoadSignals.notifyWork(c);
            return true;
        });
    }

    /** Ends load {@code loadId} (or, with {@code all}, every load) when none of its items is open. */
    static List<LoadFinished> finishIfDone(Connection c, long loadId, boolean all) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(FINISH_IF_DONE)) {
            StatusSql.bind(s, LoadStatus.SUCCEEDED, LoadStatus.CANCELLED, LoadRuns.CANCELLED, ItemStatus.FAILED,
                    loadId, all);
            return LoadEnds.ended(s);
        }
    }

    private static void cancelUnworked(Connection c, long loadId, boolean all) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(CANCEL_UNWORKED)) {
            StatusSql.bind(s, ItemStatus.CANCELLED, loadId, all);
            s.executeUpdate();
        }
    }

    /** What a request to cancel a load found. */
    public enum CancelOutcome {
        /** No such load. */
        UNKNOWN,
        /** The load had ended already. */
        ENDED,
        /** A cancel of this load was asked for before, and its workers are stopping. */
        ALREADY_CANCELLING,
        /** The load was queued, or nothing of it was being written: it is cancelled now. */
        CANCELLED,
        /** Its workers stop at their next batch; the load ends once their batches in flight committed. */
        CANCELLING
    }

    /** The outcome of a cancel, and the load's status as the cancel found it. */
    public record Cancel(CancelOutcome outcome, LoadStatus found) {
    }

    /**
     * Cancels a queued or running load: a queued one ends {@code cancelled} at once; a running one
     * is marked, its objects not begun end {@code cancelled}, and every instance is told (NOTIFY on
     * {@link LoadSignals#CANCEL_CHANNEL}) so the workers writing its objects stop after their batches
     * in flight; the last of them ends the load. The load's row is locked first, so a promotion or
     * an end racing with the cancel is seen, not overwritten.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Cancel cancel(long loadId) {
        return work(c -> {
            LoadStatus status;
            boolean requested;
            try (PreparedStatement s = c.prepareStatement(
                    "select status, cancel_requested_at is not null from load_run where id = ? for update")) {
                s.setLong(1, loadId);
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) {
                        return new Cancel(CancelOutcome.UNKNOWN, null);
                    }
                    status = LoadStatus.fromWire(rs.getString(1));
                    requested = rs.getBoolean(2);
                }
            }
            if (status.finished()) {
                return new Cancel(CancelOutcome.ENDED, status);
            }
            if (requested) {
                return new Cancel(CancelOutcome.ALREADY_CANCELLING, status);
            }
            if (status == LoadStatus.QUEUED) {
                try (PreparedStatement s = c.prepareStatement("""
                        update load_item set status = ? where load_id = ? and status = ?""")) {
                    StatusSql.bind(s, ItemStatus.CANCELLED, loadId, ItemStatus.QUEUED);
                    s.executeUpdate();
                }
                try (PreparedStatement s = c.prepareStatement("""
                        update load_run set status = ?, finished_at = now(), error = ?, cancel_requested_at = now()
                         where id = ?
                        returning\s""" + LoadEnds.ENDED)) {
                    StatusSql.bind(s, LoadStatus.CANCELLED, LoadRuns.CANCELLED, loadId);
                    ended(LoadEnds.ended(s));
                }
                update(c, "delete from load_key where load_id = ?", loadId);
                // A load of the same table queued behind this one may start now.
                LoadSignals.notifyWork(c);
                return new Cancel(CancelOutcome.CANCELLED, status);
            }
            update(c, "update load_run set cancel_requested_at = now() where id = ?", loadId);
            cancelUnworked(c, loadId, false);
            LoadSignals.notifyCancel(c, loadId);
            boolean over = ended(finishIfDone(c, loadId, false)) > 0;
            if (over) {
                LoadSignals.notifyWork(c);
            }
            return new Cancel(over ? CancelOutcome.CANCELLED : CancelOutcome.CANCELLING, status);
        });
    }

    /**
     * A worker stopped an object of a load being cancelled, its batches in flight committed: the
     * object ends {@code cancelled} at its last committed line, and the load with it when it was
     * the last one being written. Guarded by the claim, like every change of a worker's.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean cancelled(ClaimedItem item) {
        return work(c -> {
            boolean mine;
            try (PreparedStatement s = c.prepareStatement("""
                    update load_item set status = ?, lease_until = null
                     where id = ? and claim = ? and status = ?""")) {
                StatusSql.bind(s, ItemStatus.CANCELLED, item.itemId(), item.claim(), ItemStatus.RUNNING);
                mine = s.executeUpdate() == 1;
            }
            if (ended(finishIfDone(c, item.loadId(), false)) > 0) {
                LoadSignals.notifyWork(c);
            }
            return mine;
        });
    }

    private static String tableOf(Connection c, long loadId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select table_name from load_run where id = ?")) {
            s.setLong(1, loadId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private static void update(Connection c, String sql, long id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, id);
            s.executeUpdate();
        }
    }

    private <T> T work(ReturningWork<T> work) {
        return em.unwrap(Session.class).doReturningWork(work);
    }

    /**
     * Adds a batch's counters to its item and its load and moves the item's resume point, in the
     * batch's transaction; answers 1, or 0 when the claim is no longer {@code item}'s or the load
     * no longer runs (the batch must then roll back).
     */
    public static int advance(Connection connection, ClaimedItem item, BatchCounts c, long lastLine, long bytesDone,
                              long bytesBefore) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(ADVANCE)) {
            int p = 1;
            p = counts(update, p, c);
            update.setLong(p++, lastLine);
            update.setLong(p++, bytesDone);
            update.setLong(p++, item.itemId());
            update.setLong(p++, item.claim());
            update.setString(p++, ItemStatus.RUNNING.wire());
            p = counts(update, p, c);
            update.setLong(p++, Math.max(0, bytesDone - bytesBefore));
            update.setString(p, LoadStatus.RUNNING.wire());
            return update.executeUpdate();
        }
    }

    private static int counts(PreparedStatement update, int p, BatchCounts c) throws SQLException {
        update.setLong(p++, c.rowsRead());
        update.setLong(p++, c.inserted());
        update.setLong(p++, c.updated());
        update.setLong(p++, c.unchanged());
        update.setLong(p++, c.rejected());
        update.setLong(p++, c.skippedBlank());
        update.setInt(p++, c.rowsRead() > 0 ? 1 : 0);
        return p;
    }

    /** The open load (queued or running) whose open item reads {@code key} of {@code table}, if any. */
    public static Optional<Long> openLoadReading(Connection c, TableName table, String key) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(READ_BY)) {
            StatusSql.bind(s, table.path(), key);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                long load = r.getLong(1);
                return r.wasNull() ? Optional.empty() : Optional.of(load);
            }
        }
    }
}
