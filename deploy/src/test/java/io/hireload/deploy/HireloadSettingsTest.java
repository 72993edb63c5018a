package io.hireload.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class HireloadSettingsTest {

    @Test
    void noContextMeansTheDocumentedDefaults() {
        var settings = HireloadSettings.fromMap(Map.of());

        assertThat(settings).isEqualTo(HireloadSettings.defaults());
        assertThat(settings.maxAzs()).isEqualTo(2);
        assertThat(settings.https()).as("HTTPS unless opted out of").isTrue();
        assertThat(settings.plainHttp()).isFalse();
        assertThat(settings.migrationLockWaitSeconds()).isEqualTo(600);
        assertThat(settings.imageUri()).isEmpty();
        // A zone's loss leaves the other zone its NAT gateway and a reader to promote; logs kept a year.
        assertThat(settings.natGateways()).isEqualTo(settings.maxAzs());
        assertThat(settings.dbReaders()).isEqualTo(1);
        assertThat(settings.logRetentionDays()).isEqualTo(365);
        assertThat(settings.requestsPerAddress()).isEqualTo(2000);
    }

    @Test
    void readsStringsFromTheCommandLineAndJsonValuesFromCdkJson() {
        var settings = HireloadSettings.fromMap(Map.of(
                "desiredCount", "3",
                "maxTasks", 10,
                "dbMaxAcu", "8.5",
                "dbMinAcu", 0,
                "deletionProtection", "false",
                "s3Prefix", "hr/",
                "certificateArn", "arn:aws:acm:eu-west-1:123456789012:certificate/abc"));

        assertThat(settings.desiredCount()).isEqualTo(3);
        assertThat(settings.maxTasks()).isEqualTo(10);
        assertThat(settings.dbMaxAcu()).isEqualTo(8.5);
        assertThat(settings.dbMinAcu()).isZero();
        assertThat(settings.deletionProtection()).isFalse();
        assertThat(settings.s3Prefix()).isEqualTo("hr/");
        assertThat(settings.https()).isTrue();
    }

    @Test
    void plainHttpIsAnExplicitOptOut() {
        assertThat(HireloadSettings.fromMap(Map.of("plainHttp", "true")).https()).isFalse();
    }

    @Test
    void contextKeysCarryTheHireloadPrefix() {
        var settings = HireloadSettings.fromContext(key -> key.equals("hireload:cpu") ? "2048" : null);

        assertThat(settings.cpu()).isEqualTo(2048);
    }

    @Test
    void rejectsSettingsThatCannotDeploy() {
        assertThatThrownBy(() -> HireloadSettings.fromMap(Map.of("maxAzs", 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxAzs");
        assertThatThrownBy(() -> HireloadSettings.fromMap(Map.of("minTasks", 4, "maxTasks", 3)))
                .hasMessageContaining("minTasks");
        assertThatThrownBy(() -> HireloadSettings.fromMap(Map.of("dbMinAcu", 8)))
                .hasMessageContaining("dbMinAcu");
        assertThatThrownBy(() -> HireloadSettings.fromMap(Map.of("logRetentionDays", 31)))
                .hasMessageContaining("logRetentionDays");
        assertThatThrownBy(() -> HireloadSettings.fromMap(Map.of("s3Prefix", "hr")))
                .hasMessageContaining("s3Prefix");
        assertThatThrownBy(() -> HireloadSettings.fromMap(Map.of("cpu", "lots")))
                .hasMessageContaining("cpu must be an integer");
        assertThatThrownBy(() -> HireloadSettings.fromMap(Map.of("deletionProtection", "maybe")))
                .hasMessageContaining("deletionProtection");
        assertThatThrownBy(() -> HireloadSettings.fromMap(Map.of("plainHttp", true,
                "certificateArn", "arn:aws:acm:eu-west-1:123456789012:certificate/abc")))
                .hasMessageContaining("plainHttp and certificateArn");
        assertThatThrownBy(() -> HireloadSettings.fromMap(Map.of("alarmEmail", "oncall")))
                .hasMessageContaining("alarmEmail");
        assertThatThrownBy(() -> HireloadSettings.fromMap(Map.of("migrationLockWaitSeconds", 5)))
                .hasMessageContaining("migrationLockWaitSeconds");
        assertThatThrownBy(() -> HireloadSettings.fromMap(Map.of("requestsPerAddress", 9)))
                .hasMessageContaining("requestsPerAddress");
        assertThatThrownBy(() -> HireloadSettings.fromMap(Map.of("natGateways", 3)))
                .hasMessageContaining("natGateways");
    }

    @Test
    void bucketLayoutPutsEveryKeyUnderThePrefix() {
        var layout = new BucketLayout("hr/");

        assertThat(layout.readableKeyPatterns())
                .contains("hr/departments/*", "hr/jobs/*", "hr/employees/*",
                        "hr/Department/*", "hr/Job/*", "hr/Employee/*",
                        "hr/departments.csv", "hr/jobs.csv", "hr/hired_employees.csv", "hr/backups/*",
                        "hr/departments.csv.gz", "hr/jobs.csv.gz", "hr/hired_employees.csv.gz")
                .allMatch(key -> key.startsWith("hr/"));
        // Uploads go into each table's own folder; the seed's layouts are never written.
        assertThat(layout.writableKeyPatterns())
                .containsExactly("hr/departments/*", "hr/jobs/*", "hr/employees/*", "hr/backups/*");
    }
}
