package io.hireload.client;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongConsumer;

/** Counts the bytes read from a file as an upload's request body goes out. */
final class CountingUpload extends FilterInputStream {
    private final LongConsumer sent;
    private long count;

    CountingUpload(InputStream in, LongConsumer sent) {
        super(in);
        this.sent = sent;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            sent.accept(++count);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int off, int len) throws IOException {
        int n = super.read(buffer, off, len);
        if (n > 0) {
            count += n;
            sent.accept(count);
        }
        return n;
    }
}
