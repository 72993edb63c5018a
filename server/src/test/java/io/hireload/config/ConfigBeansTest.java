package io.hireload.config;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A settings group read where no bean is (the migration step, the derived config source) finds a
 * setting under either of its names, takes its declared default when it is unset or blank, and
 * says which variable is wrong when a value is not a number.
 */
class ConfigBeansTest {

    @Test
    void aSettingIsFoundUnderItsEnvironmentNameOrItsPropertyName() {
        ServerSettings byEnvironment = ConfigBeans.read(ServerSettings.class,
                SettingNames.byEitherName(Map.of("HIRELOAD_DATA_DIR", "/data", "HIRELOAD_INSTANCE_ID", " a ")));
        assertThat(byEnvironment.dataDir()).isEqualTo("/data");
        assertThat(byEnvironment.instanceId()).contains("a");
        ServerSettings byProperty = ConfigBeans.read(ServerSettings.class,
                SettingNames.byEitherName(Map.of("hireload.data-dir", "/other", "hireload.log-format", "JSON")));
        assertThat(byProperty.dataDir()).isEqualTo("/other");
        assertThat(byProperty.jsonLogs()).isTrue();
    }

    @Test
    void unsetOrBlankTakesTheDeclaredDefault() {
        ServerSettings server = ConfigBeans.read(ServerSettings.class, SettingNames.byEitherName(Map.of("HIRELOAD_DATA_DIR", " ")));
        assertThat(server.dataDir()).isEqualTo(".hireload");
        assertThat(server.instanceId()).isEmpty();
        assertThat(server.jsonLogs()).isFalse();
    }

    @Test
    void theDerivedSourceTurnsTheOperatorsNamesIntoThePoolsProperties() {
        Map<String, String> derived = DerivedConfigSource.derive(SettingNames.byEitherName(Map.of(
                "DATABASE_URL", "postgresql://owner:secret@db.internal:6543/hires", "DATABASE_USER", "app",
                "hireload.db.lock-timeout-seconds", "3", "SERVER_PORT", "9090")));
        assertThat(derived).containsEntry("javax.sql.DataSource.hireload.dataSource.url", "jdbc:postgresql://db.internal:6543/hires")
                .containsEntry("javax.sql.DataSource.hireload.dataSource.user", "app")
                .containsEntry("javax.sql.DataSource.hireload.dataSource.password", "secret")
                .containsEntry("javax.sql.DataSource.hireload.dataSource.options",
                        "-c lock_timeout=3000 -c idle_in_transaction_session_timeout=30000")
                .containsEntry("server.port", "9090");
    }

    @Test
    void aValueThatIsNoNumberNamesItsVariable() {
        assertThatThrownBy(() -> ConfigBeans.read(io.hireload.db.MigrationSettings.class,
                SettingNames.byEitherName(Map.of("HIRELOAD_MIGRATION_LOCK_WAIT_SECONDS", "ten minutes"))))
                .hasMessageContaining("HIRELOAD_MIGRATION_LOCK_WAIT_SECONDS").hasMessageContaining("ten minutes");
    }

    @Test
    void aMapSourceAnswersAPropertyFromItsEnvironmentName() {
        MapConfigSource source = new MapConfigSource("test", 450) {
            @Override
            protected Map<String, String> values() {
                return Map.of("HIRELOAD_UPLOAD_MAX_BYTES", "5");
            }
        };
        assertThat(source.getValue("hireload.upload.max-bytes")).isEqualTo("5");
        assertThat(source.getValue("hireload.upload.other")).isNull();
    }
}
