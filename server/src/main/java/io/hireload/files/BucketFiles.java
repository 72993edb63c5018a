package io.hireload.files;

import io.hireload.load.queue.LoadedVersions;
import io.hireload.db.DatabaseFailures;
import io.hireload.model.BucketFile;
import io.hireload.model.BucketLayout;
import io.hireload.model.TableName;
import io.hireload.s3.CsvObjects;
import io.hireload.s3.S3Failures;
import io.hireload.s3.S3Settings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Object;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A table's CSV objects in the bucket, where a load finds them (its folders, the seed's folder and
 * flat file), each with whether that version was loaded: the newest load (not a dry run) that read
 * this key with this ETag to its end, as the load engine's work items record it. The same rule
 * makes a load skip the object.
 */
@ApplicationScoped
public class BucketFiles {
    private final S3Client s3;
    private final S3Settings settings;
    private final DataSource dataSource;

    @Inject
    public BucketFiles(S3Client s3, S3Settings settings, @Named("hireload") DataSource dataSource) {
        this.s3 = s3;
        this.settings = settings;
        this.dataSource = dataSource;
    }

    /** For CDI's proxy only. */
    protected BucketFiles() {
        this.s3 = null;
        this.settings = null;
        this.dataSource = null;
    }

    /** Every {@code .csv} and {@code .csv.gz} object of the table, in key order (the order loads take). */
    public List<BucketFile> list(TableName table) {
        List<S3Object> objects = objects(table);
        Map<String, Long> loadedBy = loadedBy(table, objects);
        return objects.stream().map(o -> new BucketFile(o.key(), o.size(), o.lastModified(), CsvObjects.version(o),
                loadedBy.get(o.key()) != null, loadedBy.get(o.key()))).toList();
    }

    private List<S3Object> objects(TableName table) {
        String bucket = settings.bucket();
        TreeMap<String, S3Object> found = new TreeMap<>();
        try {
            BucketLayout layout = new BucketLayout(settings.prefix());
            for (String folder : layout.folders(table)) {
                listUnder(bucket, folder, found);
            }
            String flat = layout.flatFile(table);
            listUnder(bucket, flat, found);
            found.keySet().removeIf(key -> key.startsWith(flat) && !key.equals(flat));
        } catch (RuntimeException e) {
            throw S3Failures.toThrow(e, bucket, null);
        }
        return List.copyOf(found.values());
    }

    private void listUnder(String bucket, String prefix, Map<String, S3Object> into) {
        ListObjectsV2Request request = ListObjectsV2Request.builder().bucket(bucket).prefix(prefix).build();
        for (S3Object object : s3.listObjectsV2Paginator(request).contents()) {
            String key = object.key().toLowerCase(Locale.ROOT);
            if (key.endsWith(".csv") || key.endsWith(".csv.gz")) {
                into.put(object.key(), object);
            }
        }
    }

    private Map<String, Long> loadedBy(TableName table, List<S3Object> objects) {
        Map<String, Long> loaded = new HashMap<>();
        if (objects.isEmpty()) {
            return loaded;
        }
        List<String> keys = new ArrayList<>();
        List<String> versions = new ArrayList<>();
        objects.forEach(o -> {
            keys.add(o.key());
            versions.add(CsvObjects.version(o));
        });
        try (Connection c = dataSource.getConnection()) {
            LoadedVersions.loaded(c, table, keys, versions).forEach((version, id) -> loaded.put(version.key(), id));
        } catch (SQLException e) {
            throw DatabaseFailures.describe("read which files were loaded", e);
        }
        return loaded;
    }
}
