package io.hireload.model;

import java.util.List;

/**
 * The one envelope every list of the API answers with. For the metrics, {@code size} echoes
 * {@code limit}.
 */
public record Page<T>(List<T> items, int page, int size, long total, int pages) {

    public Page {
        items = List.copyOf(items);
    }

    /** Builds the envelope for one page of {@code total} items; {@code pages} is at least 0. */
    public static <T> Page<T> of(List<T> items, int page, int size, long total) {
        return new Page<>(items, page, size, total, pagesFor(total, size));
    }

    public static int pagesFor(long total, int size) {
        return (int) ((total + size - 1) / size);
    }
}
