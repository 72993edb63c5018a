package io.hireload.metrics;

import jakarta.enterprise.context.Dependent;
import org.eclipse.microprofile.config.inject.ConfigProperties;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** How often the metrics' pending deltas are folded into their summary ({@link MetricsCompactor}). */
@Dependent
@ConfigProperties(prefix = "hireload.metrics")
public class MetricsSettings {
    /** Seconds between folds. */
    @ConfigProperty(name = "compact-seconds", defaultValue = "5")
    private int compactSeconds;
    /** While batches keep writing, at most this often. */
    @ConfigProperty(name = "busy-compact-seconds", defaultValue = "20")
    private int busyCompactSeconds;

    int compactSeconds() {
        return compactSeconds;
    }

    int busyCompactSeconds() {
        return busyCompactSeconds;
    }
}
