package io.hireload.auto;

import io.hireload.client.HireloadClient;
import io.hireload.model.LoadReport;
import io.hireload.support.EmbeddedServices;
import io.hireload.support.ObjectLoads;
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
            ObjectLoads loads = new ObjectLoads(LIMIT, a, b);

            for (String sample : List.of("departments/departments.csv", "jobs/jobs.csv", "employees/hired_employees.csv")) {
                LoadReport load = loads.awaitSucceeded(sample);
                assertThat(load.source()).isEqualTo("watch");
            }
            LoadReport samples = loads.of("employees/hired_employees.csv").get(0);
            assertThat(samples.rejected()).as("only the sample's own bad rows: departments and jobs were loaded first")
                    .isEqualTo(samples.rowsRead() - samples.inserted());
            assertThat(samples.rejectedRows()).noneMatch(r -> r.reason().contains("unknown"));

            Path folder = EmbeddedServices.bucketFolder().resolve("employees");
            Files.writeString(folder.resolve("dropped.csv"),
                    "5001,Grace Hopper,2021-05-01T10:00:00Z,1,1\n5002,Edsger Dijkstra,2021-06-01T10:00:00Z,2,2\n",
                    StandardCharsets.UTF_8);
            LoadReport dropped = loads.awaitSucceeded("employees/dropped.csv");
            assertThat(dropped.source()).isEqualTo("watch");
            assertThat(dropped.inserted()).isEqualTo(2);
            assertThat(client.employee(5001)).isPresent();

            Files.writeString(folder.resolve("dropped.csv"),
                    "5001,Grace B. Hopper,2021-05-01T10:00:00Z,1,1\n5002,Edsger Dijkstra,2021-06-01T10:00:00Z,2,2\n",
                    StandardCharsets.UTF_8);
            loads.await("the changed file's load", () -> loads.of("employees/dropped.csv").size() == 2
                    && loads.of("employees/dropped.csv").stream().allMatch(l -> l.status().finished()));
            LoadReport changed = loads.of("employees/dropped.csv").get(0);
            assertThat(changed.updated()).isEqualTo(1);
            assertThat(changed.unchanged()).isEqualTo(1);

            // Both watches ticked every second all along: still one load of each sample.
            for (String key : List.of("departments/departments.csv", "jobs/jobs.csv", "employees/hired_employees.csv")) {
                assertThat(loads.of(key)).as(key + " loaded once").hasSize(1);
            }
        }
    }
}
