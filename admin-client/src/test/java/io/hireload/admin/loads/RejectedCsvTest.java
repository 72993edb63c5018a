package io.hireload.admin.loads;

import io.hireload.model.RejectedRow;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RejectedCsvTest {

    @Test
    void quotesWhatWouldBreakTheColumns() {
        String csv = RejectedCsv.format(List.of(
                new RejectedRow("employees/hired_employees.csv", 158, "158,\"Smith, Jr.\",,2,3", "line 158: datetime is empty"),
                new RejectedRow("employees/hired_employees.csv", 200, "200,Ann", "too few fields")));
        assertThat(csv.split("\r\n")).containsExactly(
                "file,line,raw,reason",
                "employees/hired_employees.csv,158,\"158,\"\"Smith, Jr.\"\",,2,3\",line 158: datetime is empty",
                "employees/hired_employees.csv,200,\"200,Ann\",too few fields");
    }

    @Test
    void keepsSurroundingSpacesByQuoting() {
        assertThat(RejectedCsv.quote(" x")).isEqualTo("\" x\"");
        assertThat(RejectedCsv.quote(null)).isEmpty();
    }
}
