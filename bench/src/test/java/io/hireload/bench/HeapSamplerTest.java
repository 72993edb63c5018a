package io.hireload.bench;

import io.hireload.support.Await;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The 20M phase's live-heap figure, read with the JDK's own tools from another JVM (as the bench
 * reads the server's): a JVM holding 48 MB and churning garbage as fast as it can reads as
 * holding 48 MB, not 48 MB plus whatever it allocated around the collection.
 */
class HeapSamplerTest {
    private static final int HELD_MB = 48;

    @Test
    void theLiveHeapIsWhatTheOtherJvmHoldsNotWhatItAllocates() throws IOException, InterruptedException {
        Path java = Path.of(ProcessHandle.current().info().command().orElseThrow());
        Process holder = new ProcessBuilder(java.toString(), "-Xmx256m", "-Xmn64m", "-cp",
                System.getProperty("java.class.path"), Holder.class.getName(), Integer.toString(HELD_MB))
                .redirectErrorStream(true).start();
        try (HeapSampler sampler = new HeapSampler(java.resolveSibling("jstat"), holder.pid(), 200, 300)) {
            sampler.awaitFirstSample(60_000);
            Await.until("five class histograms read", Duration.ofSeconds(60), () -> sampler.liveSamples() >= 5);
            assertThat(sampler.liveSamples()).as("histograms read").isGreaterThanOrEqualTo(5);
            assertThat(sampler.maxLiveMb()).as("live MB").isBetween((double) HELD_MB, HELD_MB + 16.0);
            assertThat(sampler.maxUsedMb()).as("used MB, garbage included").isGreaterThan(HELD_MB + 16.0);
        } finally {
            holder.destroyForcibly().waitFor();
        }
    }

    /** Holds {@code args[0]} MB and allocates garbage until killed. */
    public static final class Holder {
        public static void main(String[] args) {
            byte[][] held = new byte[Integer.parseInt(args[0])][];
            for (int i = 0; i < held.length; i++) {
                held[i] = new byte[1 << 20];
            }
            long sum = 0;
            while (sum >= 0) {
                byte[] garbage = new byte[64 << 10];
                sum += garbage.length + held[(int) (sum % held.length)].length;
            }
            System.out.println(sum);
        }
    }
}
