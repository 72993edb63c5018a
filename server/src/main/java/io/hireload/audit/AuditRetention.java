package io.hireload.audit;

import io.hireload.background.Background;
import io.hireload.background.Daemon;
import io.hireload.background.InStage;
import io.hireload.background.Part;
import io.hireload.background.Stage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperties;

import java.time.Duration;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps the audit trail to {@code HIRELOAD_AUDIT_RETENTION_DAYS} (default 365): every instance
 * deletes older entries at start and then hourly; the deletes are idempotent, so instances need
 * no coordination. 0 keeps every entry.
 */
@ApplicationScoped
@InStage(Stage.HOUSEKEEPING)
public class AuditRetention implements Part {
    private static final Logger LOG = Logger.getLogger(AuditRetention.class.getName());
    private static final long EVERY_MILLIS = Duration.ofHours(1).toMillis();

    private final AuditTrail trail;
    private final int days;
    private final Daemon daemon;

    @Inject
    public AuditRetention(AuditTrail trail, Background background,
                          @ConfigProperties AuditSettings settings) {
        int days = settings.retentionDays();
        if (days < 0) {
            throw new IllegalArgumentException("HIRELOAD_AUDIT_RETENTION_DAYS must be 0 (keep all) or more, not " + days);
        }
        this.trail = trail;
        this.days = days;
        this.daemon = background.loop("hireload-audit-retention", Stage.HOUSEKEEPING);
    }

    /** For CDI's proxy only. */
    protected AuditRetention() {
        this.trail = null;
        this.days = 0;
        this.daemon = null;
    }

    @Override
    public void start() {
        if (days > 0) {
            daemon.start(this::trim);
        }
    }

    private void trim() {
        while (!daemon.stopped()) {
            try {
                long deleted = trail.deleteBefore(Instant.now().minus(Duration.ofDays(days)));
                if (deleted > 0) {
                    LOG.info(() -> "audit trail: deleted " + deleted + " entries older than " + days + " days");
                }
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "audit trail: trimming again later: " + e.getMessage());
            }
            daemon.pause(EVERY_MILLIS);
        }
    }
}
