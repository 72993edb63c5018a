package io.hireload.config;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.eclipse.microprofile.config.inject.ConfigProperties;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * README's settings table and the code's settings, held to each other both ways: every setting a
 * {@code @ConfigProperties} group of the server declares has its row, and every row names a setting
 * the server reads. A row names a setting by its environment variable or its property name
 * (config.SettingNames maps one to the other).
 */
class SettingsTableTest {
    private static final Path README = Path.of("..").toAbsolutePath().normalize().resolve("README.md");
    private static final Pattern NAME = Pattern.compile("`([^`]+)`");
    /** Rows that are not the server's: read by the Makefile for {@code make run}. */
    private static final Set<String> NOT_THE_SERVERS = Set.of("JAVA_OPTS");

    @Test
    void everySettingTheCodeReadsHasItsRow() throws IOException {
        Set<String> missing = new TreeSet<>(codeSettings().keySet());
        missing.removeAll(tableSettings());
        assertThat(missing).as("settings the server reads that README's table does not list (with their groups: %s)",
                codeSettings()).isEmpty();
    }

    @Test
    void everyRowIsASettingTheCodeReads() throws IOException {
        Set<String> stale = new TreeSet<>(tableSettings());
        stale.removeAll(codeSettings().keySet());
        stale.removeAll(NOT_THE_SERVERS);
        assertThat(stale).as("rows of README's table that no @ConfigProperties group of the server reads").isEmpty();
    }

    @Test
    void theTableIsFoundAndTheGroupsAreFound() throws IOException {
        // Guards the two tests above against passing on nothing.
        assertThat(tableSettings()).contains("DATABASE_URL", "HIRELOAD_LOAD_WORKERS", "SERVER_PORT");
        assertThat(codeSettings()).containsKeys("DATABASE_URL", "HIRELOAD_LOAD_WORKERS", "HIRELOAD_MAX_LINE_BYTES");
    }

    @Test
    void theEnvironmentNameIsMicroProfileConfigsMapping() {
        assertThat(SettingNames.environmentName("hireload.db.lock-timeout-seconds")).isEqualTo("HIRELOAD_DB_LOCK_TIMEOUT_SECONDS");
        assertThat(SettingNames.environmentName("s3.access-key-id")).isEqualTo("S3_ACCESS_KEY_ID");
        assertThat(SettingNames.environmentName("server.connection-options.read-timeout"))
                .isEqualTo("SERVER_CONNECTION_OPTIONS_READ_TIMEOUT");
    }

    /** Environment name of every setting the server's groups declare, with the group that declares it. */
    private static Map<String, String> codeSettings() {
        Map<String, String> settings = new TreeMap<>();
        List<JavaClass> groups = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> location.contains("/server/target/classes/"))
                .importPackages("io.hireload").stream()
                .filter(c -> c.isAnnotatedWith(ConfigProperties.class)).toList();
        for (JavaClass group : groups) {
            Class<?> type = group.reflect();
            ConfigProperties annotation = type.getAnnotation(ConfigProperties.class);
            for (Field field : type.getDeclaredFields()) {
                if (!Modifier.isStatic(field.getModifiers())) {
                    String name = ConfigBeans.name(annotation, field);
                    String previous = settings.put(SettingNames.environmentName(name), type.getSimpleName());
                    assertThat(previous).as("%s is declared by two groups: one source per setting", name).isNull();
                }
            }
        }
        return settings;
    }

    /** Environment name of every setting README's "Configuration" table names. */
    private static Set<String> tableSettings() throws IOException {
        String readme = Files.readString(README);
        int start = readme.indexOf("\n## Configuration");
        int end = readme.indexOf("\n## ", start + 1);
        assertThat(start).as("README has a Configuration section").isPositive();
        Set<String> names = new TreeSet<>();
        for (String line : readme.substring(start, end).lines().toList()) {
            if (!line.startsWith("| `")) {
                continue;
            }
            Matcher name = NAME.matcher(line.split("\\|")[1]);
            while (name.find()) {
                names.add(SettingNames.environmentName(name.group(1)));
            }
        }
        return names;
    }
}
