package io.hireload.load.indexes;

import com.fasterxml.jackson.databind.JsonNode;
import io.hireload.support.Api;
import io.hireload.support.EmbeddedServices;
import io.hireload.support.EmployeeIndexes;
import io.hireload.support.GeneratedEmployees;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import jakarta.inject.Inject;
import jakarta.ws.rs.client.WebTarget;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Loads through real HTTP that set the employee table's secondary indexes aside and build them
 * after the data, or keep them: the decision, the operator's word, the report, and the indexes
 * back, valid and as the migrations defined them, whatever the load did.
 */
@ExtendWith(EmbeddedServices.class)
@HelidonTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InitialLoadIndexesTest {
    private static Map<String, String> migrated;

    private final Api api;

    @Inject
    InitialLoadIndexesTest(WebTarget target) {
        this.api = new Api(target);
    }

    @Test
    @Order(1)
    void aLoadIntoTheEmptyTableDefersItsIndexesAndEndsWithThemBack() throws SQLException {
        // The server has migrated its database (the container starts before the first test).
        migrated = EmployeeIndexes.now();
        assertThat(migrated).as("the key and the secondary indexes of V1 and V15")
                .containsKeys("employee_pkey", "employee_hire_date_idx", "employee_department_idx", "employee_job_idx");
        JsonNode all = api.ok("POST", "/all-tables/batch", null, null);
        JsonNode employees = all.path("loads").get(2);
        assertThat(employees.path("table").asText()).isEqualTo("employees");
        assertThat(employees.path("status").asText()).isEqualTo("succeeded");
        assertThat(employees.path("inserted").asLong()).isEqualTo(1929);
        assertThat(employees.path("rejected").asLong()).isEqualTo(70);
        assertThat(employees.path("indexes").asText()).isEqualTo("deferred");
        assertThat(employees.path("index_rebuild_ms").isIntegralNumber()).as(employees.toString()).isTrue();
        assertThat(all.path("loads").get(0).path("indexes").asText()).as("departments: empty too").isEqualTo("deferred");
        assertThat(EmployeeIndexes.now()).isEqualTo(migrated);
        assertThat(EmployeeIndexes.setAside()).isZero();
        assertThat(EmployeeIndexes.autovacuum()).as("autovacuum, paused during the load, is back").isNull();
        assertThat(api.json("/employees?name=Employee&size=1").path("total").asLong()).isGreaterThanOrEqualTo(0);
    }

    @Test
    @Order(2)
    void theOperatorKeepsThemOrDefersThemWhateverTheRuleSays() throws SQLException {
        JsonNode kept = api.ok("POST", "/employees/batch?force=true&indexes=kept", null, null);
        assertThat(kept.path("indexes").asText()).isEqualTo("kept");
        assertThat(kept.path("index_rebuild_ms").isNull()).isTrue();
        assertThat(kept.path("unchanged").asLong()).isEqualTo(1929);

        JsonNode deferred = api.ok("POST", "/employees/batch?force=true&indexes=deferred", null, null);
        assertThat(deferred.path("indexes").asText()).isEqualTo("deferred");
        assertThat(deferred.path("unchanged").asLong()).isEqualTo(1929);
        assertThat(deferred.path("index_rebuild_ms").asLong(-1)).isGreaterThanOrEqualTo(0);
        assertThat(EmployeeIndexes.now()).isEqualTo(migrated);

        // An operator's own autovacuum setting for the table is theirs: a deferred load leaves it as it was.
        EmployeeIndexes.setAutovacuum(true);
        try {
            JsonNode again = api.ok("POST", "/employees/batch?force=true&indexes=deferred", null, null);
            assertThat(again.path("indexes").asText()).isEqualTo("deferred");
            assertThat(EmployeeIndexes.autovacuum()).isEqualTo("autovacuum_enabled=true");
        } finally {
            EmployeeIndexes.setAutovacuum(null);
        }

        JsonNode dry = api.ok("POST", "/employees/batch?force=true&dry_run=true&indexes=deferred", null, null);
        assertThat(dry.path("indexes").asText()).as("a dry run writes nothing").isEqualTo("kept");
        assertThat(api.json("/loads/" + deferred.path("load_id").asLong()).path("indexes").asText()).isEqualTo("deferred");
    }

    @Test
    @Order(3)
    void aLoadFarSmallerThanTheTableKeepsThem() throws SQLException {
        api.ok("POST", "/employees", "text/csv", new String(GeneratedEmployees.csv(100_001, 101_000)));
        EmbeddedServices.s3().put(EmbeddedServices.bucket(), "employees/zz-small.csv",
                GeneratedEmployees.csv(200_001, 200_010));
        JsonNode small = api.ok("POST", "/employees/batch", null, null);
        assertThat(small.path("inserted").asLong()).isEqualTo(10);
        assertThat(small.path("indexes").asText()).isEqualTo("kept");
        assertThat(EmployeeIndexes.now()).isEqualTo(migrated);
    }

    @Test
    @Order(4)
    void anyOtherWordIsABadRequestThatChangesNothing() {
        for (String bad : new String[]{"Deferred", "KEPT", "", "drop", "deferred,kept"}) {
            HttpResponse<String> answer = api.call("POST", "/employees/batch?indexes=" + bad, null, null);
            assertThat(answer.statusCode()).as(bad).isEqualTo(400);
            assertThat(answer.body()).contains("indexes must be deferred or kept");
        }
        HttpResponse<String> all = api.call("POST", "/all-tables/batch?indexes=none", null, null);
        assertThat(all.statusCode()).isEqualTo(400);
    }
}
