package io.hireload.load.engine;

import jakarta.enterprise.context.Dependent;
import org.eclipse.microprofile.config.inject.ConfigProperties;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Optional;

/**
 * How this instance works the loads' objects: how many at once, how many batches of each side by
 * side, how long a CSV line may be.
 */
@Dependent
@ConfigProperties(prefix = "hireload")
public class LoadSettings {
    /** Objects worked at once (1..16). */
    @ConfigProperty(name = "load.workers", defaultValue = "2")
    private int workers;
    /** Batches of one object written side by side (1..8). */
    @ConfigProperty(name = "load.parallel-batches", defaultValue = "3")
    private int parallelBatches;
    /** How long an idle worker waits before it looks for work without a signal. */
    @ConfigProperty(name = "load.poll-seconds", defaultValue = "30")
    private int pollSeconds;
    /** Checked against its bounds by {@link ItemReading#maxLineBytes()}. */
    @ConfigProperty(name = "max-line-bytes")
    private Optional<String> maxLineBytes;

    int workers() {
        return workers;
    }

    int parallelBatches() {
        return parallelBatches;
    }

    int pollSeconds() {
        return pollSeconds;
    }

    Optional<String> maxLineBytes() {
        return maxLineBytes;
    }
}
