package io.hireload.support;

import io.hireload.db.Migrations;
import org.postgresql.ds.PGSimpleDataSource;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;

/**
 * On a test class, after {@code @ExtendWith(EmbeddedServices.class)}: the sample departments and
 * jobs are in the class's database before its server starts, put there once, so tests about
 * employees start from the reference data without each loading it again. The schema is brought
 * up first by Flyway from the same migrations the server runs (the server then finds it current);
 * the rows are written straight to the tables, not through a load, so the class's load history
 * stays its tests' own.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(SampleDepartmentsAndJobs.Loader.class)
public @interface SampleDepartmentsAndJobs {

    /** Runs after {@link EmbeddedServices} made the class's database, before the server starts. */
    final class Loader implements BeforeAllCallback {
        @Override
        public void beforeAll(ExtensionContext context) {
            PGSimpleDataSource database = new PGSimpleDataSource();
            database.setUrl(EmbeddedServices.databaseUrl());
            database.setUser("postgres");
            Migrations.flyway(database, "").migrate();
            load();
        }

        private static void load() {
            SampleData sample = new SampleData();
            try (Connection c = EmbeddedServices.connect()) {
                insert(c, "insert into department (id, department) values (?, ?) on conflict (id) do nothing",
                        sample.departments());
                insert(c, "insert into job (id, job) values (?, ?) on conflict (id) do nothing", sample.jobs());
            } catch (SQLException e) {
                throw new IllegalStateException("cannot put the sample departments and jobs in the test database", e);
            }
        }

        private static void insert(Connection c, String sql, Map<Integer, String> rows) throws SQLException {
            try (PreparedStatement insert = c.prepareStatement(sql)) {
                for (Map.Entry<Integer, String> row : rows.entrySet()) {
                    insert.setInt(1, row.getKey());
                    insert.setString(2, row.getValue());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        }
    }
}
