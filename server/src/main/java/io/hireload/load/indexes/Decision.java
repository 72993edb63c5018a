package io.hireload.load.indexes;

import io.hireload.db.DatabaseFailures;
import io.hireload.model.IndexMode;
import io.hireload.load.queue.IndexBookkeeping;
import io.hireload.model.TableName;
import io.hireload.schema.TableSchema;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.hibernate.Session;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The transaction of {@link SetAside}: decides what the load does with its table's secondary
 * indexes ({@link IndexRule}) and, when it defers them, records their definitions and drops them.
 * The load's row stays locked meanwhile, so the other workers of the load wait for the decision
 * and no batch is written before it. It waits for locks at most {@link #LOCK_WAIT}: a table held
 * longer by another transaction (a long read) keeps its indexes rather than stall the load.
 */
@ApplicationScoped
class Decision {
    private static final Logger LOG = Logger.getLogger(Decision.class.getName());
    static final String LOCK_WAIT = "10s";
    /**
     * The table's secondary indexes that may be set aside: not unique (the primary key and unique
     * indexes stay: upserts and the duplicate check rely on them), backing no constraint. The
     * owner's function set_aside_secondary_index (V22) checks the same again, records the
     * definition the database gives and drops the index.
     */
    static final String SECONDARY = """
            select c.relname
              from pg_index x
              join pg_class c on c.oid = x.indexrelid
              join pg_class t on t.oid = x.indrelid
              join pg_namespace n on n.oid = t.relnamespace
             where n.nspname = current_schema() and t.relname = ?
               and not x.indisunique and not x.indisprimary
               and not exists (select 1 from pg_constraint k where k.conindid = c.oid)
             order by c.relname""";

    @PersistenceContext(unitName = "hireload")
    EntityManager em;

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public IndexMode once(long loadId) {
        return em.unwrap(Session.class).doReturningWork(c -> prepare(c, loadId));
    }

    private static IndexMode prepare(Connection c, long loadId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select set_config('lock_timeout', ?, true)")) {
            s.setString(1, LOCK_WAIT);
            s.execute();
        }
        Optional<IndexBookkeeping.ToDecide> load = IndexBookkeeping.lockForIndexDecision(c, loadId);
        if (load.isEmpty()) {
            return null;
        }
        if (load.get().decided() != null) {
            return load.get().decided();
        }
        if (load.get().ended()) {
            return null;
        }
        String tableName = load.get().tableName();
        boolean dryRun = load.get().dryRun();
        IndexMode requested = load.get().requested();
        String relation = TableSchema.of(TableName.fromPath(tableName).orElseThrow()).sqlTable();
        boolean allowed = mayManageIndexes(c);
        if (!allowed && requested == IndexMode.DEFERRED) {
            LOG.warning(() -> "load " + loadId + " asked indexes=deferred, but the server's database role may not "
                    + "execute set_aside_secondary_index and build_set_aside_index (V22): they are kept");
        }
        IndexMode mode = IndexRule.decide(requested, dryRun, allowed, empty(c, relation), heapBytes(c, relation),
                IndexBookkeeping.bytesToRead(c, loadId));
        if (mode == IndexMode.DEFERRED && !setAside(c, loadId, relation)) {
            mode = IndexMode.KEPT;
        }
        IndexBookkeeping.recordIndexDecision(c, loadId, mode);
        return mode;
    }

    /**
     * Records and drops. Indexes an earlier load of the table set aside and did not get back yet
     * (it ended while they were being rebuilt elsewhere) become this load's: they come back with it.
     */
    private static boolean setAside(Connection c, long loadId, String relation) throws SQLException {
        try (PreparedStatement gate = c.prepareStatement("select pg_advisory_xact_lock_shared(index_gate_key())")) {
            gate.execute();
        }
        // The table first, so reading the definitions and dropping them see the same set.
        // A savepoint in SQL: the transaction manager's connection refuses JDBC's.
        try (Statement lock = c.createStatement()) {
            lock.execute("savepoint before_lock");
            lock.execute("lock table " + relation + " in access exclusive mode");
        } catch (SQLException e) {
            if (DatabaseFailures.classify(e) != DatabaseFailures.Kind.LOCKED) {
                throw e;
            }
            try (Statement back = c.createStatement()) {
                back.execute("rollback to savepoint before_lock");
            }
            LOG.warning(() -> "load " + loadId + ": " + relation + " stayed locked by another transaction for "
                    + LOCK_WAIT + "; its indexes are kept");
            return false;
        }
        List<String> found = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(SECONDARY)) {
            s.setString(1, relation);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    found.add(rs.getString(1));
                }
            }
        }
        try (PreparedStatement adopt = c.prepareStatement(
                "update set_aside_index set load_id = ? where table_name = ?")) {
            adopt.setLong(1, loadId);
            adopt.setString(2, relation);
            adopt.executeUpdate();
        }
        if (found.isEmpty()) {
            return true;
        }
        // Recorded and dropped by the tables' owner (V22): the server's role need not own them.
        try (PreparedStatement setAside = c.prepareStatement("select set_aside_secondary_index(?, ?)")) {
            for (String index : found) {
                setAside.setString(1, index);
                setAside.setLong(2, loadId);
                try (ResultSet rs = setAside.executeQuery()) {
                    rs.next();
                    if (!rs.getBoolean(1)) {
                        // Rolls the whole decision back: the next attempt reads the table's indexes again.
                        throw new SQLException("index " + index + " of " + relation + " changed under the set-aside",
                                "40001");
                    }
                }
            }
        }
        LOG.info(() -> "load " + loadId + ": " + found.size() + " secondary index(es) of " + relation
                + " set aside until its last object is done: " + found);
        return true;
    }

    private static boolean empty(Connection c, String relation) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select not exists (select 1 from " + relation + ")")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    /** Whether the server's role may run the owner's set-aside functions (V22; afterMigrate.sql grants them). */
    private static boolean mayManageIndexes(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                select has_function_privilege('set_aside_secondary_index(text, bigint)', 'execute')
                   and has_function_privilege('build_set_aside_index(text)', 'execute')""")) {
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private static long heapBytes(Connection c, String relation) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select pg_relation_size(?::regclass)")) {
            s.setString(1, relation);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
