package io.hireload.background;

/**
 * A bean with background work: {@link Lifecycle} starts it at its {@link InStage stage} and stops
 * it in {@link Stage#STOP_ORDER}, then stops the threads it took from {@link Background} for that
 * stage. Both run once.
 */
public interface Part {
    void start();

    /** Stops what {@link #start} began beyond the threads {@link Background} stops itself. */
    default void stop() {
    }
}
