package io.hireload.rows;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Duplicates are found and pointed at, whether ids are dense (pages) or scattered (hash table). */
class DuplicateIdsTest {

    @Test
    void aRepeatedIdPointsAtItsFirstLineAndFile() {
        DuplicateIds seen = new DuplicateIds();
        assertThat(seen.firstSeen(7, row("a.csv", 3))).isNull();
        assertThat(seen.firstSeen(8, row("a.csv", 4))).isNull();
        assertThat(seen.firstSeen(7, row("a.csv", 9))).isEqualTo("line 3");
        assertThat(seen.firstSeen(8, row("b.csv", 1))).isEqualTo("line 4 of a.csv");
        assertThat(seen.firstSeen(5, row(SourceRow.JSON_BODY, 2))).isNull();
        assertThat(seen.firstSeen(5, row(SourceRow.JSON_BODY, 6))).isEqualTo("item 2");
    }

    @Test
    void denseAndScatteredIdsGiveTheSameAnswers() {
        for (boolean dense : List.of(true, false)) {
            DuplicateIds seen = new DuplicateIds();
            Random random = new Random(11);
            int[] ids = new int[200_000];
            java.util.Set<Integer> drawn = new java.util.HashSet<>();
            for (int i = 0; i < ids.length; i++) {
                int id;
                do {
                    id = dense ? i + 1 : 1 + random.nextInt(Integer.MAX_VALUE - 1);
                } while (!drawn.add(id));
                ids[i] = id;
                assertThat(seen.firstSeen(ids[i], row("f.csv", i + 1))).as("new id %d", ids[i]).isNull();
            }
            for (int i = 0; i < ids.length; i += 997) {
                assertThat(seen.firstSeen(ids[i], row("f.csv", 999_999))).isEqualTo("line " + (i + 1));
            }
        }
    }

    private static SourceRow row(String file, long line) {
        return new SourceRow(file, line, "", List.of());
    }
}
