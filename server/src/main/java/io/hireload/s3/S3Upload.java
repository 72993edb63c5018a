package io.hireload.s3;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.AbortMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Puts a finished local file (a backup), or a stream of unknown length (an uploaded CSV), into a
 * bucket in constant memory. A body of at most one part is one {@code PutObject}; a larger one is
 * a multipart upload whose parts are read straight from the file, or one part at a time from the
 * stream, because S3 refuses a single PUT above 5 GB. A multipart upload that fails is aborted, so
 * no invisible, billed parts stay behind; only a process killed mid-upload can leave some, which
 * the bucket's lifecycle rule (deploy: abort incomplete uploads after 7 days) clears.
 */
public final class S3Upload {
    /** S3 takes at most 10,000 parts: a file that would need more goes up in larger parts. */
    static final int MAX_PARTS = 10_000;
    /** S3's smallest part (but the last): the buffer a streamed upload holds, per upload. */
    public static final long MIN_PART = 5L * 1024 * 1024;
    private static final Logger LOG = Logger.getLogger(S3Upload.class.getName());

    private final S3Client s3;
    private final long partSize;

    public S3Upload(S3Client s3, long partSize) {
        if (partSize <= 0) {
            throw new IllegalArgumentException("part size " + partSize);
        }
        this.s3 = s3;
        this.partSize = partSize;
    }

    /** The size of every part but the last, for a file of {@code size} bytes. */
    static long partSize(long size, long configured) {
        return Math.max(configured, Math.ceilDiv(size, MAX_PARTS));
    }

    /** Uploads the file to {@code bucket}/{@code key}; answers the number of parts (1 for a single PUT). */
    public int put(Path file, String bucket, String key, String contentType) throws IOException {
        long size = Files.size(file);
        if (size <= partSize) {
            s3.putObject(PutObjectRequest.builder().bucket(bucket).key(key).contentType(contentType).build(),
                    RequestBody.fromFile(file));
            return 1;
        }
        long part = partSize(size, partSize);
        return multipart(bucket, key, contentType, upload -> {
            for (long offset = 0; offset < size; offset += part) {
                long length = Math.min(part, size - offset);
                try (FileSlice slice = new FileSlice(file, offset, length)) {
                    upload.part(slice, length);
                }
            }
            return size;
        }).parts();
    }

    /** What a streamed upload stored: the object's ETag (as S3 gives it, quoted) and its size. */
    public record Stored(String eTag, long size, int parts) {
    }

    /**
     * Streams {@code in} to {@code bucket}/{@code key}, holding one part in memory at a time. Reads
     * at most {@code maxBytes}; a longer body throws {@code tooLarge}'s exception and leaves nothing
     * in the bucket (a body that fits one part was never sent, a multipart upload is aborted). The
     * object appears only when complete, so a reader never sees half a file.
     */
    public Stored put(InputStream in, long maxBytes, Supplier<? extends RuntimeException> tooLarge, String bucket,
                      String key, String contentType) throws IOException {
        long part = partSize(maxBytes, partSize);
        if (part > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("a part of " + part + " bytes cannot be held in memory");
        }
        byte[] buffer = new byte[(int) part];
        PushbackInputStream body = new PushbackInputStream(in, 1);
        int first = fill(body, buffer);
        if (first > maxBytes) {
            throw tooLarge.get();
        }
        if (first < buffer.length || !hasMore(body)) {
            String eTag = s3.putObject(PutObjectRequest.builder().bucket(bucket).key(key).contentType(contentType)
                    .build(), RequestBody.fromContentProvider(() -> new ByteArrayInputStream(buffer, 0, first), first,
                    contentType)).eTag();
            return new Stored(eTag, first, 1);
        }
        return multipart(bucket, key, contentType, upload -> {
            long total = 0;
            for (int n = first; n > 0; n = fill(body, buffer)) {
                total += n;
                if (total > maxBytes) {
                    throw tooLarge.get();
                }
                int length = n;
                upload.part(() -> new ByteArrayInputStream(buffer, 0, length), length);
            }
            return total;
        });
    }

    /** Sends the parts of one multipart upload, in order; answers the bytes sent. */
    @FunctionalInterface
    private interface PartWriter {
        long write(Parts upload) throws IOException;
    }

    /**
     * One multipart upload: begun, its parts sent by {@code writer}, then completed; aborted when
     * anything fails, so no invisible, billed parts stay behind.
     */
    private Stored multipart(String bucket, String key, String contentType, PartWriter writer) throws IOException {
        String uploadId = s3.createMultipartUpload(CreateMultipartUploadRequest.builder()
                .bucket(bucket).key(key).contentType(contentType).build()).uploadId();
        try {
            Parts upload = new Parts(bucket, key, uploadId);
            long size = writer.write(upload);
            List<CompletedPart> parts = upload.sent;
            String eTag = s3.completeMultipartUpload(CompleteMultipartUploadRequest.builder().bucket(bucket).key(key)
                    .uploadId(uploadId).multipartUpload(CompletedMultipartUpload.builder().parts(parts).build())
                    .build()).eTag();
            LOG.fine(() -> "uploaded s3://" + bucket + "/" + key + ": " + size + " bytes in " + parts.size() + " parts");
            return new Stored(eTag, size, parts.size());
        } catch (RuntimeException | Error | IOException e) {
            abort(bucket, key, uploadId, e);
            throw e;
        }
    }

    /** The parts sent so far of one multipart upload; each new one is numbered after them. */
    private final class Parts {
        private final String bucket;
        private final String key;
        private final String uploadId;
        private final List<CompletedPart> sent = new ArrayList<>();

        Parts(String bucket, String key, String uploadId) {
            this.bucket = bucket;
            this.key = key;
            this.uploadId = uploadId;
        }

        void part(ContentStreamProvider body, long length) {
            int number = sent.size() + 1;
            String eTag = s3.uploadPart(UploadPartRequest.builder().bucket(bucket).key(key).uploadId(uploadId)
                            .partNumber(number).build(),
                    RequestBody.fromContentProvider(body, length, "application/octet-stream")).eTag();
            sent.add(CompletedPart.builder().partNumber(number).eTag(eTag).build());
        }
    }

    private static boolean hasMore(PushbackInputStream in) throws IOException {
        int next = in.read();
        if (next < 0) {
            return false;
        }
        in.unread(next);
        return true;
    }

    /** Reads until the buffer is full or the stream ends; answers the bytes read. */
    private static int fill(InputStream in, byte[] buffer) throws IOException {
        int n = 0;
        while (n < buffer.length) {
            int r = in.read(buffer, n, buffer.length - n);
            if (r < 0) {
                break;
            }
            n += r;
        }
        return n;
    }

    private void abort(String bucket, String key, String uploadId, Throwable cause) {
        try {
            s3.abortMultipartUpload(AbortMultipartUploadRequest.builder().bucket(bucket).key(key).uploadId(uploadId)
                    .build());
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
            LOG.log(Level.WARNING, "could not abort the multipart upload " + uploadId + " of s3://" + bucket + "/" + key
                    + "; its parts stay until the bucket's lifecycle rule removes them", e);
        }
    }

    /**
     * One slice of the file. The SDK asks for a new stream for each attempt of a part (it retries),
     * and wants the previous one closed by us; it closes the last one itself.
     */
    private static final class FileSlice implements ContentStreamProvider, AutoCloseable {
        private final Path file;
        private final long offset;
        private final long length;
        private InputStream current;

        FileSlice(Path file, long offset, long length) {
            this.file = file;
            this.offset = offset;
            this.length = length;
        }

        @Override
        public InputStream newStream() {
            close();
            try {
                current = new SliceStream(FileChannel.open(file, StandardOpenOption.READ), offset, offset + length);
                return current;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }

        @Override
        public void close() {
            if (current != null) {
                try {
                    current.close();
                } catch (IOException ignored) {
                    // a read-only channel: nothing to lose
                }
                current = null;
            }
        }
    }

    /** Positional reads of [position, end) of a channel: no buffer beyond the caller's. */
    private static final class SliceStream extends InputStream {
        private final FileChannel channel;
        private final long end;
        private long position;

        SliceStream(FileChannel channel, long position, long end) {
            this.channel = channel;
            this.position = position;
            this.end = end;
        }

        @Override
        public int read(byte[] buffer, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (position >= end) {
                return -1;
            }
            int n = channel.read(ByteBuffer.wrap(buffer, off, (int) Math.min(len, end - position)), position);
            if (n > 0) {
                position += n;
            }
            return n;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n <= 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
