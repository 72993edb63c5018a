package io.hireload.model;

import java.time.Instant;
import java.util.List;

/**
 * One line of the audit trail: a request that changed something or was refused. {@code actor} is
 * the key's name or {@code unknown key} ({@code role} then null); {@code path} keeps no secret;
 * {@code loadIds} names the loads the request started or acted on; {@code client} is the caller's
 * address as seen through the trusted load balancer.
 */
public record AuditEntry(long id, Instant at, String actor, Role role, String method, String path, int status,
                         List<Long> loadIds, String client) {

    /** The actor of a request whose key was missing or not known. */
    public static final String UNKNOWN_KEY = "unknown key";

    public AuditEntry {
        loadIds = List.copyOf(loadIds);
    }
}
