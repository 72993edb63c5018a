package io.hireload.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.ext.Provider;
import org.glassfish.jersey.server.ServerProperties;

/**
 * Keeps {@code Location} headers as the resources write them, relative to the server ({@code
 * /loads/42}): Jersey would otherwise make them absolute from the request's Host header, which a
 * client chooses. RFC 9110 allows relative references in Location.
 */
@Provider
@ApplicationScoped
public class RelativeLocations implements Feature {
    @Override
    public boolean configure(FeatureContext context) {
        context.property(ServerProperties.LOCATION_HEADER_RELATIVE_URI_RESOLUTION_DISABLED, true);
        return true;
    }
}
