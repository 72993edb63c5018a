package io.hireload.rows;

import io.hireload.model.TableName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** When a file's first rows say it belongs to another table, and when they do not. */
class FieldCountsTest {

    @Test
    void aJobsFileInEmployeesIsNamedByItsFieldCountOrByItsHeader() {
        assertThat(FieldCounts.mismatch(TableName.EMPLOYEES, rows("1,Marketing Assistant\n2,VP Sales\n")))
                .isEqualTo("e.csv line 1: 5 fields expected for employees, found 2: is this a departments or jobs file?"
                        + " (and so in each of its first 2 rows); nothing of the file was loaded");
        assertThat(FieldCounts.mismatch(TableName.EMPLOYEES, rows("\nid,job\n1,Marketing Assistant\n")))
                .startsWith("e.csv line 2: 5 fields expected for employees, found 2: is this a jobs file?");
        assertThat(FieldCounts.mismatch(TableName.JOBS, rows("1,Ana,2021-01-01T00:00:00Z,1,1\n")))
                .isEqualTo("e.csv line 1: 2 fields expected for jobs, found 5: is this an employees file? (its only row);"
                        + " nothing of the file was loaded");
    }

    @Test
    void oneRowOfTheRightCountAmongTheFirstFiveAndTheFileIsReadAsUsual() {
        assertThat(FieldCounts.mismatch(TableName.JOBS, rows("1,a,x\n2,b,y\n3,c,z\n4,d,w\n5,e\n6,f,v\n"))).isNull();
        assertThat(FieldCounts.mismatch(TableName.JOBS, rows("id,job\n"))).isNull();
    }

    @Test
    void blankAndOverLongLinesDoNotCountAndAFileWithoutRowsIsNotJudged() {
        List<SourceRow> rows = new ArrayList<>(rows("\n,\n"));
        rows.add(SourceRow.unreadable("e.csv", 3, "xxx", "too long"));
        assertThat(FieldCounts.mismatch(TableName.JOBS, rows)).isNull();
        rows.addAll(rows("1,a,b\n"));
        assertThat(FieldCounts.mismatch(TableName.JOBS, rows)).startsWith("e.csv line 1: 2 fields expected for jobs, found 3");
    }

    private static List<SourceRow> rows(String csv) {
        return CsvRowReaderTest.read(csv).stream()
                .map(r -> new SourceRow("e.csv", r.line(), r.raw(), r.fields())).toList();
    }
}
