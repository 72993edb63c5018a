package io.hireload.background;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionHandler;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one maker of the server's threads (ArchitectureTest holds it): pools, timers and loops, each
 * a daemon (it never holds the JVM up) named after its work, so a thread dump says whose it is,
 * and each registered with the {@link Stage} whose stop ends it ({@link Lifecycle} stops the
 * stages in {@link Stage#STOP_ORDER}; what is left stops when CDI destroys this bean, after the
 * web server).
 */
@ApplicationScoped
public class Background {
    private static final Logger LOG = Logger.getLogger(Background.class.getName());

    private record Made(String name, Runnable stop) {
    }

    private final Map<Stage, List<Made>> made = new EnumMap<>(Stage.class);

    /** One thread that runs scheduled tasks, stopped at once with {@code stage}. */
    public ScheduledExecutorService timer(String name, Stage stage) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(threads(name));
        register(stage, name, timer::shutdownNow);
        return timer;
    }

    /** {@code threads} threads for tasks handed to them, stopped at once (interrupted) with {@code stage}. */
    public ExecutorService pool(String name, int threads, Stage stage) {
        ExecutorService pool = Executors.newFixedThreadPool(threads, threads(name));
        register(stage, name, pool::shutdownNow);
        return pool;
    }

    /**
     * One thread working a queue of at most {@code capacity} tasks ({@code whenFull} says what a
     * task finds when it is full); at the stop of {@code stage} what is queued still runs, for at
     * most {@code drain}.
     */
    public ExecutorService queue(String name, int capacity, RejectedExecutionHandler whenFull, Duration drain,
                                 Stage stage) {
        ThreadPoolExecutor queue = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(capacity),
                threads(name), whenFull);
        register(stage, name, () -> drain(queue, drain));
        return queue;
    }

    /** A loop on a thread of its own, for the application's life; stopped (interrupted) with {@code stage}. */
    public Daemon loop(String name, Stage stage) {
        Daemon daemon = new Daemon(name);
        register(stage, name, daemon::stop);
        return daemon;
    }

    /** Stops what was made for {@code stage}, in the order it was made. */
    void stop(Stage stage) {
        List<Made> stopping;
        synchronized (made) {
            stopping = made.remove(stage);
        }
        for (Made m : stopping == null ? List.<Made>of() : stopping) {
            try {
                m.stop().run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "stopping " + m.name() + ": " + e.getMessage(), e);
            }
        }
    }

    /** The web server has stopped: whatever is still running stops, the request pools last. */
    @PreDestroy
    void stopAll() {
        Stage.STOP_ORDER.forEach(this::stop);
    }

    /**
     * The one thread factory: a daemon, named after its work. Package-private: every other package
     * takes threads through {@link Background}.
     */
    static ThreadFactory threads(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    private void register(Stage stage, String name, Runnable stop) {
        synchronized (made) {
            made.computeIfAbsent(stage, s -> new ArrayList<>()).add(new Made(name, stop));
        }
    }

    private static void drain(ThreadPoolExecutor queue, Duration drain) {
        queue.shutdown();
        try {
            if (!queue.awaitTermination(drain.toMillis(), TimeUnit.MILLISECONDS)) {
                queue.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            queue.shutdownNow();
        }
    }
}
