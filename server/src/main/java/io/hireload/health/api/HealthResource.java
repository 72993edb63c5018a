package io.hireload.health.api;

import io.hireload.db.DatabaseProbe;
import io.hireload.model.HealthAnswer;
import io.hireload.s3.S3Probe;
import io.hireload.security.Bearer;
import io.hireload.security.Keys;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The seed's two checks: a feature of its own, since it asks security whether a key was presented
 * (in web/ it tied web and security in a circle: security's resources read web's query parameters).
 * 200 when up, 503 when down; /health-s3 names keys to a caller with a key only.
 */
@Path("/")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class HealthResource {
    private final DatabaseProbe database;
    private final S3Probe s3;
    private final Keys keys;

    @Inject
    public HealthResource(DatabaseProbe database, S3Probe s3, Keys keys) {
        this.database = database;
        this.s3 = s3;
        this.keys = keys;
    }

    @GET
    @Path("/health-db")
    public Response database() {
        return answer(database.check());
    }

    /** Open: the status and a count; with a valid key (any role) also the keys it sees. */
    @GET
    @Path("/health-s3")
    public Response s3(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        boolean keyed = Bearer.presented(authorization).flatMap(keys::identify).isPresent();
        return answer(s3.check(keyed));
    }

    private static Response answer(HealthAnswer health) {
        return Response.status(health.up() ? 200 : 503).entity(health).build();
    }
}
