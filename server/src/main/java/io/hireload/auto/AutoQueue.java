package io.hireload.auto;

import io.hireload.load.queue.StatusSql;
import io.hireload.model.ItemStatus;
import io.hireload.model.LoadStatus;
import io.hireload.load.queue.LoadItems;
import io.hireload.config.InstanceId;
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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Queues loads that start themselves (source {@code event} or {@code watch}) as the shared load
 * engine's work items, so the engine's rules apply to them as to a call: one load of a table at a
 * time, employees after departments and jobs, any instance works the items. What is new here is
 * the deduplication: an object version already loaded is not queued at all, and of several
 * announcements of one version (a duplicated or redelivered message, two watch ticks, an event and
 * a tick) the primary key of {@code auto_object} lets exactly one queue it.
 */
@ApplicationScoped
public class AutoQueue {
    private static final String LOADED = """
            select d.file, d.etag from load_item d join load_run r on r.id = d.load_id
             where d.table_name = ? and d.status = ? and not r.dry_run
               and r.status = any(?)
               and (d.file, d.etag) in (select * from unnest(?::text[], ?::text[]))""";
    private static final String CREATE_RUN = """
            insert into load_run (table_name, source, status, dry_run, batch_size, files, bytes_total, owner, force,
                                  not_before)
            values (?, ?, ?, false, ?, '{}', 0, ?, false, now() + make_interval(secs => ?)) returning id""";
    /** First announcement wins; a version whose load was interrupted may be queued again. */
    private static final String CLAIM_VERSION = """
            insert into auto_object (table_name, file, etag, load_id, source) values (?, ?, ?, ?, ?)
            on conflict (table_name, file, etag) do update
               set load_id = excluded.load_id, source = excluded.source, queued_at = now()
             where exists (select 1 from load_run r where r.id = auto_object.load_id and r.status = ?)
            returning file""";
    private static final int BATCH_SIZE = 1000;

    @PersistenceContext(unitName = "hireload")
    EntityManager em;

    /**
     * Queues one load of {@code table} over those of {@code objects} (in key order) that neither a
     * load has already loaded nor another announcement has already queued; answers its id, or
     * empty when nothing was left to queue. Joins the caller's transaction (the watch holds its
     * lock in it) or commits on return. {@code waitSeconds}: how long the load may not start.
     */
    @Transactional(Transactional.TxType.REQUIRED)
    public Optional<Long> queue(TableName table, List<CsvObject> objects, String source, int waitSeconds) {
        if (objects.isEmpty()) {
            return Optional.empty();
        }
        return work(c -> {
            List<CsvObject> fresh = notLoaded(c, table, objects);
            if (fresh.isEmpty()) {
                return Optional.empty();
            }
            long id;
            try (PreparedStatement run = c.prepareStatement(CREATE_RUN)) {
                StatusSql.bind(run, table.path(), source, LoadStatus.QUEUED, BATCH_SIZE, InstanceId.get(),
                        Math.max(0, waitSeconds));
                try (ResultSet rs = run.executeQuery()) {
                    rs.next();
                    id = rs.getLong(1);
                }
            }
            List<CsvObject> mine = new ArrayList<>();
            try (PreparedStatement claim = c.prepareStatement(CLAIM_VERSION)) {
                for (CsvObject object : fresh) {
                    StatusSql.bind(claim, table.path(), object.key(), object.etag(), id, source,
                            LoadStatus.INTERRUPTED);
                    try (ResultSet rs = claim.executeQuery()) {
                        if (rs.next()) {
                            mine.add(object);
                        }
                    }
                }
            }
            if (mine.isEmpty()) {
                try (PreparedStatement drop = c.prepareStatement("delete from load_run where id = ?")) {
                    drop.setLong(1, id);
                    drop.executeUpdate();
                }
                return Optional.empty();
            }
            LoadItems.insertItems(c, id, table, mine);
            try (PreparedStatement files = c.prepareStatement("update load_run set files = ?, bytes_total = ? where id = ?")) {
                files.setArray(1, c.createArrayOf("text", mine.stream().map(CsvObject::key).toArray()));
                files.setLong(2, mine.stream().mapToLong(CsvObject::size).sum());
                files.setLong(3, id);
                files.executeUpdate();
            }
            return Optional.of(id);
        });
    }

    /**
     * Takes the watch's turn: a transaction-scoped advisory lock, so of several instances one lists
     * the bucket at a time and the others skip this tick. Must run inside the caller's transaction.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean tryWatchTurn() {
        return work(c -> {
            try (PreparedStatement lock = c.prepareStatement("select pg_try_advisory_xact_lock(hashtext('hireload:watch'))");
                 ResultSet rs = lock.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        });
    }

    private static List<CsvObject> notLoaded(Connection c, TableName table, List<CsvObject> objects) throws SQLException {
        Set<String> loaded = new HashSet<>();
        try (PreparedStatement s = c.prepareStatement(LOADED)) {
            StatusSql.bind(s, table.path(), ItemStatus.DONE, StatusSql.loadWords(c, LoadStatus.ENDED),
                    c.createArrayOf("text", objects.stream().map(CsvObject::key).toArray()),
                    c.createArrayOf("text", objects.stream().map(CsvObject::etag).toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    loaded.add(rs.getString(1) + '\n' + rs.getString(2));
                }
            }
        }
        return objects.stream().filter(o -> !loaded.contains(o.key() + '\n' + o.etag())).toList();
    }

    private <T> T work(ReturningWork<T> work) {
        return em.unwrap(Session.class).doReturningWork(work);
    }
}
