package io.hireload.files;

import io.hireload.failure.Failure;

import java.util.Locale;

/**
 * The names an upload may take: a plain file name that lands exactly in its table's folder. No
 * separators or dot segments (no way out of the folder, nor a key S3 consoles show as a folder),
 * no control or format characters (invisible in listings and logs), and only what a load reads.
 */
final class FileNames {
    static final int MAX_LENGTH = 200;

    private FileNames() {
    }

    static String check(String name) {
        if (name == null || name.isBlank()) {
            throw invalid("the file name is empty");
        }
        if (name.length() > MAX_LENGTH) {
            throw invalid("the file name must be at most " + MAX_LENGTH + " characters, not " + name.length());
        }
        if (name.indexOf('/') >= 0 || name.indexOf('\\') >= 0) {
            throw invalid("the file name must not contain / or \\: files go straight into the table's folder");
        }
        if (name.contains("..") || name.startsWith(".")) {
            throw invalid("the file name must not start with a dot or contain ..");
        }
        if (name.codePoints().anyMatch(FileNames::hidden)) {
            throw invalid("the file name must not contain control or invisible characters");
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (!lower.endsWith(".csv") && !lower.endsWith(".csv.gz")) {
            throw invalid("the file name must end with .csv or .csv.gz, not '" + name + "'");
        }
        if (name.strip().length() != name.length()) {
            throw invalid("the file name must not start or end with spaces");
        }
        return name;
    }

    static boolean gzip(String name) {
        return name.toLowerCase(Locale.ROOT).endsWith(".gz");
    }

    private static boolean hidden(int c) {
        int type = Character.getType(c);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.SURROGATE
                || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
                || type == Character.UNASSIGNED || type == Character.PRIVATE_USE;
    }

    private static Failure invalid(String detail) {
        return new Failure.InvalidInput(detail);
    }
}
