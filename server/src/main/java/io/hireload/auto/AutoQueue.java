package io.hireload.auto;

import io.hireload.load.queue.StatusSql;
import io.hireload.model.LoadStatus;
import io.hireload.load.queue.LoadRecords;
import io.hireload.load.queue.LoadRuns;
import io.hireload.load.queue.LoadRequest;
import io.hireload.load.queue.LoadedVersions;
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
import java.util.Map;
import java.util.List;
import java.util.Optional;

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
    /** First announcement wins; a version whose load was interrupted may be queued again. */
    private static final String CLAIM_VERSION = """
            insert into auto_object (table_name, file, etag, load_id, source) values (?, ?, ?, ?, ?)
            on conflict (table_name, file, etag) do update
               set load_id = excluded.load_id, source = excluded.source, queued_at = now()
             where\s""" + LoadRuns.hasStatus("auto_object.load_id") + " returning file";
    /** Loads that start themselves: batches of 1000, written (never a dry run), neither forced nor with a delimiter. */
    private static final LoadRequest REQUEST = new LoadRequest(1000, false, true, null, false);

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
            long id = LoadRecords.insertRun(c, table, source, REQUEST, List.of(), InstanceId.get(), waitSeconds);
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
                LoadRecords.dropRun(c, id);
                return Optional.empty();
            }
            LoadRecords.setObjects(c, id, table, mine);
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
        Map<LoadedVersions.Version, Long> loaded = LoadedVersions.loaded(c, table,
                objects.stream().map(CsvObject::key).toList(), objects.stream().map(CsvObject::etag).toList());
        return objects.stream().filter(o -> !loaded.containsKey(new LoadedVersions.Version(o.key(), o.etag()))).toList();
    }

    private <T> T work(ReturningWork<T> work) {
        return em.unwrap(Session.class).doReturningWork(work);
    }
}
