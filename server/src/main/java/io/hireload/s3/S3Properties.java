package io.hireload.s3;

import jakarta.enterprise.context.Dependent;
import org.eclipse.microprofile.config.inject.ConfigProperties;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Optional;

/** The bucket settings as written; {@link S3Settings} is what the server makes of them. */
@Dependent
@ConfigProperties(prefix = "")
public class S3Properties {
    @ConfigProperty(name = "s3.bucket")
    private Optional<String> bucket;
    @ConfigProperty(name = "s3.prefix")
    private Optional<String> prefix;
    @ConfigProperty(name = "s3.endpoint")
    private Optional<String> endpoint;
    @ConfigProperty(name = "aws.region", defaultValue = "us-east-1")
    private String region;
    @ConfigProperty(name = "s3.access-key-id")
    private Optional<String> accessKeyId;
    @ConfigProperty(name = "s3.secret-access-key")
    private Optional<String> secretAccessKey;

    Optional<String> bucket() {
        return bucket;
    }

    Optional<String> prefix() {
        return prefix;
    }

    Optional<String> endpoint() {
        return endpoint;
    }

    String region() {
        return region;
    }

    Optional<String> accessKeyId() {
        return accessKeyId;
    }

    Optional<String> secretAccessKey() {
        return secretAccessKey;
    }
}
