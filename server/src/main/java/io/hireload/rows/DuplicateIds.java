package io.hireload.rows;

import java.util.ArrayList;
import java.util.List;

/**
 * Remembers where each id of one load was first seen, so a later row with the same id is
 * rejected with a pointer to the first. Open addressing over primitive arrays: about 12 bytes per
 * id, so millions of ids cost tens of megabytes, not hundreds.
 */
public final class DuplicateIds {
    private static final int LINE_BITS = 40;

    private final List<String> files = new ArrayList<>();
    private int[] keys = new int[1 << 10];
    private long[] places = new long[1 << 10];
    private int size;

    /**
     * Records {@code row}'s id; when the id was seen before, answers where.
     *
     * @return null for a new id, else {@code line 7} or {@code line 7 of departments/a.csv}
     */
    public String firstSeen(int id, SourceRow row) {
        int slot = slot(id);
        if (keys[slot] == id) {
            long place = places[slot];
            String file = files.get((int) (place >>> LINE_BITS));
            long line = place & ((1L << LINE_BITS) - 1);
            String unit = SourceRow.JSON_BODY.equals(file) ? "item " : "line ";
            return unit + line + (file.equals(row.file()) ? "" : " of " + file);
        }
        keys[slot] = id;
        places[slot] = ((long) fileIndex(row.file()) << LINE_BITS) | row.line();
        if (++size * 2 > keys.length) {
            grow();
        }
        return null;
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

    private int slot(int id) {
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
                int slot = slot(oldKeys[i]);
                keys[slot] = oldKeys[i];
                places[slot] = oldPlaces[i];
            }
        }
    }
}
