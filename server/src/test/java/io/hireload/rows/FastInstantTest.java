package io.hireload.rows;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The fast path answers exactly what the general ISO formatter answers, or leaves it to it. */
class FastInstantTest {

    @Test
    void agreesWithTheFormatterOnTheUsualShapes() {
        for (String s : List.of("2021-07-27T16:02:08Z", "2021-07-27T13:02:08-03:00", "2021-07-27T16:02:08.5Z",
                "2021-07-27T16:02:08.123456789+05:30", "2020-02-29T23:59:59Z", "1999-12-31T00:00:00+14:00")) {
            assertThat(FastInstant.parse(s)).as(s).isEqualTo(general(s));
        }
    }

    @Test
    void leavesEverythingElseToTheFormatter() {
        for (String s : List.of("2021-02-30T10:00:00Z", "2021-07-27T24:00:00Z", "2021-07-27T16:02:08",
                "2021-07-27 16:02:08Z", "2021-07-27T16:02Z", "2021-07-27T16:02:08.Z", "x021-07-27T16:02:08Z",
                "2021-07-27T16:02:08+0300", "2021-07-27T16:02:08z",
                "2021-07-27T16:02:08+18:30", "2021-07-27T16:02:08.\u0661Z")) {
            assertThat(FastInstant.parse(s)).as(s).isNull();
        }
    }

    @Test
    void randomInstantsRoundTrip() {
        Random random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(-2_000_000_000L, 4_000_000_000L), random.nextInt(1_000_000_000));
            int offset = (random.nextInt(-12 * 4, 14 * 4)) * 15 * 60;
            String text = instant.atOffset(java.time.ZoneOffset.ofTotalSeconds(offset)).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            assertThat(FastInstant.parse(text)).as(text).isEqualTo(instant);
        }
    }

    private static Instant general(String s) {
        try {
            return OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
