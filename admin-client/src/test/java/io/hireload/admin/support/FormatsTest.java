package io.hireload.admin.support;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

class FormatsTest {

    @Test
    void countsHaveThousandsSeparatorsAndMeansOneDecimal() {
        assertThat(Formats.count(4_825_285)).isEqualTo("4,825,285");
        assertThat(Formats.count(0)).isEqualTo("0");
        assertThat(Formats.decimal(123_782.44)).isEqualTo("123,782.4");
        assertThat(Formats.decimal(2)).isEqualTo("2.0");
    }

    @Test
    void momentsAreLocalAndDurationsReadInTheirOwnUnit() {
        Instant at = Instant.parse("2026-12-06T14:40:05.123456Z");
        assertThat(Formats.when(at, ZoneId.of("America/Santiago"))).isEqualTo("2026-12-06 11:40:05");
        assertThat(Formats.when(null)).isEmpty();
        assertThat(Formats.duration(850)).isEqualTo("850 ms");
        assertThat(Formats.duration(12_340)).isEqualTo("12.3 s");
        assertThat(Formats.duration(245_000)).isEqualTo("4 min 05 s");
        assertThat(Formats.duration(7_380_000)).isEqualTo("2 h 03 min");
        assertThat(Formats.bytes(0)).isEqualTo("0 B");
        assertThat(Formats.bytes(1_234_567)).isEqualTo("1.2 MiB");
    }
}
