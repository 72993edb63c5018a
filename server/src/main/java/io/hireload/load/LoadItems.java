package io.hireload.load;

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
import java.sql.Types;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The shared queue of S3 loads in {@code load_run} and {@code load_item}: a load is one work item
 * per object, and every instance claims items of any load. Each method is one short transaction;
 * the per-batch update of an item lives in {@link BatchWriter}, in the batch's own transaction.
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
            returning q.id, q.force""");
    /**
     * An object whose key and ETag a non-dry-run load already read to its end is skipped. A
     * failed load's finished objects count: calling again after a failure continues, it does not
     * start over.
     */
    private static final String SKIP_LOADED = """
            update load_item i set status = ?
             where i.load_id = ? and i.status = ?
               and exists (select 1 from load_item d join load_run r on r.id = d.load_id
                            where d.table_name = i.table_name and d.file = i.file and d.etag = i.etag
                              and d.status = ? and not r.dry_run and r.id <> i.load_id
                              and r.status = any(?))""";
    /**
     * An object that the latest earlier attempt (a failed or interrupted, non-dry-run load) left
     * part-way continues after that attempt's last committed line. Skipped items of earlier loads
     * read nothing and do not count.
     */
    private static final String RESUME_UNFINISHED = """
            update load_item i set line = p.line, byte_offset = p.byte_offset, resumed_from_line = p.line
              from (select distinct on (d.file, d.etag) d.file, d.etag, d.status, d.line, d.byte_offset
                      from load_item d join load_run r on r.id = d.load_id
                     where d.table_name = ? and d.load_id <> ? and not r.dry_run
                       and r.status = any(?) and d.status <> ?
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
              from (select li.id from load_item li join load_run lr on lr.id = li.load_id
                     where lr.status = {load_running}
                       and (li.status = {item_queued} or (li.status = {item_running} and li.lease_until < now()))
                     order by li.load_id, li.seq
                     limit 1 for update of li skip locked) c, load_run r
             where i.id = c.id and r.id = i.load_id
            returning i.id, i.load_id, i.table_name, i.seq, i.file, i.etag, i.size, i.claim, i.line, i.byte_offset,
                      r.batch_size, r.dry_run, r.delimiter,
                      (select count(*) from load_item n where n.load_id = i.load_id and n.status <> ?)""");
    private static final String COMPLETE = """
            with old as (select id, load_id, greatest(size - byte_offset, 0) as rest from load_item
                          where id = ? and claim = ? and status = ? for update),
                 item as (update load_item i set status = ?, lease_until = null, byte_offset = i.size
                            from old where i.id = old.id returning old.load_id, old.rest)
            update load_run r set bytes_done = r.bytes_done + item.rest from item where r.id = item.load_id""";
    private static final String FINISH_IF_DONE = StatusSql.sql("""
            with ended as (
                update load_run r set status = ?, finished_at = now()
                 where r.status = {load_running} and r.source <> 'api' and (r.id = ? or ?)
                   and not exists (select 1 from load_item o where o.load_id = r.id and o.status in {item_open})
                   and not exists (select 1 from set_aside_index s where s.load_id = r.id)
                returning r.id),
                 forgotten as (delete from load_key k using ended where k.load_id = ended.id)
            select count(*) from ended""");

    @PersistenceContext(unitName = "hireload")
    EntityManager em;

    /** Loads that end, for the server's metrics (counted once the transaction commits). */
    @Inject
    Event<LoadFinished> finished;

    private int ended(int loads, LoadStatus status) {
        if (loads > 0) {
            finished.fire(new LoadFinished(null, null, status, null, loads));
        }
        return loads;
    }

    /** Records a load of {@code table} over {@code objects}, queued; {@link #promote()} starts it. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public long create(TableName table, LoadRequest request, List<CsvObject> objects, String owner) {
        return work(c -> {
            long id;
            try (PreparedStatement insert = c.prepareStatement("""
                    insert into load_run (table_name, source, status, dry_run, batch_size, files, bytes_total, owner,
                                          delimiter, force, indexes_requested)
                    values (?, 's3', ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")) {
                insert.setString(1, table.path());
                insert.setString(2, LoadStatus.QUEUED.wire());
                insert.setBoolean(3, request.dryRun());
                insert.setInt(4, request.batchSize());
                insert.setArray(5, c.createArrayOf("text", objects.stream().map(CsvObject::key).toArray()));
                insert.setLong(6, objects.stream().mapToLong(CsvObject::size).sum());
                insert.setString(7, owner);
                if (request.delimiter() == null) {
                    insert.setNull(8, Types.CHAR);
                } else {
                    insert.setString(8, request.delimiter().toString());
                }
                insert.setBoolean(9, request.force());
                insert.setString(10, request.indexes() == null ? null : request.indexes().wire());
                try (ResultSet rs = insert.executeQuery()) {
                    rs.next();
                    id = rs.getLong(1);
                }
            }
            insertItems(c, id, table, objects);
            LoadSignals.notifyWork(c);
            return id;
        });
    }

    /** A load's work items, one per object, in key order ({@code seq}); every load is made of them. */
    public static void insertItems(Connection c, long loadId, TableName table, List<CsvObject> objects)
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
                        started.put(rs.getLong(1), rs.getBoolean(2));
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
                ended(finishIfDone(c, id, false), LoadStatus.SUCCEEDED);
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
        return ended(work(c -> finishIfDone(c, loadId, false)), LoadStatus.SUCCEEDED) > 0;
    }

    /**
     * Ends every load whose items are all closed: the worker that closed the last item of a load
     * ends it, but two workers closing the last two side by side may each still see the other's
     * open; this sweep ends those.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int finishSettled() {
        return ended(work(c -> finishIfDone(c, 0, true)), LoadStatus.SUCCEEDED);
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
                         where id = ? and status = ?""")) {
                    StatusSql.bind(s, LoadStatus.FAILED, error, item.loadId(), LoadStatus.RUNNING);
                    if (s.executeUpdate() == 1) {
                        finished.fire(LoadFinished.one(item.loadId(), item.table().path(), LoadStatus.FAILED, error));
                    }
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

    private static int finishIfDone(Connection c, long loadId, boolean all) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(FINISH_IF_DONE)) {
            StatusSql.bind(s, LoadStatus.SUCCEEDED, loadId, all);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
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
}
