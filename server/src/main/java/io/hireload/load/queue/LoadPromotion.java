package io.hireload.load.queue;

import io.hireload.model.ItemStatus;
import io.hireload.model.LoadStatus;
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
import java.util.HashMap;
import java.util.Map;

/**
 * Starts queued loads when their turn comes (one load of a table at a time, parents before
 * employees), and prepares each one it starts: objects loaded already are skipped, objects an
 * earlier attempt left part-way continue after its last committed line.
 */
@ApplicationScoped
public class LoadPromotion {
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

    @PersistenceContext(unitName = "hireload")
    EntityManager em;

    /** Loads that end at once (nothing left to do), for the server's metrics. */
    @Inject
    Event<LoadFinished> finished;

    /** Loads that start, for the log (written once the transaction commits). */
    @Inject
    Event<LoadStarted> started;


    /**
     * Starts the queued loads whose turn it is: marks their already-loaded objects skipped and
     * their part-loaded ones to continue where they stopped (unless forced), and finishes at once
     * a load left with nothing to do. Answers how many loads started.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int promote() {
        return em.unwrap(Session.class).doReturningWork(c -> {
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
                LoadItems.finishIfDone(c, id, false).forEach(finished::fire);
            }
            if (!started.isEmpty()) {
                LoadSignals.notifyWork(c);
            }
            return started.size();
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
}
