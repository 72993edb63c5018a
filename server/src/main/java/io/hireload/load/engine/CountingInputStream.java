package io.hireload.load.engine;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Counts the bytes read from an S3 object, for a load's progress. A failure to read the object
 * itself (the connection to S3 broke) leaves as {@link SourceFailed}, unchecked, through the gzip
 * and CSV readers above, so what those throw is known to be about the content.
 */
final class CountingInputStream extends FilterInputStream {
    private long count;

    CountingInputStream(InputStream in) {
        super(in);
    }

    long count() {
        return count;
    }

    @Override
    public int read() throws IOException {
        int b;
        try {
            b = super.read();
        } catch (IOException e) {
            throw new SourceFailed(e);
        }
        if (b >= 0) {
            count++;
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n;
        try {
            n = super.read(buffer, offset, length);
        } catch (IOException e) {
            throw new SourceFailed(e);
        }
        if (n > 0) {
            count += n;
        }
        return n;
    }

    /** The object could not be read from S3 (not: its content is bad). */
    static final class SourceFailed extends UncheckedIOException {
        SourceFailed(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }
}
