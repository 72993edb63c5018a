package io.hireload.admin.support;

import io.hireload.client.ApiException;
import io.hireload.model.ApiError;
import org.junit.jupiter.api.Test;

import java.io.UncheckedIOException;
import java.net.ConnectException;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemsTest {

    @Test
    void aRefusedConnectionSaysToStartTheServer() {
        Throwable down = new UncheckedIOException("cannot reach http://localhost:1: null", new java.io.IOException(new ConnectException()));
        assertThat(Problems.describe(down)).startsWith("Cannot reach the server. Is it running (make run)")
                .doesNotContain("null"); // the JDK's ConnectException has no message: never ": null"
        assertThat(Problems.isUnreachable(down)).isTrue();
        assertThat(Problems.describe(new UncheckedIOException("cannot reach x: null", new java.io.IOException((String) null))))
                .isEqualTo("The connection to the server failed.");
    }

    @Test
    void aWrongKeyPointsAtTheKey() {
        ApiException refused = new ApiException(401, new ApiError("unauthorized", "missing or unknown key"));
        assertThat(Problems.describe(refused)).contains("valid admin key").contains("missing or unknown key");
        assertThat(Problems.isKeyProblem(refused)).isTrue();
        assertThat(Problems.describe(new ApiException(403, new ApiError("forbidden", null))))
                .startsWith("The server refused this key (forbidden)");
    }

    @Test
    void otherErrorsKeepTheServersWords() {
        ApiException bad = new ApiException(400, new ApiError("bad batch_size", "batch_size must be 1..1000"));
        assertThat(Problems.describe(bad)).isEqualTo(
                "The server refused the request (HTTP 400: bad batch_size: batch_size must be 1..1000).");
        assertThat(Problems.isKeyProblem(bad)).isFalse();
        assertThat(Problems.describe(new IllegalStateException("Not connected"))).isEqualTo("Not connected");
    }
}
