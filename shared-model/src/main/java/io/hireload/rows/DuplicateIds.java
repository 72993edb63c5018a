package io.hireload.rows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Remembers where each id of one load was first seen, so a later row with the same id is
 * rejected with a pointer to the first. Ids of real tables are mostly dense, so they are kept in
 * pages of {@value #PAGE} ids (about a third of a byte an id when a file is in id order, see
 * {@link Page}; 4 bytes when it is not); when ids turn out sparse (few per page), it switches to open addressing (about
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
     * The ids {@code key * PAGE .. key * PAGE + PAGE - 1}. A file in id order hands a page its ids in
     * increasing order at increasing lines, mostly one line apart: the page keeps the first line and
     * then each next id's distance in lines, written in unary (a distance of 1 is one bit), about a
     * third of a byte an id with the presence bits (7 MB for twenty million ids; five bytes an id
     * took 100 MB, which a 256 MB heap could not keep flat). An id out of that order, or a jump of
     * more than {@value #LONGEST_JUMP} lines, turns the page into plain ints, as a shuffled file's
     * pages all become. A line is decoded only for a duplicate, which is rare.
     */
    private static final class Page {
        private static final int LONGEST_JUMP = 64;
        private final long[] present = new long[PAGE / 64];
        private int count;
        private int lastSlot;
        private long first;
        private long last;
        private long[] jumps = new long[PAGE / 64];
        private int jumpBits;
        private int[] lines;
        private byte[] files;

        boolean has(int slot) {
            return (present[slot >>> 6] & (1L << slot)) != 0;
        }

        long line(int slot) {
            return lines != null ? lines[slot] : decode(rank(slot));
        }

        int file(int slot) {
            return files == null ? 0 : files[slot] & 0xFF;
        }

        void put(int slot, int file, long line) {
            if (lines == null && count > 0 && (slot < lastSlot || line <= last || line - last > LONGEST_JUMP)) {
                widen();
            }
            if (lines != null) {
                lines[slot] = (int) Math.min(line, Integer.MAX_VALUE);
            } else if (count == 0) {
                first = line;
            } else {
                jump(line - last);
            }
            present[slot >>> 6] |= 1L << slot;
            count++;
            lastSlot = slot;
            last = line;
            if (file != 0 && files == null) {
                files = new byte[PAGE];
            }
            if (files != null) {
                files[slot] = (byte) Math.min(file, 255);
            }
        }

        /** How many of the page's ids lie below {@code slot}: its place in the order they came. */
        private int rank(int slot) {
            int rank = 0;
            for (int word = 0; word < slot >>> 6; word++) {
                rank += Long.bitCount(present[word]);
            }
            return rank + Long.bitCount(present[slot >>> 6] & ((1L << slot) - 1));
        }

        /** A distance of {@code d} lines as {@code d - 1} zero bits and a one. */
        private void jump(long distance) {
            int end = jumpBits + (int) distance;
            if (end > jumps.length * 64) {
                jumps = Arrays.copyOf(jumps, Math.max(jumps.length + 4, (end >>> 6) + 1));
            }
            jumpBits = end;
            int one = end - 1;
            jumps[one >>> 6] |= 1L << one;
        }

        /** The line of the {@code rank}-th id to come: the first line plus the distances before it. */
        private long decode(int rank) {
            long line = first;
            int bit = 0;
            for (int i = 0; i < rank; i++) {
                while ((jumps[bit >>> 6] & (1L << bit)) == 0) {
                    bit++;
                    line++;
                }
                bit++;
                line++;
            }
            return line;
        }

        /** Decodes every line once, in the order the ids came (slot order, while compact). */
        private void widen() {
            lines = new int[PAGE];
            long line = first;
            int bit = 0;
            boolean firstSeen = false;
            for (int slot = 0; slot < PAGE; slot++) {
                if (!has(slot)) {
                    continue;
                }
                if (firstSeen) {
                    while ((jumps[bit >>> 6] & (1L << bit)) == 0) {
                        bit++;
                        line++;
                    }
                    bit++;
                    line++;
                }
                firstSeen = true;
                lines[slot] = (int) Math.min(line, Integer.MAX_VALUE);
            }
            jumps = null;
        }

        long bytes() {
            return present.length * 8L + (jumps == null ? 0 : jumps.length * 8L) + (lines == null ? 0 : lines.length * 4L)
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
