package io.hireload.observe;

import io.hireload.background.InStage;
import io.hireload.background.Part;
import io.hireload.background.Stage;
import io.hireload.model.LoadStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

import java.time.Duration;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * The server's own meters, served as Prometheus text at {@code /observe/metrics}: loads by end
 * status, rows by outcome, batch latency and HTTP answers by status (the connection pool's gauges
 * come from Helidon's Hikari integration). Counts are taken after the transaction that recorded
 * them committed, so a rolled-back batch is never counted. A failed load also writes one log line that CloudWatch turns into a metric
 * ({@link LogFormat#EMF}).
 */
@ApplicationScoped
@InStage(Stage.COUNTERS)
public class ServerMetrics implements Part {
    static final String PREFIX = "hireload.";

    private final MetricRegistry registry;

    @Inject
    public ServerMetrics(MetricRegistry registry) {
        this.registry = registry;
    }

    /** For CDI's proxy only. */
    protected ServerMetrics() {
        this.registry = null;
    }

    /**
     * Registers the load counters at start, at zero, so a rate or an alarm over them has a series
     * before the first load. The pool's gauges need nothing here: Helidon's Hikari integration
     * publishes them ({@code hikaricp_connections_*}, vendor scope).
     */
    @Override
    public void start() {
        for (LoadStatus status : LoadStatus.values()) {
            if (status.finished()) {
                registry.counter(PREFIX + "loads", new Tag("status", status.wire()));
            }
        }
    }

    void loadFinished(@Observes(during = TransactionPhase.AFTER_SUCCESS) LoadFinished load) {
        registry.counter(PREFIX + "loads", new Tag("status", load.status().wire())).inc();
        if (load.status() == LoadStatus.FAILED) {
            LogRecord record = new LogRecord(Level.WARNING, "load " + load.loadId() + " of " + load.table()
                    + " failed: " + load.error());
            record.setLoggerName(LoadLog.LOADS.getName());
            record.setParameters(new Object[]{LogFormat.emf("LoadsFailed", Map.of(
                    "load_id", load.loadId(), "table", String.valueOf(load.table())))});
            LoadLog.LOADS.log(record);
        }
    }

    void batchWritten(@Observes(during = TransactionPhase.AFTER_SUCCESS) BatchWritten batch) {
        committed(batch);
    }

    /**
     * A batch its writer committed in plain JDBC (an S3 load's), counted by the writer after the
     * commit: with no JTA transaction, Helidon's transactional observers cannot be notified.
     */
    public void committed(BatchWritten batch) {
        if (batch.dryRun()) {
            return;
        }
        Tag table = new Tag("table", batch.table());
        count("inserted", table, batch.inserted());
        count("updated", table, batch.updated());
        count("unchanged", table, batch.unchanged());
        count("rejected", table, batch.rejected());
        registry.timer(PREFIX + "batch.duration", table)
                .update(Duration.ofNanos(System.nanoTime() - batch.startedNanos()));
    }

    /** One answer of the web server, JAX-RS or not, by its status code. */
    public void answered(int status) {
        registry.counter(PREFIX + "http.requests", new Tag("status", Integer.toString(status))).inc();
    }

    private void count(String outcome, Tag table, long rows) {
        registry.counter(PREFIX + "rows", new Tag("outcome", outcome), table).inc(rows);
    }
}
