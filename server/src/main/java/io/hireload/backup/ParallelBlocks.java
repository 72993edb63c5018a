package io.hireload.backup;

import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.zip.Deflater;

/**
 * The data blocks of an Avro container file, deflated on other threads and written in order.
 * Deflate on the reading thread made the backup 1.4x pg_dump's time: the reading thread (cursor,
 * rows, Avro encoding) and deflate each took about half, one after the other. Avro compresses each
 * block on its own (raw deflate, as its {@code deflate} codec), so blocks can be compressed side by
 * side and the file is byte for byte what Avro's reader expects. The header is Avro's own
 * ({@code DataFileWriter.create} with this sync marker); this class writes only the blocks after it.
 */
final class ParallelBlocks {
    /** Avro's default sync interval: uncompressed bytes per block. */
    private static final int BLOCK_BYTES = 64_000;
    /** Blocks compressed ahead of the one being written: bounds memory to a few blocks. */
    private static final int AHEAD = 6;

    private record Block(long count, byte[] data) {
    }

    private final OutputStream out;
    private final byte[] sync;
    private final int level;
    private final ExecutorService compressors;
    private final GenericDatumWriter<GenericRecord> datum;
    private final Deque<Future<Block>> pending = new ArrayDeque<>();
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(BLOCK_BYTES + 4096);
    private final BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(buffer, null);
    private final BinaryEncoder header;
    private long count;

    /** @param level a deflate level, or {@code -1} for Avro's {@code null} codec (blocks as they are) */
    ParallelBlocks(OutputStream out, byte[] sync, int level, GenericDatumWriter<GenericRecord> datum,
                   ExecutorService compressors) {
        this.out = out;
        this.sync = sync.clone();
        this.level = level;
        this.datum = datum;
        this.compressors = compressors;
        this.header = EncoderFactory.get().directBinaryEncoder(out, null);
    }

    void append(GenericRecord record) throws IOException {
        datum.write(record, encoder);
        count++;
        if (buffer.size() >= BLOCK_BYTES) {
            submit();
        }
    }

    /** Writes the last block and every block still being compressed. */
    void finish() throws IOException {
        if (count > 0) {
            submit();
        }
        while (!pending.isEmpty()) {
            writeNext();
        }
        out.flush();
    }

    /** After a failure: no block still being compressed is written, nor waits to be. */
    void abandon() {
        pending.forEach(f -> f.cancel(true));
        pending.clear();
    }

    private void submit() throws IOException {
        encoder.flush();
        byte[] raw = buffer.toByteArray();
        long n = count;
        buffer.reset();
        count = 0;
        pending.addLast(compressors.submit(() -> new Block(n, compress(raw))));
        while (pending.size() > AHEAD) {
            writeNext();
        }
    }

    private void writeNext() throws IOException {
        Block block;
        try {
            block = pending.removeFirst().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while compressing a backup block");
        } catch (ExecutionException e) {
            throw new IOException("cannot compress a backup block", e.getCause());
        }
        header.writeLong(block.count());
        header.writeLong(block.data().length);
        header.flush();
        out.write(block.data());
        out.write(sync);
    }

    private byte[] compress(byte[] raw) {
        if (level < 0) {
            return raw;
        }
        Deflater deflater = new Deflater(level, true);
        try {
            deflater.setInput(raw);
            deflater.finish();
            ByteArrayOutputStream compressed = new ByteArrayOutputStream(raw.length / 2 + 64);
            byte[] chunk = new byte[16 * 1024];
            while (!deflater.finished()) {
                int n = deflater.deflate(chunk);
                compressed.write(chunk, 0, n);
            }
            return compressed.toByteArray();
        } finally {
            deflater.end();
        }
    }
}
