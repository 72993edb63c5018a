package io.hireload.background;

/**
 * One daemon thread that runs a loop for the application's life (the event queue's long poll, a
 * LISTEN, a load worker), pausing between tries while what it waits on is away. An interrupt means
 * the application is stopping: a pause it cuts short ends the loop rather than trying again.
 * Made by {@link Background#loop}, which stops it with its stage.
 */
public final class Daemon {
    private final String name;
    private volatile boolean stopped;
    private Thread thread;

    Daemon(String name) {
        this.name = name;
    }

    /** Starts {@code loop} on its own daemon thread; the loop runs while {@link #stopped()} is false. */
    public void start(Runnable loop) {
        thread = Background.threads(name).newThread(loop);
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
