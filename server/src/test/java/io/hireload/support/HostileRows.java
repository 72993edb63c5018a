package io.hireload.support;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random and extreme employee rows, each field paired with what the data rules (SPEC section 2)
 * must make of it: the value stored, or null when the row must be rejected. The expectation is
 * worked out from how the value was made, not by the validator's code, so the two can disagree.
 * Rows come as a JSON array (every non-ASCII character escaped, so a lone surrogate can be sent)
 * or as CSV bytes (a lone surrogate sent as bytes that are not UTF-8).
 */
public final class HostileRows {
    /** Ids of the sample's departments and jobs, which the tests load first. */
    public static final int DEPARTMENTS = 12;
    public static final int JOBS = 183;
    public static final Instant EARLIEST = Instant.parse("1900-01-01T00:00:00Z");
    public static final Instant END = Instant.parse("2200-01-01T00:00:00Z");

    /** One field as sent, as a JSON token, and what must be stored (null: the row is rejected). */
    public record Field(String text, String json, Object expected) {
        public boolean valid() {
            return expected != null;
        }
    }

    /** One employee row. */
    public record Row(Field id, Field name, Field datetime, Field departmentId, Field jobId) {
        /** Whether the rules of one row hold; references and duplicates are judged by the caller. */
        public boolean valid() {
            return id.valid() && name.valid() && datetime.valid() && departmentId.valid() && jobId.valid();
        }

        public int idValue() {
            return (Integer) id.expected();
        }

        /** Whether the department and job exist in the sample data. */
        public boolean referencesExist() {
            return (Integer) departmentId.expected() <= DEPARTMENTS && (Integer) jobId.expected() <= JOBS;
        }

        List<Field> fields() {
            return List.of(id, name, datetime, departmentId, jobId);
        }
    }

    private HostileRows() {
    }

    public static List<Row> rows(Random r, int max) {
        List<Row> rows = new ArrayList<>();
        int n = 1 + r.nextInt(max);
        for (int i = 0; i < n; i++) {
            rows.add(row(r));
        }
        return rows;
    }

    public static Row row(Random r) {
        return new Row(id(r), name(r), datetime(r), reference(r, DEPARTMENTS), reference(r, JOBS));
    }

    // ---- ids -------------------------------------------------------------------------------

    private static final String[] BAD_NUMBERS = {"0", "-1", "-0", "-2147483648", "2147483648", "-2147483649",
            "9223372036854775807", "9223372036854775808", "99999999999999999999999", "1.5", "1e3", "1.0"};
    private static final String[] BAD_TEXTS = {"", "   ", "abc", "\u0661\u0662", "\uFF11\uFF12", "0x1F", "+-1", "1 2",
            "1,5", "\u00001", "1\uD800", "\uD83D\uDE00", "NaN", "Infinity", "--5"};

    public static Field id(Random r) {
        int pick = r.nextInt(10);
        if (pick < 6) {
            return integer(r, 1 + r.nextInt(3000));
        }
        if (pick == 6) {
            return integer(r, new int[]{1, Integer.MAX_VALUE, Integer.MAX_VALUE - 1}[r.nextInt(3)]);
        }
        if (pick < 9) {
            String number = BAD_NUMBERS[r.nextInt(BAD_NUMBERS.length)];
            return new Field(number, r.nextBoolean() ? number : quote(number), null);
        }
        String text = BAD_TEXTS[r.nextInt(BAD_TEXTS.length)];
        return new Field(text, quote(text), null);
    }

    /** A valid integer, as a JSON number or a string, sometimes with spaces, zeros or a plus sign. */
    private static Field integer(Random r, int value) {
        String text = switch (r.nextInt(6)) {
            case 0 -> " " + value + " ";
            case 1 -> "00" + value;
            case 2 -> "+" + value;
            default -> String.valueOf(value);
        };
        boolean plain = text.equals(String.valueOf(value));
        return new Field(text, plain && r.nextBoolean() ? text : quote(text), value);
    }

    private static Field reference(Random r, int known) {
        int pick = r.nextInt(10);
        if (pick < 8) {
            return integer(r, 1 + r.nextInt(known));
        }
        if (pick == 8) {
            return integer(r, 5000 + r.nextInt(1000));
        }
        String number = BAD_NUMBERS[r.nextInt(BAD_NUMBERS.length)];
        return new Field(number, r.nextBoolean() ? number : quote(number), null);
    }

    // ---- names -----------------------------------------------------------------------------

    /** Characters a name may hold at either end: none is white space. */
    private static final String[] EDGE = {"a", "Z", "\u00E9", "\u00DF", "\u4E2D", "\uD83D\uDE00", "\uD83D\uDC69\u200D\uD83D\uDCBB",
            "\u00A0", "\uFEFF", "\uFFFD", "\uFFFF", "\uDBFF\uDFFF", "\u0001", "\u001B", "\"", "'", ",", ";", "\\", "O'Boyle",
            "\u202E", "\u0085", "-", "1", "<", "&amp;"};
    /** Characters a name may hold inside, white space and line ends included. */
    private static final String[] INSIDE = {" ", "\t", "\n", "\r\n", "\r", "\u0301", "\u0308", "\u200D", "\n\\.\n", "\\.",
            "\u3000", "\u2028", "\"\"", "\u000B", "\u001F"};
    /** White space that the rules strip from both ends. */
    private static final String[] PADDING = {" ", "  ", "\t", "\n", "\u3000", "\u2003", "\r\n"};

    public static Field name(Random r) {
        int pick = r.nextInt(20);
        if (pick < 12) {
            String core = core(r, lengthUpTo(r, 255));
            return text(pad(r, core), core);
        }
        return switch (pick) {
            case 12 -> {
                String core = core(r, 256 + r.nextInt(40));
                yield text(core, null);
            }
            case 13 -> text(new String[]{"", " ", "\u3000\t", "\n"}[r.nextInt(4)], null);
            case 14, 15 -> text(insert(r, core(r, 1 + r.nextInt(20)), "\u0000"), null);
            default -> text(insert(r, core(r, 1 + r.nextInt(20)), loneSurrogate(r)), null);
        };
    }

    private static int lengthUpTo(Random r, int max) {
        return switch (r.nextInt(8)) {
            case 0 -> max;
            case 1 -> max - r.nextInt(10);
            default -> 1 + r.nextInt(24);
        };
    }

    /** A name of exactly {@code codePoints} code points that starts and ends with no white space. */
    private static String core(Random r, int codePoints) {
        StringBuilder s = new StringBuilder();
        int count = 0;
        while (count < codePoints) {
            boolean edge = count == 0 || count >= codePoints - 3 || r.nextInt(3) > 0;
            String piece = edge ? EDGE[r.nextInt(EDGE.length)] : INSIDE[r.nextInt(INSIDE.length)];
            int n = piece.codePointCount(0, piece.length());
            if (count + n > codePoints || (count + n == codePoints && !edge)) {
                piece = "x";
                n = 1;
            }
            s.append(piece);
            count += n;
        }
        return s.toString();
    }

    private static String pad(Random r, String core) {
        return switch (r.nextInt(4)) {
            case 0 -> PADDING[r.nextInt(PADDING.length)] + core;
            case 1 -> core + PADDING[r.nextInt(PADDING.length)];
            case 2 -> PADDING[r.nextInt(PADDING.length)] + core + PADDING[r.nextInt(PADDING.length)];
            default -> core;
        };
    }

    private static String loneSurrogate(Random r) {
        return String.valueOf((char) (r.nextBoolean() ? 0xD800 + r.nextInt(0x400) : 0xDC00 + r.nextInt(0x400)));
    }

    private static String insert(Random r, String s, String what) {
        int at = r.nextInt(s.length() + 1);
        return s.substring(0, at) + what + s.substring(at);
    }

    private static Field text(String text, Object expected) {
        return new Field(text, quote(text), expected);
    }

    // ---- datetimes -------------------------------------------------------------------------

    private static final String[] BAD_DATETIMES = {"", "+99999-03-01T10:00:00Z", "+10000-01-01T00:00:00Z",
            "-0001-03-01T10:00:00Z", "-999999999-01-01T00:00:00Z", "+999999999-12-31T23:59:59.999999999-18:00",
            "0001-03-01T00:00:00Z", "1582-10-10T00:00:00Z", "1899-12-31T23:59:59.999999Z", "2200-01-01T00:00:00Z",
            "9999-12-31T23:59:59Z", "0000-01-01T00:00:00Z", "1900-01-01T00:00:00+00:01", "2199-12-31T23:59:59-00:01",
            "2021-07-27T16:02:08", "2021-07-27", "16:02:08Z", "2021-02-30T10:00:00Z", "2021-07-27T24:00:00Z",
            "2021-07-27T16:02:60Z", "2021-07-27 16:02:08Z", "2021-07-27T16:02:08+19:00", "2021-07-27T16:02:08-18:01", "2021-07-27T16:02:08.Z",
            "2021-07-27T16:02:08.\u0661Z", "\uFF12\uFF10\uFF12\uFF11-07-27T16:02:08Z", "2021-07-27T16:02:08\u0000Z",
            "2021-07-27T16:02:08\uD800Z", "1627401728", "2021-07-27T16:02:08Z[UTC]", "2021-07-27T16:02:08+03:00:60",
            "2021-13-01T00:00:00Z", "2021-07-27T16:02:08.1234567Z", "2021-07-27T16:02:08.000000000Z",
            "2021-07-27T16:02:08.123456789+05:30", "+2021-07-27T16:02:08Z", "2021-07-27T16:02:08ZZ", "null"};

    public static Field datetime(Random r) {
        int pick = r.nextInt(20);
        if (pick < 11) {
            Instant instant = truncate(r, between(r, EARLIEST, END));
            return text(format(r, instant, digitsOf(instant, r)), instant);
        }
        return switch (pick) {
            case 11 -> {
                Instant edge = new Instant[]{EARLIEST, END.minus(1, ChronoUnit.MICROS), Instant.EPOCH,
                        Instant.parse("2000-02-29T23:59:59.999999Z")}[r.nextInt(4)];
                yield text(format(r, edge, digitsOf(edge, r)), edge);
            }
            case 12 -> {
                Instant before = truncate(r, between(r, Instant.parse("0001-01-01T00:00:00Z"), EARLIEST));
                yield text(format(r, before, digitsOf(before, r)), null);
            }
            case 13 -> {
                Instant after = truncate(r, between(r, END, Instant.parse("9999-12-31T00:00:00Z")));
                yield text(format(r, after, digitsOf(after, r)), null);
            }
            case 14 -> {
                Instant instant = between(r, EARLIEST.plus(1, ChronoUnit.DAYS), END.minus(1, ChronoUnit.DAYS))
                        .truncatedTo(ChronoUnit.SECONDS).plusNanos(r.nextInt(1_000_000_000));
                yield text(format(r, instant, 7 + r.nextInt(3)), null);
            }
            default -> text(BAD_DATETIMES[r.nextInt(BAD_DATETIMES.length)], null);
        };
    }

    private static Instant between(Random r, Instant from, Instant to) {
        long micros = ChronoUnit.MICROS.between(from, to);
        return from.plus(r.nextLong(micros), ChronoUnit.MICROS);
    }

    /** Keeps 0 to 6 fractional digits, sometimes with trailing zeros to show. */
    private static Instant truncate(Random r, Instant instant) {
        int digits = r.nextInt(7);
        long unit = (long) Math.pow(10, 9 - digits);
        return instant.minusNanos(instant.getNano() % unit);
    }

    /** How many fractional digits to print: what the instant needs, sometimes 6 with trailing zeros. */
    private static int digitsOf(Instant instant, Random r) {
        int nanos = instant.getNano();
        int least = nanos == 0 ? 0 : 9 - trailingZeros(nanos);
        return r.nextInt(7) == 0 ? Math.max(least, 6) : least;
    }

    private static int trailingZeros(int nanos) {
        int zeros = 0;
        while (nanos % 10 == 0 && zeros < 9) {
            nanos /= 10;
            zeros++;
        }
        return zeros;
    }

    /** The instant at a random offset (or Z), with exactly {@code digits} fractional digits. */
    private static String format(Random r, Instant instant, int digits) {
        int pick = r.nextInt(10);
        ZoneOffset offset = pick < 4 ? ZoneOffset.UTC
                : pick == 4 ? ZoneOffset.ofHours(r.nextBoolean() ? 18 : -18)
                : ZoneOffset.ofTotalSeconds((r.nextInt(36 * 60 + 1) - 18 * 60) * 60);
        LocalDateTime local = LocalDateTime.ofInstant(instant, offset);
        StringBuilder s = new StringBuilder();
        int year = local.getYear();
        s.append(year > 9999 ? "+" + year : String.format("%04d", year));
        s.append(String.format("-%02d-%02dT%02d:%02d:%02d", local.getMonthValue(), local.getDayOfMonth(),
                local.getHour(), local.getMinute(), local.getSecond()));
        if (digits > 0) {
            String nanos = String.format("%09d", local.getNano());
            s.append('.').append(digits <= 9 ? nanos.substring(0, digits) : nanos);
        }
        s.append(pick < 4 && r.nextInt(4) > 0 ? "Z" : offset.equals(ZoneOffset.UTC) ? "+00:00" : offset.getId());
        return r.nextInt(10) == 0 ? " " + s + " " : s.toString();
    }

    // ---- bodies ----------------------------------------------------------------------------

    /** The rows as a JSON array whose every character outside printable ASCII is escaped. */
    public static String json(List<Row> rows) {
        StringBuilder s = new StringBuilder("[");
        for (Row row : rows) {
            s.append(s.length() == 1 ? "" : ",\n").append("{\"id\": ").append(row.id().json())
                    .append(", \"name\": ").append(row.name().json())
                    .append(", \"datetime\": ").append(row.datetime().json())
                    .append(", \"department_id\": ").append(row.departmentId().json())
                    .append(", \"job_id\": ").append(row.jobId().json()).append('}');
        }
        return s.append(']').toString();
    }

    /**
     * The rows as a headerless CSV file, every field quoted (names hold commas and line ends),
     * lone surrogates written as bytes that are not UTF-8.
     */
    public static byte[] csv(List<Row> rows) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Row row : rows) {
            boolean first = true;
            for (Field field : row.fields()) {
                out.writeBytes(first ? new byte[0] : new byte[]{','});
                first = false;
                out.write('"');
                utf8(out, field.text().replace("\"", "\"\""));
                out.write('"');
            }
            out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    private static final byte[][] NOT_UTF8 = {{(byte) 0xFF}, {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
            {(byte) 0xE9}, {(byte) 0x80}};

    private static void utf8(ByteArrayOutputStream out, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.writeBytes(text.substring(i, i + 2).getBytes(StandardCharsets.UTF_8));
                i++;
            } else if (Character.isSurrogate(c)) {
                out.writeBytes(NOT_UTF8[c % NOT_UTF8.length]);
            } else {
                out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    /** A JSON string, escaping quotes, backslashes and everything outside printable ASCII. */
    public static String quote(String text) {
        StringBuilder s = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                s.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7E) {
                s.append(String.format("\\u%04x", (int) c));
            } else {
                s.append(c);
            }
        }
        return s.append('"').toString();
    }
}
