package io.hireload.load.engine;

import io.hireload.failure.Failure;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a synchronous caller on this instance hears of its loads' work here: why a load failed or
 * stopped for a passing reason, and a signal each time an item here ended.
 */
@ApplicationScoped
public class LoadOutcomes {
    /** Why loads failed here (an asynchronous load's entry stays until the server stops: one small entry each). */
    private final Map<Long, Failure> failures = new ConcurrentHashMap<>();
    /** Loads whose object stopped here for a passing reason and went back to the queue. */
    private final Map<Long, Failure> interruptions = new ConcurrentHashMap<>();
    private final Object changed = new Object();

    void failed(long loadId, Failure why) {
        failures.put(loadId, why);
    }

    void interrupted(long loadId, Failure why) {
        interruptions.put(loadId, why);
    }

    /** The failure a load met on this instance, if it met one here; answered once. */
    public Optional<Failure> failure(long loadId) {
        return Optional.ofNullable(failures.remove(loadId));
    }

    /** Why a load's object stopped here and went back to the queue, if it did; answered once. */
    public Optional<Failure> interruption(long loadId) {
        return Optional.ofNullable(interruptions.remove(loadId));
    }

    /** Waits until an item here ended or {@code millis} passed, whichever is first. */
    public void awaitChange(long millis) throws InterruptedException {
        synchronized (changed) {
            changed.wait(millis);
        }
    }

    void changed() {
        synchronized (changed) {
            changed.notifyAll();
        }
    }
}
