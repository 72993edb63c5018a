package io.hireload.admin.audit;

import io.hireload.admin.support.Background;
import io.hireload.admin.support.Notice;
import io.hireload.admin.support.Pager;
import io.hireload.admin.support.Problems;
import io.hireload.admin.support.Session;
import io.hireload.client.HireloadClient;
import io.hireload.model.AuditEntry;
import io.hireload.model.Role;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.TreeSet;

/**
 * The audit trail, for admins: newest first, narrowed to one person (a key's name) and to entries
 * from a day on (UTC). The people offered are the names the trail has shown so far.
 */
public final class AuditViewModel {
    static final int PAGE_SIZE = 100;

    private final Session session;
    private final Background background;
    private final ObservableList<AuditEntry> entries = FXCollections.observableArrayList();
    private final ObservableList<String> people = FXCollections.observableArrayList();
    private final StringProperty actor = new SimpleStringProperty(this, "actor", "");
    private final ObjectProperty<LocalDate> from = new SimpleObjectProperty<>(this, "from");
    private final ObjectProperty<Pager> pager = new SimpleObjectProperty<>(this, "pager", Pager.empty(PAGE_SIZE));
    private final ObjectProperty<Notice> notice = new SimpleObjectProperty<>(this, "notice", Notice.NONE);

    public AuditViewModel(Session session, Background background) {
        this.session = session;
        this.background = background;
        session.callerProperty().addListener((obs, old, now) -> {
            entries.clear();
            people.clear();
            pager.set(Pager.empty(PAGE_SIZE));
            if (now != null && now.role().allows(Role.ADMIN)) {
                show(1);
            }
        });
    }

    /** Shows a page of the entries the filters let through. */
    public void show(int page) {
        HireloadClient client = session.clientOrTell(notice::set).orElse(null);
        if (client == null) {
            return;
        }
        String who = actor.get() == null || actor.get().isBlank() ? null : actor.get().strip();
        Instant since = since(from.get());
        int wanted = Math.max(1, page);
        background.run(() -> client.audit(who, since, wanted, PAGE_SIZE), answer -> {
            entries.setAll(answer.items());
            pager.set(Pager.of(answer));
            TreeSet<String> known = new TreeSet<>(people);
            answer.items().forEach(e -> known.add(e.actor()));
            people.setAll(known);
            notice.set(answer.total() == 0 ? Notice.info("No entries" + (who == null ? "" : " by " + who)
                    + (since == null ? "" : " since " + from.get()) + ".") : Notice.NONE);
        }, problem -> notice.set(Notice.error("Cannot read the audit trail. " + Problems.describe(problem))));
    }

    /** Clears both filters and shows the newest entries. */
    public void clearFilters() {
        actor.set("");
        from.set(null);
        show(1);
    }

    /** A day means from its first instant, UTC, as the trail's times are shown. */
    static Instant since(LocalDate day) {
        return day == null ? null : day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    public ObservableList<AuditEntry> entries() {
        return entries;
    }

    public ObservableList<String> people() {
        return people;
    }

    public StringProperty actorProperty() {
        return actor;
    }

    public ObjectProperty<LocalDate> fromProperty() {
        return from;
    }

    public ObjectProperty<Pager> pagerProperty() {
        return pager;
    }

    public ObjectProperty<Notice> noticeProperty() {
        return notice;
    }
}
