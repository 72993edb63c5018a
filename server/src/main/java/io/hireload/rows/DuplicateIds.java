package io.hireload.rows;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Remembers where each id of one load was first seen, so a later row with the same id is
 * rejected with a pointer to the first. Ids of real tables are mostly dense, so they are kept in
 * pages of {@value #PAGE} ids (about a byte an id when a file is in id order, see {@link Page};
 * 4 bytes when it is not); when ids turn out sparse (few per page), it switches to open addressing (about
 * 24 bytes an id) so a scattered id space cannot exhaust the heap.
 */
public final class DuplicateIds {
    private static final int PAGE_BITS = 10;
    private static final int PAGE = 1 << PAGE_BITS;
    /** Below this many ids per page on average, pages waste more than a hash table costs. */
    private static final int DENSE_ENOUGH = 48;
    private static final int MIN_PAGES_BEFORE_JUDGING = 256;

    private final List<String> files = new ArrayList<>();
    private Map<Integer, Page> pages = new HashMap<>();
    private Scattered scattered;
    private long size;

    /**
     * The ids {@code key * PAGE .. key * PAGE + PAGE - 1}. Files are mostly in id order, so the
     * lines of one page's ids lie close to {@code base + slot}: each is kept as a one-byte distance
     * from there (20 MB for twenty million ids instead of 100 MB, which a 256 MB heap could not
     * keep flat). The first line that does not fit turns the page into plain ints, as a shuffled
     * file's pages all become. Files other than the first are numbered per id only where they occur.
     */
    private static final class Page {
        private static final int NEAR = 127;
        private final long[] present = new long[PAGE / 64];
        private boolean based;
        private long base;
        private byte[] near = new byte[PAGE];
        private int[] lines;
        private byte[] files;

        boolean has(int slot) {
            return (present[slot >>> 6] & (1L << slot)) != 0;
        }

        long line(int slot) {
            return lines != null ? lines[slot] : base + slot + near[slot];
        }

        int file(int slot) {
            return files == null ? 0 : files[slot] & 0xFF;
        }

        void put(int slot, int file, long line) {
            present[slot >>> 6] |= 1L << slot;
            if (lines == null) {
                if (!based) {
                    based = true;
                    base = line - slot;
                }
                long distance = line - (base + slot);
                if (distance >= -NEAR && distance <= NEAR) {
                    near[slot] = (byte) distance;
                } else {
                    widen();
                }
            }
            if (lines != null) {
                lines[slot] = (int) Math.min(line, Integer.MAX_VALUE);
            }
            if (file != 0 && files == null) {
                files = new byte[PAGE];
            }
            if (files != null) {
                files[slot] = (byte) Math.min(file, 255);
            }
        }

        private void widen() {
            lines = new int[PAGE];
            for (int slot = 0; slot < PAGE; slot++) {
                if (has(slot)) {
                    lines[slot] = (int) Math.min(base + slot + near[slot], Integer.MAX_VALUE);
                }
            }
            near = null;
        }

        long bytes() {
            return present.length * 8L + (near == null ? 0 : near.length) + (lines == null ? 0 : lines.length * 4L)
                    + (files == null ? 0 : files.length);
        }
    }

    /**
     * Records {@code row}'s id; when the id was seen before, answers where.
     *
     * @return null for a new id, else {@code line 7} or {@code line 7 of departments/a.csv}
     */
    public String firstSeen(int id, SourceRow row) {
        int file = fileIndex(row.file());
        long line = row.line();
        long previous = scattered != null ? scattered.putIfAbsent(id, pack(file, line)) : pagedPutIfAbsent(id, file, line);
        if (previous != 0) {
            return describe(previous, row.file());
        }
        size++;
        if (scattered == null && pages.size() > MIN_PAGES_BEFORE_JUDGING && size / pages.size() < DENSE_ENOUGH) {
            scatter();
        }
        return null;
    }

    /** The heap its ids take, roughly: what the bench's 20M-row phase keeps flat. */
    long retainedBytes() {
        if (scattered != null) {
            return scattered.keys.length * 12L;
        }
        return pages.values().stream().mapToLong(Page::bytes).sum();
    }

    private long pagedPutIfAbsent(int id, int file, long line) {
        Page page = pages.computeIfAbsent(id >>> PAGE_BITS, k -> new Page());
        int slot = id & (PAGE - 1);
        if (page.has(slot)) {
            return pack(page.file(slot), page.line(slot));
        }
        page.put(slot, file, line);
        return 0;
    }

    private void scatter() {
        Scattered map = new Scattered();
        pages.forEach((key, page) -> {
            for (int slot = 0; slot < PAGE; slot++) {
                if (page.has(slot)) {
                    map.putIfAbsent((key << PAGE_BITS) | slot, pack(page.file(slot), page.line(slot)));
                }
            }
        });
        scattered = map;
        pages = Map.of();
    }

    private String describe(long place, String currentFile) {
        int fileIndex = (int) (place >>> 40);
        String file = fileIndex < files.size() ? files.get(fileIndex) : "an earlier file";
        long line = place & ((1L << 40) - 1);
        String unit = SourceRow.JSON_BODY.equals(file) ? "item " : "line ";
        return unit + line + (file.equals(currentFile) ? "" : " of " + file);
    }

    private static long pack(int file, long line) {
        return ((long) file << 40) | line;
    }

    private int fileIndex(String file) {
        int last = files.size() - 1;
        if (last >= 0 && files.get(last).equals(file)) {
            return last;
        }
        int index = files.indexOf(file);
        if (index < 0) {
            files.add(file);
            index = files.size() - 1;
        }
        return index;
    }

    /** Open addressing over primitive arrays, for ids too scattered for pages. */
    private static final class Scattered {
        private int[] keys = new int[1 << 12];
        private long[] places = new long[1 << 12];
        private int size;

        long putIfAbsent(int id, long place) {
            int slot = slot(keys, id);
            if (keys[slot] == id) {
                return places[slot];
            }
            keys[slot] = id;
            places[slot] = place;
            if (++size * 4 > keys.length * 3) {
                grow();
            }
            return 0;
        }

        private static int slot(int[] keys, int id) {
            int mask = keys.length - 1;
            int h = id * 0x9E3779B9;
            int i = (h ^ (h >>> 16)) & mask;
            while (keys[i] != 0 && keys[i] != id) {
                i = (i + 1) & mask;
            }
            return i;
        }

        private void grow() {
            int[] oldKeys = keys;
            long[] oldPlaces = places;
            keys = new int[oldKeys.length * 2];
            places = new long[oldKeys.length * 2];
            for (int i = 0; i < oldKeys.length; i++) {
                if (oldKeys[i] != 0) {
                    int slot = slot(keys, oldKeys[i]);
                    keys[slot] = oldKeys[i];
                    places[slot] = oldPlaces[i];
                }
            }
        }
    }
}
