package io.hireload.backup;

import io.hireload.failure.Failure;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** HIRELOAD_BACKUP_S3_PART_SIZE: binary units, and S3's limits for a part said before any upload. */
class BackupSettingsTest {

    @ParameterizedTest
    @CsvSource({"64MiB, 67108864", "5242880, 5242880", "5 MiB, 5242880", "6144kib, 6291456", "5GiB, 5368709120",
            "5242880B, 5242880"})
    void partSizes(String setting, long bytes) {
        assertThat(settings(setting).s3PartSize()).isEqualTo(bytes);
    }

    @ParameterizedTest
    @ValueSource(strings = {"4MiB", "5GiB1", "6GiB", "64MB", "-64MiB", "lots", "99999999999999999999"})
    void partSizesS3WouldRefuseAreAMisconfiguration(String setting) {
        assertThatThrownBy(() -> settings(setting).s3PartSize())
                .isInstanceOf(Failure.Misconfigured.class)
                .hasMessageContaining("HIRELOAD_BACKUP_S3_PART_SIZE");
    }

    private static BackupSettings settings(String partSize) {
        return new BackupSettings("s3", Optional.empty(), ".hireload", "deflate", partSize);
    }
}
