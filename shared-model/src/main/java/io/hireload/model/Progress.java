package io.hireload.model;

/**
 * How far a load is. {@code bytes_total} is the sum of the objects' sizes (0 for request bodies);
 * {@code rows_per_second} and {@code eta_seconds} are derived from what is done so far.
 */
public record Progress(long bytesDone, long bytesTotal, long rowsDone, double percent,
                       double rowsPerSecond, Long etaSeconds) {
}
