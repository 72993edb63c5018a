package io.hireload.s3;

import io.hireload.model.HealthAnswer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;

import java.util.List;

/**
 * Asks S3 whether the bucket answers: {@link #check(boolean)} lists the CSV objects it sees (the
 * seed's /health-s3), {@link #ready()} asks for one key only, since readiness is polled every few seconds
 * by every instance and a listing of a large prefix costs requests and time on each poll.
 */
@ApplicationScoped
public class S3Probe {
    private final CsvObjects objects;
    private final S3Settings settings;
    private final S3Client s3;

    @Inject
    public S3Probe(CsvObjects objects, S3Settings settings, S3Client s3) {
        this.objects = objects;
        this.settings = settings;
        this.s3 = s3;
    }

    /** Readiness: one ListObjectsV2 of at most one key under the prefix (the task role may list). */
    public HealthAnswer ready() {
        if (!settings.configured()) {
            return new HealthAnswer(HealthAnswer.DOWN, "s3", "S3_BUCKET is not set", List.of());
        }
        String where = "s3://" + settings.bucket() + "/" + settings.prefix();
        try {
            s3.listObjectsV2(r -> r.bucket(settings.bucket()).prefix(settings.prefix()).maxKeys(1));
            return new HealthAnswer(HealthAnswer.UP, "s3", where + " answers", List.of());
        } catch (NoSuchBucketException e) {
            return new HealthAnswer(HealthAnswer.DOWN, "s3", "the bucket " + settings.bucket() + " does not exist", List.of());
        } catch (SdkException e) {
            return new HealthAnswer(HealthAnswer.DOWN, "s3", "cannot reach " + where + ": " + e.getMessage(), List.of());
        }
    }

    /**
     * The seed's /health-s3: the CSV objects the bucket shows under the prefix. {@code detailed}
     * (a caller with a key) gets their keys and where it looked; anyone else the status and a count
     * only, since open answers name no bucket keys and no data (SPEC section 5).
     */
    public HealthAnswer check(boolean detailed) {
        if (!settings.configured()) {
            return new HealthAnswer(HealthAnswer.DOWN, "s3", "S3_BUCKET is not set", List.of());
        }
        String where = "s3://" + settings.bucket() + "/" + settings.prefix();
        try {
            List<String> keys = objects.allKeys();
            return detailed
                    ? new HealthAnswer(HealthAnswer.UP, "s3", where + " holds " + keys.size() + " CSV object(s)", keys)
                    : new HealthAnswer(HealthAnswer.UP, "s3", "the bucket holds " + keys.size() + " CSV object(s)", List.of());
        } catch (NoSuchBucketException e) {
            return new HealthAnswer(HealthAnswer.DOWN, "s3", detailed ? "the bucket " + settings.bucket()
                    + " does not exist" : "the bucket does not exist", List.of());
        } catch (SdkException e) {
            return new HealthAnswer(HealthAnswer.DOWN, "s3", detailed ? "cannot list " + where + ": " + e.getMessage()
                    : "cannot list the bucket", List.of());
        }
    }
}
