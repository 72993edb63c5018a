package io.hireload.backup;

import io.hireload.support.EmbeddedServices;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** The hiring tables read straight from the database with JDBC, none of the server's code. */
final class Tables {
    private Tables() {
    }

    /** Every row of a table, every column, in id order; timestamps as instants. */
    static List<List<Object>> rows(String table) {
        String sql = switch (table) {
            case "department" -> "select id, department from department order by id";
            case "job" -> "select id, job from job order by id";
            case "employee" -> "select id, name, hire_date, department_id, job_id from employee order by id";
            default -> throw new IllegalArgumentException(table);
        };
        List<List<Object>> rows = new ArrayList<>();
        try (Connection c = EmbeddedServices.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                row.add(rs.getInt(1));
                row.add(rs.getString(2));
                if (table.equals("employee")) {
                    row.add(rs.getObject(3, OffsetDateTime.class).toInstant());
                    row.add(rs.getInt(4));
                    row.add(rs.getInt(5));
                }
                rows.add(row);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return rows;
    }

    static void execute(String... statements) {
        try (Connection c = EmbeddedServices.connect(); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static long count(String sql) {
        try (Connection c = EmbeddedServices.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
