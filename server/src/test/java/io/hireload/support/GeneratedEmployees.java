package io.hireload.support;

import com.fasterxml.jackson.databind.node.ArrayNode;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Valid employees made up from their id (every department and job of the sample data used), the
 * same row whether it comes as CSV for S3 or as JSON for the 1..1000-row API, so tests can write
 * one row through both and expect it once.
 */
public final class GeneratedEmployees {
    private GeneratedEmployees() {
    }

    /** Ids 1..rows as a headerless CSV file. */
    public static byte[] csv(int rows) {
        return csv(1, rows);
    }

    /** Ids first..last as a headerless CSV file. */
    public static byte[] csv(int first, int last) {
        StringBuilder csv = new StringBuilder((last - first + 1) * 48);
        for (int id = first; id <= last; id++) {
            csv.append(id).append(',').append(name(id)).append(',').append(datetime(id)).append(',')
                    .append(departmentId(id)).append(',').append(jobId(id)).append('\n');
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Ids first..last as a headerless CSV file at {@code file}, written as it is made (a million rows
     * are 50 MB: no test holds them in memory). In the embedded S3's bucket folder, it is an object.
     */
    public static void write(Path file, int first, int last) throws IOException {
        Files.createDirectories(file.getParent());
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int id = first; id <= last; id++) {
                out.append(Integer.toString(id)).append(',').append(name(id)).append(',').append(datetime(id))
                        .append(',').append(Integer.toString(departmentId(id))).append(',')
                        .append(Integer.toString(jobId(id))).append('\n');
            }
        }
    }

    /** Adds employee {@code id} to a JSON array. */
    public static void addJson(ArrayNode rows, int id) {
        rows.addObject().put("id", id).put("name", name(id)).put("datetime", datetime(id))
                .put("department_id", departmentId(id)).put("job_id", jobId(id));
    }

    /** How many employees the current test class's database holds, read directly. */
    public static long inDatabase() throws SQLException {
        try (Connection c = EmbeddedServices.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select count(*) from employee")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String name(int id) {
        return "Employee " + id;
    }

    private static String datetime(int id) {
        return "2021-0" + (1 + id % 9) + "-1" + (id % 10) + "T10:00:00Z";
    }

    private static int departmentId(int id) {
        return 1 + id % 12;
    }

    private static int jobId(int id) {
        return 1 + id % 183;
    }
}
