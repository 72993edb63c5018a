package io.hireload.audit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The audit trail keeps a request's path and the API's own parameters, never a stray value. */
class AuditedPathTest {

    @Test
    void theApisParametersKeepTheirValuesOthersOnlyTheirNames() {
        assertThat(AuditedPath.of("/employees/batch", "async=true&batch_size=500")).isEqualTo("/employees/batch?async=true&batch_size=500");
        assertThat(AuditedPath.of("/loads", "page=2&api_key=hlk_secret&token")).isEqualTo("/loads?page=2&api_key=***&token=***");
        assertThat(AuditedPath.of("/keys", null)).isEqualTo("/keys");
    }

    @Test
    void aLongPathIsCutToTheColumn() {
        String path = "/files/employees/" + "x".repeat(5000);
        assertThat(AuditedPath.of(path, null)).hasSize(AuditedPath.MAX).endsWith("…");
    }
}
