package io.hireload.security;

import io.hireload.model.ApiError;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

import java.util.Optional;

/**
 * Every API route needs a key, except the service's entry page and its health checks (health and
 * OpenAPI are served outside JAX-RS and stay open). Reads of tables, loads and metrics take a
 * reader or the admin key; everything else, and everything that writes, takes the admin key.
 */
@Provider
@ApplicationScoped
@Priority(Priorities.AUTHENTICATION)
public class BearerFilter implements ContainerRequestFilter {
    private static final String CHALLENGE = Bearer.CHALLENGE;

    private final Keys keys;

    @Inject
    public BearerFilter(Keys keys) {
        this.keys = keys;
    }

    /** For CDI's proxy only. */
    protected BearerFilter() {
        this.keys = null;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String path = "/" + request.getUriInfo().getPath().replaceAll("^/+", "");
        String method = request.getMethod();
        if (open(method, path)) {
            return;
        }
        Optional<Role> role = Bearer.presented(request.getHeaderString(HttpHeaders.AUTHORIZATION)).flatMap(keys::roleOf);
        if (role.isEmpty()) {
            request.abortWith(Response.status(401).header(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE)
                    .type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(new ApiError("unauthorized", "send an API key as Authorization: Bearer <key>; "
                            + "locally the admin key is in $HIRELOAD_DATA_DIR/admin.key"))
                    .build());
            return;
        }
        if (role.get() == Role.READER && !readable(method, path)) {
            request.abortWith(Response.status(403).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(new ApiError("forbidden", "this key may read tables, loads and metrics; "
                            + method + " " + path + " needs the admin key"))
                    .build());
        }
    }

    static boolean open(String method, String path) {
        boolean read = method.equals("GET") || method.equals("HEAD");
        return read && (path.equals("/") || path.equals("/health-db") || path.equals("/health-s3"));
    }

    static boolean readable(String method, String path) {
        boolean read = method.equals("GET") || method.equals("HEAD");
        return read && (path.startsWith("/departments") || path.startsWith("/jobs") || path.startsWith("/employees")
                || path.startsWith("/loads") || path.startsWith("/metrics"));
    }
}
