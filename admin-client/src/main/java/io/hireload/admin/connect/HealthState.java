package io.hireload.admin.connect;

import io.hireload.model.HealthAnswer;

import java.util.List;
import java.util.Locale;

/** One health tile: is the component up, and the detail the server gave (S3: the files it sees). */
public record HealthState(Level level, String component, String detail, List<String> files) {

    public enum Level { UP, DOWN, UNKNOWN }

    public HealthState {
        files = files == null ? List.of() : List.copyOf(files);
        detail = detail == null ? "" : detail;
    }

    public static HealthState unknown(String component) {
        return new HealthState(Level.UNKNOWN, component, "not checked yet", List.of());
    }

    public static HealthState unreachable(String component, String why) {
        return new HealthState(Level.UNKNOWN, component, why, List.of());
    }

    public static HealthState of(String component, HealthAnswer answer) {
        String status = answer.status() == null ? "" : answer.status().toLowerCase(Locale.ROOT);
        Level level = switch (status) {
            case "up", "ok", "healthy" -> Level.UP;
            case "" -> Level.UNKNOWN;
            default -> Level.DOWN;
        };
        return new HealthState(level, component, answer.detail(), answer.files());
    }

    /** One line for the tile: "S3: UP · 3 CSV files". */
    public String summary() {
        String files = this.files.isEmpty() ? "" : " · " + this.files.size() + " CSV file" + (this.files.size() == 1 ? "" : "s");
        return component + ": " + level + files;
    }
}
