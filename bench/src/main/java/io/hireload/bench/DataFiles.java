package io.hireload.bench;

import io.hireload.embedded.EmbeddedS3;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The run's files, made by scripts/gen-hired-employees (a copy of ../shared/tools'), each with its
 * cleaned twin: the large and small ones cached in bench/target/bench-data between benches, the
 * huge one (10x the large, a gigabyte or more at 20M rows, twice with its twin) made in the work
 * directory when a run first needs it and deleted once every run is done with it.
 */
final class DataFiles {
    private final BenchSettings settings;
    private final Path generator;
    private final Set<Integer> departments = ids(EmbeddedS3.sample("departments.csv"));
    private final Set<Integer> jobs = ids(EmbeddedS3.sample("jobs.csv"));
    private DataFile small;
    private DataFile large;
    private DataFile huge;

    DataFiles(BenchSettings settings) {
        this.settings = settings;
        this.generator = settings.root().resolve("scripts/gen-hired-employees");
    }

    /** Makes the files every run needs now (the huge one waits for its phase). */
    void prepare() {
        boolean needsSmall = settings.has(BenchPhase.MEMORY) || settings.has(BenchPhase.INCREMENTAL);
        Bench.step("generating " + (needsSmall ? settings.smallRows() + " and " : "") + settings.rows() + " rows with "
                + settings.root().relativize(generator));
        small = needsSmall ? DataFile.make(generator, settings.dataCache(), settings.smallRows(), departments, jobs) : null;
        large = DataFile.make(generator, settings.dataCache(), settings.rows(), departments, jobs);
    }

    DataFile small() {
        return small;
    }

    DataFile large() {
        return large;
    }

    DataFile huge() {
        if (huge == null) {
            Bench.step("generating " + settings.hugeRows() + " rows into " + settings.root().relativize(settings.work())
                    + " (deleted after the last run)");
            huge = DataFile.make(generator, settings.work().resolve("huge"), settings.hugeRows(), departments, jobs);
        }
        return huge;
    }

    void deleteHuge() throws IOException {
        if (huge != null) {
            Files.deleteIfExists(huge.csv());
            Files.deleteIfExists(huge.clean());
            huge = null;
        }
    }

    private static Set<Integer> ids(byte[] csv) {
        return new String(csv, StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank())
                .map(l -> Integer.parseInt(l.substring(0, l.indexOf(',')).strip())).collect(Collectors.toSet());
    }
}
