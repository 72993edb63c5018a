package io.hireload.security;

import io.hireload.support.Api;
import io.hireload.support.EmbeddedServices;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import jakarta.inject.Inject;
import jakarta.ws.rs.client.WebTarget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every protected route with no key, a wrong key, a reader key and the admin key. */
@ExtendWith(EmbeddedServices.class)
@HelidonTest
class SecurityTest {
    /** Method, path, body content type: every route that writes. */
    private static final List<String[]> WRITES = List.of(
            new String[]{"POST", "/departments/batch?dry_run=true", null},
            new String[]{"POST", "/jobs/batch?dry_run=true", null},
            new String[]{"POST", "/employees/batch?dry_run=true", null},
            new String[]{"POST", "/all-tables/batch?dry_run=true", null},
            new String[]{"POST", "/departments?dry_run=true", "application/json"},
            new String[]{"POST", "/jobs?dry_run=true", "application/json"},
            new String[]{"POST", "/employees?dry_run=true", "text/csv"},
            new String[]{"POST", "/backups/jobs", null});
    private static final List<String> READS = List.of("/departments", "/jobs", "/employees", "/departments/1",
            "/loads", "/metrics/hired-by-quarter-2021", "/metrics/top-hiring-departments", "/metrics/hired-by-quarter?year=2020");
    private static final List<String> OPEN = List.of("/", "/health", "/health/live", "/health/ready", "/health-db",
            "/health-s3", "/openapi");

    private final Api api;

    @Inject
    SecurityTest(WebTarget target) {
        this.api = new Api(target);
    }

    @Test
    void writesNeedTheAdminKey() {
        for (String[] route : WRITES) {
            String what = route[0] + " " + route[1];
            assertThat(write(route, null).statusCode()).as(what).isEqualTo(401);
            assertThat(write(route, "wrong-key").statusCode()).as(what).isEqualTo(401);
            assertThat(write(route, EmbeddedServices.READER_KEY).statusCode()).as(what).isEqualTo(403);
            assertThat(write(route, EmbeddedServices.ADMIN_KEY).statusCode()).as(what).isIn(200, 201, 400);
        }
    }

    @Test
    void readsNeedAReaderOrTheAdminKey() {
        for (String path : READS) {
            assertThat(get(path, null).statusCode()).as(path).isEqualTo(401);
            assertThat(get(path, "wrong-key").statusCode()).as(path).isEqualTo(401);
            assertThat(get(path, EmbeddedServices.READER_KEY).statusCode()).as(path).isIn(200, 404);
            assertThat(get(path, "second-reader-key").statusCode()).as(path).isIn(200, 404);
            assertThat(get(path, EmbeddedServices.ADMIN_KEY).statusCode()).as(path).isIn(200, 404);
        }
    }

    @Test
    void backupsAreForTheAdminOnly() {
        assertThat(get("/backups", null).statusCode()).isEqualTo(401);
        assertThat(get("/backups", EmbeddedServices.READER_KEY).statusCode()).isEqualTo(403);
        assertThat(get("/backups", EmbeddedServices.ADMIN_KEY).statusCode()).isEqualTo(200);
    }

    @Test
    void theEntryPageHealthAndTheApiDescriptionStayOpen() {
        for (String path : OPEN) {
            assertThat(get(path, null).statusCode()).as(path).isEqualTo(200);
        }
    }

    @Test
    void theApiDescriptionNamesTheSchemeTheErrorAnswersAndExampleBodies() {
        HttpResponse<String> doc = get("/openapi?format=json", null);
        assertThat(doc.statusCode()).isEqualTo(200);
        assertThat(doc.body()).contains("\"securitySchemes\"").contains("\"scheme\": \"bearer\"")
                .contains("\"/employees/batch\"").contains("\"/loads/{id}/rejected\"")
                .contains("\"401\"").contains("\"413\"").contains("#/components/schemas/ApiError")
                .contains("Marcelo Gonzalez").contains("\"load_id\"");
    }

    @Test
    void aRefusalIsJsonWithAChallengeAndNeverEchoesTheKey() {
        HttpResponse<String> response = get("/employees", "Bearer-looking-secret-123");
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"hireload\"");
        assertThat(response.body()).contains("\"error\":\"unauthorized\"").doesNotContain("secret-123");
        HttpResponse<String> basic = api.send(api.request("/employees", null)
                .header("Authorization", "Basic dXNlcjpwYXNz").GET().build());
        assertThat(basic.statusCode()).isEqualTo(401);
    }

    @Test
    void everyAnswerForbidsContentSniffingAndNamesNoServerVersion() {
        for (String path : List.of("/", "/health", "/employees", "/nowhere")) {
            HttpResponse<String> response = get(path, null);
            assertThat(response.headers().firstValue("X-Content-Type-Options")).as(path).contains("nosniff");
            assertThat(response.headers().firstValue("Server").orElse("")).as(path).doesNotContainIgnoringCase("helidon");
        }
        HttpResponse<String> missing = get("/nowhere", EmbeddedServices.ADMIN_KEY);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("\"error\":\"not found\"");
    }

    private HttpResponse<String> get(String path, String key) {
        return api.send(api.request(path, key).GET().build());
    }

    private HttpResponse<String> write(String[] route, String key) {
        HttpRequest.Builder builder = api.request(route[1], key);
        if (route[2] == null) {
            builder.POST(HttpRequest.BodyPublishers.noBody());
        } else {
            builder.header("Content-Type", route[2]).POST(HttpRequest.BodyPublishers.ofString(
                    route[2].contains("json") ? "[{\"id\": 1, \"department\": \"x\", \"job\": \"y\"}]" : "1,a,2021-01-01T00:00:00Z,1,1"));
        }
        return api.send(builder.build());
    }
}
