package io.hireload.rows;

import io.hireload.model.Employee;
import io.hireload.model.TableName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Each data rule of SPEC section 2, with the reason a person reads. */
class RowRulesTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "x,Harold,2021-11-07T02:48:42Z,2,96 | id is not an integer: 'x'",
            "0,Harold,2021-11-07T02:48:42Z,2,96 | id must be greater than 0: 0",
            "-4,Harold,2021-11-07T02:48:42Z,2,96 | id must be greater than 0: -4",
            "99999999999,Harold,2021-11-07T02:48:42Z,2,96 | id is not an integer: '99999999999'",
            "1,,2021-11-07T02:48:42Z,2,96 | name is empty",
            "1,Harold,,2,96 | datetime is empty",
            "1,Harold,2021-11-07T02 48 42Z,2,96 | datetime is not an ISO-8601 date and time: '2021-11-07T02 48 42Z' (expected like 2021-07-27T16:02:08Z)",
            "1,Harold,2021-11-07T02:48:42,2,96 | datetime has no time zone: '2021-11-07T02:48:42' (add Z or an offset such as -03:00)",
            "1,Harold,2021-11-07T02:48:42Z,,96 | department_id is empty",
            "1,Harold,2021-11-07T02:48:42Z,2, | job_id is empty",
            "1,,,, | name is empty; datetime is empty; department_id is empty; job_id is empty",
    })
    void aRowThatBreaksARuleIsRejectedWithEveryReason(String line, String reason) {
        Checked checked = check(TableName.EMPLOYEES, line);
        assertThat(checked).isInstanceOfSatisfying(Checked.Rejected.class, r -> assertThat(r.reason()).isEqualTo(reason));
    }

    @Test
    void offsetsAndFractionalSecondsAreStoredAsTheSameInstantInUtc() {
        Checked checked = check(TableName.EMPLOYEES, "1,Harold,2021-07-27T13:02:08.123456789-03:00,2,96");
        assertThat(checked).isInstanceOfSatisfying(Checked.Valid.class, v -> assertThat(((Employee) v.value()).datetime())
                .isEqualTo(Instant.parse("2021-07-27T16:02:08.123456Z")));
    }

    @Test
    void textOfAtMost255CharactersIsKeptAndLongerIsRejected() {
        assertThat(check(TableName.JOBS, "1," + "a".repeat(255))).isInstanceOf(Checked.Valid.class);
        assertThat(check(TableName.JOBS, "1," + "a".repeat(256)))
                .isInstanceOfSatisfying(Checked.Rejected.class, r ->
                        assertThat(r.reason()).isEqualTo("job is longer than 255 characters (256)"));
    }

    @Test
    void aRowWithTheWrongNumberOfFieldsSaysWhichWereExpected() {
        assertThat(check(TableName.DEPARTMENTS, "1,a,b")).isInstanceOfSatisfying(Checked.Rejected.class, r ->
                assertThat(r.reason()).isEqualTo("expected 2 fields (id,department), found 3"));
    }

    @Test
    void headersAreRecognisedInAnyCaseAndWithTheSeedsHireDate() {
        assertThat(Columns.isHeader(TableName.EMPLOYEES, List.of("ID", "Name", "hire_date", "department_id", "JOB_ID"))).isTrue();
        assertThat(Columns.isHeader(TableName.EMPLOYEES, List.of("1", "Name", "hire_date", "department_id", "JOB_ID"))).isFalse();
    }

    private static Checked check(TableName table, String line) {
        return RowRules.check(table, new SourceRow("t.csv", 1, line, Arrays.asList(line.split(",", -1))));
    }
}
