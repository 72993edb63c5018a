package io.hireload.admin.support;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * Runs blocking work (every server call) away from the UI thread and hands the outcome back on it.
 * View-models depend on this interface rather than on {@code javafx.concurrent.Task} so their logic
 * can be tested in plain JUnit with a direct implementation.
 */
public interface Background {

    <T> void run(Callable<T> work, Consumer<? super T> onSuccess, Consumer<Throwable> onFailure);

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
