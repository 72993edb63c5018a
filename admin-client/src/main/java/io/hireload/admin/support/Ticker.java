package io.hireload.admin.support;

import java.time.Duration;

/** Repeats an action on the UI thread, for polling running loads; tests tick by hand. */
public interface Ticker {

    /** Starts repeating {@code action}; running the answer stops it. */
    Runnable every(Duration period, Runnable action);
}
