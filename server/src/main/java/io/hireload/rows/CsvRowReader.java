package io.hireload.rows;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackInputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;

/**
 * Streams the rows of one CSV source with the dialects met in the wild: a UTF-8 BOM, CRLF or LF,
 * spaces around fields, RFC 4180 quotes, {@code ;} instead of {@code ,} (detected when the first
 * line has no comma), blank lines. Each row keeps its line number and its raw text, so a rejected
 * row can be shown as it was received. Memory stays bounded by the parser's buffer, whatever the
 * size of the source.
 */
public final class CsvRowReader implements Closeable {
    private static final int PEEK_LIMIT = 1 << 16;
    /**
     * What bytes that are not UTF-8 are read as: a lone surrogate, which valid UTF-8 can never
     * produce, so the data rules reject the field that holds it ("not valid UTF-8") instead of
     * storing a U+FFFD that the source never held.
     */
    static final char NOT_UTF8 = '\uDCFF';

    private final String file;
    private final RecordingReader recording;
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private CSVRecord pending;
    private long pendingLine = 1;
    private boolean done;
    private MalformedCsvException broken;

    /**
     * @param delimiter the field delimiter, or null to detect it from the first line
     */
    public CsvRowReader(InputStream in, String file, Character delimiter) {
        this.file = file;
        try {
            BufferedReader buffered = new BufferedReader(
                    new InputStreamReader(skipBom(in), utf8MarkingErrors()), PEEK_LIMIT);
            char d = delimiter != null ? delimiter : detectDelimiter(buffered);
            this.recording = new RecordingReader(buffered);
            CSVFormat format = CSVFormat.RFC4180.builder()
                    .setDelimiter(d)
                    // White space around a field, quoted or not, is stripped by the data rules, the
                    // same for CSV and JSON; trimming here would also drop control characters (NUL).
                    .setIgnoreSurroundingSpaces(true)
                    .setIgnoreEmptyLines(false)
                    .get();
            this.parser = CSVParser.builder().setReader(recording).setFormat(format).get();
            this.records = parser.iterator();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next row, or null after the last one. */
    public SourceRow next() {
        if (broken != null) {
            MalformedCsvException e = broken;
            broken = null;
            done = true;
            throw e;
        }
        if (done) {
            return null;
        }
        if (pending == null) {
            try {
                pending = advance();
            } catch (IllegalStateException e) {
                done = true;
                throw malformed(pendingLine, recording.from(0), e);
            }
            if (pending == null) {
                done = true;
                return null;
            }
        }
        CSVRecord current = pending;
        long line = pendingLine;
        CSVRecord following;
        try {
            following = advance();
        } catch (IllegalStateException e) {
            // The current row is whole; the trouble starts on the line after it.
            String rest = recording.from(current.getCharacterPosition());
            int end = firstLineEnd(rest);
            pending = null;
            broken = malformed(line + 1, rest.substring(Math.min(rest.length(), end + 1)), e);
            return new SourceRow(file, line, stripLineEnd(rest.substring(0, end)), current.toList());
        }
        String segment = following == null
                ? recording.from(current.getCharacterPosition())
                : recording.between(current.getCharacterPosition(), following.getCharacterPosition());
        pending = following;
        pendingLine = line + lineBreaks(segment);
        done = following == null;
        return new SourceRow(file, line, stripLineEnd(segment), current.toList());
    }

    /** The next record; an {@link IllegalStateException} when the text cannot be split into fields. */
    private CSVRecord advance() {
        try {
            return records.hasNext() ? records.next() : null;
        } catch (UncheckedIOException | IllegalStateException e) {
            if (!(rootCause(e) instanceof org.apache.commons.csv.CSVException)) {
                throw e;
            }
            throw new IllegalStateException(rootMessage(e), e);
        }
    }

    private MalformedCsvException malformed(long line, String rest, Exception e) {
        String raw = FieldProblems.abbreviate(stripLineEnd(rest));
        return new MalformedCsvException(new SourceRow(file, line, raw, List.of()),
                "the CSV cannot be split into fields from here on (" + e.getMessage() + "); the rest of " + file
                        + " was not loaded");
    }

    private static int firstLineEnd(String text) {
        int n = text.indexOf('\n');
        int r = text.indexOf('\r');
        if (n < 0) {
            return r < 0 ? text.length() : r;
        }
        return r < 0 ? n : Math.min(n, r);
    }

    private static String rootMessage(Throwable e) {
        return rootCause(e).getMessage();
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }

    private static CharsetDecoder utf8MarkingErrors() {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE)
                .replaceWith(String.valueOf(NOT_UTF8));
    }

    private static InputStream skipBom(InputStream in) throws IOException {
        PushbackInputStream pushback = new PushbackInputStream(in, 3);
        byte[] head = new byte[3];
        int n = pushback.readNBytes(head, 0, 3);
        boolean bom = n == 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF;
        if (!bom && n > 0) {
            pushback.unread(head, 0, n);
        }
        return pushback;
    }

    /** {@code ;} when the first line has no comma outside quotes but has a semicolon; else {@code ,}. */
    private static char detectDelimiter(BufferedReader reader) throws IOException {
        reader.mark(PEEK_LIMIT);
        char[] buffer = new char[PEEK_LIMIT - 1];
        int n = Math.max(reader.read(buffer), 0);
        reader.reset();
        int i = 0;
        while (i < n && (buffer[i] == '\n' || buffer[i] == '\r')) {
            i++;
        }
        boolean quoted = false;
        boolean semicolon = false;
        for (; i < n; i++) {
            char c = buffer[i];
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == '\n' || c == '\r')) {
                break;
            } else if (!quoted && c == ',') {
                return ',';
            } else if (!quoted && c == ';') {
                semicolon = true;
            }
        }
        return semicolon ? ';' : ',';
    }

    static long lineBreaks(String segment) {
        long breaks = 0;
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 == segment.length() || segment.charAt(i + 1) != '\n'))) {
                breaks++;
            }
        }
        return breaks;
    }

    private static String stripLineEnd(String segment) {
        int end = segment.length();
        while (end > 0 && (segment.charAt(end - 1) == '\n' || segment.charAt(end - 1) == '\r')) {
            end--;
        }
        return segment.substring(0, end);
    }

    /**
     * Keeps the characters the parser has read and not yet handed back as a row's raw text; it is
     * compacted as rows are taken, so it holds about one parser buffer.
     */
    private static final class RecordingReader extends Reader {
        private final Reader in;
        private final StringBuilder seen = new StringBuilder();
        private long seenStart;

        RecordingReader(Reader in) {
            this.in = in;
        }

        @Override
        public int read(char[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                seen.append(buffer, offset, n);
            }
            return n;
        }

        String between(long start, long end) {
            String text = seen.substring((int) (start - seenStart), (int) (end - seenStart));
            forget(end);
            return text;
        }

        String from(long start) {
            String text = seen.substring((int) Math.max(0, start - seenStart));
            forget(start + text.length());
            return text;
        }

        private void forget(long upTo) {
            int drop = (int) (upTo - seenStart);
            if (drop > 1 << 15 || drop == seen.length()) {
                seen.delete(0, drop);
                seenStart = upTo;
            }
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
