package io.hireload.s3;

import io.hireload.support.EmbeddedServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.ListMultipartUploadsRequest;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Multipart uploads against the embedded S3 (s3proxy), without a server: s3proxy, like S3, refuses
 * to complete an upload whose parts (but the last) are under 5 MiB, which makes a real failure to
 * check that a failed upload is aborted and leaves nothing behind.
 */
@ExtendWith(EmbeddedServices.class)
class S3UploadTest {
    private static final long MIB = 1 << 20;
    private static S3Client s3;
    private static String bucket;

    @TempDir
    Path dir;

    @BeforeAll
    static void client() {
        bucket = EmbeddedServices.bucket();
        s3 = new S3ClientProducer().s3Client(new S3Settings(Optional.of(bucket), Optional.empty(),
                Optional.of(EmbeddedServices.setting("S3_ENDPOINT")), "us-east-1",
                Optional.of(EmbeddedServices.setting("S3_ACCESS_KEY_ID")),
                Optional.of(EmbeddedServices.setting("S3_SECRET_ACCESS_KEY"))));
    }

    @AfterAll
    static void close() {
        s3.close();
    }

    @Test
    void aFileLargerThanAPartGoesUpInPartsByteForByte() throws IOException {
        Path file = randomFile("big.bin", 11 * MIB + 12_345);

        int parts = new S3Upload(s3, 5 * MIB).put(file, bucket, "backups/test/big.bin", "application/octet-stream");

        assertThat(parts).isEqualTo(3);
        assertThat(object("backups/test/big.bin")).isEqualTo(Files.readAllBytes(file));
        // A multipart object's ETag ends with its number of parts.
        assertThat(s3.headObject(b -> b.bucket(bucket).key("backups/test/big.bin")).eTag()).endsWith("-3\"");
        assertThat(pendingUploads()).isZero();
        assertThat(keys()).noneMatch(key -> key.contains("big.bin-"));
    }

    @Test
    void aFileOfAtMostOnePartIsOnePut() throws IOException {
        Path file = randomFile("one.bin", 5 * MIB);

        int parts = new S3Upload(s3, 5 * MIB).put(file, bucket, "backups/test/one.bin", "application/octet-stream");

        assertThat(parts).isEqualTo(1);
        assertThat(object("backups/test/one.bin")).isEqualTo(Files.readAllBytes(file));
    }

    @Test
    void aRefusedUploadIsAbortedAndLeavesNoPartsAndNoObject() throws IOException {
        Path file = randomFile("small-parts.bin", 3 * MIB);

        assertThatThrownBy(() -> new S3Upload(s3, MIB).put(file, bucket, "backups/test/refused.bin",
                "application/octet-stream"))
                .isInstanceOfSatisfying(S3Exception.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("EntityTooSmall"));

        assertThat(pendingUploads()).isZero();
        // s3proxy keeps the parts of an upload in progress as objects named after the key (.mpus-...)
        assertThat(keys()).noneMatch(key -> key.contains("refused.bin"));
        assertThatThrownBy(() -> s3.headObject(HeadObjectRequest.builder().bucket(bucket).key("backups/test/refused.bin")
                .build())).isInstanceOf(NoSuchKeyException.class);
    }

    @Test
    void moreThanTenThousandPartsWouldNeedLargerParts() {
        assertThat(S3Upload.partSize(10_000 * 5 * MIB, 5 * MIB)).isEqualTo(5 * MIB);
        assertThat(S3Upload.partSize(10_000 * 5 * MIB + 1, 5 * MIB)).isEqualTo(5 * MIB + 1);
        assertThat(S3Upload.partSize(6L << 40, 64 * MIB)).isGreaterThan(64 * MIB)
                .satisfies(part -> assertThat(Math.ceilDiv(6L << 40, part)).isLessThanOrEqualTo(S3Upload.MAX_PARTS));
    }

    private Path randomFile(String name, long size) throws IOException {
        byte[] bytes = new byte[(int) size];
        new Random(size).nextBytes(bytes);
        return Files.write(dir.resolve(name), bytes);
    }

    private static byte[] object(String key) {
        return s3.getObjectAsBytes(GetObjectRequest.builder().bucket(bucket).key(key).build()).asByteArray();
    }

    private static List<String> keys() {
        return s3.listObjectsV2Paginator(b -> b.bucket(bucket)).contents().stream().map(S3Object::key).toList();
    }

    private static int pendingUploads() {
        return s3.listMultipartUploads(ListMultipartUploadsRequest.builder().bucket(bucket).build()).uploads().size();
    }
}
