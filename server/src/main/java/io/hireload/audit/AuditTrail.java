package io.hireload.audit;

import io.hireload.background.Background;
import io.hireload.background.Stage;
import io.hireload.db.DatabaseFailures;
import io.hireload.model.AuditEntry;
import io.hireload.model.Caller;
import io.hireload.model.Page;
import io.hireload.model.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import javax.sql.DataSource;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The audit trail: one row per request that changes something and per refused request. A service
 * that commits the request's work calls {@link #writeIn} inside its transaction, so the work and
 * its entry commit together or not at all; every other entry is written when the answer is known
 * ({@link #answered}): in the request's thread for a request that changes something (a write path),
 * and by a background writer for a refused read, so that no read waits for the audit trail, and
 * for a 5xx answer, which is often the database being away. The
 * writer's queue is bounded: when full, the request's thread writes its own entry.
 */
@ApplicationScoped
public class AuditTrail {
    private static final Logger LOG = Logger.getLogger(AuditTrail.class.getName());
    private static final String INSERT = "insert into audit_entry (actor, role, method, path, status, load_ids, client) "
            + "values (?, ?, ?, ?, ?, ?, ?)";
    private static final String COLUMNS = "id, at, actor, role, method, path, status, load_ids, client";
    private static final int QUEUE = 10_000;

    private final DataSource dataSource;
    private final AuditContext context;
    /** The background writer; what it has queued at the stop is still written, for up to {@link #DRAIN}. */
    private final ExecutorService writer;
    private static final Duration DRAIN = Duration.ofSeconds(5);

    @Inject
    public AuditTrail(@Named("hireload") DataSource dataSource, AuditContext context, Background background) {
        this.dataSource = dataSource;
        this.context = context;
        this.writer = background.queue("hireload-audit-writer", QUEUE, new ThreadPoolExecutor.CallerRunsPolicy(), DRAIN,
                Stage.REQUESTS);
    }

    /** For CDI's proxy only. */
    protected AuditTrail() {
        this.dataSource = null;
        this.context = null;
        this.writer = null;
    }

    /**
     * Writes the current request's entry in the caller's transaction, with the status its resource
     * answers on commit. Outside a request, or when the resource said nothing, it writes nothing.
     */
    public void writeIn(Connection c, List<Long> loadIds) throws SQLException {
        Row row = pending();
        if (row == null || context.statusOnCommit() == null || context.written()) {
            return;
        }
        insert(c, row.withStatus(context.statusOnCommit(), loadIds));
        context.markWritten();
    }

    /**
     * The answer is known: its entry is written now unless the request is a plain successful read
     * or its entry was committed with its work.
     *
     * @param changes whether the request may change something (not a GET or HEAD)
     */
    public void answered(boolean changes, int status, List<Long> loadIds) {
        Row row = pending();
        boolean refused = status == 401 || status == 403;
        if (row == null || context.written() || !(changes || refused)) {
            return;
        }
        context.markWritten();
        Row entry = row.withStatus(status, loadIds);
        if (changes && status < 500) {
            write(entry);
        } else {
            // A refused read must not wait for the trail; nor an answer the server could not give
            // (the database may be away, and a connection would be waited for in vain).
            writer.execute(() -> write(entry));
        }
    }

    /** A refusal outside JAX-RS (the observability routes): written in the background. */
    public void refused(String method, String path, String client, int status) {
        Row entry = new Row(AuditEntry.UNKNOWN_KEY, null, method, path, client, status, List.of());
        writer.execute(() -> write(entry));
    }

    /** Entries newest first; {@code actor} (a key's name, any case) and {@code since} may be null. */
    public Page<AuditEntry> page(String actor, Instant since, int page, int size) {
        List<String> where = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        if (actor != null) {
            where.add("lower(actor) = lower(?)");
            values.add(actor);
        }
        if (since != null) {
            where.add("at >= ?");
            values.add(Timestamp.from(since));
        }
        String filter = where.isEmpty() ? "" : " where " + String.join(" and ", where);
        try (Connection c = dataSource.getConnection()) {
            long total;
            try (PreparedStatement count = c.prepareStatement("select count(*) from audit_entry" + filter)) {
                bind(count, values);
                try (ResultSet rs = count.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            List<AuditEntry> items = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement("select " + COLUMNS + " from audit_entry" + filter
                    + " order by at desc, id desc limit ? offset ?")) {
                bind(select, values);
                select.setInt(values.size() + 1, size);
                select.setLong(values.size() + 2, (long) (page - 1) * size);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        items.add(entry(rs));
                    }
                }
            }
            return Page.of(items, page, size, total);
        } catch (SQLException e) {
            throw DatabaseFailures.describe("read the audit trail", e);
        }
    }

    /** Deletes the entries older than {@code cutoff}; answers how many. */
    public long deleteBefore(Instant cutoff) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("delete from audit_entry where at < ?")) {
            s.setTimestamp(1, Timestamp.from(cutoff));
            return s.executeUpdate();
        } catch (SQLException e) {
            throw DatabaseFailures.describe("trim the audit trail", e);
        }
    }

    /** The current request's facts, or null outside a request (a worker, a start-up task). */
    private Row pending() {
        try {
            if (!context.described()) {
                return null;
            }
            Caller caller = context.caller();
            return new Row(caller == null ? AuditEntry.UNKNOWN_KEY : caller.name(), caller == null ? null : caller.role(),
                    context.method(), context.path(), context.client(), 0, List.of());
        } catch (ContextNotActiveException e) {
            return null;
        }
    }

    private void write(Row row) {
        try (Connection c = dataSource.getConnection()) {
            insert(c, row);
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.WARNING, "could not write the audit entry of " + row.method + " " + row.path + " by "
                    + row.actor + " (" + row.status + "): " + e.getMessage());
        }
    }

    private static void insert(Connection c, Row row) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(INSERT)) {
            s.setString(1, row.actor);
            s.setString(2, row.role == null ? null : row.role.wire());
            s.setString(3, row.method);
            s.setString(4, row.path);
            s.setInt(5, row.status);
            s.setArray(6, c.createArrayOf("bigint", row.loadIds.toArray()));
            s.setString(7, row.client);
            s.executeUpdate();
        }
    }

    private static void bind(PreparedStatement s, List<Object> values) throws SQLException {
        for (int i = 0; i < values.size(); i++) {
            s.setObject(i + 1, values.get(i));
        }
    }

    private static AuditEntry entry(ResultSet rs) throws SQLException {
        Array ids = rs.getArray("load_ids");
        List<Long> loadIds = ids == null ? List.of() : Arrays.stream((Long[]) ids.getArray()).toList();
        String role = rs.getString("role");
        return new AuditEntry(rs.getLong("id"), rs.getTimestamp("at").toInstant(), rs.getString("actor"),
                role == null ? null : Role.fromWire(role), rs.getString("method"), rs.getString("path"),
                rs.getInt("status"), loadIds, rs.getString("client"));
    }

    private record Row(String actor, Role role, String method, String path, String client, int status,
                       List<Long> loadIds) {
        Row withStatus(int status, List<Long> loadIds) {
            return new Row(actor, role, method, path, client, status, loadIds);
        }
    }
}
