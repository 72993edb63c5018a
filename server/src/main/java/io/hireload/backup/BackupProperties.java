package io.hireload.backup;

import jakarta.enterprise.context.Dependent;
import org.eclipse.microprofile.config.inject.ConfigProperties;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Optional;

/** The backup settings as written; {@link BackupSettings} checks them and is what the server uses. */
@Dependent
@ConfigProperties(prefix = "hireload.backup")
public class BackupProperties {
    @ConfigProperty(name = "target", defaultValue = "dir")
    private String target;
    @ConfigProperty(name = "dir")
    private Optional<String> dir;
    @ConfigProperty(name = "codec", defaultValue = "deflate")
    private String codec;
    @ConfigProperty(name = "s3-part-size", defaultValue = "64MiB")
    private String s3PartSize;

    String target() {
        return target;
    }

    Optional<String> dir() {
        return dir;
    }

    String codec() {
        return codec;
    }

    String s3PartSize() {
        return s3PartSize;
    }
}
