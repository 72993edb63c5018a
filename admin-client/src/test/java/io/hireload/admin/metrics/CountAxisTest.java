package io.hireload.admin.metrics;

import io.hireload.model.HiredByQuarter;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The drill-down's bars and the count axis's ticks: whole numbers, few enough to read. */
class CountAxisTest {

    @Test
    void ticksAreWholeStepsOfOneTwoOrFiveTimesAPowerOfTen() {
        assertThat(IntegerAxis.step(2)).isEqualTo(1);
        assertThat(IntegerAxis.step(8)).isEqualTo(1);
        assertThat(IntegerAxis.step(9)).isEqualTo(2);
        assertThat(IntegerAxis.step(37)).isEqualTo(5);
        assertThat(IntegerAxis.step(70)).isEqualTo(10);
        assertThat(IntegerAxis.step(123_782)).isEqualTo(20_000);
        for (int top = 1; top < 100_000; top += 37) {
            double step = IntegerAxis.step(top);
            assertThat(step % 1).isZero();
            assertThat(top / step).isLessThanOrEqualTo(IntegerAxis.TICKS);
        }
    }

    @Test
    void aDepartmentWithManyJobsShowsItsTopFifteenAndTheRestAsOneBar() {
        List<HiredByQuarter> rows = new ArrayList<>();
        for (int job = 1; job <= 70; job++) {
            rows.add(new HiredByQuarter("Engineering", "Job " + job, job, 0, 0, 0));
        }
        rows.add(new HiredByQuarter("Legal", "Counsel", 1, 1, 0, 0));

        List<QuarterTotals> bars = HiringFigures.jobsOf(rows, "Engineering");

        assertThat(bars).hasSize(HiringFigures.TOP_JOBS + 1);
        assertThat(bars.get(0).label()).isEqualTo("Job 70");
        assertThat(bars.get(14).label()).isEqualTo("Job 56");
        assertThat(bars.get(15).label()).isEqualTo("all others (55 jobs)");
        assertThat(bars.get(15).total()).isEqualTo((55 * 56) / 2); // jobs 1..55
        assertThat(bars.stream().mapToInt(QuarterTotals::total).sum()).isEqualTo(70 * 71 / 2);
        assertThat(HiringFigures.jobsOf(rows, "Legal")).extracting(QuarterTotals::label).containsExactly("Counsel");
    }
}
