package io.hireload.rows;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Streams the rows of one CSV source with the dialects met in the wild: a UTF-8 BOM, CRLF or LF,
 * spaces around fields, RFC 4180 quotes, {@code ;} instead of {@code ,} (detected when the first
 * line has no comma), blank lines. Each row keeps its line number and its raw text, so a rejected
 * row can be shown as it was received.
 *
 * <p>Memory is bounded by {@code maxLineBytes}, whatever the source holds: a record is split here,
 * one character at a time, and never held beyond that many bytes. A longer line becomes one row
 * that the data rules reject ({@link SourceRow#problem()}), with its first characters and its
 * length, and reading goes on after its line end without keeping it; a quoted field still open at
 * the limit, or a quote closed in the middle of a field, stops the source
 * ({@link MalformedCsvException}): from there on nothing says where a row ends. (Commons CSV, used
 * here before, keeps the whole record and a copy of the text it read: a gzip bomb of one line
 * filled the heap.)
 */
public final class CsvRowReader implements Closeable {
    /** HIRELOAD_MAX_LINE_BYTES's default: 64 KiB, a hundred times the longest valid row. */
    public static final int DEFAULT_MAX_LINE_BYTES = 64 * 1024;
    /** The setting's bounds: a valid row (up to about 1.1 KiB) always fits; 64 MiB stays far below any heap. */
    public static final int MIN_MAX_LINE_BYTES = 4 * 1024;
    public static final int MAX_MAX_LINE_BYTES = 64 * 1024 * 1024;
    private static final int EOF = -1;
    /**
     * What bytes that are not UTF-8 are read as: a lone surrogate, which valid UTF-8 can never
     * produce, so the data rules reject the field that holds it ("not valid UTF-8") instead of
     * storing a U+FFFD that the source never held.
     */
    static final char NOT_UTF8 = '\uDCFF';

    private final InputStream source;
    private final String file;
    private final Character delimiterGiven;
    private final int maxLineBytes;
    private BufferedReader in;
    private char delimiter;
    private final char[] buffer = new char[8192];
    private int position;
    private int limit;
    /** The line the next record starts on. */
    private long line = 1;
    private boolean done;

    // The record being read: its text, its fields, its size in UTF-8 bytes, whether a quote is open.
    private final StringBuilder raw = new StringBuilder();
    private final StringBuilder field = new StringBuilder();
    private List<String> fields;
    private long bytes;
    private boolean quoted;
    private long quoteLine;

    /**
     * @param delimiter the field delimiter, or null to detect it from the first line
     */
    public CsvRowReader(InputStream in, String file, Character delimiter) {
        this(in, file, delimiter, DEFAULT_MAX_LINE_BYTES);
    }

    /**
     * @param delimiter    the field delimiter, or null to detect it from the first line
     * @param maxLineBytes the most a record may hold, in UTF-8 bytes (HIRELOAD_MAX_LINE_BYTES)
     */
    public CsvRowReader(InputStream in, String file, Character delimiter, int maxLineBytes) {
        if (maxLineBytes < MIN_MAX_LINE_BYTES || maxLineBytes > MAX_MAX_LINE_BYTES) {
            throw new IllegalArgumentException("a line limit of " + maxLineBytes + " bytes");
        }
        this.source = in;
        this.file = file;
        this.delimiterGiven = delimiter;
        this.maxLineBytes = maxLineBytes;
    }

    /** The most a record may hold, in UTF-8 bytes. */
    public int maxLineBytes() {
        return maxLineBytes;
    }

    /**
     * The characters held for the record being read, its text and its field, as allocated: never
     * much beyond {@code maxLineBytes}, whatever the source (what the bounded-memory tests watch).
     */
    public long held() {
        return (long) raw.capacity() + field.capacity();
    }

    /**
     * The line reading has reached: the line of the next row, or of the row being read when reading
     * failed. An {@link UncheckedIOException} of {@link #next()} (a gzip stream that breaks off) broke
     * on this line.
     */
    public long line() {
        return line;
    }

    /**
     * The next row, or null after the last one. Throws {@link MalformedCsvException} where the text
     * stops being CSV (then null ever after), and {@link UncheckedIOException} when the source
     * cannot be read.
     */
    public SourceRow next() {
        if (done) {
            return null;
        }
        try {
            open();
            return record();
        } catch (MalformedCsvException e) {
            done = true;
            throw e;
        } catch (IOException e) {
            done = true;
            throw new UncheckedIOException(file + " line " + line + ": " + e.getMessage(), e);
        }
    }

    private void open() throws IOException {
        if (in != null) {
            return;
        }
        in = CsvText.decoded(source);
        delimiter = delimiterGiven != null ? delimiterGiven : CsvText.detectDelimiter(in);
    }

    private SourceRow record() throws IOException {
        int c = read();
        if (c == EOF) {
            done = true;
            return null;
        }
        long start = line;
        raw.setLength(0);
        field.setLength(0);
        bytes = 0;
        quoted = false;
        fields = new ArrayList<>(5);
        try {
            while (true) {
                // A field starts: white space before it is not data (nor a quote's opening).
                while (c != EOF && c != delimiter && c != '\n' && c != '\r' && Character.isWhitespace((char) c)) {
                    take(c);
                    c = read();
                }
                if (c == '"') {
                    take(c);
                    c = quotedField(start);
                } else {
                    while (c != EOF && c != delimiter && c != '\n' && c != '\r') {
                        take(c);
                        field.append((char) c);
                        takeRestOfSimpleField();
                        c = read();
                    }
                    int end = field.length();
                    while (end > 0 && Character.isWhitespace(field.charAt(end - 1))) {
                        end--;
                    }
                    field.setLength(end);
                }
                fields.add(field.toString());
                field.setLength(0);
                if (c == delimiter) {
                    take(c);
                    c = read();
                    continue;
                }
                endOfLine(c);
                return new SourceRow(file, start, raw.toString(), fields);
            }
        } catch (LineTooLong tooLong) {
            if (quoted) {
                throw new MalformedCsvException(new SourceRow(file, quoteLine, SourceRow.bounded(raw.toString()), List.of()),
                        file + " line " + quoteLine + ": a quoted field is still open after " + maxLineBytes
                                + " bytes (HIRELOAD_MAX_LINE_BYTES): its closing quote is missing; the rest of the file"
                                + " was not read");
            }
            return skipRestOfLine(start, tooLong.next);
        }
    }

    /**
     * The rest of an unquoted field that lies in the buffer, kept in bulk: the common case, and
     * most of the reader's time. Stops before a delimiter, a line end or the character that would
     * pass the limit, which the caller then meets one at a time.
     */
    private void takeRestOfSimpleField() {
        int start = position;
        int end = start;
        long taken = bytes;
        while (end < limit) {
            char d = buffer[end];
            if (d == delimiter || d == '\n' || d == '\r') {
                break;
            }
            long after = taken + CsvText.utf8Length(d);
            if (after > maxLineBytes) {
                break;
            }
            taken = after;
            end++;
        }
        if (end > start) {
            raw.append(buffer, start, end - start);
            field.append(buffer, start, end - start);
            bytes = taken;
            position = end;
        }
    }

    /** Reads a quoted field after its opening quote; answers the character after it. */
    private int quotedField(long start) throws IOException {
        quoted = true;
        quoteLine = line;
        while (true) {
            int c = read();
            if (c == EOF) {
                throw new MalformedCsvException(new SourceRow(file, quoteLine, SourceRow.bounded(raw.toString()), List.of()),
                        file + " line " + quoteLine + ": a quoted field opened on this line is never closed (the file ends"
                                + " inside it); the rest of the file was not read");
            }
            take(c);
            if (c == '"') {
                int next = read();
                if (next == '"') {
                    take(next);
                    field.append('"');
                    continue;
                }
                quoted = false;
                // After the closing quote only white space may come before the delimiter or line end.
                int after = next;
                while (after != EOF && after != delimiter && after != '\n' && after != '\r') {
                    if (!Character.isWhitespace((char) after)) {
                        throw new MalformedCsvException(new SourceRow(file, start, SourceRow.bounded(raw.toString()),
                                List.of()), file + " line " + line + ": the quoted field opened on line " + quoteLine
                                + " is followed by '" + CsvText.printable(after) + "' before the next delimiter (a quote inside a"
                                + " quoted field is written twice: \"\"), so where its row ends is unknown; the rest of"
                                + " the file was not read");
                    }
                    take(after);
                    after = read();
                }
                return after;
            }
            field.append((char) c);
            if (c == '\n' || (c == '\r' && peek() != '\n')) {
                line++;
            }
        }
    }

    /**
     * The record passed the limit outside quotes: the rest of its line is read without being kept,
     * and the row stands for the whole line, rejected with its length.
     */
    private SourceRow skipRestOfLine(long start, int next) throws IOException {
        long total = bytes;
        int c = next;
        while (c != EOF && c != '\n' && c != '\r') {
            // Whole buffers at a time: a gzip bomb's gigabytes of one line pass through here.
            total += CsvText.utf8Length((char) c);
            while (position < limit) {
                char d = buffer[position];
                if (d == '\n' || d == '\r') {
                    break;
                }
                total += CsvText.utf8Length(d);
                position++;
            }
            c = read();
        }
        endOfLine(c);
        String reason = "the line is " + total + " bytes long, more than the " + maxLineBytes
                + " bytes a line may hold (HIRELOAD_MAX_LINE_BYTES); it was not read (is a line end missing?)";
        String kept = raw.substring(0, Math.min(raw.length(), SourceRow.RAW_KEPT));
        if (kept.length() > 0 && Character.isHighSurrogate(kept.charAt(kept.length() - 1))) {
            kept = kept.substring(0, kept.length() - 1);
        }
        raw.setLength(0);
        raw.trimToSize();
        field.setLength(0);
        field.trimToSize();
        return SourceRow.unreadable(file, start, kept + SourceRow.lengthNote(total + " bytes"), reason);
    }

    /** Consumes a line end ({@code \r\n}, {@code \n} or {@code \r}) and counts it; nothing at the end of the source. */
    private void endOfLine(int c) throws IOException {
        if (c == '\r' && peek() == '\n') {
            read();
        }
        if (c == '\r' || c == '\n') {
            line++;
        }
    }

    /** Keeps a character of the record, within the limit. */
    private void take(int c) {
        long after = bytes + CsvText.utf8Length((char) c);
        if (after > maxLineBytes) {
            throw new LineTooLong(c);
        }
        bytes = after;
        raw.append((char) c);
    }

    private int read() throws IOException {
        if (position == limit && !fill()) {
            return EOF;
        }
        return buffer[position++];
    }

    private int peek() throws IOException {
        if (position == limit && !fill()) {
            return EOF;
        }
        return buffer[position];
    }

    private boolean fill() throws IOException {
        int n = in.read(buffer, 0, buffer.length);
        while (n == 0) {
            n = in.read(buffer, 0, buffer.length);
        }
        position = 0;
        limit = Math.max(n, 0);
        return n > 0;
    }

    @Override
    public void close() throws IOException {
        if (in != null) {
            in.close();
        } else {
            source.close();
        }
    }
}
