package io.hireload.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.hireload.support.Api;
import io.hireload.support.EmbeddedServices;
import io.hireload.support.SampleDepartmentsAndJobs;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import jakarta.inject.Inject;
import jakarta.ws.rs.client.WebTarget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SPEC section 3's "request bodies are all or nothing at the syntax level", and the query rules
 * beside it, over real HTTP: what a request line or a body that no client library would send (a
 * raw {@code :} in a query, a body that stops arriving) is sent on a socket of its own, byte for
 * byte.
 */
@ExtendWith(EmbeddedServices.class)
@HelidonTest
@SampleDepartmentsAndJobs
class RequestSyntaxTest {
    /** SPEC: "A body that stops arriving is answered 408 within 30 s"; the client waits no longer. */
    private static final int SPEC_STALL_LIMIT_MILLIS = 30_000;
    private static final String AUTH = "Authorization: Bearer " + EmbeddedServices.ADMIN_KEY + "\r\n";

    private final Api api;
    private final URI base;

    @Inject
    RequestSyntaxTest(WebTarget target) {
        this.api = new Api(target);
        this.base = target.getUri();
    }

    @Test
    void aCsvBodyWithAnUnclosedQuoteIs400NamingTheLineAndWritesNothing() {
        long loads = total("/loads");
        String textAfterQuote = """
                8341,Ana Valid,2021-01-01T00:00:00Z,1,1
                8342,"Bro"ken",2021-01-01T00:00:00Z,1,1
                8343,Also Valid,2021-01-01T00:00:00Z,1,1
                """;
        HttpResponse<String> answer = api.post("/employees", "text/csv", textAfterQuote);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
        assertThat(detail(answer)).contains("line 2").contains("8342,\"Bro\"").contains("nothing was written");

        // A quote never closed swallows the lines after it: still line 2, still nothing written.
        String neverClosed = "id,name,datetime,department_id,job_id\n8341,Ana Valid,2021-01-01T00:00:00Z,1,1\n"
                + "8342,\"Broken,2021-01-01T00:00:00Z,1,1\n8343,Also Valid,2021-01-01T00:00:00Z,1,1\n";
        HttpResponse<String> open = api.post("/employees", "text/csv", neverClosed);
        assertThat(open.statusCode()).as(open.body()).isEqualTo(400);
        assertThat(detail(open)).contains("line 3");

        for (int id : new int[]{8341, 8342, 8343}) {
            assertThat(api.get("/employees/" + id).statusCode()).as("employee " + id).isEqualTo(404);
        }
        assertThat(total("/loads")).as("no load recorded for a body that was not read").isEqualTo(loads);
    }

    @Test
    void aRepeatedJsonKeyOrBothDatetimeAndHireDateIsARejectedRow() {
        String body = """
                [{"id": 8200, "id": 8201, "name": "Twice", "datetime": "2021-03-01T00:00:00Z", "department_id": 1, "job_id": 1},
                 {"id": 8202, "name": "Both", "datetime": "2021-03-01T00:00:00Z", "hire_date": "2021-04-01T00:00:00Z",
                  "department_id": 1, "job_id": 1},
                 {"id": 8203, "name": "Fine", "hire_date": "2021-03-01T00:00:00Z", "department_id": 1, "job_id": 1}]
                """;
        HttpResponse<String> answer = api.post("/employees", "application/json", body);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode report = api.parse(answer.body());
        assertThat(report.path("inserted").asInt()).isEqualTo(1);
        assertThat(report.path("rejected").asInt()).isEqualTo(2);
        List<String> reasons = new ArrayList<>();
        report.path("rejected_rows").forEach(r -> reasons.add(r.path("reason").asText()));
        assertThat(reasons).containsExactly("item 1: duplicate key \"id\"",
                "item 2: both \"datetime\" and \"hire_date\" given; they name the same column, send one");
        assertThat(report.path("rejected_rows").get(0).path("raw").asText())
                .as("the raw text keeps both values").contains("8200").contains("8201");
        for (int id : new int[]{8200, 8201, 8202}) {
            assertThat(api.get("/employees/" + id).statusCode()).as("employee " + id).isEqualTo(404);
        }
        assertThat(api.get("/employees/8203").statusCode()).isEqualTo(200);

        HttpResponse<String> malformed = api.post("/employees", "application/json",
                "[{\"id\": 8204, \"name\": \"Valid\", \"datetime\": \"2021-03-01T00:00:00Z\", \"department_id\": 1,"
                        + " \"job_id\": 1}, {\"id\": ");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(detail(malformed)).contains("not valid JSON");
        assertThat(api.get("/employees/8204").statusCode()).isEqualTo(404);
    }

    @Test
    void booleanParametersAcceptTrueAndFalseOnly() {
        long loads = total("/loads");
        Map<String, String> refused = Map.of(
                "POST /jobs/batch?async=1", "async",
                "POST /jobs/batch?async=yes", "async",
                "POST /jobs/batch?dry_run=yes", "dry_run",
                "POST /employees/batch?force=TRUE", "force",
                "POST /all-tables/batch?async=", "async",
                "POST /departments?dry_run=1", "dry_run",
                "PUT /files/jobs/refused.csv?load=yes", "load");
        refused.forEach((request, parameter) -> {
            String[] parts = request.split(" ");
            boolean body = !parts[1].contains("/batch");
            HttpResponse<String> answer = api.call(parts[0], parts[1], body ? "text/csv" : null, body ? "1,A\n" : null);
            assertThat(answer.statusCode()).as(request + ": " + answer.body()).isEqualTo(400);
            assertThat(detail(answer)).as(request).startsWith(parameter + " must be true or false");
        });
        assertThat(total("/loads")).as("nothing ran").isEqualTo(loads);
        assertThat(api.get("/files?table=jobs").body()).doesNotContain("refused.csv");

        HttpResponse<String> dry = api.call("POST", "/departments?dry_run=true", "text/csv", "8100,Dry\n");
        assertThat(dry.statusCode()).as(dry.body()).isEqualTo(200);
        assertThat(api.get("/departments/8100").statusCode()).isEqualTo(404);
        assertThat(api.call("POST", "/departments?dry_run=false", "text/csv", "8101,Wet\n").statusCode()).isEqualTo(200);
        assertThat(api.get("/departments/8101").statusCode()).isEqualTo(200);
    }

    @Test
    void aNulInAnyQueryValueIs400NamingTheParameter() throws IOException {
        for (String path : List.of("/employees?name=%00", "/employees?name=a%00b", "/departments?page=1&size=%00",
                "/loads?page=%00", "/metrics/top-hiring-departments?year=%00")) {
            Response answer = raw("GET " + path + " HTTP/1.1\r\nHost: x\r\n" + AUTH + "Connection: close\r\n\r\n");
            assertThat(answer.status).as(path + ": " + answer.body).isEqualTo(400);
            int start = path.lastIndexOf(path.contains("&") ? '&' : '?') + 1;
            String parameter = path.substring(start, path.indexOf('=', start));
            assertThat(answer.json().path("detail").asText()).as(path)
                    .isEqualTo("the query parameter '" + parameter + "' holds a NUL character (%00), which no value may hold");
        }
    }

    @Test
    void queryCharactersRfc3986AllowsWorkTypedAsIs() throws IOException {
        Response typed = raw("GET /employees?hired_from=2021-01-01T00:00:00Z&hired_to=2021-12-31T23:59:59Z&size=1 HTTP/1.1\r\n"
                + "Host: x\r\n" + AUTH + "Connection: close\r\n\r\n");
        assertThat(typed.status).as(typed.body).isEqualTo(200);
        HttpResponse<String> encoded = api.get("/employees?hired_from=2021-01-01T00%3A00%3A00Z"
                + "&hired_to=2021-12-31T23%3A59%3A59Z&size=1");
        assertThat(typed.json().path("total")).isEqualTo(api.parse(encoded.body()).path("total"));

        // An offset's '+' typed as is reads as a space (the form convention): still the same instant.
        Response plus = raw("GET /employees?hired_from=2021-01-01T02:00:00+02:00&size=1 HTTP/1.1\r\nHost: x\r\n"
                + AUTH + "Connection: close\r\n\r\n");
        assertThat(plus.status).as(plus.body).isEqualTo(200);
        assertThat(plus.json().path("total")).isEqualTo(api.parse(api.get("/employees?hired_from=2021-01-01T00%3A00%3A00Z&size=1")
                .body()).path("total"));

        for (char c : "/?@!$'()*+,;=:".toCharArray()) {
            Response answer = raw("GET /employees?name=a" + c + "b&size=1 HTTP/1.1\r\nHost: x\r\n" + AUTH
                    + "Connection: close\r\n\r\n");
            assertThat(answer.status).as("'" + c + "': " + answer.body).isEqualTo(200);
        }
        for (String bad : List.of("\"", "{", "|", "%zz", "%4")) {
            Response answer = raw("GET /employees?name=a" + bad + " HTTP/1.1\r\nHost: x\r\n" + AUTH
                    + "Connection: close\r\n\r\n");
            assertThat(answer.status).as(bad + ": " + answer.body).isEqualTo(400);
            assertThat(answer.json().path("detail").asText()).as(bad).startsWith("the query ");
        }
    }

    @Test
    void aBodyThatStopsArrivingIs408AndWritesNothingWhileKeptAliveConnectionsStayOpen() throws IOException {
        try (Socket kept = new Socket(base.getHost(), base.getPort());
             Socket insert = new Socket(base.getHost(), base.getPort());
             Socket upload = new Socket(base.getHost(), base.getPort())) {
            // A request with a whole body first: its connection must outlive the stalls below.
            send(kept, "POST /departments HTTP/1.1\r\nHost: x\r\n" + AUTH + "Content-Type: text/csv\r\n"
                    + "Content-Length: 9\r\n\r\n8300,Kept");
            assertThat(read(kept).status).isEqualTo(200);

            String partial = "8301,Stal";
            send(insert, "POST /departments HTTP/1.1\r\nHost: x\r\n" + AUTH + "Content-Type: text/csv\r\n"
                    + "Content-Length: 100\r\n\r\n" + partial);
            send(upload, "PUT /files/jobs/stalled.csv HTTP/1.1\r\nHost: x\r\n" + AUTH + "Content-Type: text/csv\r\n"
                    + "Content-Length: 100\r\n\r\n" + partial);
            for (Socket stalled : List.of(insert, upload)) {
                Response answer = read(stalled);
                assertThat(answer.status).as(answer.body).isEqualTo(408);
                assertThat(answer.header("connection")).isEqualToIgnoringCase("close");
                assertThat(answer.json().path("detail").asText()).startsWith("the request body stopped arriving");
            }

            send(kept, "GET /departments/8300 HTTP/1.1\r\nHost: x\r\n" + AUTH + "\r\n");
            Response again = read(kept);
            assertThat(again.status).as("the kept-alive connection, idle through the stalls").isEqualTo(200);
        }
        assertThat(api.get("/departments/8301").statusCode()).isEqualTo(404);
        assertThat(api.get("/files?table=jobs").body()).doesNotContain("stalled.csv");
    }

    private long total(String path) {
        return api.parse(api.get(path).body()).path("total").asLong();
    }

    private String detail(HttpResponse<String> answer) {
        return api.parse(answer.body()).path("detail").asText();
    }

    private Response raw(String request) throws IOException {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            send(socket, request);
            return read(socket);
        }
    }

    private static void send(Socket socket, String request) throws IOException {
        socket.setSoTimeout(SPEC_STALL_LIMIT_MILLIS);
        OutputStream out = socket.getOutputStream();
        out.write(request.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** One answer: its status line, headers and body (sized or chunked). */
    private static Response read(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        String status = line(in);
        Map<String, String> headers = new java.util.HashMap<>();
        for (String h; !(h = line(in)).isEmpty(); ) {
            int colon = h.indexOf(':');
            headers.put(h.substring(0, colon).strip().toLowerCase(Locale.ROOT), h.substring(colon + 1).strip());
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            for (int size; (size = Integer.parseInt(line(in).strip(), 16)) > 0; line(in)) {
                body.write(in.readNBytes(size));
            }
            line(in);
        } else if (headers.containsKey("content-length")) {
            body.write(in.readNBytes(Integer.parseInt(headers.get("content-length"))));
        }
        return new Response(Integer.parseInt(status.split(" ")[1]), headers, body.toString(StandardCharsets.UTF_8));
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b; (b = in.read()) >= 0 && b != '\n'; ) {
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    private record Response(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name);
        }

        JsonNode json() {
            try {
                return new com.fasterxml.jackson.databind.ObjectMapper().readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }
}
