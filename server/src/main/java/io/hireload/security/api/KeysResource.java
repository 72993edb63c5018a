package io.hireload.security.api;

import io.hireload.security.Access;
import io.hireload.security.KeyService;
import io.hireload.audit.AuditContext;
import io.hireload.model.ApiKey;
import io.hireload.model.ApiPaths;
import io.hireload.model.Caller;
import io.hireload.model.CreatedKey;
import io.hireload.model.Page;
import io.hireload.web.QueryParams;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.io.InputStream;

/**
 * Named keys: {@code POST /keys}, {@code GET /keys}, {@code DELETE /keys/{id}} (admin), and
 * {@code GET /keys/me} (any key: who am I, what may I do), per {@link Access}.
 */
@Path(ApiPaths.KEYS)
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class KeysResource {
    private final KeyService keys;
    private final AuditContext request;

    @Inject
    public KeysResource(KeyService keys, AuditContext request) {
        this.keys = keys;
        this.request = request;
    }

    /** For CDI's proxy only. */
    protected KeysResource() {
        this(null, null);
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    public Response create(InputStream body) throws IOException {
        byte[] bytes = body == null ? new byte[0] : body.readAllBytes();
        request.answersOnCommit(Response.Status.CREATED.getStatusCode());
        CreatedKey made = keys.create(KeyBody.read(bytes), request.caller().name());
        return Response.status(Response.Status.CREATED).header("Cache-Control", "no-store").entity(made).build();
    }

    @GET
    public Page<ApiKey> list(@QueryParam("page") String page, @QueryParam("size") String size) {
        return keys.page(QueryParams.page(page), QueryParams.size(size));
    }

    @GET
    @Path(ApiPaths.ME)
    public Caller me() {
        return request.caller();
    }

    @DELETE
    @Path("/{id}")
    public Response revoke(@PathParam("id") String id) {
        long key = QueryParams.integer("id", id, 0, 1, Integer.MAX_VALUE);
        request.answersOnCommit(Response.Status.NO_CONTENT.getStatusCode());
        keys.revoke(key);
        return Response.noContent().build();
    }
}
