package io.hireload.metrics;

import io.hireload.client.HireloadClient;
import io.hireload.model.HiredByQuarter;
import io.hireload.model.TableName;
import io.hireload.model.TopDepartment;
import io.hireload.support.Api;
import io.hireload.support.EmbeddedServices;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import jakarta.inject.Inject;
import jakarta.ws.rs.client.WebTarget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The metrics are read from a summary kept by triggers; after every kind of write (S3 load, API
 * post, update, delete) they must equal the plain SQL over employee that they stand for.
 */
@ExtendWith(EmbeddedServices.class)
@HelidonTest
class MetricsConsistencyTest {
    /** The seed's question asked of employee directly: no summary, no function. */
    private static final String PLAIN_BY_QUARTER = """
            select d.department, j.job,
                   count(*) filter (where extract(quarter from e.hire_date at time zone 'UTC') = 1),
                   count(*) filter (where extract(quarter from e.hire_date at time zone 'UTC') = 2),
                   count(*) filter (where extract(quarter from e.hire_date at time zone 'UTC') = 3),
                   count(*) filter (where extract(quarter from e.hire_date at time zone 'UTC') = 4)
            from employee e join department d on d.id = e.department_id join job j on j.id = e.job_id
            where extract(year from e.hire_date at time zone 'UTC') = %d
            group by d.id, d.department, j.id, j.job
            order by lower(d.department) collate "C", lower(j.job) collate "C", d.department collate "C",
                     j.job collate "C", d.id, j.id""";
    private static final String PLAIN_TOP = """
            with h as (select d.id, d.department, count(e.id) as hired from department d
                       left join employee e on e.department_id = d.id
                        and extract(year from e.hire_date at time zone 'UTC') = %d
                       group by d.id, d.department)
            select id, department, hired, (select avg(hired) from h)::float8 from h
            where hired > (select avg(hired) from h) order by hired desc, id""";

    private final Api api;
    private final HireloadClient client;

    @Inject
    MetricsConsistencyTest(WebTarget target) {
        this.api = new Api(target);
        this.client = api.client();
    }

    @Test
    void theMetricsEqualThePlainSqlAfterEveryKindOfWrite() throws Exception {
        client.loadAll(null, false);
        assertEqualToPlainSql();

        String moved = "[{\"id\": 1, \"name\": \"Harold Vogt\", \"datetime\": \"2021-02-07T02:48:42Z\", \"department_id\": 3, \"job_id\": 5},"
                + "{\"id\": 5000, \"name\": \"New Hire\", \"datetime\": \"2021-12-31T23:59:59-03:00\", \"department_id\": 1, \"job_id\": 1}]";
        assertThat(api.post("/employees", "application/json", moved).statusCode()).isEqualTo(200);
        assertEqualToPlainSql();

        try (Connection c = EmbeddedServices.connect(); Statement s = c.createStatement()) {
            s.executeUpdate("delete from employee where id between 100 and 400");
            s.executeUpdate("update employee set hire_date = hire_date + interval '95 days' where id between 500 and 700");
        }
        assertEqualToPlainSql();

        // Forced: the file was loaded before and would be skipped; this puts the damaged rows back.
        client.load(TableName.EMPLOYEES, 50, false, true);
        assertEqualToPlainSql();
        assertThat(client.allHiredByQuarter2021().stream().mapToInt(HiredByQuarter::q1).sum()).isEqualTo(249);
    }

    /**
     * The quarter has two definitions that must never disagree: SQL's (migration V14, for the
     * triggers) and Java's (for batches COPYed without them). Edges of days, quarters and years
     * in UTC, the data rules' range ends, and a seeded spread between.
     */
    @Test
    void javaAndSqlAgreeOnEveryHiresUtcYearAndQuarter() throws Exception {
        List<Instant> instants = new ArrayList<>(List.of(Instant.parse("1900-01-01T00:00:00Z"),
                Instant.parse("2199-12-31T23:59:59.999999Z"), Instant.parse("1969-12-31T23:59:59.999999Z"),
                Instant.parse("1970-01-01T00:00:00Z"), Instant.parse("2020-02-29T12:00:00Z")));
        for (int year : new int[]{1900, 1969, 2000, 2021, 2100, 2199}) {
            for (int month : new int[]{1, 4, 7, 10}) {
                Instant start = OffsetDateTime.of(year, month, 1, 0, 0, 0, 0, ZoneOffset.UTC).toInstant();
                instants.add(start);
                instants.add(start.minusNanos(1000));
            }
        }
        Random random = new Random(20211);
        long from = Instant.parse("1900-01-01T00:00:00Z").getEpochSecond();
        long to = Instant.parse("2199-12-31T23:59:59Z").getEpochSecond();
        for (int i = 0; i < 2000; i++) {
            instants.add(Instant.ofEpochSecond(from + (long) (random.nextDouble() * (to - from))));
        }
        try (Connection c = EmbeddedServices.connect();
             java.sql.PreparedStatement s = c.prepareStatement("select hire_year(?), hire_quarter(?)")) {
            for (Instant at : instants) {
                OffsetDateTime utc = at.atOffset(ZoneOffset.UTC);
                s.setObject(1, utc);
                s.setObject(2, utc);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    assertThat(HireQuarter.of(at)).as(at.toString())
                            .isEqualTo(new HireQuarter(rs.getInt(1), rs.getInt(2)));
                }
            }
        }
    }

    private void assertEqualToPlainSql() throws Exception {
        for (int year : List.of(2021, 2022)) {
            List<HiredByQuarter> plain = new ArrayList<>();
            List<TopDepartment> plainTop = new ArrayList<>();
            try (Connection c = EmbeddedServices.connect(); Statement s = c.createStatement()) {
                try (ResultSet rs = s.executeQuery(PLAIN_BY_QUARTER.formatted(year))) {
                    while (rs.next()) {
                        plain.add(new HiredByQuarter(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getInt(4),
                                rs.getInt(5), rs.getInt(6)));
                    }
                }
                try (ResultSet rs = s.executeQuery(PLAIN_TOP.formatted(year))) {
                    while (rs.next()) {
                        plainTop.add(new TopDepartment(rs.getInt(1), rs.getString(2), rs.getLong(3), rs.getDouble(4)));
                    }
                }
            }
            assertThat(plain).isNotEmpty();
            assertThat(client.hiredByQuarter(year, 1, 1000).items()).as("by quarter, " + year).containsExactlyElementsOf(plain);
            assertThat(client.topHiringDepartments(year, 1, 1000).items()).as("top, " + year).containsExactlyElementsOf(plainTop);
        }
    }
}
