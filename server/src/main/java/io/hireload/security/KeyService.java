package io.hireload.security;

import io.hireload.audit.AuditTrail;
import io.hireload.db.DatabaseFailures;
import io.hireload.failure.Failure;
import io.hireload.model.ApiKey;
import io.hireload.model.AuditEntry;
import io.hireload.model.CreatedKey;
import io.hireload.model.NewKey;
import io.hireload.model.Page;
import io.hireload.model.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import javax.sql.DataSource;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Makes, lists and revokes named keys. A secret is 256 bits from {@link SecureRandom}, answered
 * once and stored only as its SHA-256: with that much randomness no guess or precomputed table
 * reaches it, so a slow, salted password hash would buy nothing but a delay on every request.
 * Each change notifies every instance in its own transaction ({@link NamedKeys}) and writes its
 * audit entry there too.
 */
@ApplicationScoped
public class KeyService {
    /** Secrets start with this, so a leaked one is recognisable (secret scanners, logs). */
    static final String SECRET_PREFIX = "hlk_";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");
    private static final String COLUMNS = "id, name, role, created_at, created_by, expires_at, last_used_at";

    private final DataSource dataSource;
    private final NamedKeys named;
    private final AuditTrail audit;
    private final SecureRandom random = new SecureRandom();

    @Inject
    public KeyService(@Named("hireload") DataSource dataSource, NamedKeys named, AuditTrail audit) {
        this.dataSource = dataSource;
        this.named = named;
        this.audit = audit;
    }

    /** For CDI's proxy only. */
    protected KeyService() {
        this(null, null, null);
    }

    public CreatedKey create(NewKey request, String createdBy) {
        String name = checkedName(request == null ? null : request.name());
        if (request.role() == null) {
            throw new Failure.InvalidInput("role is required: reader, loader or admin");
        }
        if (request.expiresAt() != null && !request.expiresAt().isAfter(Instant.now())) {
            throw new Failure.InvalidInput("expires_at must be in the future, or null for a key that does not expire");
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String secret = SECRET_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        try {
            ApiKey key = change(c -> {
                if (exists(c, name)) {
                    throw new Failure.Conflict("conflict", "a key named " + name + " exists; revoke it first "
                            + "(DELETE /keys/{id}) or choose another name");
                }
                try (PreparedStatement s = c.prepareStatement("insert into api_key (name, role, secret_hash, created_by, "
                        + "expires_at) values (?, ?, ?, ?, ?) returning " + COLUMNS)) {
                    s.setString(1, name);
                    s.setString(2, request.role().wire());
                    s.setBytes(3, Keys.digest(secret));
                    s.setString(4, createdBy);
                    s.setTimestamp(5, request.expiresAt() == null ? null : Timestamp.from(request.expiresAt()));
                    try (ResultSet rs = s.executeQuery()) {
                        rs.next();
                        return key(rs);
                    }
                }
            });
            return new CreatedKey(key, secret);
        } catch (SQLException e) {
            if (DatabaseFailures.classify(e) == DatabaseFailures.Kind.UNIQUE_VIOLATION) {
                throw new Failure.Conflict("conflict", "a key named " + name + " exists; choose another name");
            }
            throw DatabaseFailures.describe("create a key", e);
        }
    }

    /** Newest first; never a secret, nor its hash. */
    public Page<ApiKey> page(int page, int size) {
        try (Connection c = dataSource.getConnection()) {
            long total;
            try (PreparedStatement s = c.prepareStatement("select count(*) from api_key");
                 ResultSet rs = s.executeQuery()) {
                rs.next();
                total = rs.getLong(1);
            }
            List<ApiKey> items = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("select " + COLUMNS + " from api_key order by id desc limit ? offset ?")) {
                s.setInt(1, size);
                s.setLong(2, (long) (page - 1) * size);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        items.add(key(rs));
                    }
                }
            }
            return Page.of(items, page, size, total);
        } catch (SQLException e) {
            throw DatabaseFailures.describe("list keys", e);
        }
    }

    /** Revokes a key: deleted, and every instance told at commit. */
    public void revoke(long id) {
        try {
            change(c -> {
                try (PreparedStatement s = c.prepareStatement("delete from api_key where id = ?")) {
                    s.setLong(1, id);
                    if (s.executeUpdate() == 0) {
                        throw new Failure.NotFound("no key " + id + " (the bootstrap keys env-admin and env-reader-N "
                                + "are retired by removing them from the environment)");
                    }
                    return null;
                }
            });
        } catch (SQLException e) {
            throw DatabaseFailures.describe("revoke a key", e);
        }
    }

    private interface KeyChange<T> {
        T apply(Connection c) throws SQLException;
    }

    /**
     * Every change to the keys goes one way: in one transaction with the notice to every instance
     * and the request's audit entry, and this instance forgets its cached keys once it commits.
     */
    private <T> T change(KeyChange<T> work) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T changed = work.apply(c);
                NamedKeys.changed(c);
                audit.writeIn(c, List.of());
                c.commit();
                named.forget();
                return changed;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    private static boolean exists(Connection c, String name) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select 1 from api_key where lower(name) = lower(?)")) {
            s.setString(1, name);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static String checkedName(String name) {
        if (name == null || name.isBlank()) {
            throw new Failure.InvalidInput("name is required: the person or system the key is for, such as alice");
        }
        String n = name.strip();
        if (!NAME.matcher(n).matches()) {
            throw new Failure.InvalidInput("name must be 1 to 64 letters, digits, '.', '_', '@' or '-', starting "
                    + "with a letter or digit");
        }
        if (n.toLowerCase(java.util.Locale.ROOT).startsWith("env-") || n.equalsIgnoreCase(AuditEntry.UNKNOWN_KEY)) {
            throw new Failure.InvalidInput("names starting with env- belong to the bootstrap keys; choose another");
        }
        return n;
    }

    private static ApiKey key(ResultSet rs) throws SQLException {
        Timestamp expires = rs.getTimestamp("expires_at");
        Timestamp used = rs.getTimestamp("last_used_at");
        return new ApiKey(rs.getLong("id"), rs.getString("name"), Role.fromWire(rs.getString("role")),
                rs.getTimestamp("created_at").toInstant(), rs.getString("created_by"),
                expires == null ? null : expires.toInstant(), used == null ? null : used.toInstant());
    }
}
