package io.hireload.config;

import jakarta.enterprise.context.Dependent;
import org.eclipse.microprofile.config.inject.ConfigProperties;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Locale;
import java.util.Optional;

/**
 * The server's own settings: where it keeps its files, its name among the instances, its log and
 * its HTTP port and body timeout (the last two Helidon's own names). Injected with
 * {@code @ConfigProperties}; read by {@link ConfigBeans} where no bean is.
 */
@Dependent
@ConfigProperties(prefix = "")
public class ServerSettings {
    @ConfigProperty(name = "hireload.data-dir", defaultValue = ".hireload")
    private String dataDir;
    @ConfigProperty(name = "hireload.instance-id")
    private Optional<String> instanceId;
    @ConfigProperty(name = "hireload.log-format", defaultValue = "text")
    private String logFormat;
    /** The build's version ({@code microprofile-config.properties}), answered by {@code GET /}. */
    @ConfigProperty(name = "hireload.version", defaultValue = "dev")
    private String version;
    @ConfigProperty(name = "server.port")
    private Optional<String> port;
    @ConfigProperty(name = "server.connection-options.read-timeout")
    private Optional<String> readTimeout;

    /** {@code HIRELOAD_DATA_DIR}: admin.key, backups/, the transaction log, the embedded services' data. */
    public String dataDir() {
        return dataDir;
    }

    public Optional<String> instanceId() {
        return instanceId.map(String::strip).filter(id -> !id.isEmpty());
    }

    /** {@code HIRELOAD_LOG_FORMAT=json}: one JSON object per log line. */
    public boolean jsonLogs() {
        return "json".equals(logFormat.strip().toLowerCase(Locale.ROOT));
    }

    public String version() {
        return version;
    }

    /** {@code SERVER_PORT}, which the derived source hands Helidon as {@code server.port}. */
    public Optional<String> port() {
        return port;
    }

    /** An ISO-8601 duration; Helidon 4.2.0 documents it but the server applies it (web/BodyTimeout). */
    public Optional<String> readTimeout() {
        return readTimeout;
    }
}
