package io.hireload.audit.api;

import io.hireload.audit.AuditContext;
import io.hireload.audit.AuditTrail;
import io.hireload.audit.AuditedPath;
import io.hireload.audit.ClientAddress;
import io.hireload.model.LoadReport;
import io.hireload.model.LoadsAnswer;
import io.hireload.model.StoredFile;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;

import java.util.List;
import java.util.Set;

/**
 * Describes each request to the audit trail before the key is checked (method, path without
 * secrets, the caller's address), and hands the answer to it afterwards, with the loads the
 * answer names or the path acts on. Refusals by the key check pass here too: JAX-RS runs response
 * filters on an aborted request.
 */
@Provider
@ApplicationScoped
@Priority(Priorities.AUTHENTICATION - 100)
public class AuditFilter implements ContainerRequestFilter, ContainerResponseFilter {
    /** Where Helidon's JAX-RS integration leaves the connection's remote address. */
    private static final String REMOTE_HOST = "io.helidon.jaxrs.remote-host";

    /** Methods that change nothing: their successful requests leave no entry. */
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

    private final AuditContext context;
    private final AuditTrail trail;
    private final ClientAddress clients;

    @Inject
    public AuditFilter(AuditContext context, AuditTrail trail, ClientAddress clients) {
        this.context = context;
        this.trail = trail;
        this.clients = clients;
    }

    /** For CDI's proxy only. */
    protected AuditFilter() {
        this(null, null, null);
    }

    @Override
    public void filter(ContainerRequestContext request) {
        Object peer = request.getProperty(REMOTE_HOST);
        String path = "/" + request.getUriInfo().getPath().replaceAll("^/+", "");
        context.request(request.getMethod(), AuditedPath.of(path, request.getUriInfo().getRequestUri().getRawQuery()),
                clients.of(peer == null ? null : peer.toString(), request.getHeaderString("X-Forwarded-For")));
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        trail.answered(!SAFE.contains(request.getMethod()), response.getStatus(),
                loadIds(request, response.getEntity()));
    }

    private static List<Long> loadIds(ContainerRequestContext request, Object entity) {
        if (entity instanceof LoadReport report) {
            return List.of(report.loadId());
        }
        if (entity instanceof LoadsAnswer answer) {
            return answer.loads().stream().map(LoadReport::loadId).toList();
        }
        if (entity instanceof StoredFile file && file.loadId() != null) {
            return List.of(file.loadId());
        }
        List<String> segments = List.of(request.getUriInfo().getPath().replaceAll("^/+", "").split("/"));
        if (segments.size() >= 2 && segments.get(0).equals("loads") && segments.get(1).matches("\\d{1,18}")) {
            return List.of(Long.parseLong(segments.get(1)));
        }
        return List.of();
    }
}
