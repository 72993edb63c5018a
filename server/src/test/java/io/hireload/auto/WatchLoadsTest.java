package io.hireload.auto;

import io.hireload.client.HireloadClient;
import io.hireload.model.LoadReport;
import io.hireload.model.LoadStatus;
import io.hireload.support.EmbeddedServices;
import io.hireload.support.ServerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bucket watch ({@code HIRELOAD_WATCH_SECONDS}) on two instances over the embedded S3, as
 * {@code make run} serves it: the seeded sample files load by themselves, parents first; a file
 * dropped into the bucket's folder on disk loads once; a file replaced with new content loads
 * again; nothing loads twice although both instances watch.
 */
@ExtendWith(EmbeddedServices.class)
class WatchLoadsTest {
    private static final Duration LIMIT = Duration.ofSeconds(120);

    @Test
    void twoWatchingInstancesLoadTheSamplesAndADroppedFileOnceEach() throws Exception {
        Map<String, String> watch = Map.of("HIRELOAD_WATCH_SECONDS", "1", "hireload.auto.employees-wait-seconds", "2");
        try (ServerProcess a = EmbeddedServices.startServer("watch-a", watch); ServerProcess b = EmbeddedServices.startServer("watch-b", watch)) {
            CompletableFuture.allOf(
                    CompletableFuture.runAsync(() -> a.awaitReady(Duration.ofSeconds(120))),
                    CompletableFuture.runAsync(() -> b.awaitReady(Duration.ofSeconds(120)))).join();
            HireloadClient client = a.api().client();

            for (String sample : List.of("departments/departments.csv", "jobs/jobs.csv", "employees/hired_employees.csv")) {
                LoadReport load = awaitLoadOf(client, sample, a, b);
                assertThat(load.source()).isEqualTo("watch");
            }
            LoadReport samples = loadsOf(client, "employees/hired_employees.csv").get(0);
            assertThat(samples.rejected()).as("only the sample's own bad rows: departments and jobs were loaded first")
                    .isEqualTo(samples.rowsRead() - samples.inserted());
            assertThat(samples.rejectedRows()).noneMatch(r -> r.reason().contains("unknown"));

            Path folder = EmbeddedServices.bucketFolder().resolve("employees");
            Files.writeString(folder.resolve("dropped.csv"),
                    "5001,Grace Hopper,2021-05-01T10:00:00Z,1,1\n5002,Edsger Dijkstra,2021-06-01T10:00:00Z,2,2\n",
                    StandardCharsets.UTF_8);
            LoadReport dropped = awaitLoadOf(client, "employees/dropped.csv", a, b);
            assertThat(dropped.source()).isEqualTo("watch");
            assertThat(dropped.inserted()).isEqualTo(2);
            assertThat(client.employee(5001)).isPresent();

            Files.writeString(folder.resolve("dropped.csv"),
                    "5001,Grace B. Hopper,2021-05-01T10:00:00Z,1,1\n5002,Edsger Dijkstra,2021-06-01T10:00:00Z,2,2\n",
                    StandardCharsets.UTF_8);
            await(() -> loadsOf(client, "employees/dropped.csv").size() == 2
                    && loadsOf(client, "employees/dropped.csv").stream().allMatch(l -> l.status().finished()),
                    "the changed file's load", a, b);
            LoadReport changed = loadsOf(client, "employees/dropped.csv").get(0);
            assertThat(changed.updated()).isEqualTo(1);
            assertThat(changed.unchanged()).isEqualTo(1);

            // Both watches ticked every second all along: still one load of each sample.
            for (String key : List.of("departments/departments.csv", "jobs/jobs.csv", "employees/hired_employees.csv")) {
                assertThat(loadsOf(client, key)).as(key + " loaded once").hasSize(1);
            }
        }
    }

    private static LoadReport awaitLoadOf(HireloadClient client, String key, ServerProcess a, ServerProcess b) {
        await(() -> loadsOf(client, key).stream().anyMatch(l -> l.status().finished()), "a finished load of " + key, a, b);
        LoadReport load = loadsOf(client, key).get(0);
        assertThat(load.status()).as(load.error()).isEqualTo(LoadStatus.SUCCEEDED);
        return load;
    }

    private static List<LoadReport> loadsOf(HireloadClient client, String key) {
        return client.loads(1, 1000).items().stream()
                .filter(l -> l.fileReports() != null && l.fileReports().stream()
                        .anyMatch(f -> f.file().equals(key) && !f.status().equals("skipped")))
                .toList();
    }

    private static void await(BooleanSupplier condition, String what, ServerProcess a, ServerProcess b) {
        long end = System.nanoTime() + LIMIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within " + LIMIT + ": " + what + "\nserver a:\n" + a.logText()
                        + "\nserver b:\n" + b.logText());
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
