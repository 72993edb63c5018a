package io.hireload.load;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.hireload.client.HireloadClient;
import io.hireload.model.Json;
import io.hireload.model.LoadReport;
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
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Employee batches check their departments and jobs themselves and skip PostgreSQL's per-row
 * foreign-key triggers (ReferenceChecks); they must still never leave an employee whose
 * department is gone, the guarantee the foreign key gives.
 */
@ExtendWith(EmbeddedServices.class)
@HelidonTest
@SampleDepartmentsAndJobs
class ReferenceLocksTest {
    private static final int ROWS = 120;
    private static final int IN_DEPARTMENT_12 = ROWS / 12;

    private final Api api;
    private final HireloadClient client;

    @Inject
    ReferenceLocksTest(WebTarget target) {
        this.api = new Api(target);
        this.client = api.client();
    }

    @Test
    void aPostWaitsForADepartmentBeingDeletedAndRejectsItsRowsOnceItIsGone() throws Exception {
        ArrayNode rows = Json.mapper().createArrayNode();
        for (int id = 1; id <= ROWS; id++) {
            GeneratedEmployees.addJson(rows, id);
        }

        try (Connection deleting = EmbeddedServices.connect()) {
            deleting.setAutoCommit(false);
            long deleter;
            try (Statement delete = deleting.createStatement()) {
                assertThat(delete.executeUpdate("delete from department where id = 12")).isOne();
                try (ResultSet pid = delete.executeQuery("select pg_backend_pid()")) {
                    pid.next();
                    deleter = pid.getLong(1);
                }
            }
            CompletableFuture<HttpResponse<String>> post =
                    CompletableFuture.supplyAsync(() -> api.post("/employees", "application/json", rows.toString()));
            Await.until("a server session blocked by the uncommitted delete", Duration.ofSeconds(30),
                    () -> blockedBy(deleter));
            assertThat(post).as("the post waits for the department's delete to commit or roll back").isNotDone();
            deleting.commit();

            HttpResponse<String> response = post.get(30, TimeUnit.SECONDS);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            LoadReport report = Json.mapper().readValue(response.body(), LoadReport.class);
            assertThat(report.inserted()).isEqualTo(ROWS - IN_DEPARTMENT_12);
            assertThat(report.rejected()).isEqualTo(IN_DEPARTMENT_12);
            assertThat(report.rejectedRows()).allSatisfy(r -> assertThat(r.reason()).contains("unknown department_id 12"));
        }
        try (Connection c = EmbeddedServices.connect(); Statement s = c.createStatement();
             ResultSet orphans = s.executeQuery("select count(*) from employee e where not exists "
                     + "(select 1 from department d where d.id = e.department_id)")) {
            orphans.next();
            assertThat(orphans.getLong(1)).as("employees without their department").isZero();
        }
    }

    /** Whether a session of the database waits on a lock that backend {@code pid} holds. */
    private static boolean blockedBy(long pid) throws SQLException {
        try (Connection c = EmbeddedServices.connect();
             PreparedStatement s = c.prepareStatement(
                     "select count(*) from pg_stat_activity where ? = any(pg_blocking_pids(pid))")) {
            s.setInt(1, (int) pid);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1) > 0;
            }
        }
    }
}
