package io.hireload.support;

import io.hireload.client.HireloadClient;
import io.hireload.model.LoadReport;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * Waiting on observable state (a row, a lock, an answer) instead of sleeping and hoping: looks
 * again every 50 ms until the state is there, or fails saying what never happened. The limit is
 * a ceiling for a stuck run, never a measurement.
 */
public final class Await {
    private static final Duration BETWEEN_LOOKS = Duration.ofMillis(50);

    private Await() {
    }

    /** Waits until {@code condition} holds. */
    public static void until(String what, Duration limit, Callable<Boolean> condition) {
        value(what, limit, () -> Boolean.TRUE.equals(condition.call()) ? Optional.of(true) : Optional.empty());
    }

    /** Waits until {@code probe} finds something, and answers it. */
    public static <T> T value(String what, Duration limit, Callable<Optional<T>> probe) {
        return value(what, limit, BETWEEN_LOOKS, probe);
    }

    /**
     * The same, looking every {@code between}. A probe that knows the wait is lost (the process it
     * waits on has exited) throws {@link GiveUp}: the wait ends at once with it.
     */
    public static <T> T value(String what, Duration limit, Duration between, Callable<Optional<T>> probe) {
        long end = System.nanoTime() + limit.toNanos();
        Exception last = null;
        do {
            try {
                Optional<T> found = probe.call();
                if (found.isPresent()) {
                    return found.get();
                }
            } catch (GiveUp e) {
                throw e;
            } catch (Exception e) {
                last = e;
            }
            Api.pause(between);
        } while (System.nanoTime() < end);
        throw new AssertionError("waited " + limit + " for " + what + " in vain"
                + (last == null ? "" : "; last look failed: " + last), last);
    }

    /** What a probe throws when what it waits for can no longer happen. */
    public static final class GiveUp extends RuntimeException {
        public GiveUp(String why) {
            super(why);
        }

        public GiveUp(String why, Throwable cause) {
            super(why, cause);
        }
    }

    /** Waits until load {@code loadId} has finished, whatever its end, and answers its report. */
    public static LoadReport loadFinished(HireloadClient client, long loadId, Duration limit) {
        return value("load " + loadId + " to finish", limit, () -> {
            LoadReport report = client.loadById(loadId);
            return report.status().finished() ? Optional.of(report) : Optional.empty();
        });
    }
}
