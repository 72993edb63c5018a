package io.hireload.support;

import io.hireload.client.HireloadClient;
import io.hireload.model.ItemStatus;
import io.hireload.model.LoadReport;
import io.hireload.model.LoadStatus;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The loads of one S3 object as {@code GET /loads} reports them, for tests of loads that start by
 * themselves (S3 events, the bucket watch) on server JVMs: nothing tells the test when such a load
 * begins, so it waits for the history to show it, and a wait in vain shows the servers' logs.
 */
public final class ObjectLoads {
    private final Duration limit;
    private final ServerProcess[] servers;
    private final HireloadClient client;

    /** Asks the first of {@code servers}; waits at most {@code limit} for each thing. */
    public ObjectLoads(Duration limit, ServerProcess... servers) {
        this.limit = limit;
        this.servers = servers.clone();
        this.client = servers[0].api().client();
    }

    /** The loads, newest first, whose objects include {@code key} and that did not skip it. */
    public List<LoadReport> of(String key) {
        return client.loads(1, 1000).items().stream()
                .filter(l -> l.fileReports() != null && l.fileReports().stream()
                        .anyMatch(f -> f.file().equals(key) && !f.status().equals(ItemStatus.SKIPPED.wire())))
                .toList();
    }

    /** Waits for a finished load of {@code key}; it must have succeeded. */
    public LoadReport awaitSucceeded(String key) {
        await("a finished load of " + key, () -> of(key).stream().anyMatch(l -> l.status().finished()));
        LoadReport load = of(key).get(0);
        assertThat(load.status()).as(load.error()).isEqualTo(LoadStatus.SUCCEEDED);
        return load;
    }

    /**
     * Waits until {@code condition} holds, or fails with what never happened and the servers' logs.
     * Looks every 200 ms, as these tests always have: looking every 50 ms ({@link Await}'s pace),
     * ElasticMQ's counts of {@code EventLoadsTest}'s queue never came down to zero, although the
     * servers had handled and deleted every message (seen here, not understood).
     */
    public void await(String what, BooleanSupplier condition) {
        try {
            Await.value(what, limit, Duration.ofMillis(200),
                    () -> condition.getAsBoolean() ? Optional.of(true) : Optional.empty());
        } catch (AssertionError e) {
            StringBuilder logs = new StringBuilder(e.getMessage());
            for (int i = 0; i < servers.length; i++) {
                logs.append("\nserver ").append(i + 1).append(":\n").append(servers[i].logText());
            }
            throw new AssertionError(logs.toString(), e.getCause());
        }
    }
}
