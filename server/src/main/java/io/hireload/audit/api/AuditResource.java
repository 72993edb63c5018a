package io.hireload.audit.api;

import io.hireload.audit.AuditTrail;
import io.hireload.failure.Failure;
import io.hireload.model.ApiPaths;
import io.hireload.model.AuditEntry;
import io.hireload.model.Page;
import io.hireload.web.QueryParams;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /audit}: who did what, newest first (admin, per security.Access). */
@Path(ApiPaths.AUDIT)
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {
    private static final int MAX_ACTOR = 64;

    private final AuditTrail trail;

    @Inject
    public AuditResource(AuditTrail trail) {
        this.trail = trail;
    }

    /** For CDI's proxy only. */
    protected AuditResource() {
        this(null);
    }

    @GET
    public Page<AuditEntry> list(@QueryParam("actor") String actor, @QueryParam("since") String since,
                                 @QueryParam("page") String page, @QueryParam("size") String size) {
        String who = actor == null || actor.isBlank() ? null : actor.strip();
        if (who != null && who.length() > MAX_ACTOR) {
            throw new Failure.InvalidInput("actor is a key's name, at most " + MAX_ACTOR + " characters");
        }
        return trail.page(who, QueryParams.instant("since", since), QueryParams.page(page), QueryParams.size(size));
    }
}
