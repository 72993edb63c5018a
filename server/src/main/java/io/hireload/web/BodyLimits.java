package io.hireload.web;

import io.hireload.failure.Failure;
import io.hireload.model.ApiPaths;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Request bodies over 1 MiB are refused (413) on every route but the file upload, which has its
 * own limit (HIRELOAD_UPLOAD_MAX_BYTES) and streams. Helidon 4's {@code max-payload-size} is a
 * setting of the whole listener, not of a route, so the listener no longer caps bodies and the cap
 * lives here: a declared Content-Length over the limit is refused before a byte is read, and a
 * chunked body is cut off as soon as it passes the limit. Runs after the key check, so an unknown
 * caller is told 401 before anything about its body.
 */
@Provider
@ApplicationScoped
@Priority(Priorities.AUTHENTICATION + 100)
public class BodyLimits implements ContainerRequestFilter {
    public static final long MAX_BODY = 1024 * 1024;

    @Override
    public void filter(ContainerRequestContext request) {
        if (upload(request.getMethod(), "/" + request.getUriInfo().getPath().replaceAll("^/+", ""))) {
            return;
        }
        if (request.getLength() > MAX_BODY) {
            throw tooLarge();
        }
        request.setEntityStream(new Bounded(request.getEntityStream()));
    }

    static boolean upload(String method, String path) {
        return method.equals("PUT") && path.startsWith(ApiPaths.FILES + "/");
    }

    private static Failure tooLarge() {
        return new Failure.TooLarge("payload too large", "the request body is larger than 1 MiB");
    }

    /** Counts what is read and fails past the limit, for bodies whose length was not declared. */
    private static final class Bounded extends FilterInputStream {
        private long read;

        Bounded(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int off, int len) throws IOException {
            int n = super.read(buffer, off, len);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) {
            read += n;
            if (read > MAX_BODY) {
                throw tooLarge();
            }
        }
    }
}
