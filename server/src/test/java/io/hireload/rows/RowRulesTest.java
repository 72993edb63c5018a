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
            "99999999999,Harold,2021-11-07T02:48:42Z,2,96 | id is too large: 99999999999 (at most 2147483647)",
            "2147483648,Harold,2021-11-07T02:48:42Z,2,96 | id is too large: 2147483648 (at most 2147483647)",
            "-99999999999999999999,Harold,2021-11-07T02:48:42Z,2,96 | id must be greater than 0: -99999999999999999999",
            "١٢,Harold,2021-11-07T02:48:42Z,2,96 | id is not an integer: '١٢'",
            "1.0,Harold,2021-11-07T02:48:42Z,2,96 | id is not an integer: '1.0'",
            "+,Harold,2021-11-07T02:48:42Z,2,96 | id is not an integer: '+'",
            "1,Harold,0001-03-01T00:00:00Z,2,96 | datetime 0001-03-01T00:00:00Z is before 1900-01-01 (allowed: 1900 to 2199, UTC)",
            "1,Harold,1899-12-31T23:59:59.999999Z,2,96 | datetime 1899-12-31T23:59:59.999999Z is before 1900-01-01 (allowed: 1900 to 2199, UTC)",
            "1,Harold,1900-01-01T00:30:00+01:00,2,96 | datetime 1900-01-01T00:30:00+01:00 (1899-12-31T23:30:00Z in UTC) is before 1900-01-01 (allowed: 1900 to 2199, UTC)",
            "1,Harold,2200-01-01T00:00:00Z,2,96 | datetime 2200-01-01T00:00:00Z is after 2199-12-31 (allowed: 1900 to 2199, UTC)",
            "1,Harold,+99999-03-01T10:00:00Z,2,96 | datetime +99999-03-01T10:00:00Z is after 2199-12-31 (allowed: 1900 to 2199, UTC)",
            "1,Harold,-0001-03-01T10:00:00Z,2,96 | datetime -0001-03-01T10:00:00Z is before 1900-01-01 (allowed: 1900 to 2199, UTC)",
            "1,Harold,2021-07-27T16:02:08.1234567Z,2,96 | datetime 2021-07-27T16:02:08.1234567Z has 7 fractional digits (at most 6: microseconds)",
            "1,Harold,2021-07-27T16:02:08.123456000-03:00,2,96 | datetime 2021-07-27T16:02:08.123456000-03:00 has 9 fractional digits (at most 6: microseconds)",
            "1,Harold,2021-07-27T16:02:08.١Z,2,96 | datetime is not an ISO-8601 date and time: '2021-07-27T16:02:08.١Z' (expected like 2021-07-27T16:02:08Z)",
            "1,Harold,2021-07-27T16:02:60Z,2,96 | datetime is not an ISO-8601 date and time: '2021-07-27T16:02:60Z' (expected like 2021-07-27T16:02:08Z)",
            "1,Har\u0000old,2021-07-27T16:02:08Z,2,96 | name contains a NUL character (U+0000) at character 4",
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
        Checked checked = check(TableName.EMPLOYEES, "1,Harold,2021-07-27T13:02:08.123456-03:00,2,96");
        assertThat(checked).isInstanceOfSatisfying(Checked.Valid.class, v -> assertThat(((Employee) v.value()).datetime())
                .isEqualTo(Instant.parse("2021-07-27T16:02:08.123456Z")));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "1900-01-01T00:00:00Z, 1900-01-01T00:00:00Z",
            "1900-01-01T00:00:00-00:30, 1900-01-01T00:30:00Z",
            "2199-12-31T23:59:59.999999Z, 2199-12-31T23:59:59.999999Z",
            "2200-01-01T05:00:00+05:00, 2200-01-01T00:00:00Z",
            "2021-07-27T16:02Z, 2021-07-27T16:02:00Z",
            "2021-07-27t16:02:08z, 2021-07-27T16:02:08Z",
            "2021-07-27T16:02:08.5+18:00, 2021-07-26T22:02:08.5Z",
    })
    void theEdgesOfTheRangeAreInsideItInUtc(String text, String utc) {
        Checked checked = check(TableName.EMPLOYEES, "1,Harold," + text + ",2,96");
        if (utc.startsWith("2200")) {
            assertThat(checked).isInstanceOf(Checked.Rejected.class);
            return;
        }
        assertThat(checked).isInstanceOfSatisfying(Checked.Valid.class, v ->
                assertThat(((Employee) v.value()).datetime()).isEqualTo(Instant.parse(utc)));
    }

    @Test
    void textIsKeptExactlyAsReceivedInsideItsSurroundingWhiteSpace() {
        String odd = "Zoë e\u0301 \uD83D\uDC69\u200D\uD83D\uDCBB \u202Eright-to-left\u202C\t\"quoted\"\u0001";
        assertThat(check(TableName.JOBS, SourceRow.JSON_BODY, "1", "  " + odd + "\u3000"))
                .isInstanceOfSatisfying(Checked.Valid.class, v -> assertThat(((io.hireload.model.Job) v.value()).job())
                        .isEqualTo(odd));
    }

    @Test
    void aLoneSurrogateIsRejectedWithWhereItIs() {
        assertThat(check(TableName.JOBS, SourceRow.JSON_BODY, "1", "ab\uD800c"))
                .isInstanceOfSatisfying(Checked.Rejected.class, r -> assertThat(r.reason())
                        .isEqualTo("job is not valid Unicode: a lone UTF-16 surrogate \\ud800 at character 3"
                                + " (a surrogate must be half of a pair)"));
        assertThat(check(TableName.JOBS, SourceRow.JSON_BODY, "1", "\uD83D\uDE00\uDE00"))
                .isInstanceOfSatisfying(Checked.Rejected.class, r -> assertThat(r.reason()).contains("\\ude00 at character 2"));
        assertThat(check(TableName.JOBS, "jobs/a.csv", "1", "caf" + CsvRowReader.NOT_UTF8))
                .isInstanceOfSatisfying(Checked.Rejected.class, r -> assertThat(r.reason())
                        .isEqualTo("job is not valid UTF-8: bytes that are not UTF-8 at character 4 (save the file as UTF-8)"));
    }

    @Test
    void theLengthLimitCountsCodePointsAsTheDatabaseDoes() {
        String emoji = "\uD83D\uDE00";
        assertThat(check(TableName.JOBS, SourceRow.JSON_BODY, "1", emoji.repeat(255))).isInstanceOf(Checked.Valid.class);
        assertThat(check(TableName.JOBS, SourceRow.JSON_BODY, "1", emoji.repeat(256)))
                .isInstanceOfSatisfying(Checked.Rejected.class, r ->
                        assertThat(r.reason()).isEqualTo("job is longer than 255 characters (256)"));
        assertThat(check(TableName.JOBS, SourceRow.JSON_BODY, "1", "e\u0301".repeat(128)))
                .isInstanceOfSatisfying(Checked.Rejected.class, r ->
                        assertThat(r.reason()).isEqualTo("job is longer than 255 characters (256)"));
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

    private static Checked check(TableName table, String file, String... fields) {
        return RowRules.check(table, new SourceRow(file, 1, String.join(",", fields), Arrays.asList(fields)));
    }

    private static Checked check(TableName table, String line) {
        return RowRules.check(table, new SourceRow("t.csv", 1, line, Arrays.asList(line.split(",", -1))));
    }
}
