package io.hireload.web;

import io.hireload.db.DatabaseProbe;
import io.hireload.model.HealthAnswer;
import io.hireload.s3.S3Probe;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * MicroProfile Health for the load balancer: ready when the database and S3 answer; live as long
 * as the process serves requests (a database outage must not get healthy tasks killed).
 */
@ApplicationScoped
public class HealthChecks {

    @Produces
    @org.eclipse.microprofile.health.Readiness
    HealthCheck database(DatabaseProbe probe) {
        return () -> response(probe.check());
    }

    @Produces
    @org.eclipse.microprofile.health.Readiness
    HealthCheck s3(S3Probe probe) {
        return () -> response(probe.check());
    }

    @Produces
    @Liveness
    HealthCheck serving() {
        return () -> HealthCheckResponse.up("hireload");
    }

    private static HealthCheckResponse response(HealthAnswer answer) {
        return HealthCheckResponse.named(answer.component())
                .status("UP".equals(answer.status()))
                .withData("detail", answer.detail())
                .build();
    }
}
