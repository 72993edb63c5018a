package io.hireload.backup;

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

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Puts a finished local file into a bucket in constant memory. A file of at most one part is one
 * {@code PutObject}; a larger one is a multipart upload whose parts are read straight from the
 * file, because S3 refuses a single PUT above 5 GB. A multipart upload that fails is aborted, so
 * no invisible, billed parts stay behind; only a process killed mid-upload can leave some, which
 * the bucket's lifecycle rule (deploy: abort incomplete uploads after 7 days) clears.
 */
final class S3Upload {
    /** S3 takes at most 10,000 parts: a file that would need more goes up in larger parts. */
    static final int MAX_PARTS = 10_000;
    private static final Logger LOG = Logger.getLogger(S3Upload.class.getName());

    private final S3Client s3;
    private final long partSize;

    S3Upload(S3Client s3, long partSize) {
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
    int put(Path file, String bucket, String key, String contentType) throws IOException {
        long size = Files.size(file);
        if (size <= partSize) {
            s3.putObject(PutObjectRequest.builder().bucket(bucket).key(key).contentType(contentType).build(),
                    RequestBody.fromFile(file));
            return 1;
        }
        long part = partSize(size, partSize);
        String uploadId = s3.createMultipartUpload(CreateMultipartUploadRequest.builder()
                .bucket(bucket).key(key).contentType(contentType).build()).uploadId();
        try {
            List<CompletedPart> parts = new ArrayList<>();
            for (long offset = 0; offset < size; offset += part) {
                int number = parts.size() + 1;
                long length = Math.min(part, size - offset);
                String eTag;
                try (FileSlice slice = new FileSlice(file, offset, length)) {
                    eTag = s3.uploadPart(UploadPartRequest.builder().bucket(bucket).key(key).uploadId(uploadId)
                                    .partNumber(number).build(),
                            RequestBody.fromContentProvider(slice, length, "application/octet-stream")).eTag();
                }
                parts.add(CompletedPart.builder().partNumber(number).eTag(eTag).build());
            }
            s3.completeMultipartUpload(CompleteMultipartUploadRequest.builder().bucket(bucket).key(key)
                    .uploadId(uploadId).multipartUpload(CompletedMultipartUpload.builder().parts(parts).build())
                    .build());
            LOG.fine(() -> "uploaded s3://" + bucket + "/" + key + ": " + size + " bytes in " + parts.size() + " parts");
            return parts.size();
        } catch (RuntimeException | Error e) {
            abort(bucket, key, uploadId, e);
            throw e;
        }
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
