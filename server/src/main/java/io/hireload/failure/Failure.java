package io.hireload.failure;

/**
 * What went wrong, in the domain's words: services throw these and never speak HTTP; the web
 * edge ({@code io.hireload.web.ErrorMappers}) alone decides which status each kind answers.
 * The message is the detail a person reads (it names the API's fields and values, never Java
 * types or SQL text); the cause, when there is one, is for the log.
 */
public abstract sealed class Failure extends RuntimeException {
    private final String title;

    private Failure(String title, String detail, Throwable cause) {
        super(detail, cause);
        this.title = title;
    }

    /** A short name of what went wrong, such as {@code "conflict"} or {@code "database unavailable"}. */
    public String title() {
        return title;
    }

    /** The request itself is wrong: a value, a body, a parameter. */
    public static final class InvalidInput extends Failure {
        public InvalidInput(String detail) {
            super("bad request", detail, null);
        }
    }

    /** More rows or bytes than one request may carry. */
    public static final class TooLarge extends Failure {
        public TooLarge(String title, String detail) {
            super(title, detail, null);
        }
    }

    /** The client stopped sending what it announced (a body that stops arriving). */
    public static final class TimedOut extends Failure {
        public TimedOut(String detail) {
            super("request timeout", detail, null);
        }
    }

    public static final class NotFound extends Failure {
        public NotFound(String detail) {
            super("not found", detail, null);
        }
    }

    /** It existed, and its data is gone (a backup's file deleted behind the server's back). */
    public static final class Gone extends Failure {
        public Gone(String detail) {
            super("gone", detail, null);
        }
    }

    /** The request contradicts the state it meets: a load already running, a restore that would orphan rows. */
    public static final class Conflict extends Failure {
        public Conflict(String title, String detail) {
            super(title, detail, null);
        }
    }

    /** A backup that cannot be restored as it is: damaged, truncated, of another table, against the rules. */
    public static final class DamagedBackup extends Failure {
        public DamagedBackup(String detail) {
            super("unprocessable backup", detail, null);
        }
    }

    /** The right thing to do is to try again shortly: a table locked by other work, the server stopping. */
    public static final class Busy extends Failure {
        public Busy(String title, String detail, Throwable cause) {
            super(title, detail, cause);
        }
    }

    /** A dependency (the database, S3) cannot be reached or does not hold what it must. */
    public static final class Unavailable extends Failure {
        public Unavailable(String title, String detail, Throwable cause) {
            super(title, detail, cause);
        }
    }

    /** A dependency answered, with an error of its own (S3 refusing a read, an object vanishing). */
    public static final class DependencyFailed extends Failure {
        public DependencyFailed(String title, String detail, Throwable cause) {
            super(title, detail, cause);
        }
    }

    /** The server's own settings are wrong; an operator must fix them. */
    public static final class Misconfigured extends Failure {
        public Misconfigured(String detail) {
            super("misconfigured", detail, null);
        }
    }

    /** Our own fault: the detail says what could not be done, the cause is logged. */
    public static final class Internal extends Failure {
        public Internal(String title, String detail, Throwable cause) {
            super(title, detail, cause);
        }
    }
}
