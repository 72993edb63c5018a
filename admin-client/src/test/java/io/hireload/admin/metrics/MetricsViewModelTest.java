package io.hireload.admin.metrics;

import io.hireload.admin.support.Background;
import io.hireload.admin.support.Session;
import io.hireload.admin.testing.StubServer;
import io.hireload.client.HireloadClient;
import io.hireload.model.Department;
import io.hireload.model.HiredByQuarter;
import io.hireload.model.Page;
import io.hireload.model.TopDepartment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MetricsViewModelTest {
    private final StubServer server = new StubServer()
            .on("GET", "/metrics/hired-by-quarter-2021", Page.of(HiringFiguresTest.ROWS, 1, 1000, 4))
            .on("GET", "/metrics/top-hiring-departments",
                    Page.of(List.of(new TopDepartment(5, "Staff", 9, 4.0), new TopDepartment(7, "Support", 5, 4.0)), 1, 1000, 2))
            .on("GET", "/departments", Page.of(List.of(new Department(1, "Accounting")), 1, 1, 4));
    private final Session session = new Session();
    private final MetricsViewModel model = new MetricsViewModel(session, Background.direct());

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void connectingDrawsTheDepartmentsAndTheMean() {
        session.connected(new HireloadClient(server.uri(), "key"));
        assertThat(model.bars()).extracting(QuarterTotals::label).containsExactly("Accounting", "Staff", "Support");
        assertThat(model.top()).extracting(TopDepartment::department).containsExactly("Staff", "Support");
        assertThat(model.meanProperty().get()).isEqualTo(4.0);
        assertThat(model.byQuarter()).hasSize(4);
    }

    @Test
    void drillsIntoADepartmentAndBack() {
        session.connected(new HireloadClient(server.uri(), "key"));
        model.drillInto("Accounting");
        assertThat(model.bars()).extracting(QuarterTotals::label).containsExactly("Account Representative IV", "Actuary");
        assertThat(model.byQuarter()).extracting(HiredByQuarter::department).containsOnly("Accounting");
        model.drillOut();
        assertThat(model.bars()).hasSize(3);
    }

    @Test
    void aDrillIntoADepartmentThatIsGoneFallsBack() {
        session.connected(new HireloadClient(server.uri(), "key"));
        model.drillInto("Accounting");
        server.on("GET", "/metrics/hired-by-quarter-2021", Page.of(HiringFiguresTest.ROWS.subList(2, 4), 1, 1000, 2));
        model.refresh();
        assertThat(model.drilledProperty().get()).isNull();
        assertThat(model.bars()).hasSize(2);
    }

    @Test
    void anotherYearGoesThroughTheYearParameter() {
        server.on("GET", "/metrics/hired-by-quarter", request -> StubServer.Answer.json("2022".equals(request.query().get("year"))
                        ? Page.of(List.of(new HiredByQuarter("Staff", "Data Analyst", 1, 0, 0, 0)), 1, 1000, 1)
                        : Page.of(List.of(), 1, 1000, 0)))
                .on("GET", "/metrics/top-hiring-departments", request -> StubServer.Answer.json("2022".equals(request.query().get("year"))
                        ? Page.of(List.of(new TopDepartment(5, "Staff", 1, 0.25)), 1, 1000, 1)
                        : Page.of(List.of(new TopDepartment(5, "Staff", 9, 4.0), new TopDepartment(7, "Support", 5, 4.0)), 1, 1000, 2)));
        session.connected(new HireloadClient(server.uri(), "key"));
        assertThat(model.bars()).hasSize(3);
        assertThat(server.requests()).noneSatisfy(request -> assertThat(request.query()).containsKey("year"));

        model.yearProperty().set(2022);
        assertThat(model.bars()).extracting(QuarterTotals::label).containsExactly("Staff");
        assertThat(model.meanProperty().get()).isEqualTo(0.25);
        assertThat(server.requests()).anySatisfy(request -> {
            assertThat(request.path()).isEqualTo("/metrics/hired-by-quarter");
            assertThat(request.query()).containsEntry("year", "2022");
        });

        model.yearProperty().set(2019);
        assertThat(model.bars()).isEmpty();
        assertThat(model.noticeProperty().get().text()).startsWith("No hires in 2019.");
    }

    @Test
    void offersYearsUpToThisOne() {
        assertThat(MetricsViewModel.years()).startsWith(2015).contains(2021)
                .endsWith(Math.max(2021, java.time.Year.now(java.time.ZoneOffset.UTC).getValue()));
    }
}
