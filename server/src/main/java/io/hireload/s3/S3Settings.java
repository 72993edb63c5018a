package io.hireload.s3;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperties;

import java.util.Optional;

/** Where the CSV files are: {@code S3_BUCKET}, {@code S3_PREFIX}, {@code S3_ENDPOINT}, {@code AWS_REGION}. */
@ApplicationScoped
public class S3Settings {
    private final Optional<String> bucket;
    private final String prefix;
    private final Optional<String> endpoint;
    private final String region;
    private final Optional<String> accessKeyId;
    private final Optional<String> secretAccessKey;

    @Inject
    public S3Settings(@ConfigProperties S3Properties s3) {
        this(s3.bucket(), s3.prefix(), s3.endpoint(), s3.region(), s3.accessKeyId(), s3.secretAccessKey());
    }

    public S3Settings(Optional<String> bucket, Optional<String> prefix, Optional<String> endpoint, String region,
                      Optional<String> accessKeyId, Optional<String> secretAccessKey) {
        this.bucket = bucket.filter(b -> !b.isBlank());
        this.prefix = normalize(prefix.orElse(""));
        this.endpoint = endpoint.filter(e -> !e.isBlank());
        this.region = region;
        this.accessKeyId = accessKeyId.filter(k -> !k.isBlank());
        this.secretAccessKey = secretAccessKey;
    }

    /** The bucket, or a clear error: without one there is nothing to load. */
    public String bucket() {
        return bucket.orElseThrow(() -> new IllegalStateException(
                "S3_BUCKET is not set: set it, or start with make run for the embedded S3"));
    }

    public boolean configured() {
        return bucket.isPresent();
    }

    /** The key prefix every table folder sits under: empty, or ending with {@code /}. */
    public String prefix() {
        return prefix;
    }

    public Optional<String> endpoint() {
        return endpoint;
    }

    public String region() {
        return region;
    }

    public Optional<String> accessKeyId() {
        return accessKeyId;
    }

    public String secretAccessKey() {
        return secretAccessKey.orElse("");
    }

    private static String normalize(String prefix) {
        String p = prefix.strip().replaceAll("^/+", "");
        return p.isEmpty() || p.endsWith("/") ? p : p + "/";
    }
}
