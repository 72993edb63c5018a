package io.hireload.bench;

import io.hireload.support.Api;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Samples another JVM's heap with {@code jstat -gc <pid> 200} (the JDK's own tool, no agent in
 * the server) and keeps the largest values seen: used heap (survivors + eden + old), old
 * generation used (what survived collections), and committed heap. Values are in KiB.
 */
final class HeapSampler implements AutoCloseable {
    private final Process jstat;
    private final Thread reader;
    private volatile double maxUsedKb;
    private volatile double maxOldKb;
    private volatile double maxCommittedKb;
    private volatile int samples;

    HeapSampler(Path jstatBinary, long pid, int intervalMillis) {
        try {
            jstat = new ProcessBuilder(jstatBinary.toString(), "-gc", Long.toString(pid), Integer.toString(intervalMillis))
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + jstatBinary, e);
        }
        reader = new Thread(this::read, "jstat-reader");
        reader.setDaemon(true);
        reader.start();
    }

    private void read() {
        Map<String, Integer> columns = new HashMap<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(jstat.getInputStream(), StandardCharsets.US_ASCII))) {
            String line;
            while ((line = in.readLine()) != null) {
                String[] cells = line.trim().split("\\s+");
                if (cells.length > 0 && cells[0].equals("S0C")) {
                    columns.clear();
                    for (int i = 0; i < cells.length; i++) {
                        columns.put(cells[i], i);
                    }
                    continue;
                }
                if (columns.isEmpty() || cells.length < columns.size()) {
                    continue;
                }
                try {
                    double old = value(cells, columns, "OU");
                    double used = value(cells, columns, "S0U") + value(cells, columns, "S1U")
                            + value(cells, columns, "EU") + old;
                    double committed = value(cells, columns, "S0C") + value(cells, columns, "S1C")
                            + value(cells, columns, "EC") + value(cells, columns, "OC");
                    maxUsedKb = Math.max(maxUsedKb, used);
                    maxOldKb = Math.max(maxOldKb, old);
                    maxCommittedKb = Math.max(maxCommittedKb, committed);
                    samples++;
                } catch (NumberFormatException e) {
                    // a line jstat prints on its own (for example when the target exits)
                }
            }
        } catch (IOException e) {
            // the sampler was closed
        }
    }

    private static double value(String[] cells, Map<String, Integer> columns, String name) {
        Integer index = columns.get(name);
        return index == null ? 0 : Double.parseDouble(cells[index].replace(',', '.'));
    }

    /** Waits until jstat has attached and reported once, so no part of a load goes unsampled. */
    void awaitFirstSample(long timeoutMillis) {
        long end = System.currentTimeMillis() + timeoutMillis;
        while (samples == 0) {
            if (System.currentTimeMillis() > end || !jstat.isAlive()) {
                throw new IllegalStateException("jstat reported nothing about the server JVM within "
                        + timeoutMillis + " ms");
            }
            Api.pause(Duration.ofMillis(20));
        }
    }

    double maxUsedMb() {
        return maxUsedKb / 1024.0;
    }

    double maxOldMb() {
        return maxOldKb / 1024.0;
    }

    double maxCommittedMb() {
        return maxCommittedKb / 1024.0;
    }

    int samples() {
        return samples;
    }

    @Override
    public void close() {
        jstat.destroy();
        try {
            if (!jstat.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                jstat.destroyForcibly();
            }
            reader.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
