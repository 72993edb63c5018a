package io.hireload.load.queue.lease;

import jakarta.enterprise.context.Dependent;
import org.eclipse.microprofile.config.inject.ConfigProperties;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * How often an instance renews its objects' leases, and how long an object whose instance stopped
 * renewing waits before another takes it over.
 */
@Dependent
@ConfigProperties(prefix = "hireload.lease")
public class LeaseSettings {
    @ConfigProperty(name = "beat-seconds", defaultValue = "" + LoadLeases.BEAT_SECONDS)
    private int beatSeconds;
    /** At least three beats ({@link LoadLeases#expiry}). */
    @ConfigProperty(name = "expiry-seconds", defaultValue = "" + LoadLeases.EXPIRY_SECONDS)
    private int expirySeconds;

    public int beatSeconds() {
        return beatSeconds;
    }

    public int expirySeconds() {
        return expirySeconds;
    }
}
