package io.hireload.cluster;

import io.hireload.client.ApiException;
import io.hireload.client.HireloadClient;
import io.hireload.model.AuditEntry;
import io.hireload.model.Caller;
import io.hireload.model.CreatedKey;
import io.hireload.model.LoadStatus;
import io.hireload.model.NewKey;
import io.hireload.model.Role;
import io.hireload.model.TableName;
import io.hireload.support.Api;
import io.hireload.support.Await;
import io.hireload.support.EmbeddedServices;
import io.hireload.support.ServerProcess;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import jakarta.inject.Inject;
import jakarta.ws.rs.client.WebTarget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Named keys on two instances of one database, as two ECS tasks: this test's server (A) and a
 * second JVM (B), which trusts X-Forwarded-For from loopback (A trusts nobody). A loader key made
 * on A loads on both and is refused backups and key management; a reader is refused loads; a key
 * revoked on B is refused by both within the 2 s the issue sets (A remembered it before); no table
 * holds a secret; the audit trail names each action and refusal, and no secret.
 */
@ExtendWith(EmbeddedServices.class)
@HelidonTest
class NamedKeysTest {
    private static final Duration REVOCATION_REACHES_EVERY_INSTANCE = Duration.ofSeconds(2);

    private final Api a;

    @Inject
    NamedKeysTest(WebTarget target) {
        this.a = new Api(target);
    }

    @Test
    void keysMadeOnOneInstanceWorkOnBothRolesHoldRevocationReachesBothAndTheAuditTrailSaysWhoDidWhat() throws Exception {
        Instant started = Instant.now().minusSeconds(1);
        try (ServerProcess bProcess = EmbeddedServices.startServer("b",
                Map.of("HIRELOAD_INSTANCE_ID", "b", "HIRELOAD_TRUSTED_PROXIES", "127.0.0.1/32, ::1"))) {
            bProcess.awaitReady(Duration.ofSeconds(120));
            Api b = bProcess.api();
            HireloadClient adminOnA = a.client();

            CreatedKey alice = adminOnA.createKey(new NewKey("alice", Role.LOADER, null));
            CreatedKey bob = adminOnA.createKey(new NewKey("bob", Role.READER, null));
            assertThat(alice.secret()).startsWith("hlk_").hasSizeGreaterThanOrEqualTo(4 + 43);
            assertThat(alice.key().role()).isEqualTo(Role.LOADER);
            assertThat(adminOnA.keys(1, 50).items()).extracting(k -> k.name()).contains("alice", "bob");
            assertThatThrownBy(() -> adminOnA.createKey(new NewKey("ALICE", Role.ADMIN, null)))
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(409));

            // A loader key made on A loads on both instances and says who it is on both.
            HireloadClient aliceOnA = a.client(alice.secret());
            HireloadClient aliceOnB = b.client(alice.secret());
            assertThat(aliceOnB.me()).isEqualTo(new Caller(alice.key().id(), "alice", Role.LOADER));
            long onA = aliceOnA.load(TableName.DEPARTMENTS, null, false).loadId();
            assertThat(aliceOnB.load(TableName.JOBS, null, false).status()).isEqualTo(LoadStatus.SUCCEEDED);
            assertThat(aliceOnA.loadById(onA).status()).isEqualTo(LoadStatus.SUCCEEDED);
            long inserted = aliceOnB.insertCsv(TableName.DEPARTMENTS, "901,Audit\n").loadId();

            // ... and is refused backups and key management on both.
            for (Api instance : List.of(a, b)) {
                assertThat(status(instance, "GET", "/backups", alice.secret())).isEqualTo(403);
                assertThat(status(instance, "POST", "/backups/jobs", alice.secret())).isEqualTo(403);
                assertThat(status(instance, "GET", "/keys", alice.secret())).isEqualTo(403);
                assertThat(status(instance, "DELETE", "/keys/" + bob.key().id(), alice.secret())).isEqualTo(403);
                assertThat(status(instance, "GET", "/audit", alice.secret())).isEqualTo(403);
            }
            // A reader reads and is refused loads (a secret pasted into the query stays out of the trail).
            assertThat(status(b, "GET", "/loads", bob.secret())).isEqualTo(200);
            assertThat(status(b, "POST", "/departments/batch?dry_run=true&api_key=" + bob.secret(), bob.secret()))
                    .isEqualTo(403);
            assertThat(status(a, "POST", "/employees", bob.secret())).isEqualTo(403);

            // A restore by the admin commits with its audit entry.
            long backup = adminOnA.backup(TableName.JOBS).id();
            adminOnA.restore(TableName.JOBS, backup);

            // Revoked on B while A remembers the key (A has just used it): refused by both.
            assertThat(status(a, "GET", "/loads", alice.secret())).isEqualTo(200);
            b.client().deleteKey(alice.key().id());
            assertThat(status(b, "GET", "/loads", alice.secret())).as("on the instance that revoked it, at once").isEqualTo(401);
            Await.until("instance A to refuse the revoked key", REVOCATION_REACHES_EVERY_INSTANCE,
                    () -> status(a, "GET", "/loads", alice.secret()) == 401);
            assertThat(status(a, "POST", "/departments/batch?dry_run=true", alice.secret())).isEqualTo(401);
            assertThat(adminOnA.keys(1, 50).items()).extracting(k -> k.name()).doesNotContain("alice");

            // X-Forwarded-For counts only from a trusted proxy: B trusts loopback, A trusts nobody.
            assertThat(send(b, "POST", "/jobs/batch", bob.secret(), "203.0.113.7")).isEqualTo(403);
            assertThat(send(a, "POST", "/jobs/batch", bob.secret(), "203.0.113.9")).isEqualTo(403);

            List<AuditEntry> trail = Await.value("the refused reads in the audit trail", Duration.ofSeconds(30), () -> {
                List<AuditEntry> all = adminOnA.audit(null, started, 1, 1000).items();
                long refusedReads = all.stream().filter(e -> e.method().equals("GET") && e.status() >= 401).count();
                return refusedReads >= 6 + 2 ? java.util.Optional.of(all) : java.util.Optional.empty();
            });
            assertThat(trail).extracting(AuditEntry::at).isSortedAccordingTo(java.util.Comparator.reverseOrder());
            assertThat(lines(trail)).contains(
                    "env-admin admin POST /keys 201",
                    "alice loader POST /departments/batch?dry_run=false&async=false 200",
                    "alice loader POST /jobs/batch?dry_run=false&async=false 200",
                    "alice loader POST /departments 200",
                    "alice loader GET /backups 403",
                    "alice loader POST /backups/jobs 403",
                    "alice loader GET /keys 403",
                    "alice loader DELETE /keys/" + bob.key().id() + " 403",
                    "alice loader GET /audit 403",
                    "bob reader POST /departments/batch?dry_run=true&api_key=*** 403",
                    "bob reader POST /employees 403",
                    "env-admin admin POST /backups/jobs 201",
                    "env-admin admin POST /backups/jobs/restore 200",
                    "env-admin admin DELETE /keys/" + alice.key().id() + " 204",
                    "unknown key null GET /loads 401",
                    "unknown key null POST /departments/batch?dry_run=true 401");
            assertThat(trail).filteredOn(e -> e.path().startsWith("/departments/batch?dry_run=false"))
                    .singleElement().extracting(AuditEntry::loadIds).isEqualTo(List.of(onA));
            assertThat(trail).filteredOn(e -> e.path().equals("/departments") && e.actor().equals("alice"))
                    .singleElement().extracting(AuditEntry::loadIds).as("written with the rows, in their transaction")
                    .isEqualTo(List.of(inserted));
            assertThat(trail).filteredOn(e -> e.path().equals("/jobs/batch") && e.actor().equals("bob"))
                    .extracting(AuditEntry::client).containsExactlyInAnyOrder("203.0.113.7", "127.0.0.1");
            assertThat(trail).filteredOn(e -> e.actor().equals("bob") && e.path().startsWith("/departments"))
                    .singleElement().extracting(AuditEntry::client).isEqualTo("127.0.0.1");

            // The filters: one person, and a time.
            assertThat(adminOnA.audit("Alice", null, 1, 1000).items()).isNotEmpty()
                    .allSatisfy(e -> assertThat(e.actor()).isEqualTo("alice"));
            assertThat(adminOnA.audit(null, Instant.now().plusSeconds(3600), 1, 10).total()).isZero();

            // No secret in any column of any table, nor in either server's log.
            for (String secret : List.of(alice.secret(), bob.secret())) {
                assertThat(columnsHolding(secret)).as("columns holding a secret").isEmpty();
                assertThat(bProcess.logText()).doesNotContain(secret);
            }
        }
    }

    private static List<String> lines(List<AuditEntry> trail) {
        List<String> lines = new ArrayList<>();
        for (AuditEntry e : trail) {
            lines.add(e.actor() + " " + (e.role() == null ? null : e.role().wire()) + " " + e.method() + " " + e.path()
                    + " " + e.status());
        }
        return lines;
    }

    private static int status(Api instance, String method, String path, String key) {
        return instance.send(instance.request(path, key).header("Accept", "application/json")
                .method(method, HttpRequest.BodyPublishers.noBody()).build()).statusCode();
    }

    private static int send(Api instance, String method, String path, String key, String forwardedFor) {
        HttpResponse<String> answer = instance.send(instance.request(path, key).header("X-Forwarded-For", forwardedFor)
                .method(method, HttpRequest.BodyPublishers.noBody()).build());
        return answer.statusCode();
    }

    /** "table.column" of every text, character or bytea column whose value holds {@code secret}. */
    private static List<String> columnsHolding(String secret) throws Exception {
        List<String> found = new ArrayList<>();
        try (Connection c = EmbeddedServices.connect()) {
            List<String[]> columns = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("select table_name, column_name, data_type from "
                    + "information_schema.columns where table_schema = current_schema() and data_type in "
                    + "('text', 'character varying', 'character', 'bytea', 'jsonb', 'json', 'ARRAY')");
                 ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    columns.add(new String[]{rs.getString(1), rs.getString(2), rs.getString(3)});
                }
            }
            assertThat(columns).as("the scan sees the key and audit tables")
                    .anySatisfy(col -> assertThat(col[0] + "." + col[1]).isEqualTo("audit_entry.path"))
                    .anySatisfy(col -> assertThat(col[0] + "." + col[1]).isEqualTo("api_key.secret_hash"));
            for (String[] col : columns) {
                String test = col[2].equals("bytea")
                        ? "position(? in \"" + col[1] + "\") > 0"
                        : "strpos(\"" + col[1] + "\"::text, ?) > 0";
                try (PreparedStatement s = c.prepareStatement("select count(*) from \"" + col[0] + "\" where " + test)) {
                    if (col[2].equals("bytea")) {
                        s.setBytes(1, secret.getBytes(StandardCharsets.UTF_8));
                    } else {
                        s.setString(1, secret);
                    }
                    try (ResultSet rs = s.executeQuery()) {
                        rs.next();
                        if (rs.getLong(1) > 0) {
                            found.add(col[0] + "." + col[1]);
                        }
                    }
                }
            }
        }
        return found;
    }
}
