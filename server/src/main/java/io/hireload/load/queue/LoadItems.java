package io.hireload.load.queue;

import io.hireload.model.ItemStatus;
import io.hireload.model.LoadStatus;
import jakarta.inject.Inject;
import jakarta.enterprise.event.Event;
import io.hireload.observe.LoadFinished;
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
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/**
 * The shared queue of S3 loads in {@code load_run} and {@code load_item}: a load is one work item
 * per object, and every instance claims items of any load. Each method is one short transaction;
 * the per-batch update of an item lives in {@code engine.BatchWriter}, in the batch's own transaction.
 * See docs/PERFORMANCE.md "Design" for the rules kept here.
 */
@ApplicationScoped
public class LoadItems {
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
              from (select li.id, case when li.status = {item_running} then li.instance end as held_by,
                           case when li.status = {item_running} then li.lease_until end as held_until
                      from load_item li join load_run lr on lr.id = li.load_id
                     where lr.status = {load_running} and lr.cancel_requested_at is null and lr.failing is null
                       and (li.status = {item_queued} or (li.status = {item_running} and li.lease_until < now()))
                     order by li.load_id, li.seq
                     limit 1 for update of li skip locked) c, load_run r
             where i.id = c.id and r.id = i.load_id
            returning i.id, i.load_id, i.table_name, i.seq, i.file, i.etag, i.size, i.claim, i.line, i.byte_offset,
                      r.batch_size, r.dry_run, r.delimiter,
                      (select count(*) from load_item n where n.load_id = i.load_id and n.status <> ?), c.held_by,
                      c.held_until""");
    private static final String COMPLETE = """
            with old as (select id, load_id, greatest(size - byte_offset, 0) as rest from load_item
                          where id = ? and claim = ? and status = ? for update),
                 item as (update load_item i set status = ?, lease_until = null, byte_offset = i.size
                            from old where i.id = old.id returning old.load_id, old.rest)
            update load_run r set bytes_done = r.bytes_done + item.rest from item where r.id = item.load_id""";
    /**
     * Ends loads none of whose items is open and none of whose indexes is still set aside:
     * failed when one of its objects failed it ({@code failing}, V22), else cancelled when an
     * operator asked, else succeeded.
     */
    private static final String FINISH_IF_DONE = StatusSql.sql("""
            with ended as (
                update load_run r set status = case when r.failing is not null then ?
                                                   when r.cancel_requested_at is null then ? else ? end,
                       finished_at = now(),
                       error = case when r.failing is not null then r.failing
                                    when r.cancel_requested_at is not null then ? else coalesce(
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
     * The objects of a failing load (its indexes coming back before it ends failed) that nobody
     * writes any more: their worker stopped when the heartbeat found the load failing, or died.
     */
    private static final String FAIL_UNWORKED = StatusSql.sql("""
            update load_item i set status = ?, error = coalesce(i.error, 'not finished: the load failed'), lease_until = null
              from load_run r
             where r.id = i.load_id and r.status = {load_running} and r.failing is not null
               and i.status in {item_open} and (i.status = {item_queued} or i.lease_until < now())""");

    @PersistenceContext(unitName = "hireload")
    EntityManager em;

    /** Loads that end, for the server's metrics (counted once the transaction commits). */
    @Inject
    Event<LoadFinished> finished;

    /** Tells the metrics and the log of each load that ended; answers how many did. */
    private int ended(List<LoadFinished> loads) {
        loads.forEach(finished::fire);
        return loads.size();
    }

    /** Records a load of {@code table} over {@code objects}, queued; {@link #promote()} starts it. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public long create(TableName table, LoadRequest request, List<CsvObject> objects, String owner) {
        return work(c -> {
            long id = LoadRecords.insertRun(c, table, "s3", request, objects, owner, null);
            LoadRecords.insertItems(c, id, table, objects);
            LoadSignals.notifyWork(c);
            return id;
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
                    OffsetDateTime heldUntil = rs.getObject(16, OffsetDateTime.class);
                    if (heldBy != null && !heldBy.equals(instance) && heldUntil != null) {
                        // Every instance renews for the same lease: its last renewal was a lease before this.
                        HolderFence.fence(c, heldBy, heldUntil.minusSeconds(leaseSeconds), leaseSeconds);
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
            LoadCancels.cancelUnworked(c, 0, true);
            try (PreparedStatement s = c.prepareStatement(FAIL_UNWORKED)) {
                StatusSql.bind(s, ItemStatus.FAILED);
                s.executeUpdate();
            }
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
            if (mine && failLoad && indexesSetAside(c, item.loadId())) {
                // It ends failed once its indexes are back (FINISH_IF_DONE); meanwhile it takes no new work.
                try (PreparedStatement s = c.prepareStatement("""
                        update load_run set failing = coalesce(failing, ?) where id = ? and status = ?""")) {
                    StatusSql.bind(s, error, item.loadId(), LoadStatus.RUNNING);
                    s.executeUpdate();
                }
            } else if (mine && failLoad) {
                try (PreparedStatement s = c.prepareStatement("""
                        update load_run set status = ?, finished_at = now(), error = ?
                         where id = ? and status = ?
                        returning\s""" + LoadEnds.ENDED)) {
                    StatusSql.bind(s, LoadStatus.FAILED, error, item.loadId(), LoadStatus.RUNNING);
                    ended(LoadEnds.ended(s));
                }
            }
            if (mine && failLoad) {
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
    public static List<LoadFinished> finishIfDone(Connection c, long loadId, boolean all) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(FINISH_IF_DONE)) {
            StatusSql.bind(s, LoadStatus.FAILED, LoadStatus.SUCCEEDED, LoadStatus.CANCELLED, LoadRuns.CANCELLED, ItemStatus.FAILED,
                    loadId, all);
            return LoadEnds.ended(s);
        }
    }

    private static boolean indexesSetAside(Connection c, long loadId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select exists (select 1 from set_aside_index where load_id = ?)")) {
            s.setLong(1, loadId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
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

}