package io.hireload.admin.metrics;

import io.hireload.model.HiredByQuarter;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HiringFiguresTest {
    static final List<HiredByQuarter> ROWS = List.of(
            new HiredByQuarter("Accounting", "Account Representative IV", 1, 0, 0, 0),
            new HiredByQuarter("Accounting", "Actuary", 0, 1, 0, 0),
            new HiredByQuarter("Staff", "Data Analyst", 2, 3, 0, 4),
            new HiredByQuarter("Support", "General Manager", 0, 0, 5, 0));

    @Test
    void addsJobsUpPerDepartmentInTheServersOrder() {
        assertThat(HiringFigures.byDepartment(ROWS)).containsExactly(
                new QuarterTotals("Accounting", 1, 1, 0, 0),
                new QuarterTotals("Staff", 2, 3, 0, 4),
                new QuarterTotals("Support", 0, 0, 5, 0));
    }

    @Test
    void drillsIntoOneDepartmentsJobs() {
        assertThat(HiringFigures.jobsOf(ROWS, "Accounting")).extracting(QuarterTotals::label)
                .containsExactly("Account Representative IV", "Actuary");
        assertThat(HiringFigures.rowsOf(ROWS, "Staff")).hasSize(1);
        assertThat(HiringFigures.rowsOf(ROWS, null)).hasSize(4);
    }
}
