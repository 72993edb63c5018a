package io.hireload.load.engine;

import io.hireload.load.queue.ClaimedItem;
import io.hireload.model.TableName;
import io.hireload.rows.Checked;
import io.hireload.rows.CsvRowReader;
import io.hireload.rows.MalformedCsvException;
import io.hireload.rows.SourceRow;
import io.hireload.s3.CsvObjects.CsvObject;
import io.hireload.support.Property;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile files through the reading path of an S3 object (gzip, the CSV reader under a small line
 * limit, the field-count check, the session's batches): lines far over the limit, quotes left open
 * or closed mid-field, NUL, bytes that are not UTF-8, quoted line breaks, every line end, and a
 * small gzip file cut at every offset. Each file is generated line by line, so what each line must
 * become is known: a row (valid or rejected with a reason), a skipped blank, or the line where the
 * object fails; together they account for every line of the file. The reader never holds more
 * than about its limit, whatever a line's length.
 */
class ReadingPathPropertyTest {
    private static final int LIMIT = CsvRowReader.MIN_MAX_LINE_BYTES;
    private static final long SEED = 20261206L;

    /** What one generated line must become. */
    private enum Kind { VALID, QUOTED, MULTILINE, BLANK, NUL, NOT_UTF8, TOO_LONG, OPEN_QUOTE, CLOSED_MID_FIELD }

    /** One generated record: its kind, its first line and how many lines it spans. */
    private record Line(Kind kind, long line, int span) {
    }

    /** A generated file: its bytes, its records in order and its number of lines. */
    private record Generated(byte[] bytes, List<Line> records, long lines) {
        /** The record the object must fail at, or null. */
        Line failure() {
            return records.stream().filter(r -> r.kind == Kind.OPEN_QUOTE || r.kind == Kind.CLOSED_MID_FIELD)
                    .findFirst().orElse(null);
        }
    }

    /** What reading one object gave: its batches' rows, its skipped blanks, and why it failed (or null). */
    private record Read(List<Checked> rows, long skippedBlank, RuntimeException failure) {
    }

    @Test
    void everyLineOfAHostileFileIsARowASkippedBlankOrPartOfTheFailureAndMemoryStaysBounded() {
        System.out.println("ReadingPathPropertyTest seed " + SEED);
        Property.check("hostile files account for every line", SEED, 300, random -> {
            Generated file = generate(random);
            boolean gzipped = random.nextBoolean();
            byte[] stored = gzipped ? gzip(file.bytes()) : file.bytes();
            String key = gzipped ? "jobs/hostile.csv.gz" : "jobs/hostile.csv";
            Read read = read(key, stored, 1 + random.nextInt(40));

            Line failure = file.failure();
            List<Line> before = file.records().stream()
                    .takeWhile(r -> failure == null || r.line() < failure.line()).toList();
            List<Long> rowLines = before.stream().filter(r -> r.kind() != Kind.BLANK).map(Line::line).toList();
            assertThat(read.rows()).extracting(c -> c.source().line()).containsExactlyElementsOf(rowLines);
            assertThat(read.skippedBlank()).isEqualTo(before.stream().filter(r -> r.kind() == Kind.BLANK).count());
            for (int i = 0; i < read.rows().size(); i++) {
                Checked row = read.rows().get(i);
                Kind kind = before.stream().filter(r -> r.kind() != Kind.BLANK).toList().get(i).kind();
                boolean valid = kind == Kind.VALID || kind == Kind.QUOTED || kind == Kind.MULTILINE;
                if (valid) {
                    assertThat(row).as(row.source().raw()).isInstanceOf(Checked.Valid.class);
                } else {
                    assertThat(row).as(kind + ": " + row.source().raw()).isInstanceOf(Checked.Rejected.class);
                    assertThat(((Checked.Rejected) row).reason()).as(kind.name()).isNotBlank()
                            .containsAnyOf("NUL", "UTF-8", "bytes long");
                }
                assertThat(row.source().raw().length()).isLessThanOrEqualTo(LIMIT);
            }
            if (failure == null) {
                assertThat(read.failure()).as("no failure expected").isNull();
            } else {
                assertThat(read.failure()).isInstanceOf(ItemReading.Unreadable.class);
                assertThat(read.failure().getMessage()).startsWith(key + " line " + failure.line() + ": ");
            }
            // Rows read, skipped blanks and the failure's lines: every line of the file, once.
            long accounted = before.stream().mapToLong(Line::span).sum()
                    + (failure == null ? 0 : file.lines() - failure.line() + 1);
            assertThat(accounted).isEqualTo(file.lines());

            assertHeldWithinTheLimit(file.bytes());
        });
    }

    @Test
    void aSmallGzipFileCutAtEveryOffsetFailsAtALineAfterARightPrefixOfItsRows() throws IOException {
        Random random = new Random(SEED);
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= 30; i++) {
            text.append(i).append(i % 4 == 0 ? ",\"Quoted, " + i + "\"" : ",Job " + i).append(i % 3 == 0 ? "\r\n" : "\n");
        }
        byte[] whole = gzip(text.toString().getBytes(StandardCharsets.UTF_8));
        Read complete = read("jobs/cut.csv.gz", whole, 7);
        assertThat(complete.failure()).isNull();
        assertThat(complete.rows()).hasSize(30);
        for (int cut = 0; cut < whole.length; cut++) {
            Read read = read("jobs/cut.csv.gz", Arrays.copyOf(whole, cut), 1 + random.nextInt(10));
            assertThat(read.failure()).as("cut at " + cut).isInstanceOf(ItemReading.Unreadable.class);
            assertThat(read.failure().getMessage()).as("cut at " + cut).startsWith("jobs/cut.csv.gz line ")
                    .contains("gzip");
            List<Checked> prefix = complete.rows().subList(0, read.rows().size());
            assertThat(read.rows()).extracting(c -> c.source().line() + " " + c.source().fields())
                    .containsExactlyElementsOf(prefix.stream().map(c -> c.source().line() + " " + c.source().fields()).toList());
            long failedAt = Long.parseLong(read.failure().getMessage().replaceFirst("^jobs/cut.csv.gz line (\\d+):.*", "$1"));
            assertThat(failedAt).as("cut at " + cut).isEqualTo(read.rows().isEmpty() ? 1
                    : read.rows().get(read.rows().size() - 1).source().line() + 1);
        }
    }

    /** The reader alone, row by row: what it holds never grows past about twice its limit. */
    private static void assertHeldWithinTheLimit(byte[] bytes) {
        CsvRowReader reader = new CsvRowReader(new ByteArrayInputStream(bytes), "t.csv", null, LIMIT);
        try {
            for (SourceRow row = reader.next(); row != null; row = reader.next()) {
                assertThat(reader.held()).isLessThanOrEqualTo(4L * LIMIT + 8);
                assertThat(row.raw().length()).isLessThanOrEqualTo(LIMIT);
                if (row.problem() != null) {
                    assertThat(row.raw().length()).isLessThan(SourceRow.RAW_KEPT + 100);
                }
            }
        } catch (MalformedCsvException e) {
            assertThat(reader.held()).isLessThanOrEqualTo(4L * LIMIT + 8);
            assertThat(e.row().raw().length()).isLessThan(SourceRow.RAW_KEPT + 100);
        }
    }

    /** The object through ItemReading into a session whose batches are kept here. */
    private static Read read(String key, byte[] stored, int batchSize) {
        List<Batch> batches = new ArrayList<>();
        LoadSession session = new LoadSession(TableName.JOBS, batchSize, true, 1, batches::add, null, Runnable::run,
                () -> false);
        ClaimedItem item = new ClaimedItem(1, 1, TableName.JOBS, 0, new CsvObject(key, stored.length, "etag"), 1, 0, 0,
                batchSize, true, null, 1);
        RuntimeException failure = null;
        try {
            ItemReading.read(session, item, new ByteArrayInputStream(stored), LIMIT);
            session.finish(false);
        } catch (ItemReading.Unreadable e) {
            failure = e;
        }
        List<Checked> rows = new ArrayList<>();
        long blank = 0;
        for (Batch batch : batches) {
            rows.addAll(batch.rows);
            blank += batch.skippedBlank;
        }
        return new Read(rows, blank, failure);
    }

    private static Generated generate(Random random) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<Line> records = new ArrayList<>();
        if (random.nextInt(4) == 0) {
            out.writeBytes(new byte[]{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        }
        int count = 1 + random.nextInt(25);
        long line = 1;
        boolean quotesAllowed = true;
        for (int i = 0; i < count; i++) {
            Kind kind = Kind.values()[random.nextInt(Kind.values().length)];
            if (!quotesAllowed && (kind == Kind.QUOTED || kind == Kind.MULTILINE || kind == Kind.CLOSED_MID_FIELD
                    || kind == Kind.OPEN_QUOTE)) {
                kind = Kind.VALID;
            }
            int span = 1;
            String id = Long.toString(line);
            switch (kind) {
                case VALID -> text(out, id + "," + name(random));
                case QUOTED -> text(out, id + ", \"" + name(random) + ", \"\"said\"\"\" ");
                case MULTILINE -> {
                    int breaks = 1 + random.nextInt(3);
                    StringBuilder field = new StringBuilder(name(random));
                    for (int b = 0; b < breaks; b++) {
                        field.append(lineEnd(random)).append(name(random));
                    }
                    span += breaks;
                    text(out, id + ",\"" + field + "\"");
                }
                case BLANK -> text(out, List.of("", "   ", ",", " , ").get(random.nextInt(4)));
                case NUL -> text(out, id + ",ab\u0000c");
                case NOT_UTF8 -> {
                    text(out, id + ",caf");
                    out.write(random.nextBoolean() ? 0xE9 : 0xFF);
                }
                case TOO_LONG -> {
                    text(out, id + ",");
                    int length = LIMIT + 1 + random.nextInt(3 * LIMIT);
                    for (int b = 0; b < length; b++) {
                        int pick = random.nextInt(50);
                        out.write(pick == 0 ? 0 : pick == 1 ? 0xC3 : pick == 2 ? ',' : 'a' + pick % 26);
                    }
                }
                case CLOSED_MID_FIELD -> text(out, id + ",\"Bro\"ken\"");
                case OPEN_QUOTE -> {
                    text(out, id + ",\"never closed " + name(random));
                    // Nothing after it may close the quote: the rest is inside it, and the object fails here.
                    quotesAllowed = false;
                }
            }
            records.add(new Line(kind, line, span));
            line += span;
            boolean last = i == count - 1;
            // An empty last line exists only with its line end; a line end after the last line adds no line.
            if (!last || kind == Kind.BLANK || random.nextBoolean()) {
                text(out, random.nextBoolean() ? "\n" : "\r\n");
            }
        }
        Line lastRecord = records.get(records.size() - 1);
        return new Generated(out.toByteArray(), records, lastRecord.line() + lastRecord.span() - 1);
    }

    private static String name(Random random) {
        String[] parts = {"Ana", "Vogt", "Zo\u00EB", "\uD83D\uDE00", "Smith-Jones", "O'Hara", "de la Cruz"};
        return parts[random.nextInt(parts.length)] + " " + parts[random.nextInt(parts.length)];
    }

    private static String lineEnd(Random random) {
        return List.of("\n", "\r\n", "\r").get(random.nextInt(3));
    }

    private static void text(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
