package io.hireload.load;

import io.hireload.rows.Checked;

import java.util.ArrayList;
import java.util.List;

/**
 * Rows gathered for one transaction, valid and rejected, in source order. Row {@code i} is row
 * {@code firstSeq + i} of its load, which orders rejected rows when batches commit side by side.
 */
final class Batch {
    final List<Checked> rows = new ArrayList<>();
    final long firstSeq;
    long skippedBlank;
    long bytesDone;

    Batch(long firstSeq) {
        this.firstSeq = firstSeq;
    }

    boolean isEmpty() {
        return rows.isEmpty() && skippedBlank == 0;
    }
}
