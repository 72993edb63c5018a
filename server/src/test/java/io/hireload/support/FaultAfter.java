package io.hireload.support;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** A stream that runs {@code fault} once {@code limit} bytes have been read through it. */
public final class FaultAfter extends FilterInputStream {
    private final long limit;
    private final Runnable fault;
    private long read;

    public FaultAfter(InputStream in, long limit, Runnable fault) {
        super(in);
        this.limit = limit;
        this.fault = fault;
    }

    @Override
    public int read() throws IOException {
        check();
        int b = super.read();
        read += b < 0 ? 0 : 1;
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        check();
        int n = super.read(b, off, (int) Math.min(len, Math.max(1, limit - read)));
        read += Math.max(n, 0);
        return n;
    }

    private void check() {
        if (read >= limit) {
            fault.run();
        }
    }
}
