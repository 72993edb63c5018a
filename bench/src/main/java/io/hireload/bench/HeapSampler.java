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
 *
 * <p>Used heap counts garbage not yet collected, and G1 leaves the old generation's garbage until
 * it reaches its marking threshold (45 % of the heap): the same 20M-row load peaked at 1.05x and
 * at 1.43x the 2M load's used heap in two runs. When asked, the sampler therefore also measures
 * what the server keeps: every so often a class histogram ({@code jcmd <pid> GC.class_histogram}),
 * which counts the objects a full collection left; the largest of those is the live heap's peak.
 */
final class HeapSampler implements AutoCloseable {
    private final Process jstat;
    private final Thread reader;
    private volatile double maxUsedKb;
    private volatile double maxOldKb;
    private volatile double maxCommittedKb;
    private volatile int samples;
    private volatile double maxLiveKb;
    private volatile int liveSamples;
    private final Thread live;

    /** With {@code liveEveryMillis > 0}, also the live heap after a full collection that often. */
    HeapSampler(Path jstatBinary, long pid, int intervalMillis, long liveEveryMillis) {
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
        live = liveEveryMillis > 0 ? new Thread(() -> sampleLive(jstatBinary, pid, liveEveryMillis), "live-heap") : null;
        if (live != null) {
            live.setDaemon(true);
            live.start();
        }
    }

    private void sampleLive(Path jstatBinary, long pid, long everyMillis) {
        Path jcmd = jstatBinary.resolveSibling("jcmd");
        try {
            while (true) {
                Thread.sleep(everyMillis);
                long live = liveBytes(run(jcmd.toString(), Long.toString(pid), "GC.class_histogram"));
                if (live > 0) {
                    maxLiveKb = Math.max(maxLiveKb, live / 1024.0);
                    liveSamples++;
                }
            }
        } catch (InterruptedException e) {
            // the sampler was closed
        } catch (IOException e) {
            // the server is gone
        }
    }

    /**
     * The bytes of the objects a class histogram found (its {@code Total} line), or 0. The
     * histogram is taken in the full collection's own pause, so nothing allocated after it counts:
     * a {@code GC.run} followed by a separate {@code jstat} (the attach takes a few hundred ms)
     * counted whatever the loader allocated meanwhile, up to the young generation's 64 MB, and
     * the peak over many samples grew with the length of the load alone.
     */
    static long liveBytes(String histogram) {
        for (String line : histogram.split("\n")) {
            String[] cells = line.trim().split("\\s+");
            if (cells.length == 3 && cells[0].equals("Total")) {
                try {
                    return Long.parseLong(cells[2]);
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 0;
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        process.waitFor();
        return out;
    }

    /**
     * One line of {@code jstat -gc}: a header fills {@code columns} and answers null; a sample
     * answers used, old generation used and committed heap (KiB), or null for other lines.
     */
    private static double[] parse(String line, Map<String, Integer> columns) {
        String[] cells = line.trim().split("\\s+");
        if (cells.length > 0 && cells[0].equals("S0C")) {
            columns.clear();
            for (int i = 0; i < cells.length; i++) {
                columns.put(cells[i], i);
            }
            return null;
        }
        if (columns.isEmpty() || cells.length < columns.size()) {
            return null;
        }
        try {
            double old = value(cells, columns, "OU");
            double used = value(cells, columns, "S0U") + value(cells, columns, "S1U")
                    + value(cells, columns, "EU") + old;
            double committed = value(cells, columns, "S0C") + value(cells, columns, "S1C")
                    + value(cells, columns, "EC") + value(cells, columns, "OC");
            return new double[] {used, old, committed};
        } catch (NumberFormatException e) {
            // a line jstat prints on its own (for example when the target exits)
            return null;
        }
    }

    private void read() {
        Map<String, Integer> columns = new HashMap<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(jstat.getInputStream(), StandardCharsets.US_ASCII))) {
            String line;
            while ((line = in.readLine()) != null) {
                double[] heap = parse(line, columns);
                if (heap != null) {
                    maxUsedKb = Math.max(maxUsedKb, heap[0]);
                    maxOldKb = Math.max(maxOldKb, heap[1]);
                    maxCommittedKb = Math.max(maxCommittedKb, heap[2]);
                    samples++;
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

    /** The live heap's peak: the largest heap used right after a full collection. */
    double maxLiveMb() {
        return maxLiveKb / 1024.0;
    }

    int liveSamples() {
        return liveSamples;
    }

    @Override
    public void close() {
        if (live != null) {
            live.interrupt();
        }
        jstat.destroy();
        try {
            if (!jstat.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                jstat.destroyForcibly();
            }
            reader.join(2000);
            if (live != null) {
                live.join(10_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
