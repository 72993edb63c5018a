package io.hireload.deploy;

import io.hireload.model.TableName;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where the server reads and writes in its bucket, as S3 key patterns under the configured
 * prefix, for the task role's grants and the bucket's event filters. The layout itself is
 * shared-model's {@link io.hireload.model.BucketLayout}, the one the server reads and writes by
 * (its listings, its uploads, its backups), so the two cannot drift; IamSimulationTest evaluates
 * the resulting grants against every call the server makes.
 */
public record BucketLayout(String prefix) {
    /** One folder per table, plus the seed's folders named after its model classes. */
    public static final List<String> TABLE_FOLDERS = io.hireload.model.BucketLayout.allTableFolders();

    /** The seed's flat files at the root. */
    public static final List<String> FLAT_FILES = io.hireload.model.BucketLayout.allFlatFileNames();

    public static final String BACKUPS = io.hireload.model.BucketLayout.BACKUPS;

    /** The server's own layout under this prefix. */
    public io.hireload.model.BucketLayout server() {
        return new io.hireload.model.BucketLayout(prefix);
    }

    /**
     * Keys the server reads (GetObject, HeadObject): everything under each table's folders, each
     * table's flat file plain or gzipped, and backups (a restore reads them back).
     */
    public List<String> readableKeyPatterns() {
        var layout = server();
        return Stream.of(
                        tables().flatMap(t -> layout.folders(t).stream()).map(folder -> folder + "*"),
                        tables().flatMap(t -> layout.flatFileKeys(t).stream()),
                        Stream.of(prefix + BACKUPS + "*"))
                .flatMap(s -> s)
                .toList();
    }

    /**
     * Keys the server writes (PutObject, its multipart parts, AbortMultipartUpload): each table's
     * upload folder ({@code PUT /files/{table}/{name}}, fix and resend) and backups. Never the
     * seed's folders or flat files: the server does not write there.
     */
    public List<String> writableKeyPatterns() {
        var layout = server();
        return Stream.concat(tables().map(layout::uploadFolder), Stream.of(prefix + BACKUPS))
                .map(folder -> folder + "*")
                .toList();
    }

    private static Stream<TableName> tables() {
        return Arrays.stream(TableName.values());
    }
}
