package io.hireload.background;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The start and stop orders, written once in Stage, say what the README and the stop promise. */
class StageTest {
    @Test
    void everyStageStopsOnceAndTheRequestPoolsLast() {
        assertThat(Stage.STOP_ORDER).containsExactlyInAnyOrder(Stage.values()).doesNotHaveDuplicates();
        assertThat(Stage.STOP_ORDER.get(Stage.STOP_ORDER.size() - 1)).isEqualTo(Stage.REQUESTS);
    }

    @Test
    void theStopTakesNoNewWorkThenStopsTheWorkersThenClosesTheListeners() {
        List<Stage> stop = Stage.STOP_ORDER;
        assertThat(stop.indexOf(Stage.AUTO_LOADS)).isLessThan(stop.indexOf(Stage.WORKERS));
        assertThat(stop.indexOf(Stage.WORKERS)).isLessThan(stop.indexOf(Stage.LEASES))
                .isLessThan(stop.indexOf(Stage.HOUSEKEEPING)).isLessThan(stop.indexOf(Stage.SIGNALS));
        assertThat(stop.indexOf(Stage.LEASES)).isLessThan(stop.indexOf(Stage.SIGNALS)).isLessThan(stop.indexOf(Stage.KEYS));
    }

    @Test
    void theSchemaComesFirstAndTheLoadWorkOnlyOnceThePortIsBound() {
        assertThat(Stage.values()[0]).isEqualTo(Stage.SCHEMA);
        assertThat(List.of(Stage.SCHEMA, Stage.KEYS, Stage.COUNTERS, Stage.INDEX_SWEEP))
                .noneMatch(Stage::afterThePort);
        assertThat(List.of(Stage.LEASES, Stage.WORKERS, Stage.SIGNALS, Stage.AUTO_LOADS, Stage.HOUSEKEEPING))
                .allMatch(Stage::afterThePort);
        assertThat(Stage.LEASES).isLessThan(Stage.WORKERS);
        assertThat(Stage.WORKERS).isLessThan(Stage.SIGNALS).isLessThan(Stage.AUTO_LOADS);
    }
}
