package io.hireload.s3;

import io.hireload.model.HealthAnswer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;

import java.util.List;

/** Asks S3 for the bucket's CSV objects, for /health-s3 and readiness. */
@ApplicationScoped
public class S3Probe {
    private final CsvObjects objects;
    private final S3Settings settings;

    @Inject
    public S3Probe(CsvObjects objects, S3Settings settings) {
        this.objects = objects;
        this.settings = settings;
    }

    public HealthAnswer check() {
        if (!settings.configured()) {
            return new HealthAnswer("DOWN", "s3", "S3_BUCKET is not set", List.of());
        }
        String where = "s3://" + settings.bucket() + "/" + settings.prefix();
        try {
            List<String> keys = objects.allKeys();
            return new HealthAnswer("UP", "s3", where + " holds " + keys.size() + " CSV object(s)", keys);
        } catch (NoSuchBucketException e) {
            return new HealthAnswer("DOWN", "s3", "the bucket " + settings.bucket() + " does not exist", List.of());
        } catch (SdkException e) {
            return new HealthAnswer("DOWN", "s3", "cannot list " + where + ": " + e.getMessage(), List.of());
        }
    }
}
