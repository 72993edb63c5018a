package io.hireload.admin.keys;

import io.hireload.admin.support.Background;
import io.hireload.admin.support.Notice;
import io.hireload.admin.support.Pager;
import io.hireload.admin.support.Problems;
import io.hireload.admin.support.Session;
import io.hireload.client.HireloadClient;
import io.hireload.model.ApiKey;
import io.hireload.model.CreatedKey;
import io.hireload.model.NewKey;
import io.hireload.model.Role;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Named keys, for admins: make one (its secret is held here only until the operator has copied it
 * and closed it, never again), list them, revoke one after a confirmation. Lists only when the
 * connected key is an admin's: other roles may not see keys.
 */
public final class KeysViewModel {
    static final int PAGE_SIZE = 100;

    private final Session session;
    private final Background background;
    private final ObservableList<ApiKey> keys = FXCollections.observableArrayList();
    private final ObjectProperty<Pager> pager = new SimpleObjectProperty<>(this, "pager", Pager.empty(PAGE_SIZE));
    private final StringProperty name = new SimpleStringProperty(this, "name", "");
    private final ObjectProperty<Role> role = new SimpleObjectProperty<>(this, "role", Role.READER);
    /** The last day the key works (UTC), or null for a key that does not expire. */
    private final ObjectProperty<LocalDate> lastDay = new SimpleObjectProperty<>(this, "lastDay");
    private final ObjectProperty<CreatedKey> created = new SimpleObjectProperty<>(this, "created");
    private final BooleanProperty busy = new SimpleBooleanProperty(this, "busy");
    private final ObjectProperty<Notice> notice = new SimpleObjectProperty<>(this, "notice", Notice.NONE);

    public KeysViewModel(Session session, Background background) {
        this.session = session;
        this.background = background;
        session.callerProperty().addListener((obs, old, now) -> {
            keys.clear();
            created.set(null);
            pager.set(Pager.empty(PAGE_SIZE));
            if (now != null && now.role().allows(Role.ADMIN)) {
                list(1);
            }
        });
    }

    public void list(int page) {
        HireloadClient client = session.client().orElse(null);
        if (client == null) {
            return;
        }
        int wanted = pager.get().pages() == 0 ? 1 : pager.get().clamp(page);
        background.run(() -> client.keys(wanted, PAGE_SIZE), answer -> {
            keys.setAll(answer.items());
            pager.set(Pager.of(answer));
        }, problem -> notice.set(Notice.error("Cannot list the keys. " + Problems.describe(problem))));
    }

    /** Makes a key of the form's name, role and last day; its secret waits in {@link #createdProperty()}. */
    public void create() {
        String who = name.get() == null ? "" : name.get().strip();
        if (who.isEmpty()) {
            notice.set(Notice.error("Name the person or system the key is for, such as alice."));
            return;
        }
        HireloadClient client = session.clientOrTell(notice::set).orElse(null);
        if (client == null) {
            return;
        }
        NewKey request = new NewKey(who, role.get(), expiry(lastDay.get()));
        background.whileBusy(busy, () -> client.createKey(request), made -> {
            created.set(made);
            name.set("");
            lastDay.set(null);
            notice.set(Notice.success("Made key " + made.key().name() + " (" + made.key().role().wire()
                    + "). Copy its secret now: it is shown this once."));
            list(1);
        }, problem -> notice.set(Notice.error("Cannot make the key. " + Problems.describe(problem))));
    }

    /** The operator has copied the secret: forget it. */
    public void secretTaken() {
        created.set(null);
    }

    /** What the operator is asked before a revocation. */
    public static String confirmation(ApiKey key) {
        return "Revoke key " + key.name() + " (" + key.role().wire() + ")? Every instance refuses it at once; "
                + "whoever uses it needs a new key.";
    }

    /** Revokes {@code key} (the view has asked for confirmation). */
    public void revoke(ApiKey key) {
        HireloadClient client = session.clientOrTell(notice::set).orElse(null);
        if (client == null) {
            return;
        }
        background.whileBusy(busy, () -> {
            client.deleteKey(key.id());
            return key;
        }, gone -> {
            notice.set(Notice.success("Revoked key " + gone.name() + "."));
            list(pager.get().page());
        }, problem -> notice.set(Notice.error("Cannot revoke key " + key.name() + ". " + Problems.describe(problem))));
    }

    /** A last day means the key works through that day (UTC) and stops at the next midnight. */
    static java.time.Instant expiry(LocalDate lastDay) {
        return lastDay == null ? null : lastDay.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    public ObservableList<ApiKey> keys() {
        return keys;
    }

    public ObjectProperty<Pager> pagerProperty() {
        return pager;
    }

    public StringProperty nameProperty() {
        return name;
    }

    public ObjectProperty<Role> roleProperty() {
        return role;
    }

    public ObjectProperty<LocalDate> lastDayProperty() {
        return lastDay;
    }

    public ObjectProperty<CreatedKey> createdProperty() {
        return created;
    }

    public BooleanProperty busyProperty() {
        return busy;
    }

    public ObjectProperty<Notice> noticeProperty() {
        return notice;
    }
}
