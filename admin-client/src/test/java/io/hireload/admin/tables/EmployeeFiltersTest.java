package io.hireload.admin.tables;

import io.hireload.model.EmployeeSearch;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmployeeFiltersTest {

    @Test
    void blankFieldsDoNotFilterAndDatesCoverWholeDaysInUtc() {
        assertThat(EmployeeFilters.parse(" ", "", null, "", "")).isEqualTo(EmployeeSearch.NONE);
        EmployeeSearch search = EmployeeFilters.parse(" Ana Vogt ", "2", "96", "2021-01-01", "2021-12-31");
        assertThat(search).isEqualTo(new EmployeeSearch("Ana Vogt", 2, 96, Instant.parse("2021-01-01T00:00:00Z"),
                Instant.parse("2022-01-01T00:00:00Z")));
        assertThat(EmployeeFilters.parse(null, null, null, "2021-07-27T13:02:08-03:00", null).hiredFrom())
                .isEqualTo(Instant.parse("2021-07-27T16:02:08Z"));
        assertThat(search.query()).isEqualTo("&name=Ana+Vogt&department_id=2&job_id=96"
                + "&hired_from=2021-01-01T00%3A00%3A00Z&hired_to=2022-01-01T00%3A00%3A00Z");
    }

    @Test
    void aValueTheServerWouldRefuseIsSaidBeforeAnyRequest() {
        assertThatThrownBy(() -> EmployeeFilters.parse(null, "two", null, null, null))
                .hasMessage("The department id must be a whole number above 0, not 'two'.");
        assertThatThrownBy(() -> EmployeeFilters.parse(null, null, "0", null, null))
                .hasMessageStartingWith("The job id must be a whole number above 0");
        assertThatThrownBy(() -> EmployeeFilters.parse(null, null, null, "2021-07-27T16:02:08", null))
                .hasMessageStartingWith("The hired from must be a date (2021-07-27) or an instant with a zone");
    }
}
