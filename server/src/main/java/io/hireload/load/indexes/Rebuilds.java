package io.hireload.load.indexes;

import io.hireload.background.Background;
import io.hireload.background.Stage;
import io.hireload.load.queue.StatusSql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Brings set-aside indexes back ({@code set_aside_index}, V21). Any instance may build any recorded
 * index: each one is built in one transaction on a connection of its own, side by side, that
 * holds the index's advisory lock (a second builder passes it by), creates it ({@code IF NOT
 * EXISTS}; one found invalid is dropped first) and deletes its record, so the index is either
 * recorded or built, never neither. A builder that dies (its instance killed) takes its
 * transaction with it: the record stays and the next sweep builds the index.
 *
 * <p>Plain {@code CREATE INDEX}, not {@code CONCURRENTLY}: it reads the table once instead of twice,
 * runs in a transaction (so it can delete its record atomically) and leaves nothing invalid when it
 * fails; the price is that the table's other writers (the 1..1000-row API) wait while it builds,
 * while reads go on.
 */
@ApplicationScoped
public class Rebuilds {
    private static final Logger LOG = Logger.getLogger(Rebuilds.class.getName());
    private static final Pattern MEMORY = Pattern.compile("[1-9][0-9]{0,6}(kB|MB|GB)");
    /** Recorded indexes that may come back: their load ended, is gone, or has no object left to load. */
    private static final String DUE = StatusSql.sql("""
            select s.index_name from set_aside_index s
             where not exists (select 1 from load_run r join load_item i on i.load_id = r.id
                                where r.id = s.load_id and r.status in {load_open} and i.status in {item_open})
               and (s.load_id = ? or ?)
             order by s.definition ~* ' using (gin|gist) ' desc, s.index_name""");
    private static final String STARTED = """
            update load_run set index_rebuild_started_at = coalesce(index_rebuild_started_at, now())
             where id in (select load_id from set_aside_index where index_name = any(?))""";
    /** Loads that deferred their indexes, have them all back and no object left: how long it took. */
    private static final String SETTLE = StatusSql.sql("""
            update load_run r
               set index_rebuild_ms = greatest(0, round(1000 * extract(epoch from
                       clock_timestamp() - coalesce(r.index_rebuild_started_at, clock_timestamp()))))::bigint
             where r.indexes = ? and r.index_rebuild_ms is null
               and not exists (select 1 from set_aside_index s where s.load_id = r.id)
               and not (r.status in {load_open}
                        and exists (select 1 from load_item i where i.load_id = r.id and i.status in {item_open}))""");
    private static final String EXISTING = """
            select x.indisvalid, format('drop index %I.%I', n.nspname, c.relname)
              from pg_class c join pg_namespace n on n.oid = c.relnamespace join pg_index x on x.indexrelid = c.oid
             where n.nspname = current_schema() and c.relname = ?""";

    private final DataSource dataSource;
    private final String maintenanceWorkMem;
    private final ExecutorService builders;

    @Inject
    public Rebuilds(@Named("hireload") DataSource dataSource, Background background,
                    @ConfigProperty(name = "hireload.indexes.rebuild-connections", defaultValue = "2") int connections,
                    @ConfigProperty(name = "hireload.indexes.maintenance-work-mem", defaultValue = "256MB")
                    String maintenanceWorkMem) {
        if (!MEMORY.matcher(maintenanceWorkMem).matches()) {
            throw new IllegalArgumentException("hireload.indexes.maintenance-work-mem must be a size such as 256MB "
                    + "(kB, MB or GB), not '" + maintenanceWorkMem + "'");
        }
        this.dataSource = dataSource;
        this.maintenanceWorkMem = maintenanceWorkMem;
        int threads = Math.max(1, Math.min(connections, 8));
        this.builders = background.pool("hireload-index-build", threads, Stage.REQUESTS);
    }

    /**
     * Called when an object of the load is done: when it was the load's last, builds the load's
     * set-aside indexes now. Answers whether none of them is still set aside (another instance
     * may be building one: it ends the load then).
     */
    public boolean afterObject(long loadId) {
        rebuild(due(loadId, false));
        return !pending(List.of(loadId));
    }

    /** Builds every recorded index that may come back, whichever load set it aside. */
    public void sweep() {
        rebuild(due(0, true));
    }

    /** Whether any of these loads still has indexes set aside. */
    public boolean pending(Collection<Long> loadIds) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "select exists (select 1 from set_aside_index where load_id = any(?))")) {
            s.setArray(1, c.createArrayOf("bigint", loadIds.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the set-aside indexes: " + e.getMessage(), e);
        }
    }

    private List<String> due(long loadId, boolean all) {
        List<String> names = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(DUE)) {
            s.setLong(1, loadId);
            s.setBoolean(2, all);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the set-aside indexes: " + e.getMessage(), e);
        }
        return names;
    }

    private void rebuild(List<String> names) {
        if (!names.isEmpty()) {
            update(STARTED, c -> c.createArrayOf("text", names.toArray()));
            // In DUE's order: the inverted indexes take longest, so they start first and the others are built beside them.
            List<Future<Boolean>> built = names.stream()
                    .map(name -> builders.submit(() -> build(name)))
                    .toList();
            for (Future<Boolean> one : built) {
                try {
                    one.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (java.util.concurrent.ExecutionException e) {
                    LOG.log(Level.WARNING, "an index rebuild failed; the next sweep tries again", e.getCause());
                }
            }
        }
        update(SETTLE, c -> io.hireload.model.IndexMode.DEFERRED.wire());
    }

    /** One index back, in one transaction; false when another builder holds it or it failed. */
    private boolean build(String name) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                boolean done = build(c, name);
                c.commit();
                return done;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                LOG.log(Level.WARNING, "rebuilding index " + name + " failed (the next sweep tries again): "
                        + e.getMessage());
                return false;
            }
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "no connection to rebuild index " + name + ": " + e.getMessage());
            return false;
        }
    }

    private boolean build(Connection c, String name) throws SQLException {
        query(c, "select pg_advisory_xact_lock_shared(index_gate_key())");
        try (PreparedStatement s = c.prepareStatement("select pg_try_advisory_xact_lock(hashtext('hireload:index:' || ?))")) {
            s.setString(1, name);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    return false;
                }
            }
        }
        String definition;
        try (PreparedStatement s = c.prepareStatement(
                "select definition from set_aside_index where index_name = ? for update")) {
            s.setString(1, name);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return true;
                }
                definition = rs.getString(1);
            }
        }
        try (PreparedStatement s = c.prepareStatement(EXISTING)) {
            s.setString(1, name);
            try (ResultSet rs = s.executeQuery()) {
                if (rs.next() && !rs.getBoolean(1)) {
                    String drop = rs.getString(2);
                    LOG.warning(() -> "index " + name + " was left invalid; it is dropped and built again");
                    try (Statement d = c.createStatement()) {
                        d.execute(drop);
                    }
                }
            }
        }
        // These sessions only, for this transaction only: the pool's connections keep the server's settings.
        try (PreparedStatement s = c.prepareStatement("""
                select set_config('maintenance_work_mem', ?, true), set_config('statement_timeout', '0', true),
                       set_config('lock_timeout', '0', true), set_config('idle_in_transaction_session_timeout', '0', true)""")) {
            s.setString(1, maintenanceWorkMem);
            s.execute();
        }
        long started = System.nanoTime();
        try (Statement create = c.createStatement()) {
            create.execute(ifNotExists(definition));
        }
        try (PreparedStatement s = c.prepareStatement("delete from set_aside_index where index_name = ?")) {
            s.setString(1, name);
            s.executeUpdate();
        }
        LOG.info(() -> "index " + name + " rebuilt in " + (System.nanoTime() - started) / 1_000_000 + " ms");
        return true;
    }

    /** {@code CREATE INDEX name ...} as pg_get_indexdef writes it, made {@code CREATE INDEX IF NOT EXISTS name ...}. */
    static String ifNotExists(String definition) {
        String prefix = "CREATE INDEX ";
        if (!definition.regionMatches(true, 0, prefix, 0, prefix.length())) {
            throw new IllegalStateException("not a recorded non-unique index: " + definition);
        }
        if (definition.toUpperCase(Locale.ROOT).startsWith("CREATE INDEX IF NOT EXISTS ")) {
            return definition;
        }
        return "CREATE INDEX IF NOT EXISTS " + definition.substring(prefix.length());
    }

    private static void query(Connection c, String sql) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.execute();
        }
    }

    @FunctionalInterface
    private interface Param {
        Object of(Connection c) throws SQLException;
    }

    private void update(String sql, Param param) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, param.of(c));
            s.executeUpdate();
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "the rebuild's bookkeeping (start time, duration) failed: " + e.getMessage());
        }
    }
}
