package io.hireload.s3;

import io.hireload.model.BucketLayout;
import io.hireload.model.TableName;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The CSV objects of each table. A table's files are every {@code .csv} object under its prefix
 * ({@code departments/}, {@code jobs/}, {@code employees/}), plus the two layouts the seed used:
 * its flat file names at the bucket root and its folders named after its model classes. All in
 * key order, each once.
 */
@ApplicationScoped
public class CsvObjects {
    private final S3Client s3;
    private final S3Settings settings;

    @Inject
    public CsvObjects(S3Client s3, S3Settings settings) {
        this.s3 = s3;
        this.settings = settings;
    }

    /** One object to load: its key and size in bytes. */
    public record CsvObject(String key, long size) {
    }

    public List<CsvObject> list(TableName table) {
        TreeMap<String, CsvObject> found = new TreeMap<>();
        for (String folder : BucketLayout.folders(table)) {
            listUnder(settings.prefix() + folder, found);
        }
        String flat = settings.prefix() + BucketLayout.flatFile(table);
        listUnder(flat, found);
        found.keySet().removeIf(key -> key.startsWith(settings.prefix() + BucketLayout.flatFile(table)) && !key.equals(flat));
        return List.copyOf(found.values());
    }

    /** Every CSV object the bucket shows under the prefix, for /health-s3. */
    public List<String> allKeys() {
        TreeMap<String, CsvObject> found = new TreeMap<>();
        listUnder(settings.prefix(), found);
        return List.copyOf(found.keySet());
    }

    public String bucket() {
        return settings.bucket();
    }

    /** Streams one object; the caller closes it. */
    public InputStream open(String key) {
        ResponseInputStream<GetObjectResponse> in = s3.getObject(GetObjectRequest.builder()
                .bucket(settings.bucket()).key(key).build());
        return in;
    }

    private void listUnder(String prefix, Map<String, CsvObject> into) {
        ListObjectsV2Request request = ListObjectsV2Request.builder().bucket(settings.bucket()).prefix(prefix).build();
        for (S3Object object : s3.listObjectsV2Paginator(request).contents()) {
            if (object.key().toLowerCase(Locale.ROOT).endsWith(".csv")) {
                into.put(object.key(), new CsvObject(object.key(), object.size()));
            }
        }
    }
}
