package io.hireload.observe.api;

import io.hireload.observe.ServerMetrics;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.microprofile.server.ServerCdiExtension;
import io.helidon.webserver.http.HttpRouting;
import io.hireload.audit.AuditTrail;
import io.hireload.audit.ClientAddress;
import io.hireload.model.Role;
import io.hireload.security.Access;
import io.hireload.security.Bearer;
import io.hireload.security.Keys;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.BeanManager;

import java.util.Optional;

/**
 * Two web-server filters, so they see every answer, JAX-RS or not: one counts answers by status,
 * the other keeps {@code /observe/...} (Prometheus metrics, served by Helidon outside JAX-RS, so
 * {@code BearerFilter} never sees it) to holders of any valid key (Access gives it the reader role).
 */
@ApplicationScoped
public class ObserveRouting {
    static final String OBSERVE = "/observe";
    private static final HeaderName X_FORWARDED_FOR = HeaderNames.create("X-Forwarded-For");
    private static final String UNAUTHORIZED = "{\"error\":\"unauthorized\",\"detail\":\"send an API key "
            + "as Authorization: Bearer <key>\"}";
    private static final String UNAVAILABLE = "{\"error\":\"database unavailable\",\"detail\":\"named keys are "
            + "checked in the database, which does not answer; try again shortly\"}";

    void configure(@Observes @Priority(20) @Initialized(ApplicationScoped.class) Object event, BeanManager beans,
                   Keys keys, ServerMetrics metrics, AuditTrail audit, ClientAddress clients) {
        HttpRouting.Builder routing = beans.getExtension(ServerCdiExtension.class).serverRoutingBuilder();
        routing.addFilter((chain, request, response) -> {
            try {
                chain.proceed();
            } finally {
                metrics.answered(response.status().code());
            }
        });
        routing.addFilter((chain, request, response) -> {
            String path = request.path().path();
            if (path.equals(OBSERVE) || path.startsWith(OBSERVE + "/")) {
                boolean allowed;
                try {
                    Optional<Role> needed = Access.needed(request.prologue().method().text(), path);
                    allowed = needed.isEmpty() || request.headers().first(HeaderNames.AUTHORIZATION)
                            .flatMap(Bearer::presented).flatMap(keys::identify)
                            .filter(caller -> caller.role().allows(needed.get())).isPresent();
                } catch (RuntimeException databaseAway) {
                    // A named key is checked in the database; while it is away, say so (the
                    // bootstrap keys never need it).
                    response.status(Status.SERVICE_UNAVAILABLE_503);
                    response.header(HeaderValues.CONTENT_TYPE_JSON);
                    response.send(UNAVAILABLE);
                    return;
                }
                if (!allowed) {
                    audit.refused(request.prologue().method().text(), path, clients.of(request.remotePeer().host(),
                            request.headers().first(X_FORWARDED_FOR).orElse(null)), Status.UNAUTHORIZED_401.code());
                    response.status(Status.UNAUTHORIZED_401);
                    response.header(HeaderNames.WWW_AUTHENTICATE, Bearer.CHALLENGE);
                    response.header(HeaderValues.CONTENT_TYPE_JSON);
                    response.send(UNAUTHORIZED);
                    return;
                }
            }
            chain.proceed();
        });
    }
}
