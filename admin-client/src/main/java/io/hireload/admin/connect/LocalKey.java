package io.hireload.admin.connect;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The admin key a local server generated: {@code $HIRELOAD_DATA_DIR/admin.key}, by default
 * {@code ./.hireload/admin.key}, one line. This is how {@code make run} then {@code make client}
 * works without copying a secret around.
 */
public final class LocalKey {
    private final Path file;

    public LocalKey(Path file) {
        this.file = file;
    }

    /** Where the server keeps it, found from the environment (then system properties) as the server does. */
    public static LocalKey fromEnvironment(UnaryOperator<String> settings) {
        String dir = settings.apply("HIRELOAD_DATA_DIR");
        Path dataDir = Path.of(dir == null || dir.isBlank() ? ".hireload" : dir);
        return new LocalKey(dataDir.resolve("admin.key").toAbsolutePath().normalize());
    }

    public Path file() {
        return file;
    }

    public Optional<String> read() {
        try {
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty())
                    .findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
