package io.hireload.admin.support;

import javafx.beans.property.BooleanProperty;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * Runs blocking work (every server call) away from the UI thread and hands the outcome back on it.
 * View-models depend on this interface rather than on {@code javafx.concurrent.Task} so their logic
 * can be tested in plain JUnit with a direct implementation.
 */
public interface Background {

    <T> void run(Callable<T> work, Consumer<? super T> onSuccess, Consumer<Throwable> onFailure);

    /**
     * Runs the work with {@code busy} set while it is out, so the view disables what would send it
     * again; {@code busy} is clear again before either handler runs, whichever way the call ends.
     */
    default <T> void whileBusy(BooleanProperty busy, Callable<T> work, Consumer<? super T> onSuccess,
                               Consumer<Throwable> onFailure) {
        busy.set(true);
        run(work, value -> {
            busy.set(false);
            onSuccess.accept(value);
        }, problem -> {
            busy.set(false);
            onFailure.accept(problem);
        });
    }

    /** Runs the work where it is called: for tests and tools, never for the UI. */
    static Background direct() {
        return new Background() {
            @Override
            public <T> void run(Callable<T> work, Consumer<? super T> onSuccess, Consumer<Throwable> onFailure) {
                T value;
                try {
                    value = work.call();
                } catch (Exception | Error e) {
                    onFailure.accept(e);
                    return;
                }
                onSuccess.accept(value);
            }
        };
    }
}
