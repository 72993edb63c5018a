package io.hireload.health;

import io.hireload.db.DatabaseProbe;
import io.hireload.model.HealthAnswer;
import io.hireload.s3.S3Probe;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * MicroProfile Health. Liveness says the process serves requests: the load balancer's target group
 * and the ECS container check read it, so a database or S3 outage never gets healthy tasks killed.
 * Readiness adds the database (migrated) and S3 (one key asked for): for operators, dashboards and
 * deploy scripts that want to know whether a task can do useful work (docs/DEPLOY.md).
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
        return () -> response(probe.ready());
    }

    @Produces
    @Liveness
    HealthCheck serving() {
        return () -> HealthCheckResponse.up("hireload");
    }

    private static HealthCheckResponse response(HealthAnswer answer) {
        return HealthCheckResponse.named(answer.component())
                .status(answer.up())
                .withData("detail", answer.detail())
                .build();
    }
}
