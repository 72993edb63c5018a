package io.hireload.model;

import com.fasterxml.jackson.core.type.TypeReference;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The wire format integrators see: snake_case keys named as the CSV columns, ISO-8601 instants. */
class JsonTest {

    @Test
    void employeesTravelWithTheCsvColumnNames() throws Exception {
        Employee employee = new Employee(1, "Harold Vogt", Instant.parse("2021-11-07T02:48:42Z"), 2, 96);
        String json = Json.mapper().writeValueAsString(employee);
        assertThat(json).isEqualTo("{\"id\":1,\"name\":\"Harold Vogt\",\"datetime\":\"2021-11-07T02:48:42Z\","
                + "\"department_id\":2,\"job_id\":96}");
        assertThat(Json.mapper().readValue(json, Employee.class)).isEqualTo(employee);
    }

    @Test
    void pagesKeepTheEnvelopeKeysAndTheirItems() throws Exception {
        Page<Job> page = Page.of(List.of(new Job(1, "Marketing Assistant")), 2, 1, 183);
        String json = Json.mapper().writeValueAsString(page);
        assertThat(json).contains("\"page\":2", "\"size\":1", "\"total\":183", "\"pages\":183");
        assertThat(Json.mapper().readValue(json, new TypeReference<Page<Job>>() { })).isEqualTo(page);
    }

    @Test
    void pageCountRoundsUpAndIsZeroForNoRows() {
        assertThat(Page.pagesFor(1929, 50)).isEqualTo(39);
        assertThat(Page.pagesFor(1900, 50)).isEqualTo(38);
        assertThat(Page.pagesFor(0, 50)).isZero();
    }

    @Test
    void loadStatusIsLowerCaseOnTheWire() throws Exception {
        assertThat(Json.mapper().writeValueAsString(LoadStatus.INTERRUPTED)).isEqualTo("\"interrupted\"");
        assertThat(Json.mapper().readValue("\"succeeded\"", LoadStatus.class)).isEqualTo(LoadStatus.SUCCEEDED);
    }
}
