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

    @Test
    void aFileInIdOrderKeepsUnderAFifthOfAByteAnIdAndAShuffledOneStillAnswersExactly() {
        int n = 2_000_000;
        DuplicateIds ordered = new DuplicateIds();
        long line = 1; // a header, then now and then a row that is not a new id (rejected, blank)
        for (int id = 1; id <= n; id++) {
            line += id % 29 == 0 ? 2 : 1;
            assertThat(ordered.firstSeen(id, row("f.csv", line))).isNull();
        }
        assertThat(ordered.retainedBytes()).as("bytes for %d ids in order", n).isLessThan(n / 5L);
        assertThat(ordered.firstSeen(n, row("f.csv", line + 1))).isEqualTo("line " + line);
        assertThat(ordered.firstSeen(58, row("f.csv", line + 2))).isEqualTo("line 61");

        // In order, then a jump of many lines in the middle of a page: the page turns to ints, exactly.
        DuplicateIds jumping = new DuplicateIds();
        for (int id = 1; id <= 1024; id++) {
            jumping.firstSeen(id, row("f.csv", id < 500 ? id + 1 : id + 1000));
        }
        assertThat(jumping.firstSeen(1, row("f.csv", 5000))).isEqualTo("line 2");
        assertThat(jumping.firstSeen(499, row("f.csv", 5000))).isEqualTo("line 500");
        assertThat(jumping.firstSeen(500, row("f.csv", 5000))).isEqualTo("line 1500");
        assertThat(jumping.firstSeen(1023, row("f.csv", 5000))).isEqualTo("line 2023");

        Random random = new Random(7);
        int[] shuffled = new int[100_000];
        for (int i = 0; i < shuffled.length; i++) {
            shuffled[i] = i + 1;
        }
        for (int i = shuffled.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = shuffled[i];
            shuffled[i] = shuffled[j];
            shuffled[j] = t;
        }
        DuplicateIds scattered = new DuplicateIds();
        for (int i = 0; i < shuffled.length; i++) {
            scattered.firstSeen(shuffled[i], row(i < 50_000 ? "a.csv" : "b.csv", i + 2));
        }
        for (int i = 0; i < shuffled.length; i += 101) {
            String expected = "line " + (i + 2) + (i < 50_000 ? " of a.csv" : "");
            assertThat(scattered.firstSeen(shuffled[i], row("b.csv", 999_999))).isEqualTo(expected);
        }
    }

    /**
     * Generated files of every shape the pages meet (runs in id order with gaps of ids and of
     * lines, jumps past the page's bound, ids going back, repeats, several files, the largest ids,
     * and, in a quarter of the files, gaps wide enough to turn the pages into a hash table) answer
     * exactly what a plain map of first sightings answers, row by row. Ids are positive, as the
     * data rules let through.
     */
    @Test
    void generatedFilesAnswerAsAMapOfFirstSightingsWould() {
        for (long seed = 1; seed <= 40; seed++) {
            Random random = new Random(seed);
            DuplicateIds seen = new DuplicateIds();
            java.util.Map<Integer, String> first = new java.util.HashMap<>();
            String[] files = {"a.csv", "b.csv", "c.csv"};
            int id = 1 + random.nextInt(5_000);
            long line = 1;
            int file = 0;
            for (int row = 0; row < 60_000; row++) {
                int shape = random.nextInt(1000);
                if (shape < 2 && file < files.length - 1) {
                    file++;
                    line = 1;
                }
                line += shape < 30 ? 1 + random.nextInt(3) : shape < 33 ? 65 + random.nextInt(200) : 1;
                // The file's own course (id), and now and then a row off it: a repeat or one of the largest ids.
                int written;
                if (shape < 900) {
                    written = ++id;
                } else if (shape < 950) {
                    id += 2 + random.nextInt(seed % 4 == 0 ? 20_000 : 40);
                    written = id;
                } else if (shape < 980) {
                    id = Math.max(1, id - random.nextInt(3_000));
                    written = id;
                } else if (shape < 985) {
                    written = Integer.MAX_VALUE - random.nextInt(3);
                } else {
                    written = 1 + random.nextInt(id);
                }
                String where = files[file];
                String expected = first.get(written);
                String answered = seen.firstSeen(written, row(where, line));
                if (expected == null) {
                    assertThat(answered).as("seed %d, row %d: id %d is new", seed, row, written).isNull();
                    first.put(written, files[file] + "\u0000" + line);
                } else {
                    String[] at = expected.split("\u0000");
                    assertThat(answered).as("seed %d, row %d: id %d seen before", seed, row, written)
                            .isEqualTo("line " + at[1] + (at[0].equals(where) ? "" : " of " + at[0]));
                }
            }
        }
    }

    private static SourceRow row(String file, long line) {
        return new SourceRow(file, line, "", List.of());
    }
}
