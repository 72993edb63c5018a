package io.hireload.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.ext.Provider;

/**
 * {@code Location} headers stay as the resources write them ({@code /loads/7}): Jersey would
 * otherwise resolve them against the request's base URI, echoing whatever Host header the caller
 * (or a proxy before the load balancer) sent. A relative reference is valid since RFC 7231, and
 * every HTTP client resolves it against the URL it called. Helidon 4.2 passes no Jersey property
 * from its configuration (helidon-io/helidon#7417), hence a feature.
 */
@Provider
@ApplicationScoped
public class RelativeLocations implements Feature {
    static final String DISABLED = "jersey.config.server.headers.location.relative.resolution.disabled";

    @Override
    public boolean configure(FeatureContext context) {
        context.property(DISABLED, true);
        return true;
    }
}
