package io.hireload.cluster;

import io.hireload.client.HireloadClient;
import io.hireload.model.FileReport;
import io.hireload.model.LoadReport;
import io.hireload.model.LoadStatus;
import io.hireload.model.TableName;
import io.hireload.support.Await;
import io.hireload.support.EmbeddedServices;
import io.hireload.support.GeneratedEmployees;
import io.hireload.support.ServerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three server instances on one database and one bucket, as ECS tasks behind the load balancer:
 * they start together on an empty database; one load of many objects is worked by all three; one
 * is killed (SIGKILL) while it writes an object and the others finish that object after its last
 * committed line, with counts equal to the rows in the files; a second call skips every object;
 * a changed object and a new gzipped one are a third call's only work; a dry run marks nothing as
 * loaded.
 */
@ExtendWith(EmbeddedServices.class)
class SharedLoadsTest {
    private static final int OBJECTS = 8;
    private static final int PER_OBJECT = 20_000;
    private static final int ROWS = OBJECTS * PER_OBJECT;
    /**
     * Short leases so a dead instance's object is taken over within seconds, not half a minute;
     * and a poll far longer than the test, so only NOTIFY (and the lease beat) can wake an idle
     * worker: a load worked by every instance proves the wake-ups.
     */
    private static final Map<String, String> QUICK_LEASES = Map.of("hireload.lease.beat-seconds", "1",
            "hireload.lease.expiry-seconds", "4", "hireload.load.poll-seconds", "3600");

    @Test
    void threeInstancesShareALoadFinishAKilledOnesObjectExactlyAndSkipWhatIsLoaded() throws Exception {
        EmbeddedServices.s3().delete(EmbeddedServices.bucket(), "employees/hired_employees.csv");
        for (int i = 0; i < OBJECTS; i++) {
            put(part(i), GeneratedEmployees.csv(i * PER_OBJECT + 1, (i + 1) * PER_OBJECT));
        }
        try (ServerProcess a = start("a"); ServerProcess b = start("b"); ServerProcess c = start("c")) {
            CompletableFuture.allOf(
                    CompletableFuture.runAsync(() -> a.awaitReady(Duration.ofSeconds(120))),
                    CompletableFuture.runAsync(() -> b.awaitReady(Duration.ofSeconds(120))),
                    CompletableFuture.runAsync(() -> c.awaitReady(Duration.ofSeconds(120)))).join();
            assertThat(migrationsApplied()).as("each migration applied once, none failed").isEqualTo(migrationFiles());
            assertThat(a.api().client().info().instance()).isEqualTo("a");

            HireloadClient onA = a.api().client();
            HireloadClient onB = b.api().client();
            onA.load(TableName.DEPARTMENTS, null, false);
            onA.load(TableName.JOBS, null, false);

            long id = onA.startLoad(TableName.EMPLOYEES, 200, false).loadId();
            Map.Entry<String, Long> killedMidObject = awaitCommittedBy("c", id);
            c.kill();
            LoadReport done = awaitStatus(onA, id, LoadStatus.SUCCEEDED, Duration.ofSeconds(180));

            assertThat(done.rowsRead()).as("every row read into the counts once").isEqualTo(ROWS);
            assertThat(done.inserted()).isEqualTo(ROWS);
            assertThat(done.updated() + done.unchanged() + done.rejected()).isZero();
            assertThat(GeneratedEmployees.inDatabase()).isEqualTo(ROWS);
            assertThat(done.fileReports()).hasSize(OBJECTS).allSatisfy(file -> {
                assertThat(file.status()).isEqualTo("done");
                assertThat(file.rowsRead()).isEqualTo(PER_OBJECT);
                assertThat(file.inserted()).isEqualTo(PER_OBJECT);
            });
            assertThat(done.fileReports()).extracting(FileReport::instance).as("worked by every instance")
                    .contains("a", "b");
            FileReport taken = done.fileReports().stream()
                    .filter(f -> f.file().equals(killedMidObject.getKey())).findFirst().orElseThrow();
            assertThat(taken.instance()).as("the killed instance's object was finished by another").isIn("a", "b");
            assertThat(taken.resumedFromLine()).as("after its last committed line")
                    .isGreaterThanOrEqualTo(killedMidObject.getValue()).isLessThan(PER_OBJECT);

            LoadReport second = onB.load(TableName.EMPLOYEES, null, false);
            assertThat(second.status()).isEqualTo(LoadStatus.SUCCEEDED);
            assertThat(second.filesSkipped()).isEqualTo(OBJECTS);
            assertThat(second.rowsRead()).isZero();
            assertThat(second.fileReports()).extracting(FileReport::status).containsOnly("skipped");

            // One object changes (one name), a gzipped one arrives: the third call's only work.
            byte[] changed = new String(GeneratedEmployees.csv(1, PER_OBJECT), StandardCharsets.UTF_8)
                    .replaceFirst("Employee 5,", "Employee Five,").getBytes(StandardCharsets.UTF_8);
            put(part(0), changed);
            put("employees/z-late.csv.gz", gzip(GeneratedEmployees.csv(ROWS + 1, ROWS + 1000)));
            LoadReport third = onB.load(TableName.EMPLOYEES, null, false);
            assertThat(third.filesSkipped()).isEqualTo(OBJECTS - 1);
            assertThat(third.rowsRead()).isEqualTo(PER_OBJECT + 1000);
            assertThat(third.updated()).isEqualTo(1);
            assertThat(third.inserted()).isEqualTo(1000);
            assertThat(third.unchanged()).isEqualTo(PER_OBJECT - 1);
            Map<String, FileReport> byFile = third.fileReports().stream()
                    .collect(Collectors.toMap(FileReport::file, f -> f));
            assertThat(byFile.get(part(0)).status()).isEqualTo("done");
            assertThat(byFile.get("employees/z-late.csv.gz").status()).isEqualTo("done");
            assertThat(byFile.get("employees/z-late.csv.gz").inserted()).isEqualTo(1000);
            assertThat(onB.employee(5)).get().extracting(e -> e.name()).isEqualTo("Employee Five");
            assertThat(GeneratedEmployees.inDatabase()).isEqualTo(ROWS + 1000);

            // A dry run reads a new object but does not mark it loaded: the next call loads it.
            put("employees/zz-dry.csv", GeneratedEmployees.csv(ROWS + 1001, ROWS + 1010));
            LoadReport dry = onA.load(TableName.EMPLOYEES, null, true);
            assertThat(dry.inserted()).isEqualTo(10);
            assertThat(dry.filesSkipped()).isEqualTo(OBJECTS + 1);
            assertThat(GeneratedEmployees.inDatabase()).isEqualTo(ROWS + 1000);
            LoadReport real = onA.load(TableName.EMPLOYEES, null, false);
            assertThat(real.filesSkipped()).isEqualTo(OBJECTS + 1);
            assertThat(real.inserted()).isEqualTo(10);
            assertThat(GeneratedEmployees.inDatabase()).isEqualTo(ROWS + 1010);

            // A second load of the table waits its turn; an instance stopped as ECS stops a task
            // (SIGTERM) hands its object back, and the other finishes the load exactly.
            long forced = onA.startLoad(TableName.EMPLOYEES, 200, false, true).loadId();
            LoadReport waiting = onA.startLoad(TableName.EMPLOYEES, null, false);
            assertThat(waiting.status()).isEqualTo(LoadStatus.QUEUED);
            Map.Entry<String, Long> handedBack = awaitCommittedBy("b", forced);
            b.stop();
            LoadReport all = awaitStatus(onA, forced, LoadStatus.SUCCEEDED, Duration.ofSeconds(180));
            assertThat(all.rowsRead()).isEqualTo(ROWS + 1010);
            assertThat(all.unchanged()).isEqualTo(ROWS + 1010);
            FileReport continued = all.fileReports().stream()
                    .filter(f -> f.file().equals(handedBack.getKey())).findFirst().orElseThrow();
            assertThat(continued.instance()).isEqualTo("a");
            assertThat(continued.resumedFromLine()).isGreaterThanOrEqualTo(handedBack.getValue());
            LoadReport after = awaitStatus(onA, waiting.loadId(), LoadStatus.SUCCEEDED, Duration.ofSeconds(60));
            assertThat(after.startedAt()).isAfterOrEqualTo(all.finishedAt());
            assertThat(after.filesSkipped()).isEqualTo(OBJECTS + 2);
        }
    }

    private static ServerProcess start(String name) {
        java.util.HashMap<String, String> settings = new java.util.HashMap<>(QUICK_LEASES);
        settings.put("HIRELOAD_INSTANCE_ID", name);
        return EmbeddedServices.startServer(name, settings);
    }

    private static String part(int i) {
        return "employees/part-%02d.csv".formatted(i);
    }

    private static void put(String key, byte[] bytes) {
        EmbeddedServices.s3().put(EmbeddedServices.bucket(), key, bytes);
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }

    /** Waits until {@code instance} holds an object of the load with batches committed: its key and line. */
    private static Map.Entry<String, Long> awaitCommittedBy(String instance, long loadId) throws Exception {
        return Await.value("instance " + instance + " to commit a batch of load " + loadId, Duration.ofSeconds(120), () -> {
            try (Connection c = EmbeddedServices.connect(); PreparedStatement s = c.prepareStatement(
                    "select file, line from load_item where load_id = ? and instance = ? and status = 'running' "
                            + "and line > 0 and line < ? limit 1")) {
                s.setLong(1, loadId);
                s.setString(2, instance);
                s.setLong(3, PER_OBJECT / 2);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? Optional.of(Map.entry(rs.getString(1), rs.getLong(2))) : Optional.empty();
                }
            }
        });
    }

    private static LoadReport awaitStatus(HireloadClient client, long id, LoadStatus status, Duration limit) {
        return Await.value("load " + id + " to be " + status.wire(), limit, () -> {
            LoadReport report = client.loadById(id);
            return report.status() == status ? Optional.of(report) : Optional.empty();
        });
    }

    private static int migrationsApplied() throws Exception {
        try (Connection c = EmbeddedServices.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select count(*) filter (where success), count(*) filter (where not success) "
                     + "from flyway_schema_history where version is not null")) {
            rs.next();
            assertThat(rs.getInt(2)).isZero();
            return rs.getInt(1);
        }
    }

    private static int migrationFiles() throws Exception {
        try (var files = java.nio.file.Files.list(java.nio.file.Path.of("../migrations/src/main/resources/db/migration"))) {
            return (int) files.filter(f -> f.getFileName().toString().matches("V\\d+__.*\\.sql")).count();
        }
    }
}
