package io.hireload.admin.support;

import io.hireload.model.Page;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PagerTest {

    @Test
    void buttonsFollowTheEnvelope() {
        Pager middle = Pager.of(new Page<>(List.of(1, 2), 3, 50, 1929, 39));
        assertThat(middle.hasPrevious()).isTrue();
        assertThat(middle.hasNext()).isTrue();
        assertThat(middle.caption()).isEqualTo("Page 3 of 39 · 1,929 rows");

        Pager last = Pager.of(new Page<>(List.of(1), 39, 50, 1929, 39));
        assertThat(last.hasNext()).isFalse();
        assertThat(last.last()).isEqualTo(39);
    }

    @Test
    void anEmptyTableHasNoWhereToGo() {
        Pager empty = Pager.empty(50);
        assertThat(empty.hasPrevious()).isFalse();
        assertThat(empty.hasNext()).isFalse();
        assertThat(empty.clamp(7)).isEqualTo(1);
        assertThat(empty.caption()).isEqualTo("Page 0 of 0 · 0 rows");
    }

    @Test
    void clampsToPagesTheServerHas() {
        Pager pager = new Pager(2, 50, 120, 3);
        assertThat(pager.clamp(0)).isEqualTo(1);
        assertThat(pager.clamp(4)).isEqualTo(3);
        assertThat(Pager.pageOfIndex(0, 50)).isEqualTo(1);
        assertThat(Pager.pageOfIndex(50, 50)).isEqualTo(2);
        assertThat(Pager.pageOfIndex(149, 25)).isEqualTo(6);
    }
}
