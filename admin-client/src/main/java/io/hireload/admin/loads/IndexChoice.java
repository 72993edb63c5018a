package io.hireload.admin.loads;

import io.hireload.model.IndexMode;

/**
 * What a load does with the table's secondary indexes, as the operator picks it: the server's
 * rule (docs/PERFORMANCE.md "Initial loads"), or either way by force ({@code indexes=} on the call).
 */
public enum IndexChoice {
    AUTOMATIC("Indexes: automatic", null),
    DEFERRED("Indexes: build after the data", IndexMode.DEFERRED),
    KEPT("Indexes: keep up to date", IndexMode.KEPT);

    private final String label;
    private final IndexMode mode;

    IndexChoice(String label, IndexMode mode) {
        this.label = label;
        this.mode = mode;
    }

    /** The word sent on the load call, or null to let the server decide. */
    public IndexMode mode() {
        return mode;
    }

    @Override
    public String toString() {
        return label;
    }
}
