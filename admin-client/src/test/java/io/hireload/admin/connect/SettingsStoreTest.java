package io.hireload.admin.connect;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

import static org.assertj.core.api.Assertions.assertThat;

class SettingsStoreTest {
    private final Preferences node = Preferences.userRoot().node("io/hireload/admin-test/" + UUID.randomUUID());

    @AfterEach
    void forget() throws BackingStoreException {
        node.removeNode();
    }

    @Test
    void firstRunUsesTheLocalServer() {
        ConnectionSettings settings = new SettingsStore(node).load();
        assertThat(settings.url()).isEqualTo("http://localhost:8080");
        assertThat(settings.key()).isEmpty();
    }

    @Test
    void remembersUrlAndKeyBetweenRuns() {
        new SettingsStore(node).save(new ConnectionSettings("https://hireload.example.com ", Optional.of("s3cret")));
        ConnectionSettings again = new SettingsStore(node).load();
        assertThat(again.url()).isEqualTo("https://hireload.example.com");
        assertThat(again.key()).contains("s3cret");

        new SettingsStore(node).save(new ConnectionSettings("http://localhost:9090", Optional.empty()));
        assertThat(new SettingsStore(node).load().key()).isEmpty();
    }

    @Test
    void readsTheLocalKeyFileFirstLine(@TempDir Path dir) throws Exception {
        LocalKey key = LocalKey.fromEnvironment(name -> name.equals("HIRELOAD_DATA_DIR") ? dir.toString() : null);
        assertThat(key.file()).isEqualTo(dir.resolve("admin.key"));
        assertThat(key.read()).isEmpty();
        Files.writeString(dir.resolve("admin.key"), "  abc123  \n");
        assertThat(key.read()).contains("abc123");
    }

    @Test
    void defaultsToTheDataDirOfMakeRun() {
        LocalKey key = LocalKey.fromEnvironment(name -> null);
        assertThat(key.file()).isEqualTo(Path.of(".hireload", "admin.key").toAbsolutePath().normalize());
    }

    @Test
    void theEnvironmentsServerComesBeforeTheRememberedOne() {
        java.util.Map<String, String> env = new java.util.HashMap<>();
        assertThat(ConnectionSettings.fromEnvironment(env::get)).isEmpty();
        env.put("SERVER_PORT", "9090");
        assertThat(ConnectionSettings.fromEnvironment(env::get)).contains("http://localhost:9090");
        env.put("HIRELOAD_URL", "https://hireload.example.com");
        assertThat(ConnectionSettings.fromEnvironment(env::get)).contains("https://hireload.example.com");
    }
}
