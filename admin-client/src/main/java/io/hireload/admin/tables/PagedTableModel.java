package io.hireload.admin.tables;

import io.hireload.admin.support.Background;
import io.hireload.admin.support.Notice;
import io.hireload.admin.support.Pager;
import io.hireload.admin.support.Problems;
import io.hireload.admin.support.Session;
import io.hireload.client.HireloadClient;
import io.hireload.model.ApiPaths;
import io.hireload.model.Page;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.List;
import java.util.function.ToIntFunction;

/**
 * One table, a server page at a time. The window only ever holds the page on screen: the tables
 * can hold millions of rows and the server pages them for us.
 */
public final class PagedTableModel<T> {
    public static final List<Integer> PAGE_SIZES = List.of(25, 50, 100, 250, 500, 1000);

    private final String noun;
    private final Session session;
    private final Background background;
    private final PageSource<T> source;
    private final ToIntFunction<T> idOf;

    private final ObservableList<T> items = FXCollections.observableArrayList();
    private final ObjectProperty<Pager> pager = new SimpleObjectProperty<>(this, "pager", Pager.empty(ApiPaths.DEFAULT_PAGE_SIZE));
    private final IntegerProperty size = new SimpleIntegerProperty(this, "size", ApiPaths.DEFAULT_PAGE_SIZE);
    private final ObjectProperty<Notice> notice = new SimpleObjectProperty<>(this, "notice", Notice.NONE);
    private final BooleanProperty busy = new SimpleBooleanProperty(this, "busy");
    private final ObjectProperty<T> found = new SimpleObjectProperty<>(this, "found");
    private long generation;

    public PagedTableModel(String noun, Session session, Background background, PageSource<T> source, ToIntFunction<T> idOf) {
        this.noun = noun;
        this.session = session;
        this.background = background;
        this.source = source;
        this.idOf = idOf;
        size.addListener((obs, old, now) -> {
            // Keep the first row on screen in view when the page size changes.
            long firstIndex = (long) (pager.get().page() - 1) * old.intValue();
            load(Pager.pageOfIndex(firstIndex, now.intValue()));
        });
        session.clientProperty().addListener((obs, old, now) -> {
            items.clear();
            pager.set(Pager.empty(size.get()));
            if (now != null) {
                load(1);
            }
        });
    }

    public void load(int page) {
        HireloadClient client = session.clientOrTell(notice::set).orElse(null);
        if (client == null) {
            return;
        }
        int wanted = pager.get().pages() == 0 ? Math.max(1, page) : pager.get().clamp(page);
        int pageSize = size.get();
        long ticket = ++generation;
        busy.set(true);
        background.run(() -> source.page(client, wanted, pageSize), answer -> {
            if (ticket != generation) {
                return; // an older request answering late; the newer one wins
            }
            busy.set(false);
            show(answer);
            notice.set(Notice.NONE);
        }, problem -> {
            busy.set(false);
            notice.set(Notice.error("Cannot read the " + noun + " (page " + wanted + "). " + Problems.describe(problem)));
        });
    }

    public void first() {
        load(1);
    }

    public void previous() {
        load(pager.get().page() - 1);
    }

    public void next() {
        load(pager.get().page() + 1);
    }

    public void last() {
        load(pager.get().last());
    }

    public void reload() {
        load(pager.get().page());
    }

    /** Shows the page holding the row with this id and marks the row, or says there is none. */
    public void goToId(String text) {
        int id;
        try {
            id = Integer.parseInt(text == null ? "" : text.strip());
        } catch (NumberFormatException e) {
            notice.set(Notice.error("An id is a whole number greater than 0, not \"" + text + "\"."));
            return;
        }
        HireloadClient client = session.clientOrTell(notice::set).orElse(null);
        if (client == null) {
            return;
        }
        int pageSize = size.get();
        long ticket = ++generation;
        busy.set(true);
        background.run(() -> IdSearch.locate(id, pageSize, page -> source.page(client, page, pageSize), idOf), where -> {
            if (ticket != generation) {
                return;
            }
            busy.set(false);
            where.ifPresentOrElse(hit -> {
                show(hit.page());
                found.set(hit.page().items().get(hit.index()));
                notice.set(Notice.info("Found " + noun + " id " + id + " on page " + hit.page().page() + "."));
            }, () -> notice.set(Notice.error("There is no " + noun + " with id " + id + ".")));
        }, problem -> {
            busy.set(false);
            notice.set(Notice.error("Cannot look up id " + id + ". " + Problems.describe(problem)));
        });
    }

    private void show(Page<T> answer) {
        found.set(null);
        items.setAll(answer.items());
        pager.set(Pager.of(answer));
    }

    public String noun() {
        return noun;
    }

    public ObservableList<T> items() {
        return items;
    }

    public ObjectProperty<Pager> pagerProperty() {
        return pager;
    }

    public IntegerProperty sizeProperty() {
        return size;
    }

    public ObjectProperty<Notice> noticeProperty() {
        return notice;
    }

    public BooleanProperty busyProperty() {
        return busy;
    }

    /** The row "go to id" found, for the table to select and scroll to. */
    public ObjectProperty<T> foundProperty() {
        return found;
    }
}
