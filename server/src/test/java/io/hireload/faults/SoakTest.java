package io.hireload.faults;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.hireload.client.HireloadClient;
import io.hireload.model.Employee;
import io.hireload.model.HiredByQuarter;
import io.hireload.model.Json;
import io.hireload.model.LoadReport;
import io.hireload.model.Page;
import io.hireload.model.TableName;
import io.hireload.support.Api;
import io.hireload.support.EmbeddedServices;
import io.hireload.support.GeneratedEmployees;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import jakarta.inject.Inject;
import jakarta.ws.rs.client.WebTarget;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code make soak}: a few minutes of mixed S3 loads, 1..1000-row posts and reads on loopback,
 * bounded in time and count, that must end with exact counts. Not part of {@code make test}.
 * Length: {@code -Dsoak.seconds=180}; its random choices: {@code -Dsoak.seed=20211201}, printed at the start.
 */
@Tag("soak")
@ExtendWith(EmbeddedServices.class)
@HelidonTest
class SoakTest {
    private static final int BULK_ROWS = 30_000;

    private final Api api;
    private final HireloadClient client;

    @Inject
    SoakTest(WebTarget target) {
        this.api = new Api(target);
        this.client = api.client();
    }

    @Test
    void mixedTrafficEndsWithExactCounts() throws Exception {
        Duration length = Duration.ofSeconds(Long.getLong("soak.seconds", 180));
        long seed = Long.getLong("soak.seed", 20211201L);
        System.out.println("SoakTest: seed " + seed + " (rerun: make soak SOAK_SEED=" + seed + ")");
        EmbeddedServices.s3().delete(EmbeddedServices.bucket(), "employees/hired_employees.csv");
        EmbeddedServices.s3().put(EmbeddedServices.bucket(), "employees/big.csv", GeneratedEmployees.csv(BULK_ROWS));
        client.loadAll(null, false);

        long end = System.nanoTime() + length.toNanos();
        ConcurrentHashMap<Integer, Boolean> posted = new ConcurrentHashMap<>();
        AtomicLong loads = new AtomicLong();
        AtomicLong posts = new AtomicLong();
        AtomicLong reads = new AtomicLong();
        AtomicLong conflicts = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Future<?>> workers = new ArrayList<>();
        workers.add(pool.submit(() -> {
            while (System.nanoTime() < end) {
                HttpResponse<String> r = api.post("/employees/batch?force=true&batch_size=" + (200 + loads.get() % 800), "application/json", "");
                assertThat(r.statusCode()).as(r.body()).isIn(200, 409);
                (r.statusCode() == 200 ? loads : conflicts).incrementAndGet();
            }
        }));
        for (int w = 0; w < 3; w++) {
            int worker = w;
            workers.add(pool.submit(() -> {
                Random random = new Random(seed + worker);
                int next = 1_000_000 + worker * 10_000_000;
                while (System.nanoTime() < end) {
                    ArrayNode rows = Json.mapper().createArrayNode();
                    int n = 1 + random.nextInt(1000);
                    for (int i = 0; i < n; i++) {
                        int id = next++;
                        posted.put(id, true);
                        rows.addObject().put("id", id).put("name", "Soak " + id)
                                .put("datetime", "2021-0" + (1 + id % 9) + "-15T12:00:00Z")
                                .put("department_id", 1 + id % 12).put("job_id", 1 + id % 183);
                    }
                    HttpResponse<String> r = api.post("/employees", "application/json", rows.toString());
                    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
                    posts.incrementAndGet();
                }
            }));
        }
        for (int w = 0; w < 2; w++) {
            int reader = w;
            workers.add(pool.submit(() -> {
                Random random = new Random(seed + 100 + reader);
                while (System.nanoTime() < end) {
                    Page<Employee> page = client.employees(1 + random.nextInt(50), 100);
                    // The bulk rows are in before the readers start and no row is ever deleted.
                    assertThat(page.total()).isGreaterThanOrEqualTo(BULK_ROWS);
                    assertThat(page.items()).hasSize(100).extracting(Employee::id).isSorted();
                    assertThat(client.hiredByQuarter2021(1, 1000).items()).isNotEmpty();
                    reads.incrementAndGet();
                }
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        pool.shutdown();

        long expected = BULK_ROWS + posted.size();
        long actual = client.employees(1, 1).total();
        long inQuarters = client.allHiredByQuarter2021().stream().mapToLong(HiredByQuarter::q1).sum()
                + client.allHiredByQuarter2021().stream().mapToLong(h -> h.q2() + h.q3() + h.q4()).sum();
        long plain2021;
        try (Connection c = EmbeddedServices.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select count(*) from employee where hire_date >= '2021-01-01Z' and hire_date < '2022-01-01Z'")) {
            rs.next();
            plain2021 = rs.getLong(1);
        }
        System.out.printf("%nsoak: %d s, %d S3 loads (%d refused while one ran), %d posts, %d reads; "
                        + "employees %d (expected %d), 2021 hires in the metric %d (plain SQL %d)%n",
                length.toSeconds(), loads.get(), conflicts.get(), posts.get(), reads.get(), actual, expected,
                inQuarters, plain2021);
        assertThat(actual).isEqualTo(expected);
        assertThat(inQuarters).isEqualTo(plain2021);
        assertThat(loads.get()).isPositive();
        assertThat(client.loads(1, 1).items().get(0).status().finished()).isTrue();
        // Forced: the bulk file is loaded already, and a plain call would skip it.
        LoadReport last = client.load(TableName.EMPLOYEES, null, false, true);
        assertThat(last.unchanged()).isEqualTo(BULK_ROWS);
    }
}
