package io.hireload.files;

import io.hireload.s3.CsvObjects;
import io.hireload.failure.Failure;
import io.hireload.load.queue.LoadRequest;
import io.hireload.load.api.LoadService;
import io.hireload.model.ApiPaths;
import io.hireload.model.BucketLayout;
import io.hireload.model.LoadReport;
import io.hireload.model.StoredFile;
import io.hireload.model.TableName;
import io.hireload.s3.S3Failures;
import io.hireload.s3.S3Settings;
import io.hireload.s3.S3Upload;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperties;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.function.Supplier;

/**
 * Puts an operator's CSV into its table's folder, streamed: one 5 MiB part in memory at a time,
 * whatever the file's size, and nothing left in the bucket when the body is too large or breaks
 * off. Optionally starts a load of the table right after.
 */
@ApplicationScoped
public class FileUploads {
    /** S3's largest object; a limit above it could never be met. */
    static final long MAX_LIMIT = 5L << 40;

    private final S3Client s3;
    private final S3Settings settings;
    private final LoadService loads;
    private final long maxBytes;

    @Inject
    public FileUploads(S3Client s3, S3Settings settings, LoadService loads,
                       @ConfigProperties UploadSettings upload) {
        long maxBytes = upload.maxBytes();
        if (maxBytes < 1 || maxBytes > MAX_LIMIT) {
            throw new Failure.Misconfigured("HIRELOAD_UPLOAD_MAX_BYTES must be from 1 to " + MAX_LIMIT
                    + " (S3's largest object), not " + maxBytes);
        }
        this.s3 = s3;
        this.settings = settings;
        this.loads = loads;
        this.maxBytes = maxBytes;
    }

    /** For CDI's proxy only. */
    protected FileUploads() {
        this.s3 = null;
        this.settings = null;
        this.loads = null;
        this.maxBytes = 0;
    }

    public long maxBytes() {
        return maxBytes;
    }

    /** The key a file of {@code table} named {@code name} is stored under: the table's own folder. */
    public String keyOf(TableName table, String name) {
        return new BucketLayout(settings.prefix()).uploadFolder(table) + FileNames.check(name);
    }

    /**
     * Streams {@code body} into the table's folder as {@code name}, replacing an object of that
     * name. {@code declaredLength} (the Content-Length, or -1) lets a body known to be too large be
     * refused before a byte is read.
     */
    public StoredFile upload(TableName table, String name, long declaredLength, InputStream body) {
        String key = keyOf(table, name);
        Supplier<Failure> tooLarge = () -> new Failure.TooLarge("payload too large", "the file is larger than "
                + maxBytes + " bytes, the upload limit (HIRELOAD_UPLOAD_MAX_BYTES); nothing was stored");
        if (declaredLength > maxBytes) {
            throw tooLarge.get();
        }
        String bucket = settings.bucket();
        String contentType = FileNames.gzip(name) ? "application/gzip" : "text/csv";
        try {
            InputStream checked = BodyStart.check(body, FileNames.gzip(name));
            S3Upload.Stored stored = new S3Upload(s3, S3Upload.MIN_PART)
                    .put(checked, maxBytes, tooLarge, bucket, key, contentType);
            return new StoredFile(key, CsvObjects.unquoted(stored.eTag()), stored.size(), null);
        } catch (IOException e) {
            throw new Failure.InvalidInput("the upload broke off before its end (" + e.getMessage()
                    + "); nothing was stored, send the file again");
        } catch (Failure e) {
            throw e;
        } catch (RuntimeException e) {
            throw S3Failures.toThrow(e, bucket, key);
        }
    }

    /**
     * Starts a load of the table the file went into, in the background (queued behind a load of
     * the table that runs). If none can start (this server is stopping) the file stays stored,
     * and the answer says both.
     */
    public LoadReport startLoad(TableName table, StoredFile stored) {
        try {
            return loads.load(List.of(table), new LoadRequest(ApiPaths.MAX_BATCH_SIZE, false, true, null, false)).get(0);
        } catch (Failure.Busy e) {
            throw new Failure.Busy(e.title(), "the file is stored as " + stored.key() + " (ETag " + stored.etag()
                    + "), but its load could not start: " + e.getMessage(), e);
        }
    }
}
