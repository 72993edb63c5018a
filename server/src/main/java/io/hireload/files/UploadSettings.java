package io.hireload.files;

import jakarta.enterprise.context.Dependent;
import org.eclipse.microprofile.config.inject.ConfigProperties;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The largest file {@code PUT /files/{table}/{name}} stores ({@link FileUploads}). */
@Dependent
@ConfigProperties(prefix = "hireload.upload")
public class UploadSettings {
    @ConfigProperty(name = "max-bytes", defaultValue = "1073741824")
    private long maxBytes;

    long maxBytes() {
        return maxBytes;
    }
}
