package io.hireload.load.indexes;

import io.hireload.failure.Failure;
import io.hireload.model.IndexMode;

/** The {@code indexes} parameter of the load calls: absent (the engine decides), {@code deferred} or {@code kept}. */
public final class IndexParam {
    private static final int SHOWN = 40;

    private IndexParam() {
    }

    /** Null when absent; exactly one of the two words otherwise, anything else is refused. */
    public static IndexMode parse(String value) {
        if (value == null) {
            return null;
        }
        return IndexMode.fromWire(value).orElseThrow(() -> new Failure.InvalidInput(
                "indexes must be deferred or kept, not '"
                        + (value.length() > SHOWN ? value.substring(0, SHOWN) + "..." : value) + "'"));
    }
}
