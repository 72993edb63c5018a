package io.hireload.db;

import io.hireload.client.HireloadClient;
import io.hireload.config.DatabaseUrl;
import io.hireload.model.IndexMode;
import io.hireload.model.LoadReport;
import io.hireload.model.TableName;
import io.hireload.support.EmbeddedServices;
import io.hireload.support.EmployeeIndexes;
import io.hireload.support.ServerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The AWS shape of the database roles, on the embedded PostgreSQL: an owner that is not a
 * superuser (as Aurora's master user is not) runs the migration step, which creates the server's
 * role; the server then runs as that role with exactly the grants of afterMigrate.sql
 * (docs/DEPLOY.md "Database roles") and loads, posts, backs up and restores as usual.
 */
@ExtendWith(EmbeddedServices.class)
class LeastPrivilegeTest {
    // Roles belong to the whole PostgreSQL instance, which the test classes of one run share
    // (RoleWithoutReplicationTest makes its own hireload_app): these names are this class's own.
    private static final String OWNER = "least_owner";
    private static final String APP = "least_app";
    private static final String APP_PASSWORD = "app-secret-1";

    @Test
    void theServerRunsAsItsOwnRoleWithOnlyTheDocumentedGrants() throws Exception {
        String database = EmbeddedServices.databaseUrl().substring(EmbeddedServices.databaseUrl().lastIndexOf('/') + 1);
        try (Connection c = EmbeddedServices.connect(); Statement s = c.createStatement()) {
            // Aurora's master: owns the database, may create roles, is no superuser. The parameter
            // privilege stands for an owner allowed to pass replica mode on (DEPLOY.md).
            s.execute("create role " + OWNER + " login password 'owner' createrole");
            s.execute("alter database " + database + " owner to " + OWNER);
            s.execute("grant set on parameter session_replication_role to " + OWNER + " with grant option");
        }
        MigrationTask.run(new DatabaseUrl(EmbeddedServices.databaseUrl(), OWNER, "owner"), APP, APP_PASSWORD);
        // The step runs before every start of a task, as its own process (the init container): a
        // second run changes nothing, keeps the password working, exits 0 and logs JSON lines.
        String output = migrationTask(Map.of("DATABASE_URL", EmbeddedServices.databaseUrl(), "DATABASE_USER", OWNER,
                "DATABASE_PASSWORD", "owner", "HIRELOAD_APP_USER", APP, "HIRELOAD_APP_PASSWORD", APP_PASSWORD,
                "HIRELOAD_LOG_FORMAT", "json"));
        assertThat(output.lines().filter(line -> line.startsWith("{")))
                .anySatisfy(line -> assertThat(line).contains("\"level\":\"INFO\"").contains("0 migration(s) applied now"));

        assertThat(tablePrivileges()).isNotEmpty().allSatisfy(grant -> {
            if (grant.startsWith("flyway_schema_history ")) {
                assertThat(grant).endsWith(" SELECT");
            } else {
                assertThat(grant).matches("\\w+ (SELECT|INSERT|UPDATE|DELETE)");
            }
        });
        try (Connection app = DriverManager.getConnection(EmbeddedServices.databaseUrl(), APP, APP_PASSWORD);
             Statement s = app.createStatement()) {
            assertThat(rolePowers(s)).isEqualTo("super=false createrole=false createdb=false bypassrls=false");
            assertThatThrownBy(() -> s.execute("drop table job")).isInstanceOf(SQLException.class)
                    .hasMessageContaining("must be owner");
            assertThatThrownBy(() -> s.execute("create table intruder (id int)")).isInstanceOf(SQLException.class)
                    .hasMessageContaining("permission denied");
            assertThatThrownBy(() -> s.execute("truncate employee")).isInstanceOf(SQLException.class)
                    .hasMessageContaining("permission denied");
            // Set-aside definitions are the database's own, written by the owner's function only:
            // the app role cannot record one for build_set_aside_index to run.
            assertThatThrownBy(() -> s.execute("insert into set_aside_index (index_name, table_name, definition) "
                    + "values ('x', 'employee', 'CREATE INDEX x ON employee (id)')")).isInstanceOf(SQLException.class)
                    .hasMessageContaining("permission denied");
            assertThatThrownBy(() -> s.execute("update set_aside_index set definition = 'x'"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
            // Nor can it forge a pause for resume_autovacuum to act on (V25).
            assertThatThrownBy(() -> s.execute("insert into paused_autovacuum (table_name) values ('employee')"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
            assertThat(s.executeQuery("select resume_autovacuum()")).satisfies(rs -> {
                rs.next();
                assertThat(rs.getInt(1)).as("nothing paused, nothing resumed").isZero();
            });
            assertThat(s.executeQuery("select set_aside_secondary_index('employee_job_idx', null)")).satisfies(rs -> {
                rs.next();
                assertThat(rs.getBoolean(1)).as("nothing dropped without the set-aside's table lock").isFalse();
            });
        }

        Map<String, String> migrated = EmployeeIndexes.now();
        try (ServerProcess server = EmbeddedServices.startServer("app-role", Map.of(
                "DATABASE_USER", APP, "DATABASE_PASSWORD", APP_PASSWORD, "HIRELOAD_MIGRATE", "false"))) {
            server.awaitReady(Duration.ofSeconds(120));
            HireloadClient client = server.api().client();
            client.load(TableName.DEPARTMENTS, null, false);
            client.load(TableName.JOBS, null, false);
            LoadReport employees = client.load(TableName.EMPLOYEES, null, false);
            assertThat(employees.inserted()).isEqualTo(1929);
            assertThat(employees.rejected()).isEqualTo(70);
            // The app role owns no table, yet the initial load sets the indexes aside and gets them
            // back through the owner's functions (V22).
            assertThat(employees.indexes()).isEqualTo(IndexMode.DEFERRED);
            assertThat(EmployeeIndexes.now()).isEqualTo(migrated);
            assertThat(server.api().post("/jobs", "application/json",
                    "[{\"id\": 9001, \"job\": \"Database Least Privilege Officer\"}]").statusCode()).isEqualTo(200);
            assertThat(client.hiredByQuarter(2021, 1, 1000).items()).isNotEmpty();

            client.backup(TableName.EMPLOYEES);
            try (Connection c = EmbeddedServices.connect(); Statement s = c.createStatement()) {
                s.execute("delete from employee where id <= 100");
            }
            assertThat(client.restore(TableName.EMPLOYEES, null).inserted()).isPositive();
            assertThat(client.employees(1, 1).total()).isEqualTo(1929);

            assertThat(server.logText())
                    .contains("schema is current")
                    .contains("employee batches check department and job ids in one locking query per batch")
                    .doesNotContain("may not set session_replication_role");
        }
    }

    /**
     * Runs {@link MigrationTask#main} in a process of its own, configured through its environment as
     * the ECS init container is; fails unless it exits 0.
     */
    private static String migrationTask(Map<String, String> settings) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), MigrationTask.class.getName()).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("DATABASE_") || name.startsWith("HIRELOAD_"));
        builder.environment().putAll(settings);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }

    /** "table PRIVILEGE" for every table privilege the app role holds. */
    private static List<String> tablePrivileges() throws SQLException {
        List<String> grants = new ArrayList<>();
        try (Connection c = EmbeddedServices.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select table_name, privilege_type from information_schema.role_table_grants "
                     + "where grantee = '" + APP + "' order by 1, 2")) {
            while (rs.next()) {
                grants.add(rs.getString(1) + " " + rs.getString(2));
            }
        }
        return grants;
    }

    private static String rolePowers(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery("select rolsuper, rolcreaterole, rolcreatedb, rolbypassrls "
                + "from pg_roles where rolname = current_user")) {
            rs.next();
            return "super=" + rs.getBoolean(1) + " createrole=" + rs.getBoolean(2) + " createdb=" + rs.getBoolean(3)
                    + " bypassrls=" + rs.getBoolean(4);
        }
    }
}
