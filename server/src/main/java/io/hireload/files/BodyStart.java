package io.hireload.files;

import io.hireload.failure.Failure;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;

/**
 * What an upload's first bytes must be: something (an empty file loads nothing and would only
 * shadow a real one), and for a {@code .csv.gz} name the gzip magic number, so a file every load
 * would fail on is refused at the door instead of stored.
 */
final class BodyStart {
    /** The two bytes every gzip member starts with (RFC 1952). */
    private static final int[] GZIP_MAGIC = {0x1f, 0x8b};

    private BodyStart() {
    }

    /** The body, unchanged, once its first bytes passed; {@link Failure.InvalidInput} when they do not. */
    static InputStream check(InputStream body, boolean gzip) throws IOException {
        PushbackInputStream in = new PushbackInputStream(body, GZIP_MAGIC.length);
        byte[] head = in.readNBytes(GZIP_MAGIC.length);
        if (head.length == 0) {
            throw new Failure.InvalidInput("the body is empty: send the file's bytes; nothing was stored");
        }
        if (gzip && (head.length < GZIP_MAGIC.length || (head[0] & 0xff) != GZIP_MAGIC[0]
                || (head[1] & 0xff) != GZIP_MAGIC[1])) {
            throw new Failure.InvalidInput("the name ends with .gz but the body is not gzip-compressed (it does not "
                    + "start with gzip's bytes 1f 8b): compress the file, or name it .csv; nothing was stored");
        }
        in.unread(head);
        return in;
    }
}
