package io.hireload.admin.tables;

import io.hireload.model.Page;

import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;
import java.util.function.ToIntFunction;

/**
 * Finds the page that holds a row, given only pages ordered by id: a first guess that is right when
 * ids are dense (as in the sample data), then a binary search on the pages' first and last ids.
 * A few page requests, never the whole table.
 */
public final class IdSearch {
    private static final int MAX_REQUESTS = 64;

    private IdSearch() {
    }

    /** Where the row is: its page and its index on that page. */
    public record Found<T>(Page<T> page, int index) {
    }

    public static <T> Optional<Found<T>> locate(int id, int size, IntFunction<Page<T>> fetch, ToIntFunction<T> idOf) {
        if (id < 1) {
            return Optional.empty();
        }
        int guess = (id - 1) / size + 1;
        int low = 1;
        int high = Integer.MAX_VALUE;
        for (int requests = 0; requests < MAX_REQUESTS && low <= high; requests++) {
            Page<T> page = fetch.apply(guess);
            high = Math.min(high, page.pages());
            List<T> items = page.items();
            if (items.isEmpty()) {
                high = Math.min(high, guess - 1);
            } else if (id < idOf.applyAsInt(items.get(0))) {
                high = guess - 1;
            } else if (id > idOf.applyAsInt(items.get(items.size() - 1))) {
                low = guess + 1;
            } else {
                for (int i = 0; i < items.size(); i++) {
                    if (idOf.applyAsInt(items.get(i)) == id) {
                        return Optional.of(new Found<>(page, i));
                    }
                }
                return Optional.empty(); // between this page's first and last id, so not in the table
            }
            guess = low + (high - low) / 2;
        }
        return Optional.empty();
    }
}
