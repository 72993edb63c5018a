package io.hireload.load;

import io.hireload.rows.Checked;

import java.util.ArrayList;
import java.util.List;

/** Rows gathered for one transaction, valid and rejected, in source order. */
final class Batch {
    final List<Checked> rows = new ArrayList<>();
    long skippedBlank;
    long bytesDone;

    boolean isEmpty() {
        return rows.isEmpty() && skippedBlank == 0;
    }
}
