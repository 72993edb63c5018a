package io.hireload.backup;

import io.hireload.model.TableName;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.file.SeekableByteArrayInput;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/** Blocks compressed on other threads make a file Avro's own reader reads back whole and in order. */
class ParallelBlocksTest {
    private static final ExecutorService POOL = Executors.newFixedThreadPool(3);

    @AfterAll
    static void stop() {
        POOL.shutdownNow();
    }

    @ParameterizedTest(name = "codec {0}")
    @ValueSource(strings = {"deflate", "null"})
    void avrosReaderReadsEveryRecordInOrder(String codec) throws IOException {
        BackupTable table = BackupTable.of(TableName.EMPLOYEES);
        long seed = 20261201L;
        int rows = 40_000; // about 30 blocks, more than are ever compressed ahead
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        byte[] sync = new byte[16];
        new Random(seed).nextBytes(sync);
        try (DataFileWriter<GenericRecord> writer = new DataFileWriter<>(new GenericDatumWriter<>(table.schema()))) {
            writer.setCodec(CodecFactory.fromString(codec));
            writer.create(table.schema(), file, sync);
            writer.flush();
            ParallelBlocks blocks = new ParallelBlocks(file, sync, codec.equals("null") ? -1 : 6,
                    new GenericDatumWriter<>(table.schema()), POOL);
            Random random = new Random(seed);
            for (int i = 1; i <= rows; i++) {
                blocks.append(employee(table, i, random));
            }
            blocks.finish();
        }

        Random random = new Random(seed);
        int read = 0;
        try (DataFileReader<GenericRecord> reader = new DataFileReader<>(new SeekableByteArrayInput(file.toByteArray()),
                new GenericDatumReader<>(table.schema()))) {
            assertThat(reader.getMetaString("avro.codec")).isEqualTo(codec);
            for (GenericRecord record : reader) {
                read++;
                assertThat(record.toString()).isEqualTo(employee(table, read, random).toString());
            }
        }
        assertThat(read).isEqualTo(rows);
    }

    private static GenericRecord employee(BackupTable table, int id, Random random) {
        GenericData.Record record = new GenericData.Record(table.schema());
        record.put(0, id);
        record.put(1, "Name " + Long.toString(random.nextLong(), 36));
        record.put(2, 1_600_000_000_000_000L + random.nextInt(1_000_000_000));
        record.put(3, 1 + random.nextInt(12));
        record.put(4, 1 + random.nextInt(183));
        return record;
    }
}
