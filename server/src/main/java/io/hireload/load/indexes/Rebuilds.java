package io.hireload.load.indexes;

import io.hireload.background.Background;
import io.hireload.background.Stage;
import io.hireload.metrics.MetricsCompactor;
import io.hireload.load.queue.IndexBookkeeping;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.eclipse.microprofile.config.inject.ConfigProperties;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Brings set-aside indexes back ({@code set_aside_index}, V21). Any instance may build any recorded
 * index: each one is built in one transaction on a connection of its own, side by side, that
 * holds the index's advisory lock (a second builder passes it by) and has the tables' owner build it
 * (build_set_aside_index, V22: {@code IF NOT EXISTS}, one found invalid dropped first, its record
 * deleted), so the server's role need not own the table, and the index is either
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

    private final DataSource dataSource;
    private final String maintenanceWorkMem;
    private final ExecutorService builders;
    private final MetricsCompactor compactor;

    @Inject
    public Rebuilds(@Named("hireload") DataSource dataSource, Background background,
                    @ConfigProperties IndexSettings settings, MetricsCompactor compactor) {
        this.compactor = compactor;
        int connections = settings.rebuildConnections();
        String maintenanceWorkMem = settings.maintenanceWorkMem();
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
        try (Connection c = dataSource.getConnection()) {
            return IndexBookkeeping.indexesDueBack(c, loadId, all);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the set-aside indexes: " + e.getMessage(), e);
        }
    }

    private void rebuild(List<String> names) {
        if (!names.isEmpty()) {
            // The metrics' fold waits: it would share the cores with the builds (MetricsCompactor).
            compactor.asideOf(() -> buildSideBySide(names));
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
        }
        // Also on a sweep with nothing to build: a pause whose resume failed (a lock not granted in time) is retried.
        bookkeeping(IndexBookkeeping::resumeAutovacuum);
        bookkeeping(IndexBookkeeping::settleRebuildTimes);
    }

    private void buildSideBySide(List<String> names) {
        bookkeeping(c -> IndexBookkeeping.markRebuildStarted(c, names));
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
        // These sessions only, for this transaction only: the pool's connections keep the server's settings.
        try (PreparedStatement s = c.prepareStatement("""
                select set_config('maintenance_work_mem', ?, true), set_config('statement_timeout', '0', true),
                       set_config('lock_timeout', '0', true), set_config('idle_in_transaction_session_timeout', '0', true)""")) {
            s.setString(1, maintenanceWorkMem);
            s.execute();
        }
        long started = System.nanoTime();
        // Built by the tables' owner (V22), from the definition recorded, and its record deleted.
        try (PreparedStatement s = c.prepareStatement("select build_set_aside_index(?)")) {
            s.setString(1, name);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    return true;
                }
            }
        }
        LOG.info(() -> "index " + name + " rebuilt in " + (System.nanoTime() - started) / 1_000_000 + " ms");
        return true;
    }

    private static void query(Connection c, String sql) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.execute();
        }
    }

    @FunctionalInterface
    private interface Work {
        void on(Connection c) throws SQLException;
    }

    private void bookkeeping(Work work) {
        try (Connection c = dataSource.getConnection()) {
            work.on(c);
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "the rebuild's bookkeeping (start time, duration) failed: " + e.getMessage());
        }
    }
}
