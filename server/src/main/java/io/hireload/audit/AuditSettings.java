package io.hireload.audit;

import jakarta.enterprise.context.Dependent;
import org.eclipse.microprofile.config.inject.ConfigProperties;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Optional;

/** Whose forwarded address the audit trail believes ({@link ClientAddress}) and how long it keeps entries. */
@Dependent
@ConfigProperties(prefix = "hireload")
public class AuditSettings {
    /** Addresses or CIDR ranges of the load balancer, comma separated. */
    @ConfigProperty(name = "trusted-proxies")
    private Optional<String> trustedProxies;
    @ConfigProperty(name = "audit.retention-days", defaultValue = "365")
    private int retentionDays;

    Optional<String> trustedProxies() {
        return trustedProxies;
    }

    int retentionDays() {
        return retentionDays;
    }
}
