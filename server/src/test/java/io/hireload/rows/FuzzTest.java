package io.hireload.rows;

import io.hireload.model.TableName;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Thousands of mutated and random inputs, with a fixed seed, through the CSV reader, the JSON
 * reader and the data rules: every input ends as rows, rejections or a body error, never as an
 * unexpected exception.
 */
class FuzzTest {
    private static final String SAMPLE = """
            1,Harold Vogt,2021-11-07T02:48:42Z,2,96
            2,Ty Hofer,2021-05-30T05:43:46Z,8,
            3,"Lyman, Hadye",2021-09-01T23:27:38-03:00,5,52
            """;
    private static final String ALPHABET = ",;\"\r\n \t\\'{}[]:0123456789-TZ.:abcé\u0000\uFEFF";

    @Test
    void mutatedCsvNeverEscapesAsAnUnexpectedException() {
        Random random = new Random(20211);
        int rows = 0;
        for (int i = 0; i < 3000; i++) {
            String text = mutate(SAMPLE, random);
            CsvRowReader reader = new CsvRowReader(stream(text), "fuzz.csv", null);
            try {
                for (SourceRow row = reader.next(); row != null; row = reader.next()) {
                    for (TableName table : TableName.values()) {
                        assertActionable(RowRules.check(table, row), row);
                    }
                    rows++;
                }
            } catch (MalformedCsvException expected) {
                assertThat(expected.getMessage()).contains("fuzz.csv");
            }
        }
        assertThat(rows).isGreaterThan(3000);
    }

    @Test
    void mutatedJsonNeverEscapesAsAnUnexpectedException() throws IOException {
        Random random = new Random(2021);
        String json = "[{\"id\": 1, \"name\": \"Harold\", \"datetime\": \"2021-11-07T02:48:42Z\", "
                + "\"department_id\": 2, \"job_id\": 96}, {\"id\": \"x\", \"name\": null}]";
        int items = 0;
        for (int i = 0; i < 3000; i++) {
            try {
                JsonRows.Parsed parsed = JsonRows.read(TableName.EMPLOYEES, stream(mutate(json, random)), 1000);
                for (JsonRows.Item item : parsed.items()) {
                    if (item.typeError() == null) {
                        assertActionable(RowRules.check(TableName.EMPLOYEES, item.row()), item.row());
                    }
                    items++;
                }
            } catch (JsonRows.BodyException expected) {
                assertThat(expected.getMessage()).isNotBlank();
            }
        }
        assertThat(items).isGreaterThan(100);
    }

    /**
     * What a person sees of any verdict: a rejected row says which field or how many fields are
     * wrong; a valid row keeps the id its text says and the row it came from.
     */
    private static void assertActionable(Checked verdict, SourceRow row) {
        assertThat(verdict.source()).isSameAs(row);
        switch (verdict) {
            case Checked.Rejected rejected -> assertThat(rejected.reason()).as(row.fields().toString())
                    .containsAnyOf("id", "department", "job", "name", "datetime", "fields");
            case Checked.Valid valid -> assertThat(valid.id()).as(row.fields().toString())
                    .isPositive().isEqualTo(Integer.parseInt(row.fields().get(0).strip()));
        }
    }

    static String mutate(String text, Random random) {
        StringBuilder s = new StringBuilder(text);
        int edits = 1 + random.nextInt(8);
        for (int e = 0; e < edits && s.length() > 0; e++) {
            int at = random.nextInt(s.length());
            switch (random.nextInt(4)) {
                case 0 -> s.deleteCharAt(at);
                case 1 -> s.insert(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                case 2 -> s.setCharAt(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                default -> s.insert(at, s.substring(at, Math.min(s.length(), at + random.nextInt(20))));
            }
        }
        return s.toString();
    }

    private static ByteArrayInputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
