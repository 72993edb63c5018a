package io.hireload.cluster;

import io.hireload.support.EmbeddedServices;
import io.hireload.support.ServerProcess;
import io.hireload.support.TcpProxy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the load balancer sees of two ECS tasks while Aurora fails over: the database goes away
 * under both (a proxy cuts every connection and refuses new ones). Both processes stay up and keep
 * answering liveness, which is what the target group and the container check read, so ECS
 * replaces neither; readiness says the database is down; when it is back both are ready again
 * without a restart.
 */
@ExtendWith(EmbeddedServices.class)
class DatabaseOutageTest {
    private static final Duration LIMIT = Duration.ofSeconds(120);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void aDatabaseOutageLeavesBothInstancesAliveAndLive() throws Exception {
        try (TcpProxy database = new TcpProxy(EmbeddedServices.databasePort())) {
            String url = EmbeddedServices.databaseUrl().replaceFirst(":\\d+/", ":" + database.port() + "/");
            try (ServerProcess a = EmbeddedServices.startServer("outage-a", Map.of("DATABASE_URL", url));
                 ServerProcess b = EmbeddedServices.startServer("outage-b", Map.of("DATABASE_URL", url))) {
                List<ServerProcess> both = List.of(a, b);
                onBoth(both, server -> server.awaitReady(LIMIT));

                database.down();
                onBoth(both, server -> server.awaitStatus("/health/ready", 503, LIMIT));
                // The outage has been seen by both; liveness, probed several times over it, stays 200.
                for (int probe = 0; probe < 5; probe++) {
                    for (ServerProcess server : both) {
                        HttpResponse<String> live = get(server.base().resolve("/health/live"));
                        assertThat(live.statusCode()).as(live.body()).isEqualTo(200);
                        assertThat(server.alive()).isTrue();
                    }
                }
                assertThat(get(a.base().resolve("/health/ready")).body()).contains("database").contains("DOWN");

                database.up();
                onBoth(both, server -> server.awaitReady(LIMIT));
                assertThat(both).allSatisfy(server -> assertThat(server.alive()).isTrue());
            }
        }
    }

    private static void onBoth(List<ServerProcess> servers, java.util.function.Consumer<ServerProcess> step) {
        CompletableFuture.allOf(servers.stream()
                .map(server -> CompletableFuture.runAsync(() -> step.accept(server)))
                .toArray(CompletableFuture[]::new)).join();
    }

    private HttpResponse<String> get(URI uri) throws Exception {
        // Readiness waits for the pool's connection timeout (10 s) before it says the database is down.
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
