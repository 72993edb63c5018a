package io.hireload.rows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Remembers where each id of one load was first seen, so a later row with the same id is
 * rejected with a pointer to the first. Ids of real tables are mostly dense, so they are kept in
 * pages of {@value #PAGE} ids (about a sixth of a byte an id when a file is in id order, see
 * {@link Page}; 4 bytes when it is not); when ids turn out sparse (few per page), it switches to open addressing (about
 * 24 bytes an id) so a scattered id space cannot exhaust the heap.
 */
public final class DuplicateIds {
    /** 4096 ids a page: a page's own fields and headers, about 100 bytes, then cost a fortieth of a byte an id. */
    private static final int PAGE_BITS = 12;
    private static final int PAGE = 1 << PAGE_BITS;
    /** Pages are found through chunks of this many: a directory, not a map, whose entries and boxed keys cost as much as a page's ids. */
    private static final int CHUNK_BITS = 10;
    private static final int CHUNK = 1 << CHUNK_BITS;
    /** Below this many ids per page on average (one in 21), pages waste more than a hash table costs. */
    private static final int DENSE_ENOUGH = 192;
    private static final int MIN_PAGES_BEFORE_JUDGING = 64;

    private final List<String> files = new ArrayList<>();
    /** Chunks of pages by {@code id >>> (PAGE_BITS + CHUNK_BITS)}; every int id has a place. */
    private Page[][] directory = new Page[1 << (Integer.SIZE - PAGE_BITS - CHUNK_BITS)][];
    private int pageCount;
    /** The page the last new id went to: a file in id order fills one page after the other. */
    private Page filling;
    private Scattered scattered;
    private long size;

    /**
     * The ids {@code key * PAGE .. key * PAGE + PAGE - 1}. A file in id order hands a page its ids in
     * increasing order at increasing lines, mostly the next id on the next line: the page keeps its
     * first id and line and then one step per id, a single 1 bit for that usual step and otherwise
     * the id's distance plus one and the line's distance in unary (a distance of d is d - 1 zero
     * bits and a one: the next id two lines on costs 4 bits). That is
     * about a sixth of a byte an id with the page's own fields (3 MB for twenty million ids; a
     * presence bit and a line bit per id, in pages of 1024 in a map, took 0.4 bytes, and five
     * bytes an id, 100 MB, which a 256 MB heap could not keep flat). A new id above the page's last is known new without reading the steps; one below it
     * (a duplicate, or a file out of order) reads them. An id out of that order, or a jump of more
     * than {@value #LONGEST_JUMP} lines, turns the page into plain ints, as a shuffled file's pages
     * all become.
     */
    private static final class Page {
        private static final int LONGEST_JUMP = 64;
        private int count;
        private int firstSlot;
        private int lastSlot;
        private long firstLine;
        private long lastLine;
        private long[] steps = new long[4];
        private int stepBits;
        /** Once widened: each slot's line, and which slots hold an id. */
        private int[] lines;
        private long[] present;
        private byte[] files;
        /** Where a walk over the steps stands: the bit it reads next, its id's slot and line. */
        private int cursor;
        private int walkSlot;
        private long walkLine;

        boolean has(int slot) {
            if (lines != null) {
                return (present[slot >>> 6] & (1L << slot)) != 0;
            }
            if (count == 0 || slot < firstSlot || slot > lastSlot) {
                return false;
            }
            return slot == firstSlot || slot == lastSlot || walkTo(slot);
        }

        /** The line of a slot that {@link #has} an id. */
        long line(int slot) {
            if (lines != null) {
                return lines[slot];
            }
            walkTo(slot);
            return walkLine;
        }

        int file(int slot) {
            return files == null ? 0 : files[slot] & 0xFF;
        }

        void put(int slot, int file, long line) {
            if (lines == null && count > 0 && (slot <= lastSlot || line <= lastLine || line - lastLine > LONGEST_JUMP)) {
                widen();
            }
            if (lines != null) {
                lines[slot] = (int) Math.min(line, Integer.MAX_VALUE);
                present[slot >>> 6] |= 1L << slot;
            } else if (count == 0) {
                firstSlot = slot;
                firstLine = line;
            } else if (slot - lastSlot == 1 && line - lastLine == 1) {
                append(1);
            } else {
                append(slot - lastSlot + 1);
                append((int) (line - lastLine));
            }
            count++;
            lastSlot = slot;
            lastLine = line;
            if (file != 0 && files == null) {
                files = new byte[PAGE];
            }
            if (files != null) {
                files[slot] = (byte) Math.min(file, 255);
            }
        }

        /** Appends {@code distance - 1} zero bits and a one. */
        private void append(int distance) {
            int end = stepBits + distance;
            if (end > steps.length * 64) {
                steps = Arrays.copyOf(steps, Math.max(steps.length + steps.length / 4, (end >>> 6) + 1));
            }
            stepBits = end;
            int one = end - 1;
            steps[one >>> 6] |= 1L << one;
        }

        /** Walks the steps from the first id up to {@code slot}; answers whether an id sits there. */
        private boolean walkTo(int slot) {
            walkFromFirst();
            while (walkSlot < slot && cursor < stepBits) {
                step();
            }
            return walkSlot == slot;
        }

        private void walkFromFirst() {
            cursor = 0;
            walkSlot = firstSlot;
            walkLine = firstLine;
        }

        /** One id further: a 1 bit is the usual step; else the slot's distance plus one, then the line's. */
        private void step() {
            int first = distance();
            if (first == 1) {
                walkSlot++;
                walkLine++;
            } else {
                walkSlot += first - 1;
                walkLine += distance();
            }
        }

        private int distance() {
            int d = 1;
            while ((steps[cursor >>> 6] & (1L << cursor)) == 0) {
                cursor++;
                d++;
            }
            cursor++;
            return d;
        }

        /** Decodes every id's line once, into plain ints. */
        private void widen() {
            int[] widened = new int[PAGE];
            long[] held = new long[PAGE / 64];
            walkFromFirst();
            for (int i = 0; i < count; i++) {
                if (i > 0) {
                    step();
                }
                widened[walkSlot] = (int) Math.min(walkLine, Integer.MAX_VALUE);
                held[walkSlot >>> 6] |= 1L << walkSlot;
            }
            lines = widened;
            present = held;
            steps = null;
        }

        /** Gives back the room its steps' array grew ahead: the page is likely full. */
        void trim() {
            int used = (stepBits + 63) >>> 6;
            if (steps != null && steps.length > used) {
                steps = Arrays.copyOf(steps, used);
            }
        }

        /** Its arrays and its own fields, roughly. */
        long bytes() {
            return 80 + (steps == null ? 0 : 16 + steps.length * 8L) + (lines == null ? 0 : 16 + lines.length * 4L)
                    + (present == null ? 0 : 16 + present.length * 8L) + (files == null ? 0 : 16 + files.length);
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
        if (scattered == null && pageCount > MIN_PAGES_BEFORE_JUDGING && size / pageCount < DENSE_ENOUGH) {
            scatter();
        }
        return null;
    }

    /** The heap its ids take, roughly: what the bench's 20M-row phase keeps flat. */
    long retainedBytes() {
        if (scattered != null) {
            return scattered.keys.length * 12L;
        }
        long bytes = 16 + directory.length * 4L;
        for (Page[] chunk : directory) {
            if (chunk != null) {
                bytes += 16 + chunk.length * 4L;
                for (Page page : chunk) {
                    bytes += page == null ? 0 : page.bytes();
                }
            }
        }
        return bytes;
    }

    private long pagedPutIfAbsent(int id, int file, long line) {
        int key = id >>> PAGE_BITS;
        Page[] chunk = directory[key >>> CHUNK_BITS];
        if (chunk == null) {
            chunk = new Page[CHUNK];
            directory[key >>> CHUNK_BITS] = chunk;
        }
        Page page = chunk[key & (CHUNK - 1)];
        if (page == null) {
            page = new Page();
            chunk[key & (CHUNK - 1)] = page;
            pageCount++;
        }
        int slot = id & (PAGE - 1);
        if (page.has(slot)) {
            return pack(page.file(slot), page.line(slot));
        }
        if (page != filling) {
            if (filling != null) {
                filling.trim();
            }
            filling = page;
        }
        page.put(slot, file, line);
        return 0;
    }

    private void scatter() {
        Scattered map = new Scattered();
        for (int c = 0; c < directory.length; c++) {
            Page[] chunk = directory[c];
            for (int k = 0; chunk != null && k < CHUNK; k++) {
                Page page = chunk[k];
                for (int slot = 0; page != null && slot < PAGE; slot++) {
                    if (page.has(slot)) {
                        int key = (c << CHUNK_BITS) | k;
                        map.putIfAbsent((key << PAGE_BITS) | slot, pack(page.file(slot), page.line(slot)));
                    }
                }
            }
        }
        scattered = map;
        directory = new Page[0][];
        filling = null;
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
