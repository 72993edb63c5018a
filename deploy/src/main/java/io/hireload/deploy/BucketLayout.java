package io.hireload.deploy;

import java.util.List;
import java.util.stream.Stream;

/**
 * Where the server reads and writes in its bucket, as S3 key patterns under the configured
 * prefix, for the task role's grants and the bucket's event filters. The layout itself is
 * shared-model's {@link io.hireload.model.BucketLayout}, the one the server reads by, so the two
 * cannot drift.
 */
public record BucketLayout(String prefix) {
    /** One folder per table, plus the seed's folders named after its model classes. */
    public static final List<String> TABLE_FOLDERS = io.hireload.model.BucketLayout.allTableFolders();

    /** The seed's flat files at the root. */
    public static final List<String> FLAT_FILES = io.hireload.model.BucketLayout.allFlatFileNames();

    public static final String BACKUPS = io.hireload.model.BucketLayout.BACKUPS;

    /** Keys the server reads: the CSV sources, and backups (a restore reads them back). */
    public List<String> readableKeyPatterns() {
        return Stream.concat(
                        Stream.concat(TABLE_FOLDERS.stream(), Stream.of(BACKUPS)).map(folder -> prefix + folder + "*"),
                        FLAT_FILES.stream().map(file -> prefix + file))
                .toList();
    }

    /** Keys the server writes: backups only; it never changes the operators' CSV files. */
    public List<String> writableKeyPatterns() {
        return List.of(prefix + BACKUPS + "*");
    }
}
