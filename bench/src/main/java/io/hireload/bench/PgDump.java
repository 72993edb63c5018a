package io.hireload.bench;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The machine's {@code pg_dump} and {@code pg_restore}, the backup phase's reference. pg_dump
 * refuses a server of a newer major version than its own, so the pair used is the one of the
 * lowest major version at or above the server's, looked for in {@code BENCH_PG_BIN} when set,
 * else under {@code /usr/lib/postgresql/<major>/bin} and on PATH.
 */
final class PgDump {
    private static final Pattern VERSION = Pattern.compile("\\(PostgreSQL\\)\\s+(\\d+)(\\.\\d+)?");

    /** A directory holding both tools, and their version. */
    record Tools(Path dir, int major, String version) {
    }

    /** The tools chosen, or none and why. */
    record Choice(Optional<Tools> tools, String why) {
    }

    private final Tools tools;
    private final Reference database;
    private final Path log;

    PgDump(Tools tools, Reference database, Path log) {
        this.tools = tools;
        this.database = database;
        this.log = log;
    }

    static Choice choose(int serverMajor, String binSetting) {
        List<Path> dirs = binSetting != null ? List.of(Path.of(binSetting)) : searchPath();
        List<Tools> found = new ArrayList<>();
        for (Path dir : dirs) {
            if (Files.isExecutable(dir.resolve("pg_dump")) && Files.isExecutable(dir.resolve("pg_restore"))) {
                version(dir.resolve("pg_dump")).ifPresent(v -> found.add(new Tools(dir, v.major(), v.text())));
            }
        }
        Optional<Tools> best = found.stream().filter(t -> t.major() >= serverMajor)
                .min(Comparator.comparingInt(Tools::major));
        String looked = (binSetting != null ? "BENCH_PG_BIN=" + binSetting : "/usr/lib/postgresql/*/bin and PATH")
                + (found.isEmpty() ? ", found none" : ", found " + found.stream()
                .map(t -> t.dir() + "/pg_dump " + t.version()).toList());
        return best.map(t -> new Choice(Optional.of(t), "PostgreSQL " + serverMajor + " server; " + looked))
                .orElseGet(() -> new Choice(Optional.empty(), "no pg_dump of major version " + serverMajor
                        + " or newer (pg_dump refuses a newer server); looked in " + looked
                        + "; set BENCH_PG_BIN to a directory with pg_dump and pg_restore"));
    }

    /**
     * A compressed custom-format dump of one table's data: zlib level 6 like the server's Avro
     * deflate, and no fsync ({@code --no-sync}) since the server does not sync its file either.
     * Answers seconds.
     */
    double dumpData(String table, Path file) {
        return run(List.of(tools.dir().resolve("pg_dump").toString(), "--format=custom", "--compress=6",
                "--data-only", "--no-sync", "--table=" + table, "--file=" + file, "--dbname=" + databaseName()));
    }

    /** The dump's rows into the existing (emptied) table in one transaction, like the server's restore. */
    double restoreData(Path file) {
        return run(List.of(tools.dir().resolve("pg_restore").toString(), "--data-only", "--single-transaction",
                "--exit-on-error", "--dbname=" + databaseName(), file.toString()));
    }

    private double run(List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        // The connection through libpq's variables, so the password never shows in a process list.
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("PG"));
        URI uri = URI.create(database.jdbcUrl().substring("jdbc:".length()));
        env.put("PGHOST", uri.getHost());
        env.put("PGPORT", Integer.toString(uri.getPort() < 0 ? 5432 : uri.getPort()));
        env.put("PGUSER", database.user());
        if (!database.password().isEmpty()) {
            env.put("PGPASSWORD", database.password());
        }
        try {
            Files.writeString(log, "\n==== " + String.join(" ", command) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            long start = System.nanoTime();
            Process process = builder.start();
            if (!process.waitFor(30, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException(command.getFirst() + " did not end within 30 minutes; see " + log);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            if (process.exitValue() != 0) {
                throw new IllegalStateException(command.getFirst() + " exited with " + process.exitValue() + ": "
                        + tail());
            }
            return seconds;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command.getFirst(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + command.getFirst(), e);
        }
    }

    private String databaseName() {
        String path = URI.create(database.jdbcUrl().substring("jdbc:".length())).getPath();
        return path == null || path.length() <= 1 ? "postgres" : path.substring(1);
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(see " + log + ")";
        }
    }

    private record Version(int major, String text) {
    }

    private static Optional<Version> version(Path pgDump) {
        try {
            Process p = new ProcessBuilder(pgDump.toString(), "--version").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return Optional.empty();
            }
            Matcher m = VERSION.matcher(out);
            return m.find() ? Optional.of(new Version(Integer.parseInt(m.group(1)), m.group(1)
                    + (m.group(2) == null ? "" : m.group(2)))) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /**
     * Every /usr/lib/postgresql/{major}/bin (Debian's layout) first, then PATH's directories, each
     * once: Debian's /usr/bin/pg_dump is a wrapper script that picks a version itself, so the
     * versioned directories say exactly which pg_dump runs.
     */
    private static List<Path> searchPath() {
        Set<Path> dirs = new LinkedHashSet<>();
        Path debian = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> majors = Files.list(debian)) {
                majors.map(d -> d.resolve("bin")).sorted().forEach(dirs::add);
            } catch (IOException e) {
                // unreadable: PATH alone
            }
        }
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                if (!dir.isBlank()) {
                    dirs.add(Path.of(dir));
                }
            }
        }
        return List.copyOf(dirs);
    }
}
