package io.hireload.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The third-party OpenAPI tools the tests hold the API document to (Spectral, Redocly, Prism),
 * pinned in {@code src/test/contract/package.json} and its lock. Installed by the tests themselves
 * with {@code npm ci} into {@code src/test/contract/node_modules} (git-ignored) the first time, and
 * again only when the lock changes, so a fresh machine needs only node and npm, and a warm one
 * starts them at once.
 */
public final class ContractTools {
    public static final Path DIR = Path.of("src", "test", "contract").toAbsolutePath();
    private static final Path MARKER = DIR.resolve("node_modules").resolve(".hireload-lock-sha256");
    private static final Duration INSTALL_LIMIT = Duration.ofMinutes(10);
    private static boolean installed;

    private ContractTools() {
    }

    /** The path of an installed tool's command ({@code spectral}, {@code redocly}, {@code prism}). */
    public static synchronized Path bin(String tool) {
        if (!installed) {
            install();
            installed = true;
        }
        Path bin = DIR.resolve("node_modules").resolve(".bin").resolve(tool);
        if (!Files.isExecutable(bin)) {
            throw new AssertionError(tool + " is not installed under " + bin.getParent());
        }
        return bin;
    }

    /** The environment every tool runs with: no telemetry, no update checks, no Node banners. */
    public static Map<String, String> environment() {
        return Map.of("REDOCLY_TELEMETRY", "off", "REDOCLY_SUPPRESS_UPDATE_NOTICE", "true",
                "NO_UPDATE_NOTIFIER", "1", "NPM_CONFIG_UPDATE_NOTIFIER", "false", "NO_COLOR", "1",
                "FORCE_COLOR", "0");
    }

    /** Runs a tool to its end and answers its exit code and output (stdout and stderr together). */
    public static Result run(Duration limit, String tool, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(bin(tool).toString());
        command.addAll(List.of(arguments));
        return exec(command, limit);
    }

    public static ProcessBuilder builder(String tool, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(bin(tool).toString());
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).directory(DIR.toFile()).redirectErrorStream(true);
        builder.environment().putAll(environment());
        return builder;
    }

    private static void install() {
        String lock = sha256(DIR.resolve("package-lock.json"));
        try {
            if (Files.exists(MARKER) && Files.readString(MARKER).strip().equals(lock)) {
                return;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Result npm = exec(List.of("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"), INSTALL_LIMIT);
        if (npm.exit() != 0) {
            throw new AssertionError("npm ci in " + DIR + " failed (node 20+ and npm with access to the npm registry"
                    + " are needed to test the API document):\n" + npm.output());
        }
        try {
            Files.writeString(MARKER, lock);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Result exec(List<String> command, Duration limit) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(DIR.toFile()).redirectErrorStream(true);
            builder.environment().putAll(environment());
            Path output = Files.createTempFile("hireload-tool-", ".out");
            builder.redirectOutput(output.toFile());
            Process process = builder.start();
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError(String.join(" ", command) + " did not finish within " + limit + ":\n"
                        + Files.readString(output));
            }
            String text = Files.readString(output, StandardCharsets.UTF_8);
            Files.deleteIfExists(output);
            return new Result(process.exitValue(), text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command.get(0) + " (is node/npm installed?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String sha256(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public record Result(int exit, String output) {
    }
}
