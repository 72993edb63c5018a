package io.hireload.backup;

import io.hireload.failure.Failure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.avro.Schema;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import io.hireload.config.ServerSettings;
import org.eclipse.microprofile.config.inject.ConfigProperties;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where backups go and how they are compressed:
 * <ul>
 * <li>{@code HIRELOAD_BACKUP_TARGET}: {@code dir} (default) or {@code s3};</li>
 * <li>{@code HIRELOAD_BACKUP_DIR}: the directory for {@code dir}, default
 * {@code $HIRELOAD_DATA_DIR/backups} ({@code HIRELOAD_DATA_DIR} defaults to {@code ./.hireload});</li>
 * <li>{@code HIRELOAD_BACKUP_CODEC}: an Avro codec name, {@code deflate} (default) or {@code null};
 * others ({@code snappy}, {@code zstandard}, ...) only when their library is on the class path;</li>
 * <li>{@code HIRELOAD_BACKUP_S3_PART_SIZE}: for {@code s3}, a file larger than this goes up as a
 * multipart upload in parts of this size (default {@code 64MiB}; S3 allows 5 MiB to 5 GiB).</li>
 * </ul>
 * For {@code s3} the files go to {@code S3_BUCKET} under {@code $S3_PREFIX/backups/{table}/}.
 * Checked at first use, so a mistake answers a clear error rather than stopping the server.
 */
@ApplicationScoped
public class BackupSettings {
    public enum Target {
        DIR, S3;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(|b|kib|mib|gib)", Pattern.CASE_INSENSITIVE);
    private static final long MIN_PART = 5L << 20;
    private static final long MAX_PART = 5L << 30;

    private final String target;
    private final Optional<String> dir;
    private final String dataDir;
    private final String codec;
    private final String s3PartSize;
    private volatile CodecFactory codecFactory;

    @Inject
    public BackupSettings(@ConfigProperties BackupProperties backup, @ConfigProperties ServerSettings server) {
        this(backup.target(), backup.dir(), server.dataDir(), backup.codec(), backup.s3PartSize());
    }

    public BackupSettings(String target, Optional<String> dir, String dataDir, String codec, String s3PartSize) {
        this.target = target.strip().toLowerCase(Locale.ROOT);
        this.dir = dir.filter(d -> !d.isBlank());
        this.dataDir = dataDir.isBlank() ? ".hireload" : dataDir;
        this.codec = codec.strip().toLowerCase(Locale.ROOT);
        this.s3PartSize = s3PartSize.strip();
    }

    /** For CDI's proxy only. */
    protected BackupSettings() {
        this("dir", Optional.empty(), ".hireload", "deflate", "64MiB");
    }

    public Target target() {
        return switch (target) {
            case "dir", "" -> Target.DIR;
            case "s3" -> Target.S3;
            default -> throw misconfigured("HIRELOAD_BACKUP_TARGET must be dir or s3, not '" + target + "'");
        };
    }

    /** The backup directory, absolute. */
    public Path dir() {
        return dir.map(Path::of).orElseGet(() -> Path.of(dataDir, "backups")).toAbsolutePath().normalize();
    }

    /**
     * The multipart part size in bytes: a number with an optional binary unit ({@code B}, {@code KiB},
     * {@code MiB}, {@code GiB}), within S3's limits for a part, so a mistake is said before any upload.
     */
    public long s3PartSize() {
        Matcher m = SIZE.matcher(s3PartSize);
        long bytes = -1;
        if (m.matches()) {
            int shift = switch (m.group(2).toLowerCase(Locale.ROOT)) {
                case "kib" -> 10;
                case "mib" -> 20;
                case "gib" -> 30;
                default -> 0;
            };
            try {
                bytes = Math.multiplyExact(Long.parseLong(m.group(1)), 1L << shift);
            } catch (ArithmeticException | NumberFormatException e) {
                bytes = -1;
            }
        }
        if (bytes < MIN_PART || bytes > MAX_PART) {
            throw misconfigured("HIRELOAD_BACKUP_S3_PART_SIZE must be 5MiB to 5GiB (S3's limits for a part), not '"
                    + s3PartSize + "'");
        }
        return bytes;
    }

    public String codecName() {
        return codec;
    }

    /** Deflate's level, for the codec every deflate backup uses (Avro's own {@code deflate} is zlib's). */
    static final int DEFLATE_LEVEL = 6;

    /**
     * The codec as {@link ParallelBlocks} applies it: a deflate level, {@code -1} for {@code null}
     * (no compression), or empty for another codec, which Avro's writer applies on its own thread.
     */
    OptionalInt blockLevel() {
        return switch (codec) {
            case "deflate" -> OptionalInt.of(DEFLATE_LEVEL);
            case "null" -> OptionalInt.of(-1);
            default -> OptionalInt.empty();
        };
    }

    /** The codec, tried once on an empty file so a missing library is reported by name. */
    public CodecFactory codec() {
        CodecFactory factory = codecFactory;
        if (factory == null) {
            try {
                factory = "deflate".equals(codec) ? CodecFactory.deflateCodec(DEFLATE_LEVEL) : CodecFactory.fromString(codec);
                Schema schema = Schema.createRecord("Probe", null, "io.hireload.backup", false, java.util.List.of());
                try (DataFileWriter<GenericRecord> writer = new DataFileWriter<>(new GenericDatumWriter<>(schema))) {
                    writer.setCodec(factory);
                    writer.create(schema, new ByteArrayOutputStream());
                    writer.flush();
                }
            } catch (Exception | LinkageError e) {
                throw misconfigured("HIRELOAD_BACKUP_CODEC '" + codec + "' cannot be used here (" + e
                        + "); use deflate or null");
            }
            codecFactory = factory;
        }
        return factory;
    }

    private static Failure misconfigured(String detail) {
        return new Failure.Misconfigured(detail);
    }
}
