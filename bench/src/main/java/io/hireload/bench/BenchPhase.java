package io.hireload.bench;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The parts of a run that {@code BENCH_PHASES} can pick (a comma list, default all). The large
 * load always runs: every phase measures on its database, and its time and checks come with it.
 */
enum BenchPhase {
    /** The small load on its own server JVM, and the heap ratio of the large load to it. */
    MEMORY,
    /**
     * The large load, an initial load, against COPY of the cleaned rows into the indexed scratch
     * schema and against pg_restore's method; the floor of 1000-row transactions beside them.
     */
    BULK,
    /**
     * {@code BENCH_SMALL_ROWS}' cleaned rows with new ids (offset by 100,000,000) loaded into the
     * large load's table (indexes kept), against the floor of 1000-row transactions onto the scratch
     * table holding the same rows; the rows are deleted afterwards.
     */
    INCREMENTAL,
    /** The seed's row-by-row algorithm (also needs BENCH_SEED_ROWS > 0). */
    SEED,
    /** The timed metrics against their plain SQL. */
    METRICS,
    /** Backup and restore of the employee table over HTTP against pg_dump and pg_restore. */
    BACKUP,
    /** 4 clients posting through the 1..1000-row API, against the bulk path's rate. */
    API,
    /**
     * The large file split into {@code BENCH_OBJECTS} objects (40), loaded by 1 then 2 server
     * processes sharing the load, each against the bulk phase's COPY reference (needs BULK).
     */
    MANYFILES,
    /**
     * 10x BENCH_ROWS (20,000,000) rows loaded by the large load's server, {@code -Xmx256m}, into the
     * emptied table, against the large file loaded again just before by the same server (at most
     * 10.5x the time, the live heap at most 1.2x); its file is made in the work directory and deleted.
     */
    HUGE;

    String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The phases a setting names; null or blank is all of them. Unknown names are an error. */
    static Set<BenchPhase> parse(String setting) {
        if (setting == null || setting.isBlank()) {
            return EnumSet.allOf(BenchPhase.class);
        }
        Set<BenchPhase> phases = EnumSet.noneOf(BenchPhase.class);
        for (String name : setting.split(",")) {
            String wanted = name.strip().toLowerCase(Locale.ROOT);
            if (wanted.isEmpty()) {
                continue;
            }
            phases.add(Arrays.stream(values()).filter(p -> p.wire().equals(wanted)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("BENCH_PHASES: no phase '" + wanted + "'; the phases are "
                            + Arrays.stream(values()).map(BenchPhase::wire).collect(Collectors.joining(",")))));
        }
        return phases;
    }
}
