package io.hireload.security;

import io.hireload.model.Role;

import java.util.List;
import java.util.Optional;

/**
 * The one table of who may call what: a route is open, or needs a role (each role may do what the
 * ones before it may, {@link Role#allows}). The first rule whose method and path match decides;
 * a route no rule names needs the admin, so a new endpoint is closed until a line here opens it.
 * OpenAPI's {@code x-required-role} per operation is held to this table by a test
 * (OpenApiContractTest). To open a new route to a role, add one line: {@code rule(Role.LOADER, "POST",
 * "/loads/*}{@code /cancel")}, where {@code *} is one path segment and a trailing {@code /**} any
 * number of them (none included).
 */
public final class Access {
    /** Checked in order: the more specific lines before the broader ones. */
    private static final List<Rule> RULES = List.of(
            open("GET", "/"),
            open("GET", "/health-db"),
            open("GET", "/health-s3"),

            rule(Role.READER, "GET", "/keys/me"),
            rule(Role.ADMIN, "GET", "/keys/**"),
            rule(Role.ADMIN, "POST", "/keys"),
            rule(Role.ADMIN, "DELETE", "/keys/*"),
            rule(Role.ADMIN, "GET", "/audit"),

            rule(Role.READER, "GET", "/departments/**"),
            rule(Role.READER, "GET", "/jobs/**"),
            rule(Role.READER, "GET", "/employees/**"),
            rule(Role.READER, "GET", "/loads/**"),
            rule(Role.READER, "GET", "/metrics/**"),
            rule(Role.READER, "GET", "/files"),
            rule(Role.READER, "GET", "/observe/**"),

            rule(Role.LOADER, "POST", "/departments/batch"),
            rule(Role.LOADER, "POST", "/jobs/batch"),
            rule(Role.LOADER, "POST", "/employees/batch"),
            rule(Role.LOADER, "POST", "/all-tables/batch"),
            rule(Role.LOADER, "POST", "/departments"),
            rule(Role.LOADER, "POST", "/jobs"),
            rule(Role.LOADER, "POST", "/employees"),
            rule(Role.LOADER, "PUT", "/files/*/*"),
            rule(Role.LOADER, "POST", "/loads/*/cancel"),

            rule(Role.ADMIN, "DELETE", "/files/*/*"),
            rule(Role.ADMIN, "GET", "/backups/**"),
            rule(Role.ADMIN, "POST", "/backups/**"));

    private Access() {
    }

    /** What a route needs: empty when it is open to anyone, else the least role that may call it. */
    public static Optional<Role> needed(String method, String path) {
        String m = method.equals("HEAD") ? "GET" : method;
        for (Rule rule : RULES) {
            if (rule.matches(m, path)) {
                return Optional.ofNullable(rule.role);
            }
        }
        return Optional.of(Role.ADMIN);
    }

    private static Rule open(String method, String pattern) {
        return new Rule(null, method, pattern.equals("/") ? new String[0] : pattern.substring(1).split("/"));
    }

    private static Rule rule(Role role, String method, String pattern) {
        return new Rule(role, method, pattern.substring(1).split("/"));
    }

    private record Rule(Role role, String method, String[] segments) {
        boolean matches(String m, String path) {
            if (!method.equals(m)) {
                return false;
            }
            String trimmed = path.replaceAll("^/+|/+$", "");
            String[] parts = trimmed.isEmpty() ? new String[0] : trimmed.split("/+");
            boolean rest = segments.length > 0 && segments[segments.length - 1].equals("**");
            int fixed = rest ? segments.length - 1 : segments.length;
            if (rest ? parts.length < fixed : parts.length != fixed) {
                return false;
            }
            for (int i = 0; i < fixed; i++) {
                if (!segments[i].equals("*") && !segments[i].equals(parts[i])) {
                    return false;
                }
            }
            return true;
        }
    }
}
