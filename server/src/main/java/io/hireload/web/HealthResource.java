package io.hireload.web;

import io.hireload.db.DatabaseProbe;
import io.hireload.model.HealthAnswer;
import io.hireload.s3.S3Probe;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The seed's two checks: 200 with details when up, 503 when down. */
@Path("/")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class HealthResource {
    private final DatabaseProbe database;
    private final S3Probe s3;

    @Inject
    public HealthResource(DatabaseProbe database, S3Probe s3) {
        this.database = database;
        this.s3 = s3;
    }

    @GET
    @Path("/health-db")
    public Response database() {
        return answer(database.check());
    }

    @GET
    @Path("/health-s3")
    public Response s3() {
        return answer(s3.check());
    }

    private static Response answer(HealthAnswer health) {
        return Response.status(health.up() ? 200 : 503).entity(health).build();
    }
}
