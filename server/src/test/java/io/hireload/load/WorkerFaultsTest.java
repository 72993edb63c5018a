package io.hireload.load;

import io.hireload.support.FaultAfter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.microprofile.testing.junit5.AddBean;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import io.hireload.model.FileReport;
import io.hireload.model.LoadReport;
import io.hireload.model.LoadStatus;
import io.hireload.model.TableName;
import io.hireload.s3.CsvObjects;
import io.hireload.s3.S3Settings;
import io.hireload.support.Api;
import io.hireload.support.Await;
import io.hireload.support.EmbeddedServices;
import io.hireload.support.ServerSetting;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import jakarta.ws.rs.client.WebTarget;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No worker dies silently, and none holds an object it does not work. A worker that meets an
 * Error mid-object (an OutOfMemoryError in the reader, the gzip bomb) ends its object and
 * load {@code failed} with a reason, gives the object up, and lives on: the synchronous call
 * answers, and the next load starts at once. A worker stuck in a read that never returns makes no
 * progress, so its lease is not renewed: another worker takes the object over after its last
 * committed line and the load ends exactly. The faults are injected where the reader meets S3 (an
 * alternative of {@link CsvObjects} around the real one): the reader's own Error no longer happens
 * once lines are bounded, and the engine must survive any.
 */
@ExtendWith(EmbeddedServices.class)
@HelidonTest
@AddBean(WorkerFaultsTest.FaultyReads.class)
@ServerSetting(name = "hireload.lease.beat-seconds", value = "1")
@ServerSetting(name = "hireload.lease.expiry-seconds", value = "3")
class WorkerFaultsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Api api;

    @Inject
    WorkerFaultsTest(WebTarget target) {
        this.api = new Api(target);
    }

    @AfterAll
    static void releaseTheStuckRead() {
        FaultyReads.RELEASE.countDown();
    }

    @Test
    void aWorkerThatMeetsAnErrorFailsItsObjectAndLoadWithAReasonAndTheNextLoadStarts() throws Exception {
        put("jobs/poison.csv", IntStream.rangeClosed(1000, 60_000).mapToObj(i -> i + ",Job " + i + "\n"));

        // Before, the worker died with the load running and its lease renewed: the call never answered.
        HttpResponse<String> answer = CompletableFuture.supplyAsync(
                () -> api.post("/jobs/batch?batch_size=100", "application/json", "")).get(120, TimeUnit.SECONDS);
        assertThat(answer.statusCode()).as("the synchronous call answers: " + answer.body()).isEqualTo(500);
        assertThat(JSON.readTree(answer.body()).path("detail").asText()).contains("ran out of memory");

        LoadReport failed = api.client().loads(1, 1).items().get(0);
        assertThat(failed.table()).isEqualTo("jobs");
        assertThat(failed.status()).isEqualTo(LoadStatus.FAILED);
        assertThat(failed.error()).contains("jobs/poison.csv").contains("OutOfMemoryError");
        FileReport poison = failed.fileReports().stream().filter(f -> f.file().equals("jobs/poison.csv"))
                .findFirst().orElseThrow();
        assertThat(poison.status()).isEqualTo("failed");
        assertThat(poison.inserted()).as("batches before the Error committed").isPositive();
        assertThat(failed.inserted()).as("counters equal the table").isEqualTo(count("select count(*) from job"));
        assertThat(count("select count(*) from load_item where status = 'running' or lease_until is not null and status <> 'running'"))
                .as("the object was given up").isZero();

        LoadReport next = api.client().load(TableName.DEPARTMENTS, null, false);
        assertThat(next.status()).as(next.toString()).isEqualTo(LoadStatus.SUCCEEDED);
        assertThat(Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().matches("hireload-load-\\d+")))
                .as("every load worker lives on").hasSize(2);
    }

    @Test
    void anObjectWhoseWorkerIsStuckIsTakenOverAfterItsLastCommittedLine() throws Exception {
        put("departments/stuck.csv", IntStream.rangeClosed(10_001, 15_000).mapToObj(i -> i + ",Department " + i + "\n"));

        long id = api.client().startLoad(TableName.DEPARTMENTS, 100, false).loadId();
        LoadReport done = Await.value("load " + id + " to finish", Duration.ofSeconds(120), () -> {
            LoadReport report = api.client().loadById(id);
            return report.status().finished() ? java.util.Optional.of(report) : java.util.Optional.empty();
        });
        assertThat(done.status()).as(done.toString()).isEqualTo(LoadStatus.SUCCEEDED);
        assertThat(FaultyReads.STUCK_OPENS.get()).as("read again by another worker").isEqualTo(2);
        FileReport stuck = done.fileReports().stream().filter(f -> f.file().equals("departments/stuck.csv"))
                .findFirst().orElseThrow();
        assertThat(stuck.status()).isEqualTo("done");
        assertThat(stuck.resumedFromLine()).as("taken over after its last committed line").isPositive();
        assertThat(stuck.inserted()).isEqualTo(5000);
        assertThat(count("select count(*) from department where id > 10000")).isEqualTo(5000);
    }

    private static void put(String key, java.util.stream.Stream<String> lines) {
        EmbeddedServices.s3().put(EmbeddedServices.bucket(), key,
                String.join("", lines.toList()).getBytes(StandardCharsets.UTF_8));
    }

    private static long count(String sql) throws Exception {
        try (Connection c = EmbeddedServices.connect(); PreparedStatement s = c.prepareStatement(sql);
             ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * The bucket as the workers read it, with two faults: {@code poison} objects end in an
     * OutOfMemoryError after 100 KB, and the first read of a {@code stuck} object stops returning
     * after 20 KB (until the class is done).
     */
    @Alternative
    @Priority(1)
    @ApplicationScoped
    public static class FaultyReads extends CsvObjects {
        static final CountDownLatch RELEASE = new CountDownLatch(1);
        static final AtomicInteger STUCK_OPENS = new AtomicInteger();
        private static final int FAULT_AFTER = 100_000;
        private static final int STUCK_AFTER = 20_000;

        @Inject
        public FaultyReads(S3Client s3, S3Settings settings) {
            super(s3, settings);
        }

        @Override
        public InputStream open(CsvObject object) {
            InputStream real = super.open(object);
            if (object.key().contains("poison")) {
                return new FaultAfter(real, FAULT_AFTER, () -> {
                    throw new OutOfMemoryError("Java heap space");
                });
            }
            if (object.key().contains("stuck") && STUCK_OPENS.getAndIncrement() == 0) {
                return new FaultAfter(real, STUCK_AFTER, () -> {
                    try {
                        RELEASE.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
            }
            return real;
        }
    }
}
