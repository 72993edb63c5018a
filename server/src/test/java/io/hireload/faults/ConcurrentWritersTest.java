package io.hireload.faults;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.hireload.client.HireloadClient;
import io.hireload.model.Json;
import io.hireload.model.LoadReport;
import io.hireload.model.TableName;
import io.hireload.support.Api;
import io.hireload.support.Await;
import io.hireload.support.EmbeddedServices;
import io.hireload.support.SampleDepartmentsAndJobs;
import io.hireload.support.GeneratedEmployees;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import jakarta.inject.Inject;
import jakarta.ws.rs.client.WebTarget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Eight clients post 1000-row batches while a bulk load of the same table runs, some rows in
 * both: every row ends up there once, and the reports' counts add up to what is in the table.
 */
@ExtendWith(EmbeddedServices.class)
@HelidonTest
@SampleDepartmentsAndJobs
class ConcurrentWritersTest {
    private static final int BULK_ROWS = 40_000;
    private static final int CLIENTS = 8;
    private static final int POSTS_PER_CLIENT = 4;

    private final Api api;
    private final HireloadClient client;

    @Inject
    ConcurrentWritersTest(WebTarget target) {
        this.api = new Api(target);
        this.client = api.client();
    }

    @Test
    void postsAndABulkLoadInterleaveWithoutLostRowsOrWrongCounts() throws Exception {
        EmbeddedServices.s3().delete(EmbeddedServices.bucket(), "employees/hired_employees.csv");
        EmbeddedServices.s3().put(EmbeddedServices.bucket(), "employees/big.csv", GeneratedEmployees.csv(BULK_ROWS));

        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        List<CompletableFuture<LoadReport>> posts = new ArrayList<>();
        long bulkId = client.startLoad(TableName.EMPLOYEES, 200, false).loadId();
        for (int c = 0; c < CLIENTS; c++) {
            for (int p = 0; p < POSTS_PER_CLIENT; p++) {
                // Half of each client's rows are new; half are rows of the bulk file, identical.
                int firstNew = 100_000 + (c * POSTS_PER_CLIENT + p) * 500;
                int firstShared = 1 + (c * POSTS_PER_CLIENT + p) * 500;
                posts.add(CompletableFuture.supplyAsync(() -> post(firstNew, firstShared), pool));
            }
        }
        List<LoadReport> reports = new ArrayList<>();
        for (CompletableFuture<LoadReport> post : posts) {
            reports.add(post.join());
        }
        pool.shutdown();
        LoadReport bulk = Await.loadFinished(client, bulkId, Duration.ofMinutes(2));
        reports.add(bulk);

        assertThat(bulk.status().wire()).isEqualTo("succeeded");
        long expected = BULK_ROWS + (long) CLIENTS * POSTS_PER_CLIENT * 500;
        assertThat(client.employees(1, 1).total()).isEqualTo(expected);
        assertThat(reports.stream().mapToLong(LoadReport::inserted).sum()).as("every row inserted exactly once").isEqualTo(expected);
        assertThat(reports.stream().mapToLong(LoadReport::updated).sum()).isZero();
        assertThat(reports.stream().mapToLong(LoadReport::rejected).sum()).isZero();
    }

    private LoadReport post(int firstNew, int firstShared) {
        ArrayNode rows = Json.mapper().createArrayNode();
        for (int i = 0; i < 500; i++) {
            GeneratedEmployees.addJson(rows, firstNew + i);
            GeneratedEmployees.addJson(rows, firstShared + i);
        }
        HttpResponse<String> response = api.post("/employees", "application/json", rows.toString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        try {
            return Json.mapper().readValue(response.body(), LoadReport.class);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
