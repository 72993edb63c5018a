package io.hireload.admin.tables;

import io.hireload.model.Page;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class IdSearchTest {

    /** A table of these ids, paged as the server pages it, counting the requests. */
    private static final class Table implements IntFunction<Page<Integer>> {
        final List<Integer> ids;
        final int size;
        final List<Integer> asked = new ArrayList<>();

        Table(List<Integer> ids, int size) {
            this.ids = ids;
            this.size = size;
        }

        @Override
        public Page<Integer> apply(int page) {
            asked.add(page);
            int from = Math.min(ids.size(), (page - 1) * size);
            int to = Math.min(ids.size(), from + size);
            return Page.of(ids.subList(from, to), page, size, ids.size());
        }
    }

    @Test
    void denseIdsAreFoundWithOneRequest() {
        Table table = new Table(IntStream.rangeClosed(1, 1929).boxed().toList(), 50);
        var found = IdSearch.locate(1234, 50, table, Integer::intValue).orElseThrow();
        assertThat(found.page().page()).isEqualTo(25);
        assertThat(found.page().items().get(found.index())).isEqualTo(1234);
        assertThat(table.asked).containsExactly(25);
    }

    @Test
    void sparseIdsAreFoundByBinarySearch() {
        List<Integer> ids = IntStream.rangeClosed(1, 10_000).map(i -> i * 7).boxed().toList();
        Table table = new Table(ids, 100);
        var found = IdSearch.locate(7 * 8_765, 100, table, Integer::intValue).orElseThrow();
        assertThat(found.page().page()).isEqualTo(88);
        assertThat(table.asked.size()).isLessThanOrEqualTo(9);
    }

    @Test
    void missingIdsAreReportedAsMissing() {
        List<Integer> ids = IntStream.rangeClosed(1, 500).map(i -> i * 2).boxed().toList();
        assertThat(IdSearch.locate(301, 50, new Table(ids, 50), Integer::intValue)).isEmpty();
        assertThat(IdSearch.locate(5000, 50, new Table(ids, 50), Integer::intValue)).isEmpty();
        assertThat(IdSearch.locate(0, 50, new Table(ids, 50), Integer::intValue)).isEmpty();
        assertThat(IdSearch.locate(1, 50, new Table(List.of(), 50), Integer::intValue)).isEmpty();
    }
}
