package io.hireload.admin.files;

import io.hireload.admin.loads.RunningLoad;
import io.hireload.admin.support.Background;
import io.hireload.admin.support.Formats;
import io.hireload.admin.support.Notice;
import io.hireload.admin.support.Problems;
import io.hireload.admin.support.Session;
import io.hireload.model.Role;
import javafx.beans.binding.BooleanBinding;
import io.hireload.admin.support.Ticker;
import io.hireload.client.HireloadClient;
import io.hireload.model.ApiPaths;
import io.hireload.model.BucketFile;
import io.hireload.model.LoadReport;
import io.hireload.model.StoredFile;
import io.hireload.model.TableName;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * The Files tab: a table's CSV files in the bucket with their loaded state, and uploads from the
 * operator's disk (file chooser or a drop on the window), each with its progress, then its load's.
 */
public final class FilesViewModel {
    static final Duration PROGRESS_EVERY = Duration.ofMillis(100);

    private final Session session;
    private final Background background;
    private final Ticker ticker;
    private final Function<LoadReport, RunningLoad> follow;

    private final ObjectProperty<TableName> table = new SimpleObjectProperty<>(this, "table", TableName.EMPLOYEES);
    private final ObservableList<BucketFile> files = FXCollections.observableArrayList();
    private final BooleanProperty loadAfterUpload = new SimpleBooleanProperty(this, "loadAfterUpload", true);
    private final BooleanProperty uploading = new SimpleBooleanProperty(this, "uploading");
    private final DoubleProperty uploadFraction = new SimpleDoubleProperty(this, "uploadFraction", 0);
    private final ObjectProperty<RunningLoad> load = new SimpleObjectProperty<>(this, "load");
    private final ObjectProperty<Notice> notice = new SimpleObjectProperty<>(this, "notice", Notice.NONE);
    /** The upload's worker while it sends, so Cancel can interrupt it (HttpClient then aborts the exchange). */
    private final AtomicReference<Thread> sender = new AtomicReference<>();
    private final AtomicBoolean cancelled = new AtomicBoolean();

    public FilesViewModel(Session session, Background background, Ticker ticker,
                          Function<LoadReport, RunningLoad> follow) {
        this.session = session;
        this.background = background;
        this.ticker = ticker;
        this.follow = follow;
        table.addListener((obs, old, now) -> refresh());
        session.clientProperty().addListener((obs, old, now) -> {
            files.clear();
            if (now != null) {
                refresh();
            }
        });
    }

    public void refresh() {
        HireloadClient client = session.client().orElse(null);
        TableName of = table.get();
        if (client == null || of == null) {
            return;
        }
        background.run(() -> client.files(of, 1, ApiPaths.MAX_PAGE_SIZE), page -> {
            if (of == table.get()) {
                files.setAll(page.items());
            }
        }, problem -> notice.set(Notice.error("Cannot list the files of " + of.path() + ". "
                + Problems.describe(problem))));
    }

    /** Whether a file of this name can be uploaded (the server checks the rest). */
    public static boolean uploadable(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".csv") || name.endsWith(".csv.gz");
    }

    /**
     * Uploads a file from disk into the chosen table's folder, under its own name; then, when
     * asked, the server loads the table and its bar follows here and on the Loads tab.
     */
    public void upload(Path file) {
        HireloadClient client = session.clientOrTell(notice::set).orElse(null);
        if (client == null) {
            return;
        }
        if (uploading.get()) {
            notice.set(Notice.error("An upload is under way; wait for it to finish."));
            return;
        }
        if (!uploadable(file)) {
            notice.set(Notice.error(file.getFileName() + " is not a .csv or .csv.gz file."));
            return;
        }
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            notice.set(Notice.error("Cannot read " + file + ": " + e.getMessage()));
            return;
        }
        if (size == 0) {
            notice.set(Notice.error(file.getFileName() + " is empty: nothing to upload."));
            return;
        }
        TableName into = table.get();
        boolean andLoad = loadAfterUpload.get();
        String name = file.getFileName().toString();
        AtomicLong sent = new AtomicLong();
        uploading.set(true);
        uploadFraction.set(0);
        load.set(null);
        notice.set(Notice.info("Uploading " + name + " into " + into.path() + " ..."));
        // The bytes go out on a worker; the bar reads their count on the FX thread.
        Runnable stopProgress = ticker.every(PROGRESS_EVERY,
                () -> uploadFraction.set(size == 0 ? 1 : (double) sent.get() / size));
        cancelled.set(false);
        background.run(() -> sending(() -> client.upload(into, name, file, andLoad, bytes -> {
            if (cancelled.get()) {
                throw new CancellationException("upload cancelled");
            }
            sent.set(bytes);
        })), stored -> {
            stopProgress.run();
            uploading.set(false);
            uploadFraction.set(1);
            uploaded(client, into, stored);
        }, problem -> {
            stopProgress.run();
            uploading.set(false);
            if (cancelled.get()) {
                uploadFraction.set(0);
                notice.set(Notice.info("Upload of " + name + " cancelled: nothing was stored (the server keeps "
                        + "a file only once all of it has arrived)."));
            } else {
                notice.set(Notice.error("The upload of " + name + " failed. " + Problems.describe(problem)));
            }
        });
    }

    /** Stops the upload under way: the request is aborted and the server stores nothing of it. */
    public void cancelUpload() {
        if (!uploading.get()) {
            return;
        }
        cancelled.set(true);
        notice.set(Notice.info("Cancelling the upload ..."));
        synchronized (sender) {
            Thread thread = sender.get();
            if (thread != null) {
                thread.interrupt();
            }
        }
    }

    private <T> T sending(Callable<T> upload) throws Exception {
        synchronized (sender) {
            sender.set(Thread.currentThread());
        }
        try {
            return upload.call();
        } finally {
            synchronized (sender) {
                sender.set(null);
                Thread.interrupted(); // a cancel that came as the upload ended must not hit the pool's next task
            }
        }
    }

    /**
     * Loads the table's files again, those already loaded too ({@code force}); with {@code dryRun}
     * only checks them: a plain dry run skips a loaded file and so would check nothing.
     */
    public void loadAgain(boolean dryRun) {
        HireloadClient client = session.clientOrTell(notice::set).orElse(null);
        TableName of = table.get();
        if (client == null || of == null) {
            return;
        }
        String what = (dryRun ? "A dry run of " : "A load of ") + "every " + of.path() + " file";
        notice.set(Notice.info(what + " is starting ..."));
        background.run(() -> client.startLoad(of, ApiPaths.MAX_BATCH_SIZE, dryRun, true), first -> {
            RunningLoad running = follow.apply(first);
            load.set(running);
            notice.set(Notice.info(what + ", loaded or not: load " + first.loadId() + " (see its bar)."));
            running.whenFinished(() -> {
                refresh();
                notice.set(running.endNotice("Load " + running.loadId() + " of " + running.table()
                        + (dryRun ? " (dry run)" : "")));
            });
        }, problem -> notice.set(Notice.error(what + " did not start. " + Problems.describe(problem))));
    }

    /** Deletes a file of the table from the bucket (the view asks first); the server refuses while a load reads it. */
    public void delete(BucketFile file) {
        HireloadClient client = session.clientOrTell(notice::set).orElse(null);
        TableName of = table.get();
        if (client == null || of == null || file == null) {
            return;
        }
        background.run(() -> {
            client.deleteFile(of, nameOf(file));
            return file;
        }, gone -> {
            files.remove(gone);
            notice.set(Notice.success("Deleted " + gone.key() + " from the bucket."));
            refresh();
        }, problem -> notice.set(Notice.error("Cannot delete " + file.key() + ". " + Problems.describe(problem))));
    }

    /** The file's name in its folder: what PUT and DELETE /files/{table}/{name} take. */
    static String nameOf(BucketFile file) {
        return file.key().substring(file.key().lastIndexOf('/') + 1);
    }

    /** An upload is under way: what quitting would cut off. */
    public boolean busy() {
        return uploading.get();
    }

    private void uploaded(HireloadClient client, TableName into, StoredFile stored) {
        refresh();
        if (stored.loadId() == null) {
            notice.set(Notice.success("Uploaded " + stored.key() + " (" + Formats.bytes(stored.size()) + ")."));
            return;
        }
        notice.set(Notice.info("Uploaded " + stored.key() + "; loading " + into.path() + " (load "
                + stored.loadId() + ") ..."));
        background.run(() -> client.loadById(stored.loadId()), first -> {
            RunningLoad running = follow.apply(first);
            load.set(running);
            running.whenFinished(() -> {
                refresh();
                notice.set(running.endNotice("Load " + running.loadId() + " of " + running.table()));
            });
        }, problem -> notice.set(Notice.error("Cannot follow load " + stored.loadId() + ". "
                + Problems.describe(problem))));
    }

    public ObjectProperty<TableName> tableProperty() {
        return table;
    }

    public ObservableList<BucketFile> files() {
        return files;
    }

    public BooleanProperty loadAfterUploadProperty() {
        return loadAfterUpload;
    }

    /** Whether the connected key's role may upload (loader or admin). */
    public BooleanBinding mayUploadBinding() {
        return session.allows(Role.LOADER);
    }

    public BooleanProperty uploadingProperty() {
        return uploading;
    }

    public DoubleProperty uploadFractionProperty() {
        return uploadFraction;
    }

    public ObjectProperty<RunningLoad> loadProperty() {
        return load;
    }

    public ObjectProperty<Notice> noticeProperty() {
        return notice;
    }

}
