package io.hireload.load;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.hireload.client.HireloadClient;
import io.hireload.model.Json;
import io.hireload.model.LoadReport;
import io.hireload.model.TableName;
import io.hireload.support.EmbeddedServices;
import io.hireload.support.GeneratedEmployees;
import io.hireload.support.ServerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A database role that may not set session_replication_role (an application role without the
 * grant DEPLOY.md names): the server notices, relies on the foreign-key and metrics triggers, and
 * loads, posts and metrics are as exact as with the set-based checks.
 */
@ExtendWith(EmbeddedServices.class)
class RoleWithoutReplicationTest {
    private static final String ROLE = "hireload_app";

    @Test
    void loadsPostsAndMetricsAreExactThroughThePerRowTriggers() throws Exception {
        try (Connection c = EmbeddedServices.connect(); Statement s = c.createStatement()) {
            s.execute("create role " + ROLE + " login password 'app'");
            s.execute("grant create on schema public to " + ROLE);
        }
        try (ServerProcess server = EmbeddedServices.startServer("app-role",
                Map.of("DATABASE_USER", ROLE, "DATABASE_PASSWORD", "app"))) {
            server.awaitReady(Duration.ofSeconds(120));
            HireloadClient client = server.api().client();
            client.load(TableName.DEPARTMENTS, null, false);
            client.load(TableName.JOBS, null, false);
            LoadReport employees = client.load(TableName.EMPLOYEES, null, false);
            assertThat(employees.inserted()).isEqualTo(1929);
            assertThat(employees.rejected()).isEqualTo(70);

            ArrayNode rows = Json.mapper().createArrayNode();
            for (int id = 100_001; id <= 100_100; id++) {
                GeneratedEmployees.addJson(rows, id);
            }
            rows.addObject().put("id", 100_101).put("name", "Nowhere").put("datetime", "2021-03-01T00:00:00Z")
                    .put("department_id", 99).put("job_id", 1);
            HttpResponse<String> post = server.api().post("/employees", "application/json", rows.toString());
            assertThat(post.statusCode()).as(post.body()).isEqualTo(200);
            LoadReport posted = Json.mapper().readValue(post.body(), LoadReport.class);
            assertThat(posted.inserted()).isEqualTo(100);
            assertThat(posted.rejectedRows()).singleElement()
                    .satisfies(r -> assertThat(r.reason()).contains("unknown department_id 99"));

            assertThat(server.logText()).contains("may not set session_replication_role");
            assertThat(client.employees(1, 1).total()).isEqualTo(2029);
            assertThat(metricTotal(client)).as("2021 hires in the metric = plain SQL").isEqualTo(hiresIn2021());
        }
    }

    private static long metricTotal(HireloadClient client) {
        return client.hiredByQuarter(2021, 1, 1000).items().stream()
                .mapToLong(q -> (long) q.q1() + q.q2() + q.q3() + q.q4()).sum();
    }

    private static long hiresIn2021() throws Exception {
        try (Connection c = EmbeddedServices.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select count(*) from employee "
                     + "where hire_date >= '2021-01-01T00:00:00Z' and hire_date < '2022-01-01T00:00:00Z'")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
