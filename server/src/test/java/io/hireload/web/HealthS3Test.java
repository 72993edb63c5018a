package io.hireload.web;

import io.hireload.support.Api;
import io.hireload.support.EmbeddedServices;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import jakarta.inject.Inject;
import jakarta.ws.rs.client.WebTarget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * /health-s3 is open, but an open answer names no bucket keys and no data (SPEC section 5; on AWS
 * it faces the internet): the status and a count only. Any valid key also gets the keys.
 */
@ExtendWith(EmbeddedServices.class)
@HelidonTest
class HealthS3Test {
    private final Api api;

    @Inject
    HealthS3Test(WebTarget target) {
        this.api = new Api(target);
    }

    @Test
    void withoutAKeyTheAnswerCountsTheObjectsAndNamesNone() throws Exception {
        HttpResponse<String> keyed = api.send(api.request("/health-s3", EmbeddedServices.READER_KEY).GET().build());
        assertThat(keyed.statusCode()).isEqualTo(200);
        var files = api.parse(keyed.body()).path("files");
        assertThat(files.size()).as("the seeded bucket's CSV objects, to a reader").isPositive();

        HttpResponse<String> open = api.send(api.request("/health-s3", null).GET().build());
        HttpResponse<String> wrongKey = api.send(api.request("/health-s3", "not-a-key").GET().build());

        for (HttpResponse<String> answer : java.util.List.of(open, wrongKey)) {
            assertThat(answer.statusCode()).isEqualTo(200);
            var body = api.parse(answer.body());
            assertThat(body.path("status").asText()).isEqualTo("UP");
            assertThat(body.path("files").size()).isZero();
            assertThat(body.path("detail").asText()).contains(files.size() + " CSV object(s)");
            for (var key : files) {
                assertThat(answer.body()).doesNotContain(key.asText());
            }
            assertThat(answer.body()).doesNotContain(".csv\"").doesNotContain("s3://");
        }
    }
}
