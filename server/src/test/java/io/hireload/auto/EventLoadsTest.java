package io.hireload.auto;

import io.hireload.client.HireloadClient;
import io.hireload.model.FileReport;
import io.hireload.model.LoadReport;
import io.hireload.support.EmbeddedServices;
import io.hireload.support.ObjectLoads;
import io.hireload.support.S3Events;
import io.hireload.support.ServerProcess;
import io.hireload.support.SqsOnLoopback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * S3 event notifications through a real SQS-compatible queue (ElasticMQ on loopback, with a
 * dead-letter queue after 2 receives) and two server instances polling it, as two ECS tasks do:
 * objects announced with S3's own event JSON load once, whatever the duplicates; messages that
 * announce nothing loadable are dropped; a poison message ends in the dead-letter queue; an
 * employees file announced before its departments and jobs still loads after them.
 */
@ExtendWith(EmbeddedServices.class)
class EventLoadsTest {
    private static final Duration LIMIT = Duration.ofSeconds(90);
    private static SqsOnLoopback sqs;
    private static ServerProcess a;
    private static ServerProcess b;
    private static ObjectLoads loads;

    @BeforeAll
    static void start() {
        sqs = SqsOnLoopback.start(2);
        Map<String, String> settings = new HashMap<>(sqs.serverSettings());
        a = EmbeddedServices.startServer("events-a", with(settings, "HIRELOAD_INSTANCE_ID", "a"));
        b = EmbeddedServices.startServer("events-b", with(settings, "HIRELOAD_INSTANCE_ID", "b"));
        CompletableFuture.allOf(
                CompletableFuture.runAsync(() -> a.awaitReady(Duration.ofSeconds(120))),
                CompletableFuture.runAsync(() -> b.awaitReady(Duration.ofSeconds(120)))).join();
        loads = new ObjectLoads(LIMIT, a, b);
    }

    @AfterAll
    static void stop() {
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
        if (sqs != null) {
            sqs.close();
        }
    }

    @Test
    void anAnnouncedObjectLoadsOnceThoughItsMessageComesTwiceAndAgainLater() {
        String key = "departments/more departments (1).csv";
        String event = announce(key, "9001,Research\n9002,Legal\n");

        sqs.send(event, event);
        LoadReport load = loads.awaitSucceeded(key);
        assertThat(load.source()).isEqualTo("event");
        assertThat(load.table()).isEqualTo("departments");
        assertThat(load.inserted()).isEqualTo(2);
        assertThat(load.fileReports()).singleElement().satisfies(file -> {
            assertThat(file.status()).isEqualTo("done");
            assertThat(file.instance()).isIn("a", "b");
        });
        assertThat(client().department(9001)).get().extracting(d -> d.department()).isEqualTo("Research");

        sqs.send(event);
        loads.await("the redelivered message is deleted", sqs::drained);
        assertThat(loads.of(key)).as("one load, however often the object is announced").hasSize(1);
        assertThat(sqs.deadLetters()).doesNotContain(event);
    }

    @Test
    void twoInstancesShareTheQueueAndLoadEachObjectOnce() {
        List<String> keys = new ArrayList<>();
        List<String> messages = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String key = "jobs/drop-" + i + ".csv";
            keys.add(key);
            String event = announce(key, (8000 + i) + ",Job " + i + "\n");
            messages.add(event);
            messages.add(event);
        }
        sqs.send(messages.toArray(String[]::new));

        for (String key : keys) {
            LoadReport load = loads.awaitSucceeded(key);
            assertThat(load.source()).isEqualTo("event");
        }
        loads.await("every message deleted", sqs::drained);
        for (int i = 0; i < keys.size(); i++) {
            assertThat(loads.of(keys.get(i))).as(keys.get(i) + " loaded by one load").hasSize(1);
            assertThat(client().job(8000 + i)).isPresent();
        }
        List<FileReport> files = client().loads(1, 1000).items().stream()
                .filter(l -> "event".equals(l.source())).flatMap(l -> l.fileReports().stream())
                .filter(f -> keys.contains(f.file())).toList();
        assertThat(files).as("each object read by exactly one item").hasSize(keys.size())
                .allSatisfy(f -> assertThat(f.rowsRead()).isEqualTo(1));
    }

    @Test
    void messagesThatAnnounceNothingLoadableAreDroppedAndAPoisonMessageEndsInTheDeadLetterQueue() {
        String bucket = EmbeddedServices.bucket();
        String etag = EmbeddedServices.s3().put(bucket, "notes/readme.txt", "hello".getBytes(StandardCharsets.UTF_8));
        int before = client().loads(1, 1000).items().size();
        List<String> dropped = List.of(
                S3Events.testEvent(bucket),
                S3Events.created("someone-elses-bucket", "departments/x.csv", etag, 5),
                S3Events.created(bucket, "notes/readme.txt", etag, 5),
                S3Events.created(bucket, "departments/gone.csv", etag, 5),
                S3Events.event("ObjectRemoved:Delete", bucket, "departments/departments.csv", "", 0));
        String poison = "this is not an S3 event";
        List<String> all = new ArrayList<>(dropped);
        all.add(poison);
        sqs.send(all.toArray(String[]::new));

        loads.await("the poison message moved to the dead-letter queue", () -> sqs.deadLetters().contains(poison));
        loads.await("the others deleted", sqs::drained);
        assertThat(sqs.deadLetters()).as("dropped, not dead-lettered").doesNotContainAnyElementsOf(dropped);
        assertThat(client().loads(1, 1000).items()).as("no load").hasSize(before);
    }

    @Test
    void employeesAnnouncedBeforeTheirDepartmentAndJobStillLoadAfterThem() {
        String employees = announce("employees/new-team.csv",
                "7001,Ada Lovelace,2021-03-01T09:00:00Z,7000,7000\n7002,Alan Turing,2021-04-01T09:00:00Z,7000,7000\n");
        String departments = announce("departments/new-team.csv", "7000,Computing\n");
        String jobs = announce("jobs/new-team.csv", "7000,Analyst\n");
        sqs.send(employees);
        sqs.send(departments, jobs);

        LoadReport load = loads.awaitSucceeded("employees/new-team.csv");
        assertThat(load.rejected()).as("the department and job were there first").isZero();
        assertThat(load.inserted()).isEqualTo(2);
        for (String parentKey : List.of("departments/new-team.csv", "jobs/new-team.csv")) {
            LoadReport parent = loads.awaitSucceeded(parentKey);
            assertThat(parent.finishedAt()).as(parentKey + " ended before the employees load started")
                    .isBeforeOrEqualTo(load.startedAt());
        }
        assertThat(client().employee(7001)).isPresent();
    }

    /** Puts an object into the bucket and answers S3's event for it. */
    private static String announce(String key, String csv) {
        byte[] bytes = csv.getBytes(StandardCharsets.UTF_8);
        String etag = EmbeddedServices.s3().put(EmbeddedServices.bucket(), key, bytes);
        return S3Events.created(EmbeddedServices.bucket(), key, etag.replace("\"", ""), bytes.length);
    }

    private static HireloadClient client() {
        return a.api().client();
    }

    private static Map<String, String> with(Map<String, String> settings, String name, String value) {
        Map<String, String> all = new HashMap<>(settings);
        all.put(name, value);
        return all;
    }
}
