package io.hireload.admin.connect;

import io.hireload.admin.support.Background;
import io.hireload.admin.support.Notice;
import io.hireload.admin.support.Session;
import io.hireload.admin.testing.StubServer;
import io.hireload.admin.testing.StubServer.Answer;
import io.hireload.model.ApiError;
import io.hireload.model.HealthAnswer;
import io.hireload.model.Page;
import io.hireload.model.ServiceInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

import static org.assertj.core.api.Assertions.assertThat;

class ConnectViewModelTest {
    private final Preferences node = Preferences.userRoot().node("io/hireload/admin-test/" + UUID.randomUUID());
    private final SettingsStore store = new SettingsStore(node);
    private final Session session = new Session();
    private final StubServer server = new StubServer()
            .on("GET", "/", new ServiceInfo("hireload", "0.1.0", "test", Map.of()))
            .on("GET", "/health-db", new HealthAnswer("UP", "database", "PostgreSQL 17", List.of()))
            .on("GET", "/health-s3", request -> Answer.json(503,
                    new HealthAnswer("DOWN", "s3", "bucket hireload not found", List.of())))
            .on("GET", "/employees", request -> "Bearer good".equals(request.authorization())
                    ? Answer.json(new Page<>(List.of(), 1, 1, 0, 0))
                    : Answer.json(401, new ApiError("unauthorized", "unknown key")));

    @TempDir
    Path dataDir;

    @AfterEach
    void stop() throws BackingStoreException {
        server.close();
        node.removeNode();
    }

    private ConnectViewModel model() {
        return new ConnectViewModel(store, new LocalKey(dataDir.resolve("admin.key")), session, Background.direct());
    }

    @Test
    void startsWithTheLocalServerAndItsKey() throws Exception {
        Files.writeString(dataDir.resolve("admin.key"), "good\n");
        ConnectViewModel model = model();
        assertThat(model.urlProperty().get()).isEqualTo("http://localhost:8080");
        assertThat(model.keyProperty().get()).isEqualTo("good");
    }

    @Test
    void connectsShowsHealthAndRemembersTheUrlButNotTheLocalKey() throws Exception {
        Files.writeString(dataDir.resolve("admin.key"), "good\n");
        ConnectViewModel model = model();
        model.urlProperty().set(server.uri().toString());
        model.connect();

        assertThat(session.client()).isPresent();
        assertThat(model.noticeProperty().get().kind()).isEqualTo(Notice.Kind.SUCCESS);
        assertThat(model.noticeProperty().get().text()).contains("hireload 0.1.0");
        assertThat(model.databaseProperty().get().level()).isEqualTo(HealthState.Level.UP);
        assertThat(model.s3Property().get().level()).isEqualTo(HealthState.Level.DOWN);
        assertThat(model.s3Property().get().detail()).contains("bucket hireload not found");
        assertThat(store.load().url()).isEqualTo(server.uri().toString());
        assertThat(store.load().key()).isEmpty();
    }

    @Test
    void aKeyTypedByHandIsRemembered() {
        ConnectViewModel model = model();
        model.urlProperty().set(server.uri().toString());
        model.keyProperty().set("good");
        model.connect();
        assertThat(store.load().key()).contains("good");
    }

    @Test
    void aWrongKeyShowsAMessageAndDoesNotConnect() {
        ConnectViewModel model = model();
        model.urlProperty().set(server.uri().toString());
        model.keyProperty().set("wrong");
        model.connect();

        assertThat(session.client()).isEmpty();
        assertThat(model.noticeProperty().get().kind()).isEqualTo(Notice.Kind.ERROR);
        assertThat(model.noticeProperty().get().text()).contains("valid admin key").contains("unknown key");
        assertThat(model.databaseProperty().get().level()).isEqualTo(HealthState.Level.UP);
        assertThat(model.busyProperty().get()).isFalse();
    }

    @Test
    void aServerThatIsDownSaysSo() {
        ConnectViewModel model = model();
        URIHolder down = new URIHolder(server.uri().toString());
        server.close();
        model.urlProperty().set(down.uri());
        model.connect();

        assertThat(session.client()).isEmpty();
        assertThat(model.noticeProperty().get().text()).startsWith("Cannot reach the server");
        assertThat(model.databaseProperty().get().level()).isEqualTo(HealthState.Level.UNKNOWN);
    }

    @Test
    void refusesSomethingThatIsNotAUrl() {
        ConnectViewModel model = model();
        model.urlProperty().set("localhost:8080");
        model.connect();
        assertThat(model.noticeProperty().get().text()).startsWith("Not a server URL");
        assertThat(server.requests()).isEmpty();
    }

    private record URIHolder(String uri) {
    }
}
