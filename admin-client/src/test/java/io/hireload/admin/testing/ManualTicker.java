package io.hireload.admin.testing;

import io.hireload.admin.support.Ticker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A {@link Ticker} the test advances by hand, so polling is deterministic and instant. */
public final class ManualTicker implements Ticker {
    private final List<Runnable> actions = new ArrayList<>();

    @Override
    public Runnable every(Duration period, Runnable action) {
        actions.add(action);
        return () -> actions.remove(action);
    }

    public void tick() {
        List.copyOf(actions).forEach(Runnable::run);
    }

    public int active() {
        return actions.size();
    }
}
