package io.hireload.web;

import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.NotFoundException;
import io.helidon.http.Status;
import io.helidon.microprofile.server.ServerCdiExtension;
import io.helidon.webserver.http.HttpRouting;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.BeanManager;

import java.net.URLConnection;

/**
 * What every answer of the server shares, JAX-RS or not (health, OpenAPI): a JSON 404 for paths
 * that match nothing, and a header that stops browsers from guessing content types. Also works
 * around a Helidon 4.2.0 bug that cuts short static files served from jars (the docs page's).
 */
@ApplicationScoped
public class ServerRouting {
    private static final io.helidon.http.Header NO_SNIFF =
            HeaderValues.create(HeaderNames.create("X-Content-Type-Options"), "nosniff");
    private static final String NOT_FOUND =
            "{\"error\":\"not found\",\"detail\":\"no such resource; see GET / for the API's entry points\"}";

    void configure(@Observes @Priority(10) @Initialized(ApplicationScoped.class) Object event, BeanManager beans) {
        // Helidon 4.2.0 serves classpath content from a jar through the JVM-wide cache of JarFiles and
        // closes the cached JarFile after each file (helidon-io/helidon#9908 and #9939, fixed in 4.2.1).
        // A file extracted at that moment, such as the docs page's 1 MB swagger-ui-bundle.js fetched
        // alongside its CSS, is cut at 16 KiB and stays cut until restart: the page renders nothing.
        // Without the cache every jar: connection opens its own JarFile, so closing it harms nobody.
        URLConnection.setDefaultUseCaches("jar", false);
        HttpRouting.Builder routing = beans.getExtension(ServerCdiExtension.class).serverRoutingBuilder();
        routing.addFilter((chain, request, response) -> {
            response.header(NO_SNIFF);
            chain.proceed();
        });
        routing.error(NotFoundException.class, (request, response, e) -> {
            response.status(Status.NOT_FOUND_404);
            response.header(NO_SNIFF);
            response.header(HeaderValues.CONTENT_TYPE_JSON);
            response.send(NOT_FOUND);
        });
    }
}
