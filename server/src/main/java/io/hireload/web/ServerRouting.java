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
 * that match nothing, JSON bodies for the errors the server gives before routing
 * ({@link TransportErrors}), a header that stops browsers from guessing content types, and for the
 * docs page a Content-Security-Policy and frame protection. Every request's query is checked here
 * ({@link QuerySyntax}) and a body's reads are limited in time ({@link BodyTimeout}). Also works around a Helidon 4.2.0 bug
 * that cuts short static files served from jars (the docs page's).
 */
@ApplicationScoped
public class ServerRouting {
    private static final io.helidon.http.Header NO_SNIFF =
            HeaderValues.create(HeaderNames.create("X-Content-Type-Options"), "nosniff");
    /** No page of this server may be framed (clickjacking); browsers without CSP read X-Frame-Options. */
    private static final io.helidon.http.Header NO_FRAMES = HeaderValues.create(HeaderNames.create("X-Frame-Options"), "DENY");
    /**
     * The docs page (Swagger UI) loads its scripts, styles and the document from this server only.
     * Its inline script is allowed by its hash: one for the page Helidon serves browsers
     * ({@code Accept: text/html}), one for SmallRye's page served to other clients.
     * ErrorsAndHeadersTest recomputes both from the pages served, so an upgrade that changes them
     * fails a test rather than leaving a blank page. Styles: Swagger UI sets inline styles.
     */
    static final String DOCS_POLICY = "default-src 'self'; script-src 'self' "
            + "'sha256-BFlBK6+MUDD3Ziuuj/EMPcv4SeddGRFvVzw8RcsWt0s=' "
            + "'sha256-451bayJhflBAHu9HpIgy2b2Cy4gvis/WcNSrawV7gXU='; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; connect-src 'self'; font-src 'self' data:; object-src 'none'; base-uri 'none'; "
            + "form-action 'self'; frame-ancestors 'none'";
    /** Everything else is JSON or text: nothing to run, nothing to frame. */
    static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'";
    private static final io.helidon.http.HeaderName CSP = HeaderNames.create("Content-Security-Policy");
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
        TransportErrors.install(beans.getExtension(ServerCdiExtension.class));
        BodyTimeout bodyTimeout = BodyTimeout.fromSettings();
        routing.addFilter((chain, request, response) -> {
            response.header(NO_SNIFF);
            response.header(NO_FRAMES);
            String path = request.path().path();
            response.header(CSP, path.startsWith("/openapi/ui") ? DOCS_POLICY : API_POLICY);
            String badQuery = QuerySyntax.problem(request.prologue().query().rawValue());
            if (badQuery != null) {
                response.status(Status.BAD_REQUEST_400);
                response.header(HeaderValues.CONTENT_TYPE_JSON);
                response.send(ErrorMappers.json("bad request", badQuery));
                return;
            }
            bodyTimeout.around(chain, request, response);
        });
        routing.error(NotFoundException.class, (request, response, e) -> {
            response.status(Status.NOT_FOUND_404);
            response.header(NO_SNIFF);
            response.header(HeaderValues.CONTENT_TYPE_JSON);
            response.send(NOT_FOUND);
        });
    }
}
