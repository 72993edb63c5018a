package io.hireload.rows;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackInputStream;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The characters of a CSV source for {@link CsvRowReader}: its bytes decoded as UTF-8 without a
 * BOM, bytes that are not UTF-8 marked ({@link CsvRowReader#NOT_UTF8}), the delimiter detected
 * without consuming the first line, and what a character costs and how a reason shows it.
 */
final class CsvText {
    private static final int PEEK_LIMIT = 1 << 16;

    private CsvText() {
    }

    /** The source's characters, buffered so the first line can be looked at before it is read. */
    static BufferedReader decoded(InputStream source) throws IOException {
        return new BufferedReader(new InputStreamReader(skipBom(source), utf8MarkingErrors()), PEEK_LIMIT);
    }

    /** Detected from the first line ({@link Delimiters}), read without consuming it. */
    static char detectDelimiter(BufferedReader reader) throws IOException {
        reader.mark(PEEK_LIMIT);
        char[] peek = new char[PEEK_LIMIT - 1];
        int n = Math.max(reader.read(peek), 0);
        reader.reset();
        return Delimiters.detect(CharBuffer.wrap(peek, 0, n));
    }

    /** The UTF-8 bytes a character stands for (a surrogate half: two, the pair four). */
    static int utf8Length(char c) {
        if (c < 0x80) {
            return 1;
        }
        if (c < 0x800 || Character.isSurrogate(c)) {
            return 2;
        }
        return 3;
    }

    /** A character as a reason quotes it: control characters as {@code \\uXXXX}. */
    static String printable(int c) {
        return Character.isISOControl(c) ? String.format("\\u%04x", c) : String.valueOf((char) c);
    }

    private static CharsetDecoder utf8MarkingErrors() {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE)
                .replaceWith(String.valueOf(CsvRowReader.NOT_UTF8));
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
}
