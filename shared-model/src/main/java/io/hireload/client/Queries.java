package io.hireload.client;

import io.hireload.model.Page;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/** The query strings and path segments {@link HireloadClient} builds its requests with, and its paging. */
final class Queries {
    private Queries() {
    }

    /** A name as one path segment: percent-encoded, spaces as %20 (not +, which a path keeps literally). */
    static String pathSegment(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A load's options; {@code batchSize} null leaves the server's default. */
    static String load(Integer batchSize, boolean dryRun, boolean async, boolean force) {
        StringBuilder q = new StringBuilder("?dry_run=").append(dryRun).append("&async=").append(async);
        if (batchSize != null) {
            q.append("&batch_size=").append(batchSize);
        }
        return force ? q.append("&force=true").toString() : q.toString();
    }

    static String page(String sizeName, int page, int size) {
        return "?page=" + page + "&" + sizeName + "=" + size;
    }

    /** Every item of a paged list, page after page; for small lists (metrics, tests). */
    static <T> List<T> all(IntFunction<Page<T>> pages) {
        List<T> all = new ArrayList<>();
        Page<T> page;
        int number = 1;
        do {
            page = pages.apply(number++);
            all.addAll(page.items());
        } while (number <= page.pages());
        return all;
    }
}
