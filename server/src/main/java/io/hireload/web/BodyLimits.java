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
import java.net.SocketTimeoutException;

/**
 * Request bodies over 1 MiB are refused (413) on every route but the file upload, which has its
 * own limit (HIRELOAD_UPLOAD_MAX_BYTES) and streams. Helidon 4's {@code max-payload-size} is a
 * setting of the whole listener, not of a route, so the listener no longer caps bodies and the cap
 * lives here: a declared Content-Length over the limit is refused before a byte is read, and a
 * chunked body is cut off as soon as it passes the limit. Runs after the key check, so an unknown
 * caller is told 401 before anything about its body. A body that stops arriving, upload or not,
 * is answered 408 (its reads are limited in time by {@link BodyTimeout}).
 */
@Provider
@ApplicationScoped
@Priority(Priorities.AUTHENTICATION + 100)
public class BodyLimits implements ContainerRequestFilter {
    public static final long MAX_BODY = 1024 * 1024;

    private final String stalled = "the request body stopped arriving (no byte for "
            + BodyTimeout.describe(BodyTimeout.configured()) + "); nothing was written, send the whole body again";

    @Override
    public void filter(ContainerRequestContext request) {
        if (upload(request.getMethod(), "/" + request.getUriInfo().getPath().replaceAll("^/+", ""))) {
            // The upload has its own limit (HIRELOAD_UPLOAD_MAX_BYTES), checked as it streams.
            request.setEntityStream(new Bounded(request.getEntityStream(), Long.MAX_VALUE, stalled));
            return;
        }
        if (request.getLength() > MAX_BODY) {
            throw tooLarge();
        }
        request.setEntityStream(new Bounded(request.getEntityStream(), MAX_BODY, stalled));
    }

    static boolean upload(String method, String path) {
        return method.equals("PUT") && path.startsWith(ApiPaths.FILES + "/");
    }

    private static Failure tooLarge() {
        return new Failure.TooLarge("payload too large", "the request body is larger than 1 MiB");
    }

    /**
     * Counts what is read and fails past the limit, for bodies whose length was not declared; a
     * read that waited out {@link BodyTimeout} fails as a stalled body, whatever the code reading
     * it (a service that reads a broken body as bad input) would make of an I/O error.
     */
    private static final class Bounded extends FilterInputStream {
        private final long limit;
        private final String stalled;
        private long read;
        private boolean timedOut;

        Bounded(InputStream in, long limit, String stalled) {
            super(in);
            this.limit = limit;
            this.stalled = stalled;
        }

        @Override
        public int read() throws IOException {
            stillArriving();
            int b;
            try {
                b = super.read();
            } catch (IOException | RuntimeException e) {
                failIfStalled(e);
                throw e;
            }
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int off, int len) throws IOException {
            stillArriving();
            int n;
            try {
                n = super.read(buffer, off, len);
            } catch (IOException | RuntimeException e) {
                failIfStalled(e);
                throw e;
            }
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void failIfStalled(Exception e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof SocketTimeoutException) {
                    timedOut = true;
                    throw new Failure.TimedOut(stalled);
                }
            }
        }

        private void stillArriving() {
            if (timedOut) {
                throw new Failure.TimedOut(stalled);
            }
        }

        /**
         * Closing the server's stream reads the rest of the body, so the connection can carry the
         * next request; after a stall that would wait out the limit again before the 408 leaves.
         * The answer closes the connection instead.
         */
        @Override
        public void close() throws IOException {
            if (!timedOut) {
                super.close();
            }
        }

        private void count(int n) {
            read += n;
            if (read > limit) {
                throw tooLarge();
            }
        }
    }
}
