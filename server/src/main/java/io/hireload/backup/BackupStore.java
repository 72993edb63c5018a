package io.hireload.backup;

import io.hireload.model.BackupInfo;
import io.hireload.model.BucketLayout;
import io.hireload.s3.S3Upload;
import io.hireload.model.TableName;
import io.hireload.s3.S3Settings;
import io.hireload.failure.Failure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Where backup files live: a directory ({@code <dir>/<table>/<file>.avro}) or the bucket
 * ({@code <S3_PREFIX>backups/<table>/<file>.avro}). A file is written whole to a scratch file
 * first and only then moved or uploaded (in parts above {@code HIRELOAD_BACKUP_S3_PART_SIZE}), so a
 * backup that fails leaves no half file behind.
 */
@ApplicationScoped
public class BackupStore {
    private final BackupSettings settings;
    private final S3Client s3;
    private final S3Settings s3Settings;

    @Inject
    public BackupStore(BackupSettings settings, S3Client s3, S3Settings s3Settings) {
        this.settings = settings;
        this.s3 = s3;
        this.s3Settings = s3Settings;
    }

    /** For CDI's proxy only. */
    protected BackupStore() {
        this(null, null, null);
    }

    /** A new empty scratch file: next to its final place for a directory, so the move is atomic. */
    Path scratchFile(TableName table) throws IOException {
        if (settings.target() == BackupSettings.Target.DIR) {
            Path folder = Files.createDirectories(settings.dir().resolve(table.path()));
            return Files.createTempFile(folder, ".partial-", ".avro");
        }
        return Files.createTempFile("hireload-backup-", ".avro");
    }

    /** Moves or uploads a finished scratch file; answers the target and the location to record. */
    Stored keep(Path scratch, TableName table, String fileName) throws IOException {
        if (settings.target() == BackupSettings.Target.DIR) {
            Path file = settings.dir().resolve(table.path()).resolve(fileName);
            Files.move(scratch, file, StandardCopyOption.ATOMIC_MOVE);
            return new Stored(BackupSettings.Target.DIR.wire(), file.toString());
        }
        String bucket = s3Settings.bucket();
        String key = new BucketLayout(s3Settings.prefix()).backupKey(table, fileName);
        try {
            new S3Upload(s3, settings.s3PartSize()).put(scratch, bucket, key, "application/avro");
        } catch (SdkException e) {
            throw new Failure.DependencyFailed("s3 error", "cannot store the backup in s3://" + bucket + "/" + key + ": "
                    + e.getMessage(), e);
        } finally {
            Files.deleteIfExists(scratch);
        }
        return new Stored(BackupSettings.Target.S3.wire(), "s3://" + bucket + "/" + key);
    }

    record Stored(String target, String location) {
    }

    /**
     * The backup's file on local disk: the file itself for a directory backup, a downloaded copy
     * (deleted by {@link Local#close()}) for the bucket. 410 when the file is gone.
     */
    Local fetch(BackupInfo backup) throws IOException {
        if (BackupSettings.Target.DIR.wire().equals(backup.target())) {
            Path file = Path.of(backup.location());
            if (!Files.isRegularFile(file)) {
                throw gone(backup);
            }
            return new Local(file, false);
        }
        String location = backup.location().substring("s3://".length());
        int slash = location.indexOf('/');
        String bucket = location.substring(0, slash);
        String key = location.substring(slash + 1);
        Path copy = Files.createTempFile("hireload-restore-", ".avro");
        try (InputStream in = s3.getObject(GetObjectRequest.builder().bucket(bucket).key(key).build())) {
            Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
            return new Local(copy, true);
        } catch (NoSuchKeyException e) {
            Files.deleteIfExists(copy);
            throw gone(backup);
        } catch (SdkException | IOException e) {
            Files.deleteIfExists(copy);
            throw new Failure.DependencyFailed("s3 error", "cannot read " + backup.location() + ": " + e.getMessage(), e);
        }
    }

    /** A backup file on local disk; a downloaded copy is deleted on close. */
    record Local(Path file, boolean temporary) implements AutoCloseable {
        @Override
        public void close() {
            if (temporary) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // a leftover temp file is harmless
                }
            }
        }
    }

    private static Failure gone(BackupInfo backup) {
        return new Failure.Gone("the file of backup " + backup.id() + " is missing: " + backup.location()
                + "; nothing was changed");
    }
}
