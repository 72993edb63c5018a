package io.hireload.rows;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The CSV dialects met in the wild, read without flags, with line numbers and raw text kept. */
class CsvRowReaderTest {

    @Test
    void plainRowsKeepTheirLineNumberRawTextAndTrailingEmptyFields() {
        List<SourceRow> rows = read("1,Harold Vogt,2021-11-07T02:48:42Z,2,96\n2,Ty Hofer,2021-05-30T05:43:46Z,8,\n");
        assertThat(rows).hasSize(2);
        assertThat(rows.get(1).line()).isEqualTo(2);
        assertThat(rows.get(1).raw()).isEqualTo("2,Ty Hofer,2021-05-30T05:43:46Z,8,");
        assertThat(rows.get(1).fields()).containsExactly("2", "Ty Hofer", "2021-05-30T05:43:46Z", "8", "");
    }

    @Test
    void aBomAndCrlfLineEndsAreNotPartOfTheData() {
        List<SourceRow> rows = read("\uFEFF1,Supply Chain\r\n2,Maintenance\r\n");
        assertThat(rows).extracting(SourceRow::fields)
                .containsExactly(List.of("1", "Supply Chain"), List.of("2", "Maintenance"));
        assertThat(rows.get(1).raw()).isEqualTo("2,Maintenance");
    }

    @Test
    void spacesAroundFieldsAndQuotedDelimitersAreReadAsRfc4180Says() {
        List<SourceRow> rows = read("1, Supply Chain \n 2 ,\"Smith, Jr.\"\n3,\"say \"\"hi\"\"\"\n");
        assertThat(rows).extracting(SourceRow::fields).containsExactly(
                List.of("1", "Supply Chain"), List.of("2", "Smith, Jr."), List.of("3", "say \"hi\""));
    }

    @Test
    void bytesThatAreNotUtf8AreMarkedSoTheRulesRejectTheFieldInsteadOfReplacingThem() {
        byte[] text = bytes("1,caf", new byte[]{(byte) 0xE9}, "\n2,ok\n3,", new byte[]{(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                "\n4,Zo\u00EB \uD83D\uDE00\n");
        List<SourceRow> rows = new ArrayList<>();
        CsvRowReader reader = new CsvRowReader(new ByteArrayInputStream(text), "t.csv", null);
        for (SourceRow row = reader.next(); row != null; row = reader.next()) {
            rows.add(row);
        }
        assertThat(rows).extracting(r -> r.fields().get(1)).containsExactly("caf" + CsvRowReader.NOT_UTF8, "ok",
                String.valueOf(CsvRowReader.NOT_UTF8), "Zo\u00EB \uD83D\uDE00");
        assertThat(rows).extracting(SourceRow::line).containsExactly(1L, 2L, 3L, 4L);
    }

    @Test
    void controlCharactersAtTheEdgesOfAFieldAreData() {
        assertThat(read("1,\u0000Supply\u0001 \n2, \"\tQuoted \" \n")).extracting(SourceRow::fields).containsExactly(
                List.of("1", "\u0000Supply\u0001"), List.of("2", "\tQuoted "));
    }

    @Test
    void semicolonsAreDetectedWhenTheFirstLineHasNoComma() {
        List<SourceRow> rows = read("1;\"Vogt, Harold\";2021-11-07T02:48:42Z;2;96\n");
        assertThat(rows.get(0).fields()).containsExactly("1", "Vogt, Harold", "2021-11-07T02:48:42Z", "2", "96");
    }

    @Test
    void anExplicitDelimiterWins() {
        List<SourceRow> rows = readWith("1|a,b\n", '|');
        assertThat(rows.get(0).fields()).containsExactly("1", "a,b");
    }

    @Test
    void blankLinesAndRowsOfOnlyDelimitersAreBlankAndLineNumbersStillCount() {
        List<SourceRow> rows = read("1,a\n\n,,\n   \n2,b\n");
        assertThat(rows).extracting(SourceRow::blank).containsExactly(false, true, true, true, false);
        assertThat(rows.get(4).line()).isEqualTo(5);
    }

    @Test
    void aQuotedLineBreakKeepsTheFollowingLineNumbersRight() {
        List<SourceRow> rows = read("1,\"two\nlines\"\n2,b\n");
        assertThat(rows.get(0).fields()).containsExactly("1", "two\nlines");
        assertThat(rows.get(0).raw()).isEqualTo("1,\"two\nlines\"");
        assertThat(rows.get(1).line()).isEqualTo(3);
    }

    @Test
    void theLastLineNeedsNoLineEnd() {
        assertThat(read("1,a\r\n2,b")).extracting(SourceRow::raw).containsExactly("1,a", "2,b");
    }

    @Test
    void anUnterminatedQuoteStopsTheFileWithARowThatSaysWhere() {
        CsvRowReader reader = reader("1,a\n2,\"never closed\n3,c\n", null);
        assertThat(reader.next().fields()).containsExactly("1", "a");
        assertThatThrownBy(reader::next)
                .isInstanceOfSatisfying(MalformedCsvException.class, e -> {
                    assertThat(e.row().line()).isEqualTo(2);
                    assertThat(e.getMessage()).startsWith("test.csv line 2: a quoted field opened on this line is never closed")
                            .contains("the rest of the file was not read");
                });
        assertThat(reader.next()).isNull();
    }

    @Test
    void aQuoteClosedInTheMiddleOfAFieldStopsTheFileAtItsLine() {
        CsvRowReader reader = reader("1,a\n8342,\"Bro\"ken\",x\n3,c\n", null);
        assertThat(reader.next().fields()).containsExactly("1", "a");
        assertThatThrownBy(reader::next).isInstanceOfSatisfying(MalformedCsvException.class, e -> {
            assertThat(e.row().line()).isEqualTo(2);
            assertThat(e.getMessage()).startsWith("test.csv line 2: the quoted field opened on line 2 is followed by 'k'");
        });
        assertThat(reader.next()).isNull();
    }

    @Test
    void aLineOverTheLimitIsOneRowWithItsStartAndLengthAndReadingGoesOnAfterIt() {
        String longLine = "7," + "x".repeat(10_000) + ",\"quoted, still\"";
        CsvRowReader reader = new CsvRowReader(new ByteArrayInputStream(("1,a\n" + longLine + "\r\n3,c\n")
                .getBytes(StandardCharsets.UTF_8)), "t.csv", null, CsvRowReader.MIN_MAX_LINE_BYTES);
        assertThat(reader.next().fields()).containsExactly("1", "a");
        SourceRow tooLong = reader.next();
        assertThat(tooLong.line()).isEqualTo(2);
        assertThat(tooLong.problem()).isEqualTo("the line is " + longLine.length() + " bytes long, more than the 4096 "
                + "bytes a line may hold (HIRELOAD_MAX_LINE_BYTES); it was not read (is a line end missing?)");
        assertThat(tooLong.raw()).startsWith("7,xxx").contains(longLine.length() + " bytes in all")
                .hasSizeLessThan(SourceRow.RAW_KEPT + 100);
        assertThat(tooLong.blank()).isFalse();
        SourceRow next = reader.next();
        assertThat(next.line()).isEqualTo(3);
        assertThat(next.fields()).containsExactly("3", "c");
        assertThat(reader.next()).isNull();
    }

    @Test
    void aQuoteStillOpenAtTheLimitStopsTheFileWhereItOpened() {
        String text = "1,a\n2,\"" + "y\n".repeat(3_000) + "\"\n3,c\n";
        CsvRowReader reader = new CsvRowReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
                "t.csv", null, CsvRowReader.MIN_MAX_LINE_BYTES);
        assertThat(reader.next().line()).isEqualTo(1);
        assertThatThrownBy(reader::next).isInstanceOfSatisfying(MalformedCsvException.class, e -> {
            assertThat(e.row().line()).isEqualTo(2);
            assertThat(e.getMessage()).startsWith("t.csv line 2: a quoted field is still open after 4096 bytes");
            assertThat(e.row().raw()).hasSizeLessThan(SourceRow.RAW_KEPT + 100);
        });
    }

    @Test
    void aQuotedFieldWithinTheLimitMaySpanLines() {
        String text = "1,\"" + "y\n".repeat(1_000) + "\"\n2,c\n";
        CsvRowReader reader = new CsvRowReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
                "t.csv", null, CsvRowReader.MIN_MAX_LINE_BYTES);
        assertThat(reader.next().fields().get(1)).hasSize(2_000);
        assertThat(reader.next().line()).isEqualTo(1_002);
    }

    @Test
    void longFilesAreReadInBoundedMemoryWithExactLineNumbers() {
        StringBuilder csv = new StringBuilder();
        for (int i = 1; i <= 50_000; i++) {
            csv.append(i).append(",name ").append(i).append(i % 3 == 0 ? "\r\n" : "\n");
        }
        List<SourceRow> rows = read(csv.toString());
        assertThat(rows).hasSize(50_000);
        assertThat(rows.get(49_999).line()).isEqualTo(50_000);
        assertThat(rows.get(49_999).raw()).isEqualTo("50000,name 50000");
        assertThat(rows.get(12_344).raw()).isEqualTo("12345,name 12345");
    }

    static List<SourceRow> read(String text) {
        return readWith(text, null);
    }

    private static byte[] bytes(Object... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (Object part : parts) {
            out.writeBytes(part instanceof byte[] b ? b : ((String) part).getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    private static List<SourceRow> readWith(String text, Character delimiter) {
        CsvRowReader reader = reader(text, delimiter);
        List<SourceRow> rows = new ArrayList<>();
        for (SourceRow row = reader.next(); row != null; row = reader.next()) {
            rows.add(row);
        }
        return rows;
    }

    private static CsvRowReader reader(String text, Character delimiter) {
        return new CsvRowReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "test.csv", delimiter);
    }
}
