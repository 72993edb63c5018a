package io.hireload.admin.support;

import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.concurrent.Task;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Runs each piece of work as a {@link Task} on a small pool of daemon threads; the callbacks run on
 * the FX thread, where the view-models may touch their properties. Daemon threads so a call stuck
 * on a dead server never keeps the JVM alive after the window closes.
 */
public final class FxBackground implements Background, AutoCloseable {
    private final ExecutorService workers;
    private final ReadOnlyIntegerWrapper running = new ReadOnlyIntegerWrapper(this, "running", 0);

    public FxBackground() {
        AtomicInteger count = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(4, work -> {
            Thread thread = new Thread(work, "hireload-worker-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public <T> void run(Callable<T> work, Consumer<? super T> onSuccess, Consumer<Throwable> onFailure) {
        if (workers.isShutdown()) {
            return; // the window is closing: a timer's last tick has nobody to answer to
        }
        Task<T> task = new Task<>() {
            @Override
            protected T call() throws Exception {
                return work.call();
            }
        };
        task.setOnSucceeded(event -> {
            running.set(running.get() - 1);
            onSuccess.accept(task.getValue());
        });
        task.setOnFailed(event -> {
            running.set(running.get() - 1);
            onFailure.accept(task.getException());
        });
        running.set(running.get() + 1);
        workers.execute(task);
    }

    /** How many server calls are under way; the status bar shows a spinner while it is above 0. */
    public ReadOnlyIntegerProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }
}
