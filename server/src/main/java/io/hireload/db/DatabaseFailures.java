package io.hireload.db;

import io.hireload.failure.Failure;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one classifier of database failures: what a failed statement means for the caller (retry
 * it, report the database away, treat an id as taken, fall back to a slower path), by SQLState.
 * The driver's text stays in the log; what a person reads is said in the API's words.
 */
public final class DatabaseFailures {
    private static final Logger LOG = Logger.getLogger(DatabaseFailures.class.getName());

    /** What a failure means, most telling first. */
    public enum Kind {
        /** Connection failures (class 08), an administrator's shutdown (57P), no connection from the pool in time. */
        UNREACHABLE,
        /** Deadlock (40P01), serialization failure (40001), a statement cancelled (57014): the transaction again. */
        RETRY,
        /** A lock not granted within {@code lock_timeout} (55P03): other work holds the table. */
        LOCKED,
        /** Unique violation (23505): an id is already there. */
        UNIQUE_VIOLATION,
        /** Insufficient privilege (42501): the role may not do this. */
        NOT_PERMITTED,
        /** Insufficient resources (class 53): disk full, out of memory, too many connections. */
        OUT_OF_RESOURCES,
        OTHER
    }

    private DatabaseFailures() {
    }

    /**
     * The first meaningful failure along {@code e}'s causes, a batch's next exceptions and the
     * suppressed ones (a commit cut short hangs the driver's exception there, under the
     * transaction manager's own); a connection failure anywhere wins.
     */
    public static Kind classify(Throwable e) {
        return classify(e, Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    private static Kind classify(Throwable e, Set<Throwable> seen) {
        Kind found = Kind.OTHER;
        for (Throwable t = e; t != null && seen.add(t); t = t.getCause()) {
            List<Kind> kinds = new ArrayList<>();
            kinds.add(kindOf(t));
            if (t instanceof BatchUpdateException batch && batch.getNextException() != null) {
                kinds.add(classify(batch.getNextException(), seen));
            }
            for (Throwable suppressed : t.getSuppressed()) {
                kinds.add(classify(suppressed, seen));
            }
            for (Kind kind : kinds) {
                if (kind == Kind.UNREACHABLE) {
                    return kind;
                }
                if (found == Kind.OTHER) {
                    found = kind;
                }
            }
        }
        return found;
    }

    public static boolean unreachable(Throwable e) {
        return classify(e) == Kind.UNREACHABLE;
    }

    /**
     * Writers meeting each other on the same ids or locks: a deadlock, a serialization failure, a
     * unique violation by a row committed since the writer looked, a lock not granted in time.
     * Written again a moment later, the same work succeeds.
     */
    public static boolean contention(Throwable e) {
        Kind kind = classify(e);
        return kind == Kind.RETRY || kind == Kind.UNIQUE_VIOLATION || kind == Kind.LOCKED;
    }

    /**
     * A write that met {@link #contention} on every one of its {@code attempts}: busy, in the words
     * of the rows, never the driver's (its text goes to the log here).
     */
    public static Failure contended(int attempts, Throwable e) {
        LOG.log(Level.WARNING, "a write still met other writers after " + attempts + " attempts", e);
        return new Failure.Busy("busy", "a concurrent write to the same ids kept failing; retried " + attempts
                + " times; nothing of it was kept; try again shortly", e);
    }

    /** An unavailable database as the caller should hear it, or null when the database is not the cause. */
    public static Failure describe(Throwable e) {
        Kind kind = classify(e);
        if (kind == Kind.OUT_OF_RESOURCES) {
            return new Failure.Unavailable("database out of resources", "the database " + shortOf(e)
                    + "; nothing half-written was kept; an operator must make room, then run it again", e);
        }
        if (kind == Kind.UNREACHABLE) {
            return new Failure.Unavailable("database unavailable", "the database cannot be reached; nothing "
                    + "half-written was kept; try again when /health/ready answers 200", e);
        }
        if (!SchemaMigrator.migrated()) {
            return new Failure.Unavailable("database unavailable",
                    "the database is not ready yet (its schema is being prepared); try again shortly", e);
        }
        return null;
    }

    /**
     * Any database failure while trying to {@code what}: unavailable, busy (retry shortly), or our
     * own fault, logged with the driver's text and said without it.
     */
    public static Failure describe(String what, Throwable e) {
        Failure away = describe(e);
        if (away != null) {
            return away;
        }
        return switch (classify(e)) {
            case LOCKED, RETRY -> new Failure.Busy("busy", "cannot " + what + " now: other work holds the table; "
                    + "try again shortly", e);
            default -> {
                LOG.log(Level.WARNING, "cannot " + what, e);
                yield new Failure.Internal("internal error", "cannot " + what + "; the server's log has details", e);
            }
        };
    }

    /** What ran out, in words, from the SQLState (never the driver's text). */
    private static String shortOf(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                switch (sql.getSQLState()) {
                    case "53100":
                        return "is out of disk space";
                    case "53200":
                        return "is out of memory";
                    case "53300":
                        return "has no connection left for this server";
                    default:
                        break;
                }
            }
        }
        return "is out of resources";
    }

    private static Kind kindOf(Throwable t) {
        if (t instanceof SQLTransientConnectionException
                || t.getClass().getName().equals("org.hibernate.exception.JDBCConnectionException")
                || t.getClass().getSimpleName().contains("UnableToConnect")) {
            return Kind.UNREACHABLE;
        }
        if (!(t instanceof SQLException sql) || sql.getSQLState() == null) {
            return Kind.OTHER;
        }
        String state = sql.getSQLState();
        // 25P03: the session was ended for sitting idle in its transaction (a frozen or paused
        // process); like a cut connection, its work is gone and may be done again.
        if (state.startsWith("08") || state.startsWith("57P") || state.equals("25P03")) {
            return Kind.UNREACHABLE;
        }
        if (state.startsWith("53")) {
            return Kind.OUT_OF_RESOURCES;
        }
        return switch (state) {
            // 57014: a statement cancelled, by statement_timeout as a rule.
            case "40P01", "40001", "57014" -> Kind.RETRY;
            case "55P03" -> Kind.LOCKED;
            case "23505" -> Kind.UNIQUE_VIOLATION;
            case "42501" -> Kind.NOT_PERMITTED;
            default -> Kind.OTHER;
        };
    }
}
