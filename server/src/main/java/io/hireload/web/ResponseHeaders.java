package io.hireload.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

import java.net.URI;

/**
 * Headers every answer of the API's resources carries:
 * <ul>
 * <li>{@code Cache-Control: no-store}: tables, reports, rejected rows and metrics hold employee
 * data, and no shared or browser cache should keep them;</li>
 * <li>{@code Location} relative to the server: Jersey makes it absolute from the request's Host
 * header, which a client chooses, so a forged Host would be echoed into a redirect target.</li>
 * </ul>
 * Jersey resolves a relative Location against the request's base URI when it writes the answer,
 * after the filters, unless told not to: {@link RelativeLocations} tells it.
 */
@Provider
@ApplicationScoped
public class ResponseHeaders implements ContainerResponseFilter {
    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        response.getHeaders().putSingle(HttpHeaders.CACHE_CONTROL, "no-store");
        Object location = response.getHeaders().getFirst(HttpHeaders.LOCATION);
        if (location != null) {
            response.getHeaders().putSingle(HttpHeaders.LOCATION, relative(location.toString()));
        }
    }

    static String relative(String location) {
        URI uri = URI.create(location);
        if (!uri.isAbsolute() && uri.getRawAuthority() == null) {
            return location;
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    }
}
