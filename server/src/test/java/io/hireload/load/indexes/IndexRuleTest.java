package io.hireload.load.indexes;

import io.hireload.failure.Failure;
import io.hireload.model.IndexMode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IndexRuleTest {
    private static final long MB = 1 << 20;

    @Test
    void anEmptyTableOrALoadAtLeastAsLargeAsTheTableDefersTheIndexes() {
        assertThat(IndexRule.decide(null, false, true, true, 500 * MB, MB)).isEqualTo(IndexMode.DEFERRED);
        assertThat(IndexRule.decide(null, false, true, false, 140 * MB, 100 * MB)).isEqualTo(IndexMode.DEFERRED);
        assertThat(IndexRule.decide(null, false, true, false, 140 * MB, 99 * MB)).isEqualTo(IndexMode.KEPT);
        assertThat(IndexRule.decide(null, false, true, false, 130 * MB, 10 * MB)).isEqualTo(IndexMode.KEPT);
    }

    @Test
    void theOperatorDecidesEitherWayButADryRunNeverTouchesTheIndexes() {
        assertThat(IndexRule.decide(IndexMode.KEPT, false, true, true, 0, MB)).isEqualTo(IndexMode.KEPT);
        assertThat(IndexRule.decide(IndexMode.DEFERRED, false, true, false, 500 * MB, MB)).isEqualTo(IndexMode.DEFERRED);
        assertThat(IndexRule.decide(IndexMode.DEFERRED, true, true, true, 0, MB)).isEqualTo(IndexMode.KEPT);
        assertThat(IndexRule.decide(null, true, true, true, 0, MB)).isEqualTo(IndexMode.KEPT);
        assertThat(IndexRule.decide(IndexMode.DEFERRED, false, false, true, 0, MB))
                .as("a role without the owner's set-aside functions (V22) keeps them").isEqualTo(IndexMode.KEPT);
    }

    @Test
    void theParameterIsOneOfTwoWordsExactly() {
        assertThat(IndexParam.parse(null)).isNull();
        assertThat(IndexParam.parse("deferred")).isEqualTo(IndexMode.DEFERRED);
        assertThat(IndexParam.parse("kept")).isEqualTo(IndexMode.KEPT);
        for (String bad : new String[]{"", "Deferred", "KEPT", " kept", "defer", "true"}) {
            assertThatThrownBy(() -> IndexParam.parse(bad)).isInstanceOf(Failure.InvalidInput.class)
                    .hasMessageContaining("indexes must be deferred or kept");
        }
    }
}
