package io.hireload.admin.tables;

import io.hireload.admin.support.Background;
import io.hireload.admin.support.Notice;
import io.hireload.admin.support.Session;
import io.hireload.client.ApiException;
import io.hireload.client.HireloadClient;
import io.hireload.model.ApiError;
import io.hireload.model.Page;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class PagedTableModelTest {
    private static final List<Integer> IDS = IntStream.rangeClosed(1, 1929).boxed().toList();

    private final List<String> asked = new ArrayList<>();
    private final Session session = new Session();
    private final PagedTableModel<Integer> model = new PagedTableModel<>("employees", session, Background.direct(),
            (client, page, size) -> {
                asked.add(page + "x" + size);
                int from = Math.min(IDS.size(), (page - 1) * size);
                return Page.of(IDS.subList(from, Math.min(IDS.size(), from + size)), page, size, IDS.size());
            }, Integer::intValue);

    private void connect() {
        session.connected(new HireloadClient(URI.create("http://unused.invalid"), "key"));
    }

    @Test
    void connectingShowsTheFirstPage() {
        connect();
        assertThat(model.items()).hasSize(50).startsWith(1);
        assertThat(model.pagerProperty().get().caption()).isEqualTo("Page 1 of 39 · 1,929 rows");
        assertThat(asked).containsExactly("1x50");
    }

    @Test
    void pagesOneAtATimeNeverTheWholeTable() {
        connect();
        model.next();
        assertThat(model.items().get(0)).isEqualTo(51);
        model.last();
        assertThat(model.items()).hasSize(29).endsWith(1929);
        model.next(); // already on the last page: asks for the last page again, never beyond
        model.previous();
        assertThat(model.pagerProperty().get().page()).isEqualTo(38);
        model.first();
        assertThat(model.items().get(0)).isEqualTo(1);
        assertThat(asked).allSatisfy(request -> assertThat(request).endsWith("x50"));
    }

    @Test
    void changingThePageSizeKeepsTheFirstRowInView() {
        connect();
        model.load(5); // rows 201..250
        model.sizeProperty().set(100);
        assertThat(model.pagerProperty().get().page()).isEqualTo(3);
        assertThat(model.items()).contains(201);
    }

    @Test
    void goesToAnIdOrSaysThereIsNone() {
        connect();
        model.goToId(" 1234 ");
        assertThat(model.foundProperty().get()).isEqualTo(1234);
        assertThat(model.pagerProperty().get().page()).isEqualTo(25);

        model.goToId("5000");
        assertThat(model.noticeProperty().get().text()).isEqualTo("There is no employees with id 5000.");
        model.goToId("abc");
        assertThat(model.noticeProperty().get().kind()).isEqualTo(Notice.Kind.ERROR);
    }

    @Test
    void aFailingServerLeavesAReadableMessage() {
        PagedTableModel<Integer> failing = new PagedTableModel<>("jobs", session, Background.direct(),
                (client, page, size) -> {
                    throw new ApiException(403, new ApiError("forbidden", "key may not read jobs"));
                }, Integer::intValue);
        connect();
        assertThat(failing.noticeProperty().get().text())
                .startsWith("Cannot read the jobs (page 1). The server refused this key");
        assertThat(failing.busyProperty().get()).isFalse();
    }
}
