package io.hireload.background;

import java.util.concurrent.ThreadFactory;

/**
 * Where the server's daemon threads come from ({@link #threads}), and one daemon thread that runs a loop for the application's life (the event queue's long poll, the
 * load signals' LISTEN), pausing between tries while what it waits on is away. An interrupt means
 * the application is stopping: a pause it cuts short ends the loop rather than trying again.
 */
public final class Daemon {
    private final String name;
    private volatile boolean stopped;
    private Thread thread;

    public Daemon(String name) {
        this.name = name;
    }

    /**
     * The one way the server makes a background thread: a daemon (it never holds the JVM up at
     * stop), named after its work so a thread dump says whose it is. Every pool and timer of the
     * server takes its threads from here.
     */
    public static ThreadFactory threads(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Starts {@code loop} on its own daemon thread; the loop runs while {@link #stopped()} is false. */
    public void start(Runnable loop) {
        thread = threads(name).newThread(loop);
        thread.start();
    }

    public boolean stopped() {
        return stopped;
    }

    /** Waits before the next try; an interrupt stops the loop (and stays set on the thread). */
    public void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped = true;
        }
    }

    /** Ends the loop: at its next check, or at once when it is waiting in a pause or an interruptible call. */
    public void stop() {
        stopped = true;
        if (thread != null) {
            thread.interrupt();
        }
    }
}
