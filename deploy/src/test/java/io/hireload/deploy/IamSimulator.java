package io.hireload.deploy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The IAM policy simulator npm {@code @cloud-copilot/iam-simulate}, pinned in
 * {@code src/test/iam/package.json} and its lock, installed by the tests with {@code npm ci} into
 * {@code src/test/iam/node_modules} (git-ignored) when the lock changes, and driven by
 * {@code src/test/iam/simulate.mjs}. AGPL-3.0: a tool of the tests only, never in a jar or the image.
 */
final class IamSimulator {
    static final Path DIR = HireloadApp.repoRoot().resolve("deploy/src/test/iam");
    private static final Path MARKER = DIR.resolve("node_modules/.hireload-lock-sha256");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static boolean installed;

    /** One call: an action on a resource, with its request context and the resource's own policy, if any. */
    record Call(String why, String action, String resource, Map<String, Object> context, Object resourcePolicy) {
    }

    /** What the simulator decided: Allowed, ImplicitlyDenied, ExplicitlyDenied, or Error (a request it could not read). */
    record Decision(Call call, String result, Object errors) {
    }

    private IamSimulator() {
    }

    static List<Decision> evaluate(String principal, String account, List<Object> identityPolicies, List<Call> calls) {
        install();
        var requests = calls.stream().map(call -> {
            var request = new LinkedHashMap<String, Object>();
            request.put("action", call.action());
            request.put("resource", call.resource());
            request.put("context", call.context());
            if (call.resourcePolicy() != null) {
                request.put("resourcePolicy", call.resourcePolicy());
            }
            return request;
        }).toList();
        var input = Map.of("principal", principal, "account", account, "identityPolicies", identityPolicies,
                "requests", requests);
        try {
            var process = new ProcessBuilder("node", "simulate.mjs").directory(DIR.toFile()).start();
            try (var stdin = process.getOutputStream()) {
                stdin.write(JSON.writeValueAsBytes(input));
            }
            var out = process.getInputStream().readAllBytes();
            var err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new AssertionError("simulate.mjs failed: " + err);
            }
            List<Map<String, Object>> results = JSON.readValue(out, new TypeReference<>() { });
            var decisions = new java.util.ArrayList<Decision>();
            for (int i = 0; i < calls.size(); i++) {
                decisions.add(new Decision(calls.get(i), (String) results.get(i).get("result"), results.get(i).get("errors")));
            }
            return decisions;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run node (node 20+ is needed for the deploy tests)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static synchronized void install() {
        if (installed) {
            return;
        }
        try {
            var lock = sha256(DIR.resolve("package-lock.json"));
            if (!(Files.exists(MARKER) && Files.readString(MARKER).strip().equals(lock))) {
                var npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error")
                        .directory(DIR.toFile()).redirectErrorStream(true).start();
                var output = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!npm.waitFor(10, TimeUnit.MINUTES) || npm.exitValue() != 0) {
                    throw new AssertionError("npm ci in " + DIR + " failed (node 20+ and npm with access to the npm "
                            + "registry are needed to simulate the task role's grants):\n" + output);
                }
                Files.writeString(MARKER, lock);
            }
            installed = true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
