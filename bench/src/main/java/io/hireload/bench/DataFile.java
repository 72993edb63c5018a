package io.hireload.bench;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * One generated {@code hired_employees.csv} and its cleaned twin: the rows a loader that follows
 * the data rules must keep (five fields present, a positive integer id, an ISO-8601 instant, a
 * department and a job that exist), in the same text, for the COPY reference.
 */
record DataFile(Path csv, Path clean, long rows, long valid) {

    long invalid() {
        return rows - valid;
    }

    /** Generates the file with scripts/gen-hired-employees unless an identical one is there. */
    static DataFile make(Path generator, Path dir, long rows, Set<Integer> departments, Set<Integer> jobs) {
        try {
            Files.createDirectories(dir);
            Path csv = dir.resolve("hired_employees-" + rows + ".csv");
            if (!Files.exists(csv) || lineCount(csv) != rows) {
                Path partial = dir.resolve(csv.getFileName() + ".part");
                Process p = new ProcessBuilder("python3", generator.toString(), Long.toString(rows), partial.toString())
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
                    p.destroyForcibly();
                    throw new IllegalStateException(generator + " " + rows + " failed");
                }
                Files.move(partial, csv, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            Path clean = dir.resolve("clean-" + rows + ".csv");
            long valid = 0;
            long total = 0;
            try (BufferedReader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
                 BufferedWriter out = Files.newBufferedWriter(clean, StandardCharsets.UTF_8)) {
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.isBlank()) {
                        continue;
                    }
                    total++;
                    if (valid(line, departments, jobs)) {
                        out.write(line);
                        out.write('\n');
                        valid++;
                    }
                }
            }
            return new DataFile(csv, clean, total, valid);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The generator never quotes (names carry no comma), so a plain split is the CSV here. */
    static boolean valid(String line, Set<Integer> departments, Set<Integer> jobs) {
        String[] f = line.split(",", -1);
        if (f.length != 5) {
            return false;
        }
        for (String field : f) {
            if (field.isBlank()) {
                return false;
            }
        }
        try {
            if (Integer.parseInt(f[0].strip()) <= 0) {
                return false;
            }
            Instant.parse(f[2].strip());
            return departments.contains(Integer.parseInt(f[3].strip())) && jobs.contains(Integer.parseInt(f[4].strip()));
        } catch (NumberFormatException | DateTimeParseException e) {
            return false;
        }
    }

    private static long lineCount(Path file) throws IOException {
        try (var lines = Files.lines(file)) {
            return lines.filter(l -> !l.isBlank()).count();
        }
    }
}
