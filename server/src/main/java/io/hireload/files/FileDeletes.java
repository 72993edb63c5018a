package io.hireload.files;

import io.hireload.db.DatabaseFailures;
import io.hireload.failure.Failure;
import io.hireload.load.queue.LoadRecords;
import io.hireload.model.TableName;
import io.hireload.s3.S3Failures;
import io.hireload.s3.S3Settings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Removes a file an operator put in the wrong place (or empty) from its table's folder. A file that
 * a load has yet to read to its end (its work item still queued or running in a load not yet
 * ended) stays: deleting it would fail that load halfway.
 */
@ApplicationScoped
public class FileDeletes {
    private final S3Client s3;
    private final S3Settings settings;
    private final DataSource dataSource;

    @Inject
    public FileDeletes(S3Client s3, S3Settings settings, @Named("hireload") DataSource dataSource) {
        this.s3 = s3;
        this.settings = settings;
        this.dataSource = dataSource;
    }

    /** For CDI's proxy only. */
    protected FileDeletes() {
        this.s3 = null;
        this.settings = null;
        this.dataSource = null;
    }

    /** Deletes the object {@code key} of {@code table}; not found when there is none. */
    public void delete(TableName table, String key) {
        readBy(table, key).ifPresent(load -> {
            throw new Failure.Conflict("file in use", "load " + load + " reads " + key
                    + "; delete it once that load has ended (or cancel the load)");
        });
        String bucket = settings.bucket();
        try {
            // S3 answers a delete of a missing key as a success; the operator should hear of a typo.
            s3.headObject(b -> b.bucket(bucket).key(key));
            s3.deleteObject(b -> b.bucket(bucket).key(key));
        } catch (NoSuchKeyException e) {
            throw new Failure.NotFound("no file " + key + " in the bucket");
        } catch (RuntimeException e) {
            throw S3Failures.toThrow(e, bucket, key);
        }
    }

    private Optional<Long> readBy(TableName table, String key) {
        try (Connection c = dataSource.getConnection()) {
            return LoadRecords.openLoadReading(c, table, key);
        } catch (SQLException e) {
            throw DatabaseFailures.describe("check whether a load reads " + key, e);
        }
    }
}
