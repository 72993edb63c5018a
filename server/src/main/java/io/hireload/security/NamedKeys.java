package io.hireload.security;

import io.hireload.background.Background;
import io.hireload.background.InStage;
import io.hireload.background.Part;
import io.hireload.background.Stage;
import io.hireload.db.DatabaseFailures;
import io.hireload.db.PgListener;
import io.hireload.model.Caller;
import io.hireload.model.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.eclipse.microprofile.config.Config;

import javax.sql.DataSource;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The named keys in the database, found by the SHA-256 of the presented secret (an index lookup:
 * the hash, not the secret, is what is compared, so how long it takes says nothing of the secret).
 * <p>
 * A found key is remembered for at most {@value #CACHE_SECONDS} s, and only while this instance
 * listens on {@value #CHANNEL}: every change of a key (creation, revocation) notifies that channel
 * in its own transaction, and each notification, each loss of the listening connection and each
 * new one forget everything remembered. A lookup that started before a notification is not
 * remembered (the generation counter), so no instance honours a revoked key after the revoking
 * commit has reached it; while the listener is away every request asks the database. The listener
 * checks its connection every {@value #WAIT_MILLIS} ms, so a connection lost without a word stops
 * the remembering within about that long. Memory stays bounded: at most {@value #MAX_CACHED}
 * keys are remembered, and last use is written in the background, at most once a minute per key,
 * dropped when the writer is behind.
 */
@ApplicationScoped
@InStage(Stage.KEYS)
public class NamedKeys implements Part {
    private static final Logger LOG = Logger.getLogger(NamedKeys.class.getName());
    static final String CHANNEL = "hireload_keys";
    private static final int WAIT_MILLIS = 1_000;
    private static final long CACHE_SECONDS = 30;
    private static final int MAX_CACHED = 10_000;
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

    private final DataSource dataSource;
    private final PgListener listener;
    private final Map<ByteBuffer, Remembered> cache = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();
    private volatile boolean listening;
    private final ExecutorService toucher;

    @Inject
    public NamedKeys(@Named("hireload") DataSource dataSource, Config config, Background background) {
        this.dataSource = dataSource;
        this.toucher = background.queue("hireload-key-last-used", 256, new ThreadPoolExecutor.DiscardPolicy(),
                Duration.ZERO, Stage.REQUESTS);
        this.listener = new PgListener(List.of(CHANNEL), WAIT_MILLIS, config, background.loop("hireload-listen-" + CHANNEL,
                Stage.KEYS), new PgListener.Handler() {
            @Override
            public void listening() {
                forget();
                listening = true;
            }

            @Override
            public void notified(String channel, String payload) {
                forget();
            }

            @Override
            public void lost() {
                listening = false;
                forget();
            }
        });
    }

    /** For CDI's proxy only. */
    protected NamedKeys() {
        this.dataSource = null;
        this.listener = null;
        this.toucher = null;
    }

    @Override
    public void start() {
        listener.start();
    }

    /** Closes the LISTEN session too (Background ends its thread); the toucher stops with the request pools. */
    @Override
    public void stop() {
        listener.stop();
    }

    /** The key whose secret has this SHA-256, when it exists and has not expired. */
    Optional<Caller> find(byte[] digest) {
        ByteBuffer key = ByteBuffer.wrap(digest);
        Instant now = Instant.now();
        Remembered known = cache.get(key);
        if (known == null || known.until.isBefore(now)) {
            long before = generation.get();
            known = load(digest, now);
            if (known == null) {
                return Optional.empty();
            }
            remember(key, known, before);
        }
        if (known.expiresAt != null && !known.expiresAt.isAfter(now)) {
            return Optional.empty();
        }
        touch(known, now);
        return Optional.of(known.caller);
    }

    private Remembered load(byte[] digest, Instant now) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("select id, name, role, expires_at from api_key where secret_hash = ?")) {
            s.setBytes(1, digest);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                Timestamp expires = rs.getTimestamp("expires_at");
                return new Remembered(new Caller(rs.getLong("id"), rs.getString("name"), Role.fromWire(rs.getString("role"))),
                        expires == null ? null : expires.toInstant(), now.plusSeconds(CACHE_SECONDS),
                        new AtomicLong(Long.MIN_VALUE));
            }
        } catch (SQLException e) {
            throw DatabaseFailures.describe("check a named key", e);
        }
    }

    /** Records last use in the background, at most once a minute per key and instance. */
    private void touch(Remembered known, Instant now) {
        long last = known.touched.get();
        long nowMillis = now.toEpochMilli();
        if (last != Long.MIN_VALUE && nowMillis - last < TOUCH_EVERY.toMillis()) {
            return;
        }
        if (!known.touched.compareAndSet(last, nowMillis)) {
            return;
        }
        long id = known.caller.id();
        toucher.execute(() -> {
            try (Connection c = dataSource.getConnection();
                 PreparedStatement s = c.prepareStatement("update api_key set last_used_at = now() where id = ? "
                         + "and (last_used_at is null or last_used_at < now() - interval '1 minute')")) {
                s.setLong(1, id);
                s.executeUpdate();
            } catch (SQLException | RuntimeException e) {
                LOG.log(Level.FINE, "could not record a key's last use: " + e.getMessage());
            }
        });
    }

    /** Remembers a lookup unless a change was heard since it began (both under one lock with {@link #forget}). */
    private synchronized void remember(ByteBuffer key, Remembered known, long before) {
        if (listening && generation.get() == before && cache.size() < MAX_CACHED) {
            cache.put(key, known);
        }
    }

    /** Forgets every remembered key: a key changed, here or on another instance. */
    synchronized void forget() {
        generation.incrementAndGet();
        cache.clear();
    }

    /** Tells every instance, at the caller's commit, that a key changed. */
    static void changed(Connection c) throws SQLException {
        PgListener.notify(c, CHANNEL);
    }

    private record Remembered(Caller caller, Instant expiresAt, Instant until, AtomicLong touched) {
    }
}
