package io.hireload.rows;

import io.hireload.model.TableName;

import java.util.ArrayList;
import java.util.List;

/**
 * Whether a file is of another table than the one it is loaded into: its first rows all have
 * another number of fields (a jobs file dropped into {@code employees/}). Such a file fails whole,
 * with one reason, instead of "succeeding" with every row rejected one by one.
 */
public final class FieldCounts {
    /**
     * How many rows decide: the first {@value} rows that hold fields (blank lines and lines too
     * long to read do not count), or all of them in a file with fewer. One row of the right count
     * among them, or a header of the table, and the file is read as usual.
     */
    public static final int SAMPLE = 5;

    private FieldCounts() {
    }

    /** Whether {@code row} is one of the rows that decide. */
    public static boolean counts(SourceRow row) {
        return row.problem() == null && !row.blank();
    }

    /**
     * Why the first rows say the file is not of {@code table}, naming its file and first line, or
     * null when they do not (or when there is no row to judge by).
     */
    public static String mismatch(TableName table, List<SourceRow> first) {
        List<SourceRow> sample = first.stream().filter(FieldCounts::counts).limit(SAMPLE).toList();
        if (sample.isEmpty()) {
            return null;
        }
        int expected = Columns.of(table).size();
        if (sample.stream().anyMatch(row -> row.fields().size() == expected)) {
            return null;
        }
        SourceRow row = sample.get(0);
        int found = row.fields().size();
        return row.file() + " line " + row.line() + ": " + expected + " fields expected for " + table.path()
                + ", found " + found + guess(table, row, found)
                + (sample.size() == 1 ? " (its only row)" : " (and so in each of its first " + sample.size() + " rows)")
                + "; nothing of the file was loaded";
    }

    /** Which table's file this looks like: the one whose header it starts with, else those of that many columns. */
    private static String guess(TableName table, SourceRow row, int found) {
        List<String> tables = new ArrayList<>();
        for (TableName other : TableName.values()) {
            if (other != table && Columns.isHeader(other, row.fields())) {
                return question(other.path());
            }
            if (other != table && Columns.of(other).size() == found) {
                tables.add(other.path());
            }
        }
        return tables.isEmpty() ? "" : question(String.join(" or ", tables));
    }

    private static String question(String tables) {
        return ": is this " + ("aeiou".indexOf(tables.charAt(0)) >= 0 ? "an " : "a ") + tables + " file?";
    }
}
