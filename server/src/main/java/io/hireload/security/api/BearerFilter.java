package io.hireload.security.api;

import io.hireload.security.Access;
import io.hireload.security.Bearer;
import io.hireload.security.Keys;
import io.hireload.audit.AuditContext;
import io.hireload.model.ApiError;
import io.hireload.model.Caller;
import io.hireload.model.Role;
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
 * Every API route needs a key with a role that may call it ({@link Access}), except the routes
 * that table leaves open (health and OpenAPI are served outside JAX-RS and stay open). The key
 * found is the request's caller for the audit trail and {@code GET /keys/me}.
 */
@Provider
@ApplicationScoped
@Priority(Priorities.AUTHENTICATION)
public class BearerFilter implements ContainerRequestFilter {
    private final Keys keys;
    private final AuditContext audit;

    @Inject
    public BearerFilter(Keys keys, AuditContext audit) {
        this.keys = keys;
        this.audit = audit;
    }

    /** For CDI's proxy only. */
    protected BearerFilter() {
        this(null, null);
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String path = "/" + request.getUriInfo().getPath().replaceAll("^/+", "");
        String method = request.getMethod();
        Optional<Role> needed = Access.needed(method, path);
        if (needed.isEmpty()) {
            return;
        }
        Optional<Caller> caller = Bearer.presented(request.getHeaderString(HttpHeaders.AUTHORIZATION)).flatMap(keys::identify);
        if (caller.isEmpty()) {
            request.abortWith(Response.status(401).header(HttpHeaders.WWW_AUTHENTICATE, Bearer.CHALLENGE)
                    .type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(new ApiError("unauthorized", "send an API key as Authorization: Bearer <key>; "
                            + "locally the admin key is in $HIRELOAD_DATA_DIR/admin.key"))
                    .build());
            return;
        }
        audit.caller(caller.get());
        Role role = caller.get().role();
        if (!role.allows(needed.get())) {
            request.abortWith(Response.status(403).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(new ApiError("forbidden", "key " + caller.get().name() + " has the role " + role.wire()
                            + "; " + method + " " + path + " needs " + needed.get().wire()
                            + (needed.get() == Role.ADMIN ? "" : " or admin")))
                    .build());
        }
    }
}
