package io.hireload.deploy;

import java.util.List;
import java.util.stream.Stream;

import static io.hireload.model.BucketLayout.BACKUPS;
import static io.hireload.model.BucketLayout.allFlatFiles;
import static io.hireload.model.BucketLayout.allFolders;

/**
 * Where the server reads and writes in its bucket, as S3 key patterns under the configured
 * prefix, for the task role's grants. The layout itself is shared-model's
 * {@link io.hireload.model.BucketLayout}, the one the server reads by, so the two cannot drift.
 */
public record BucketLayout(String prefix) {

    /** Keys the server reads: the CSV sources, and backups (a restore reads them back). */
    public List<String> readableKeyPatterns() {
        return Stream.concat(
                        Stream.concat(allFolders().stream(), Stream.of(BACKUPS)).map(folder -> prefix + folder + "*"),
                        allFlatFiles().stream().map(file -> prefix + file))
                .toList();
    }

    /** Keys the server writes: backups only; it never changes the operators' CSV files. */
    public List<String> writableKeyPatterns() {
        return List.of(prefix + BACKUPS + "*");
    }
}
