package io.hireload.files;

import io.hireload.client.ApiException;
import io.hireload.client.HireloadClient;
import io.hireload.model.BucketFile;
import io.hireload.model.LoadReport;
import io.hireload.model.LoadStatus;
import io.hireload.model.StoredFile;
import io.hireload.model.TableName;
import io.hireload.s3.S3ClientProducer;
import io.hireload.s3.S3Settings;
import io.hireload.support.Api;
import io.hireload.support.Await;
import io.hireload.support.EmbeddedServices;
import io.hireload.support.ServerSetting;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import jakarta.inject.Inject;
import jakarta.ws.rs.client.WebTarget;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An operator's CSV from disk into the bucket, streamed, and the table's files with their loaded state. */
@ExtendWith(EmbeddedServices.class)
@HelidonTest
@ServerSetting(name = "HIRELOAD_UPLOAD_MAX_BYTES", value = "12582912")
class FilesApiTest {
    private static final int MIB = 1 << 20;
    private static final long LIMIT = 12 * MIB;
    private static S3Client s3;

    private final Api api;
    private final HireloadClient client;

    @Inject
    FilesApiTest(WebTarget target) {
        this.api = new Api(target);
        this.client = api.client();
    }

    @BeforeAll
    static void s3() {
        s3 = new S3ClientProducer().s3Client(new S3Settings(Optional.of(EmbeddedServices.bucket()), Optional.empty(),
                Optional.of(EmbeddedServices.setting("S3_ENDPOINT")), "us-east-1",
                Optional.of(EmbeddedServices.setting("S3_ACCESS_KEY_ID")),
                Optional.of(EmbeddedServices.setting("S3_SECRET_ACCESS_KEY"))));
    }

    @AfterAll
    static void close() {
        s3.close();
    }

    @Test
    void anUploadLandsInTheTablesFolderAndIsListedAsNotYetLoaded() {
        byte[] csv = "id,job\n500,Archivist\n501,Cartographer\n".getBytes(StandardCharsets.UTF_8);

        StoredFile stored = client.upload(TableName.JOBS, "from laptop.csv", csv, false);

        assertThat(stored.key()).isEqualTo("jobs/from laptop.csv");
        assertThat(stored.size()).isEqualTo(csv.length);
        assertThat(stored.loadId()).isNull();
        assertThat(object(stored.key()).asByteArray()).isEqualTo(csv);
        BucketFile listed = file(TableName.JOBS, stored.key());
        assertThat(listed.etag()).isEqualTo(stored.etag()).doesNotContain("\"");
        assertThat(listed.size()).isEqualTo(csv.length);
        assertThat(listed.loaded()).isFalse();
        assertThat(listed.loadedBy()).isNull();
        assertThat(client.files(TableName.JOBS, 1, 50).items()).extracting(BucketFile::key)
                .contains("jobs/jobs.csv", "jobs/from laptop.csv").isSorted();
    }

    @Test
    void loadTrueAnswers202WithARelativeLocationAndTheFileShowsWhichLoadLoadedIt() throws Exception {
        byte[] csv = "600,Field Audit\n601,Night Shift\n".getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> response = api.send(api.request("/files/departments/extra.csv?load=true",
                        EmbeddedServices.ADMIN_KEY).header("Content-Type", "text/csv")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(csv)).build());

        assertThat(response.statusCode()).isEqualTo(202);
        String location = response.headers().firstValue("Location").orElseThrow();
        assertThat(location).matches("/loads/\\d+");
        long loadId = Long.parseLong(location.substring("/loads/".length()));
        assertThat(response.body()).contains("\"load_id\":" + loadId, "\"key\":\"departments/extra.csv\"");

        LoadReport done = awaitEnd(loadId);
        assertThat(done.status()).isEqualTo(LoadStatus.SUCCEEDED);
        assertThat(done.files()).contains("departments/extra.csv");
        assertThat(client.department(601)).hasValueSatisfying(d -> assertThat(d.department()).isEqualTo("Night Shift"));
        BucketFile listed = file(TableName.DEPARTMENTS, "departments/extra.csv");
        assertThat(listed.loaded()).isTrue();
        assertThat(listed.loadedBy()).isEqualTo(loadId);

        // A new version of the same file is not the one that load read. S3 keeps last-modified in
        // whole seconds, so a version written in the second the load finished cannot be told apart
        // from the one it read (docs/API.md says so): the new version goes up in a later second.
        Instant nextSecond = done.finishedAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).plusSeconds(1);
        Await.until("the clock to pass " + nextSecond, Duration.ofSeconds(5), () -> !Instant.now().isBefore(nextSecond));
        client.upload(TableName.DEPARTMENTS, "extra.csv", "602,Later\n".getBytes(StandardCharsets.UTF_8), false);
        assertThat(file(TableName.DEPARTMENTS, "departments/extra.csv").loaded()).isFalse();
    }

    @Test
    void aFileLargerThanAPartGoesUpInPartsFromDiskByteForByteWithProgress() throws Exception {
        byte[] content = new byte[11 * MIB + 4321];
        new Random(7).nextBytes(content);
        // A .csv.gz must start as gzip does (the rest is not read on the way in).
        content[0] = 0x1f;
        content[1] = (byte) 0x8b;
        Path file = Files.createTempFile("hireload-upload", ".csv");
        Files.write(file, content);
        AtomicLong sent = new AtomicLong();

        StoredFile stored = client.upload(TableName.EMPLOYEES, "big.csv.gz", file, false, sent::set);

        assertThat(stored.size()).isEqualTo(content.length);
        assertThat(stored.etag()).endsWith("-3");
        assertThat(sent.get()).isEqualTo(content.length);
        assertThat(object("employees/big.csv.gz").asByteArray()).isEqualTo(content);
        assertThat(file(TableName.EMPLOYEES, "employees/big.csv.gz").size()).isEqualTo(content.length);
        Files.delete(file);
    }

    @Test
    void aBodyOverTheLimitIs413AndLeavesNothingBehindDeclaredOrNot() {
        HttpResponse<String> declared = put("/files/employees/huge.csv",
                HttpRequest.BodyPublishers.ofByteArray(new byte[(int) LIMIT + 1]));
        assertThat(declared.statusCode()).isEqualTo(413);
        assertThat(declared.body()).contains("HIRELOAD_UPLOAD_MAX_BYTES");

        // chunked, so the server only finds out after two parts went up
        HttpResponse<String> chunked = put("/files/employees/huge.csv", HttpRequest.BodyPublishers.ofInputStream(
                () -> new ByteArrayInputStream(new byte[(int) LIMIT + MIB])));
        assertThat(chunked.statusCode()).isEqualTo(413);
        assertThat(chunked.body()).contains("\"error\":\"payload too large\"");

        assertThat(client.files(TableName.EMPLOYEES, 1, 1000).items()).extracting(BucketFile::key)
                .doesNotContain("employees/huge.csv");
        assertThat(s3.listMultipartUploads(b -> b.bucket(EmbeddedServices.bucket())).uploads()).isEmpty();
    }

    @Test
    void otherRoutesStillRefuseBodiesOverOneMebibyteEvenChunked() {
        String huge = "[{\"id\": 1, \"department\": \"" + "x".repeat(2 * MIB) + "\"}]";
        HttpResponse<String> response = api.send(api.request("/departments", EmbeddedServices.ADMIN_KEY)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(huge.getBytes(StandardCharsets.UTF_8)))).build());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("larger than 1 MiB");
    }

    @Test
    void namesThatCouldLeaveTheFolderOrHideAreRefused() {
        for (String name : List.of("notes.txt", "..csv", "%2E%2E%2Fjobs.csv", "a%2Fb.csv", "a%5Cb.csv", "bell%07.csv",
                "rtl%E2%80%AE.csv", "x".repeat(201) + ".csv", ".hidden.csv", "%20padded.csv")) {
            HttpResponse<String> response = put("/files/jobs/" + name, HttpRequest.BodyPublishers.ofString("1,A\n"));
            assertThat(response.statusCode()).as(name).isIn(400, 404);
            if (response.statusCode() == 400) {
                assertThat(response.body()).as(name).contains("file name");
            }
        }
        assertThat(put("/files/tables/x.csv", HttpRequest.BodyPublishers.ofString("1,A\n")).statusCode()).isEqualTo(400);
        assertThat(client.files(TableName.JOBS, 1, 1000).items()).extracting(BucketFile::key)
                .allMatch(key -> key.startsWith("jobs/") || key.equals("jobs.csv") || key.startsWith("Job/"));
    }

    @Test
    void aFileIsDeletedOverHttpButNotWhileALoadHasYetToReadItAndAMissingOneIs404() throws Exception {
        client.upload(TableName.JOBS, "wrong.csv", "1,A\n".getBytes(StandardCharsets.UTF_8), false);
        // A load of jobs queued to start in an hour (the shape the server gives a load that waits
        // for its not_before) has yet to read the file: it must stay. Written directly, so no
        // race with a real load ending first decides the test.
        long held;
        try (java.sql.Connection c = EmbeddedServices.connect(); java.sql.Statement s = c.createStatement()) {
            try (java.sql.ResultSet r = s.executeQuery("insert into load_run (table_name, source, status, batch_size,"
                    + " not_before) values ('jobs', 's3', 'queued', 1000, now() + interval '1 hour') returning id")) {
                r.next();
                held = r.getLong(1);
            }
            s.execute("insert into load_item (load_id, table_name, seq, file, etag, size) values (" + held
                    + ", 'jobs', 0, 'jobs/wrong.csv', 'e', 4)");
        }
        try {
            HttpResponse<String> refused = api.send(api.request("/files/jobs/wrong.csv", EmbeddedServices.ADMIN_KEY)
                    .DELETE().build());
            assertThat(refused.statusCode()).isEqualTo(409);
            assertThat(refused.body()).contains("load " + held, "jobs/wrong.csv");
            assertThat(object("jobs/wrong.csv").asByteArray()).hasSize(4);
        } finally {
            try (java.sql.Connection c = EmbeddedServices.connect(); java.sql.Statement s = c.createStatement()) {
                s.execute("update load_run set status = 'interrupted', finished_at = now() where id = " + held);
            }
        }

        assertThat(api.send(api.request("/files/jobs/wrong.csv", EmbeddedServices.READER_KEY).DELETE().build())
                .statusCode()).isEqualTo(403);
        HttpResponse<String> deleted = api.send(api.request("/files/jobs/wrong.csv", EmbeddedServices.ADMIN_KEY)
                .DELETE().build());
        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(client.files(TableName.JOBS, 1, 1000).items()).extracting(BucketFile::key)
                .doesNotContain("jobs/wrong.csv").contains("jobs/jobs.csv");
        assertThatThrownBy(() -> client.deleteFile(TableName.JOBS, "wrong.csv"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(404));
        assertThat(api.send(api.request("/files/jobs/wrong.txt", EmbeddedServices.ADMIN_KEY).DELETE()
                .build()).statusCode()).isEqualTo(400);
    }

    @Test
    void readersListFilesAndOnlyALoaderOrTheAdminUploads() {
        assertThat(api.send(api.request("/files?table=jobs", EmbeddedServices.READER_KEY).GET().build()).statusCode())
                .isEqualTo(200);
        assertThat(api.send(api.request("/files/jobs/x.csv", EmbeddedServices.READER_KEY)
                .PUT(HttpRequest.BodyPublishers.ofString("1,A\n")).build()).statusCode()).isEqualTo(403);
        assertThat(api.send(api.request("/files/jobs/x.csv", null).PUT(HttpRequest.BodyPublishers.ofString("1,A\n"))
                .build()).statusCode()).isEqualTo(401);
        assertThatThrownBy(() -> client.files(TableName.JOBS, 0, 10))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400));
        assertThat(api.get("/files").statusCode()).isEqualTo(400);
    }

    @Test
    void theApiDocumentDescribesTheNewOperations() throws Exception {
        HttpResponse<String> response = api.send(api.request("/openapi?format=json", null).GET().build());
        com.fasterxml.jackson.databind.JsonNode paths = io.hireload.model.Json.mapper().readTree(response.body())
                .path("paths");

        com.fasterxml.jackson.databind.JsonNode upload = paths.path("/files/{table}/{name}").path("put");
        assertThat(upload.path("operationId").asText()).isEqualTo("uploadFile");
        assertThat(upload.path("tags").toString()).contains("files");
        assertThat(upload.path("responses").fieldNames()).toIterable()
                .contains("201", "202", "400", "401", "403", "413");
        assertThat(paths.path("/files/{table}/{name}").path("delete").path("responses").fieldNames()).toIterable()
                .contains("204", "404", "409");
        com.fasterxml.jackson.databind.JsonNode list = paths.path("/files").path("get");
        assertThat(list.path("operationId").asText()).isEqualTo("listFiles");
        assertThat(list.path("parameters").toString()).contains("\"table\"", "\"required\":true");
        assertThat(paths.path("/employees").path("get").path("parameters").toString())
                .contains("hired_from", "hired_to", "department_id", "job_id", "\"name\"");
    }

    private HttpResponse<String> put(String path, HttpRequest.BodyPublisher body) {
        return api.send(api.request(path, EmbeddedServices.ADMIN_KEY).header("Content-Type", "text/csv").PUT(body)
                .build());
    }

    private BucketFile file(TableName table, String key) {
        return client.files(table, 1, 1000).items().stream().filter(f -> f.key().equals(key)).findFirst()
                .orElseThrow(() -> new AssertionError(key + " is not listed"));
    }

    private ResponseBytes<GetObjectResponse> object(String key) {
        return s3.getObjectAsBytes(b -> b.bucket(EmbeddedServices.bucket()).key(key));
    }

    /** Follows the load as a client would, until it ends (the test's own timeout bounds it). */
    private LoadReport awaitEnd(long loadId) {
        return Await.loadFinished(client, loadId, Duration.ofMinutes(2));
    }
}
