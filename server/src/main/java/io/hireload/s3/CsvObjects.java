package io.hireload.s3;

import io.hireload.model.BucketLayout;
import io.hireload.model.TableName;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The CSV objects of each table. A table's files are every {@code .csv} (or gzipped
 * {@code .csv.gz}) object under its prefix
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

    /**
     * One object to load: its key, its size in bytes (compressed, for {@code .csv.gz}) and its
     * ETag without quotes, which names this version of its content.
     */
    public record CsvObject(String key, long size, String etag) {
        public boolean gzipped() {
            return key.toLowerCase(Locale.ROOT).endsWith(".gz");
        }
    }

    /** The object changed (another ETag) after a load listed it: what was listed cannot be read any more. */
    public static final class ObjectChanged extends RuntimeException {
        public ObjectChanged(String key, String listed, String found) {
            super("s3 object " + key + " changed during the load (ETag " + listed + ", now " + found
                    + "); run the load again to load the new version");
        }
    }

    /** Which keys are which table's, under the configured prefix. */
    public BucketLayout layout() {
        return new BucketLayout(settings.prefix());
    }

    public List<CsvObject> list(TableName table) {
        TreeMap<String, CsvObject> found = new TreeMap<>();
        BucketLayout layout = layout();
        for (String folder : layout.folders(table)) {
            listUnder(folder, found);
        }
        String flat = layout.flatFile(table);
        List<String> flatKeys = layout.flatFileKeys(table);
        listUnder(flat, found);
        found.keySet().removeIf(key -> key.startsWith(flat) && !flatKeys.contains(key));
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

    /**
     * Streams the version of an object a load listed, its bytes as stored (a {@code .csv.gz} stays
     * compressed); {@link ObjectChanged} when the object has been replaced since, so rows of one
     * version are never recorded under another's ETag. The caller closes it.
     */
    public InputStream open(CsvObject object) {
        ResponseInputStream<GetObjectResponse> in = s3.getObject(GetObjectRequest.builder()
                .bucket(settings.bucket()).key(object.key()).build());
        String found = unquoted(in.response().eTag());
        if (found != null && !found.isBlank() && !found.equals(object.etag())) {
            in.abort();
            throw new ObjectChanged(object.key(), object.etag(), found);
        }
        return new AbortedIfUnfinished(in);
    }

    /**
     * An object's stream whose close, before its end, drops the connection instead of reading the
     * rest: the HTTP client would otherwise download the remaining bytes just to reuse the
     * connection, minutes for a large file that failed on its content near its start.
     */
    private static final class AbortedIfUnfinished extends FilterInputStream {
        private final ResponseInputStream<GetObjectResponse> object;
        private boolean ended;

        AbortedIfUnfinished(ResponseInputStream<GetObjectResponse> object) {
            super(object);
            this.object = object;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            ended |= b < 0;
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            ended |= n < 0;
            return n;
        }

        @Override
        public void close() throws IOException {
            if (!ended) {
                object.abort();
            }
            super.close();
        }
    }

    /** The object's current version, or empty when there is no such object (any more). */
    public Optional<CsvObject> head(String key) {
        try {
            HeadObjectResponse head = s3.headObject(HeadObjectRequest.builder().bucket(settings.bucket()).key(key).build());
            return Optional.of(new CsvObject(key, head.contentLength(), version(head.eTag(), head.contentLength(), head.lastModified())));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * What names this version of an object: its ETag; a store that gives none (the embedded S3
     * for a file dropped into its folder on disk) gets a stand-in from size and modification
     * time, so a replaced file still counts as changed for the skip rule and the bucket watch.
     */
    /** The version a load records for an object: its ETag, or its size and time where a store gives none. */
    public static String version(S3Object object) {
        return version(object.eTag(), object.size(), object.lastModified());
    }

    private static String version(String etag, Long size, Instant lastModified) {
        String e = unquoted(etag);
        if (e != null && !e.isBlank()) {
            return e;
        }
        return "size-" + size + "-modified-" + (lastModified == null ? 0 : lastModified.toEpochMilli());
    }

    /** An ETag as S3 quotes it, without the quotes. */
    public static String unquoted(String etag) {
        if (etag == null) {
            return null;
        }
        return etag.length() >= 2 && etag.startsWith("\"") && etag.endsWith("\"") ? etag.substring(1, etag.length() - 1) : etag;
    }

    private void listUnder(String prefix, Map<String, CsvObject> into) {
        ListObjectsV2Request request = ListObjectsV2Request.builder().bucket(settings.bucket()).prefix(prefix).build();
        for (S3Object object : s3.listObjectsV2Paginator(request).contents()) {
            if (BucketLayout.csv(object.key())) {
                into.put(object.key(), new CsvObject(object.key(), object.size(), version(object)));
            }
        }
    }
}
