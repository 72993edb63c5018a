package io.hireload.config;


import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Turns the operator's names ({@code DATABASE_URL}, {@code SERVER_PORT}) into the properties the
 * frameworks read: the Hikari data source {@code hireload} and Helidon's {@code server.port}.
 * Its ordinal sits below system properties and the environment, so an explicit framework property
 * still wins.
 */
public class DerivedConfigSource extends MapConfigSource {
    public static final String DATA_SOURCE = "hireload";
    private static final String PREFIX = "javax.sql.DataSource." + DATA_SOURCE + ".";

    private final Map<String, String> properties;

    /** Discovered by MicroProfile Config: derives from the environment and system properties. */
    public DerivedConfigSource() {
        super("hireload-derived", 250);
        keepTransactionLogInDataDir();
        checkConnectionsBeforeUse();
        properties = derive(name -> Settings.beforeConfig(name).orElse(null));
    }

    /**
     * The framework properties that follow from the operator's settings, {@code setting} answering
     * a name's value or null. Public for a config source that holds settings of its own (the
     * server's tests give each test class its database that way): a source cannot read the
     * finished Config, so it derives from its own values through this same rule.
     */
    public static Map<String, String> derive(UnaryOperator<String> setting) {
        Map<String, String> map = new HashMap<>();
        present(setting, "SERVER_PORT").ifPresent(port -> map.put("server.port", port));
        map.put(PREFIX + "dataSourceClassName", "org.postgresql.ds.PGSimpleDataSource");
        present(setting, "DATABASE_URL").ifPresent(url -> {
            DatabaseUrl db = DatabaseUrl.parse(url, present(setting, "DATABASE_USER").orElse(null),
                    setting.apply("DATABASE_PASSWORD"));
            map.put(PREFIX + "dataSource.url", db.jdbcUrl());
            if (db.user() != null) {
                map.put(PREFIX + "dataSource.user", db.user());
            }
            if (db.password() != null) {
                map.put(PREFIX + "dataSource.password", db.password());
            }
        });
        // Multi-row INSERTs from JDBC batches: the driver rewrites a batch into one statement.
        map.put(PREFIX + "dataSource.reWriteBatchedInserts", "true");
        // Named by instance, so an instance taking over a frozen one's objects can end its sessions.
        map.put(PREFIX + "dataSource.ApplicationName", InstanceId.sessionName(InstanceId.of(setting.apply(InstanceId.SETTING))));
        map.put(PREFIX + "dataSource.options", sessionOptions(setting));
        return map;
    }

    /** Seconds a statement waits for a lock before it fails and is retried (0: no limit). */
    public static final String LOCK_TIMEOUT = "HIRELOAD_DB_LOCK_TIMEOUT_SECONDS";
    /** Seconds a session may sit idle inside a transaction before PostgreSQL ends it (0: no limit). */
    public static final String IDLE_IN_TRANSACTION = "HIRELOAD_DB_IDLE_TRANSACTION_SECONDS";

    /**
     * Every pooled session starts with bounds on waiting: a process frozen with a transaction open
     * (a long GC pause, SIGSTOP, a partition) has its session ended after
     * {@link #IDLE_IN_TRANSACTION} and its row locks freed, so another instance can take its work
     * over; and no statement waits behind another's locks longer than {@link #LOCK_TIMEOUT}; it
     * fails and is written again. A COPY that is streaming is not idle. Given as the connection's
     * startup options: no round trip, and a session can never be handed out without them.
     */
    static String sessionOptions(UnaryOperator<String> setting) {
        int lock = seconds(setting, LOCK_TIMEOUT, 10);
        int idle = seconds(setting, IDLE_IN_TRANSACTION, 30);
        return "-c lock_timeout=" + lock * 1000 + " -c idle_in_transaction_session_timeout=" + idle * 1000;
    }

    private static int seconds(UnaryOperator<String> setting, String name, int otherwise) {
        String value = present(setting, name).orElse(null);
        if (value == null) {
            return otherwise;
        }
        try {
            return Math.max(0, Integer.parseInt(value.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number of seconds, not '" + value + "'", e);
        }
    }

    private static Optional<String> present(UnaryOperator<String> setting, String name) {
        return Optional.ofNullable(setting.apply(name)).filter(v -> !v.isBlank());
    }

    /**
     * The transaction manager keeps a small log in its working directory by default; in the
     * container that directory is read-only, and locally it would litter the checkout. It goes
     * under HIRELOAD_DATA_DIR instead. Set here because configuration is read before the
     * transaction manager starts.
     */
    /**
     * The pool checks a connection before handing it out only when it sat idle for half a second;
     * after a database restart or failover, connections used just before it are dead, and the
     * first requests after the database came back failed on them. Checking every time costs one
     * round trip per transaction, far less than a batch. Read by the pool when it is created.
     */
    private static void checkConnectionsBeforeUse() {
        String name = "com.zaxxer.hikari.aliveBypassWindowMs";
        if (System.getProperty(name) == null) {
            System.setProperty(name, "0");
        }
    }

    private static void keepTransactionLogInDataDir() {
        String dir = java.nio.file.Path.of(Settings.beforeConfig("HIRELOAD_DATA_DIR").orElse(".hireload"), "tx")
                .toAbsolutePath().toString();
        for (String name : new String[]{"com.arjuna.ats.arjuna.objectstore.objectStoreDir",
                "ObjectStoreEnvironmentBean.objectStoreDir"}) {
            if (System.getProperty(name) == null) {
                System.setProperty(name, dir);
            }
        }
    }

    @Override
    protected Map<String, String> values() {
        return properties;
    }
}
