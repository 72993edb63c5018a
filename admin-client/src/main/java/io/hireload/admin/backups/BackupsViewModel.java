package io.hireload.admin.backups;

import io.hireload.admin.support.Background;
import io.hireload.admin.support.Formats;
import io.hireload.admin.support.Notice;
import io.hireload.admin.support.Pager;
import io.hireload.admin.support.Problems;
import io.hireload.admin.support.Session;
import io.hireload.client.HireloadClient;
import io.hireload.model.BackupInfo;
import io.hireload.model.RestoreReport;
import io.hireload.model.TableName;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.List;
import java.util.Optional;

/**
 * Backs tables up to Avro files and restores them. A restore replaces a table's rows, so the view
 * asks for a confirmation first; the sentence it asks is built here, where it can be tested.
 */
public final class BackupsViewModel {
    static final int PAGE_SIZE = 100;

    private final Session session;
    private final Background background;

    /** Which table to back up and to list; empty means all of them. */
    private final ObjectProperty<Optional<TableName>> table = new SimpleObjectProperty<>(this, "table", Optional.empty());
    private final ObservableList<BackupInfo> backups = FXCollections.observableArrayList();
    private final ObjectProperty<Pager> pager = new SimpleObjectProperty<>(this, "pager", Pager.empty(PAGE_SIZE));
    private final BooleanProperty busy = new SimpleBooleanProperty(this, "busy");
    private final ObjectProperty<Notice> notice = new SimpleObjectProperty<>(this, "notice", Notice.NONE);
    private final ReadOnlyIntegerWrapper restores = new ReadOnlyIntegerWrapper(this, "restores");

    public BackupsViewModel(Session session, Background background) {
        this.session = session;
        this.background = background;
        table.addListener((obs, old, now) -> list(1));
        session.clientProperty().addListener((obs, old, now) -> {
            backups.clear();
            pager.set(Pager.empty(PAGE_SIZE));
            if (now != null) {
                list(1);
            }
        });
    }

    public void list(int page) {
        HireloadClient client = session.client().orElse(null);
        if (client == null) {
            return;
        }
        TableName which = table.get().orElse(null);
        int wanted = pager.get().pages() == 0 ? 1 : pager.get().clamp(page);
        background.run(() -> client.backups(which, wanted, PAGE_SIZE), answer -> {
            backups.setAll(answer.items());
            pager.set(Pager.of(answer));
        }, problem -> notice.set(Notice.error("Cannot list the backups. " + Problems.describe(problem))));
    }

    /** Backs up the chosen table, or all three from one snapshot. */
    public void backUp() {
        HireloadClient client = session.clientOrTell(notice::set).orElse(null);
        if (client == null) {
            return;
        }
        Optional<TableName> which = table.get();
        notice.set(Notice.info("Backing up " + which.map(TableName::path).orElse("all tables") + " ..."));
        background.whileBusy(busy,
                () -> which.map(t -> List.of(client.backup(t))).orElseGet(() -> client.backupAll().backups()),
                made -> {
                    notice.set(Notice.success("Backed up " + String.join(", ", made.stream()
                            .map(b -> b.table() + " (" + Formats.count(b.rows()) + " rows, backup " + b.id() + ")").toList()) + "."));
                    list(1);
                }, problem -> notice.set(Notice.error("The backup failed. " + Problems.describe(problem))));
    }

    /** What the operator is asked before a restore: what goes, what comes back. */
    public static String confirmation(BackupInfo backup) {
        return "Replace every row of " + backup.table() + " with the " + Formats.count(backup.rows())
                + " rows of backup " + backup.id() + (backup.createdAt() == null ? "" : " taken " + backup.createdAt())
                + "? Rows that are not in the backup are deleted.";
    }

    /** Restores {@code backup} into its table (the view has asked for confirmation). */
    public void restore(BackupInfo backup) {
        HireloadClient client = session.client().orElse(null);
        Optional<TableName> target = TableName.fromPath(backup.table());
        if (client == null || target.isEmpty()) {
            notice.set(Notice.error("Cannot restore backup " + backup.id() + " of \"" + backup.table() + "\"."));
            return;
        }
        notice.set(Notice.info("Restoring " + backup.table() + " from backup " + backup.id() + " ..."));
        background.whileBusy(busy, () -> client.restore(target.get(), backup.id()), report -> {
            restores.set(restores.get() + 1);
            notice.set(Notice.success(summary(report)));
        }, problem -> notice.set(Notice.error("The restore failed; the table is as it was. "
                + Problems.describe(problem))));
    }

    static String summary(RestoreReport report) {
        return "Restored " + report.table() + " from backup " + report.backupId() + ": " + Formats.count(report.rows())
                + " rows (" + Formats.count(report.inserted()) + " inserted, " + Formats.count(report.updated()) + " updated, "
                + Formats.count(report.unchanged()) + " unchanged, " + Formats.count(report.deleted()) + " deleted).";
    }

    public ObjectProperty<Optional<TableName>> tableProperty() {
        return table;
    }

    public ObservableList<BackupInfo> backups() {
        return backups;
    }

    public ObjectProperty<Pager> pagerProperty() {
        return pager;
    }

    public BooleanProperty busyProperty() {
        return busy;
    }

    public ObjectProperty<Notice> noticeProperty() {
        return notice;
    }

    /** Counts finished restores, so the views showing table data know to refresh. */
    public ReadOnlyIntegerProperty restoresProperty() {
        return restores.getReadOnlyProperty();
    }
}
