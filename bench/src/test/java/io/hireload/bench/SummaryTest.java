package io.hireload.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** What a reader of {@code make bench}'s output relies on: medians, spread, PASS/MISS, and the baseline's verdicts. */
class SummaryTest {
    private static final String FIGURE = "bulk load 2M rows, HTTP end to end";

    @TempDir
    Path dir;

    @Test
    void aFigureIsTheMedianOfItsRunsWithItsSpreadAndIsHeldToItsTargetByTheMedian() throws IOException {
        Summary summary = runs(0.30, 0.40, 0.32);

        Summary.Row row = summary.rows().get(0);
        assertThat(row.ratio()).isCloseTo(0.32, within(1e-9));
        assertThat(row.met()).isTrue();
        JsonNode figure = read(written(summary)).path("figures").get(0);
        assertThat(figure.path("ratio").asDouble()).isCloseTo(0.32, within(1e-9));
        assertThat(figure.path("ratio_min").asDouble()).isCloseTo(0.30, within(1e-9));
        assertThat(figure.path("ratio_max").asDouble()).isCloseTo(0.40, within(1e-9));
        assertThat(figure.path("target").asText()).isEqualTo("<= 0.35");
        assertThat(figure.path("met").asBoolean()).isTrue();
        assertThat(runs(0.30, 0.40, 0.38).targetsMet()).isFalse();
    }

    @Test
    void aBaselineSaysWhetherEachFigureMovedBeyondNoise() throws IOException {
        Baseline before = Baseline.read(written(runs(0.31, 0.36, 0.33)));
        Summary.Row same = runs(0.30, 0.34, 0.35).rows().get(0);
        Summary.Row worse = runs(0.50, 0.52, 0.55).rows().get(0);
        Summary.Row better = runs(0.20, 0.21, 0.22).rows().get(0);

        assertThat(before.verdict(same)).startsWith("unchanged within noise");
        assertThat(before.verdict(worse)).startsWith("WORSE");
        assertThat(before.verdict(better)).startsWith("better");
        assertThat(before.overall(List.of(same, worse))).isEqualTo("1 of 2 figures moved (1 worse)");
        Results information = new Results(1);
        information.info(FIGURE, 50, "s", "COPY", 100, "s", "");
        Summary moved = new Summary();
        moved.runs.add(information);
        assertThat(before.verdict(moved.rows().get(0))).isEqualTo("higher (0.33 -> 0.50)");
    }

    @Test
    void aBaselineFromBeforeTheRunsIsReadByItsOneRatio() throws IOException {
        Path old = dir.resolve("old.json");
        Files.writeString(old, "{\"machine\": {\"git_commit\": \"34a16b6\"}, \"figures\": [{\"name\": \"" + FIGURE
                + "\", \"ratio\": 0.90, \"target\": \"<= 0.5\", \"met\": false}]}");

        Baseline before = Baseline.read(old);

        assertThat(before.source()).endsWith("(34a16b6)");
        assertThat(before.verdict(runs(0.30).rows().get(0))).isEqualTo("better (0.90 -> 0.30)");
        assertThat(before.verdict(runs(0.95).rows().get(0))).startsWith("unchanged within noise");
    }

    @Test
    void everyPhaseRunsByDefaultTheTwentyMillionRowsIncludedAndAnUnknownNameStopsTheRun() {
        assertThat(BenchPhase.parse(null)).contains(BenchPhase.HUGE, BenchPhase.BULK, BenchPhase.INCREMENTAL);
        assertThat(BenchPhase.parse("huge")).containsExactly(BenchPhase.HUGE);
        assertThatThrownBy(() -> BenchPhase.parse("bulk,20m")).hasMessageContaining("no phase '20m'");
    }

    /** One figure measured once per run against a 100 s reference, at these ratios. */
    private static Summary runs(double... ratios) {
        Summary summary = new Summary();
        for (int i = 0; i < ratios.length; i++) {
            Results run = new Results(i + 1);
            run.figure(FIGURE, ratios[i] * 100, "s", "COPY", 100, "s", Target.INITIAL_VS_COPY, "run " + (i + 1));
            summary.runs.add(run);
        }
        return summary;
    }

    private Path written(Summary summary) throws IOException {
        Path file = Files.createTempFile(dir, "bench-results", ".json");
        summary.write(file);
        return file;
    }

    private static JsonNode read(Path file) throws IOException {
        return new ObjectMapper().readTree(file.toFile());
    }
}
