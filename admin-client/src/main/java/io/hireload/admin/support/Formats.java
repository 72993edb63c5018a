package io.hireload.admin.support;

import java.text.NumberFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * How every view writes a number, a moment and a duration, so the same figure reads the same on
 * every tab: counts with thousands separators, moments in the operator's own time zone, durations
 * in ms, s, min or h as their size calls for.
 */
public final class Formats {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private Formats() {
    }

    /** 4825285 as "4,825,285". */
    public static String count(long value) {
        return NumberFormat.getIntegerInstance(Locale.ROOT).format(value);
    }

    /** 123782.4 as "123,782.4": one decimal, for means. */
    public static String decimal(double value) {
        NumberFormat format = NumberFormat.getNumberInstance(Locale.ROOT);
        format.setMinimumFractionDigits(1);
        format.setMaximumFractionDigits(1);
        return format.format(value);
    }

    /** A moment in the operator's time zone; empty for none. */
    public static String when(Instant at) {
        return when(at, ZoneId.systemDefault());
    }

    static String when(Instant at, ZoneId zone) {
        return at == null ? "" : WHEN.withZone(zone).format(at);
    }

    /** 850 ms, 12.3 s, 4 min 05 s, 2 h 03 min. */
    public static String duration(long millis) {
        if (millis < 1000) {
            return millis + " ms";
        }
        if (millis < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        long seconds = millis / 1000;
        if (seconds < 3600) {
            return String.format(Locale.ROOT, "%d min %02d s", seconds / 60, seconds % 60);
        }
        return String.format(Locale.ROOT, "%d h %02d min", seconds / 3600, (seconds % 3600) / 60);
    }

    /** 1536 as "1.5 KiB": file sizes. */
    public static String bytes(long bytes) {
        if (bytes < 1024) {
            return count(bytes) + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
