package io.hireload.admin.fix;

import io.hireload.model.TableName;
import io.hireload.rows.RowRules;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The client's live check of a row being fixed (the server's own rules, from shared-model), and its raw text split into fields and back. */
class FixRowCheckTest {

    @Test
    void aGoodRowHasNoProblem() {
        assertThat(RowRules.reason(TableName.EMPLOYEES, List.of("2", "Ty Hofer", "2021-05-30T05:43:46Z", "8", "96")))
                .isNull();
        assertThat(RowRules.reason(TableName.JOBS, List.of("7", "Recruiter"))).isNull();
        assertThat(RowRules.reason(TableName.EMPLOYEES, List.of("2", "A", "2021-07-27T13:02:08.123456-03:00", "1", "1")))
                .isNull();
    }

    @Test
    void eachRuleSaysWhatIsWrongInTheServersWords() {
        assertThat(RowRules.reason(TableName.EMPLOYEES, List.of("2", "Ty Hofer", "2021-05-30T05:43:46Z", "8", "")))
                .isEqualTo("job_id is empty");
        assertThat(RowRules.reason(TableName.EMPLOYEES, List.of("x", " ", "2021-05-30T05:43:46", "0", "99999999999")))
                .isEqualTo("id is not an integer: 'x'; name is empty; datetime has no time zone: '2021-05-30T05:43:46' "
                        + "(add Z or an offset such as -03:00); department_id must be greater than 0: 0; "
                        + "job_id is too large: 99999999999 (at most 2147483647)");
        assertThat(RowRules.reason(TableName.DEPARTMENTS, List.of("1", "x".repeat(256))))
                .isEqualTo("department is longer than 255 characters (256)");
        assertThat(RowRules.reason(TableName.EMPLOYEES, List.of("1", "A", "1899-12-31T23:59:59Z", "1", "1")))
                .contains("datetime 1899-12-31T23:59:59Z is before");
        assertThat(RowRules.reason(TableName.EMPLOYEES, List.of("1", "A", "2021-01-01T00:00:00.1234567Z", "1", "1")))
                .contains("7 fractional digits");
        assertThat(RowRules.reason(TableName.EMPLOYEES, List.of("1", "A", "27/07/2021", "1", "1")))
                .contains("is not an ISO-8601 date and time");
    }

    @Test
    void rawTextSplitsLikeTheServersCsvAndJoinsBackQuoted() {
        assertThat(RawFields.split("2,Ty Hofer,2021-05-30T05:43:46Z,8,", 5))
                .containsExactly("2", "Ty Hofer", "2021-05-30T05:43:46Z", "8", "");
        assertThat(RawFields.split("3,\"Smith, Jr.\" ,2021-01-01T00:00:00Z,1,\"say \"\"hi\"\"\"", 5))
                .containsExactly("3", "Smith, Jr.", "2021-01-01T00:00:00Z", "1", "say \"hi\"");
        assertThat(RawFields.split("4;Audit", 2)).containsExactly("4", "Audit");
        assertThat(RawFields.split("5", 2)).containsExactly("5", "");
        assertThat(RawFields.split("6,a,b", 2)).containsExactly("6", "a,b");
        assertThat(RawFields.join(List.of("3", " Smith, Jr. ", "say \"hi\"", "plain")))
                .isEqualTo("3,\"Smith, Jr.\",\"say \"\"hi\"\"\",plain");
    }

    @Test
    void theServersLinePrefixIsDroppedFromItsReason() {
        assertThat(FixRowsModel.reasonOnly("line 67: unknown department_id 999")).isEqualTo("unknown department_id 999");
        assertThat(FixRowsModel.reasonOnly("item 2: job_id is empty")).isEqualTo("job_id is empty");
        assertThat(FixRowsModel.reasonOnly("duplicate id 42")).isEqualTo("duplicate id 42");
    }
}
