package io.hireload.admin;

import io.hireload.admin.audit.AuditView;
import io.hireload.admin.backups.BackupsView;
import io.hireload.admin.connect.ConnectView;
import io.hireload.admin.files.FilesView;
import io.hireload.admin.files.FilesViewModel;
import io.hireload.admin.keys.KeysView;
import io.hireload.admin.loads.LoadsView;
import io.hireload.admin.metrics.MetricsView;
import io.hireload.admin.support.Notice;
import io.hireload.admin.tables.TablesView;
import io.hireload.model.Role;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.input.DragEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;

import java.io.File;
import java.nio.file.Path;
import java.util.List;

/**
 * The main window's content: the menus (every main action has a key), one tab per task, the
 * connection's state along the bottom. A CSV dropped anywhere on it is uploaded from the Files tab.
 */
public final class AdminWindow extends BorderPane {
    public static final String STYLESHEET = AdminWindow.class.getResource("admin.css").toExternalForm();

    private final TabPane tabs = new TabPane();
    private final AdminContext context;
    private final MainMenu menu;

    public AdminWindow(AdminContext context) {
        this.context = context;
        setId("admin-window");
        getStylesheets().add(STYLESHEET);
        tabs.setId("main-tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        FilesView filesView = new FilesView(context.files());
        TablesView tablesView = new TablesView(context.tables());
        Tab loads = tab("loads", "Loads", new LoadsView(context.loads(), context.fix()));
        Tab files = tab("files", "Files", filesView);
        Tab tables = tab("tables", "Tables", tablesView);
        Tab metrics = tab("metrics", "Metrics", new MetricsView(context.metrics()));
        Tab backups = tab("backups", "Backups", new BackupsView(context.backups()));
        Tab keys = tab("keys", "Keys", new KeysView(context.keys()));
        Tab audit = tab("audit", "Audit", new AuditView(context.audit()));
        tabs.getTabs().addAll(tab("connect", "Connect", new ConnectView(context.connect())), loads, files, tables,
                metrics, backups, keys, audit);
        // Until the server accepted the key there is nothing the other tabs could show.
        for (Tab tab : new Tab[] {loads, files, tables, metrics}) {
            tab.disableProperty().bind(context.session().connectedBinding().not());
        }
        // Backups, keys and the audit trail are the admin role's (the server's access table).
        for (Tab tab : new Tab[] {backups, keys, audit}) {
            tab.disableProperty().bind(context.session().allows(Role.ADMIN).not());
        }
        menu = new MainMenu(List.of(
                Shortcut.of("File", "Upload CSV…", "Shortcut+U", () -> {
                    show("files");
                    filesView.chooseAndUpload();
                }),
                Shortcut.of("File", "Quit", "Shortcut+Q", this::quit),
                Shortcut.of("Go", "Connect", "Shortcut+1", () -> show("connect")),
                Shortcut.of("Go", "Loads", "Shortcut+2", () -> show("loads")),
                Shortcut.of("Go", "Files", "Shortcut+3", () -> show("files")),
                Shortcut.of("Go", "Tables", "Shortcut+4", () -> show("tables")),
                Shortcut.of("Go", "Metrics", "Shortcut+5", () -> show("metrics")),
                Shortcut.of("Go", "Backups", "Shortcut+6", () -> show("backups")),
                Shortcut.of("Go", "Keys", "Shortcut+7", () -> show("keys")),
                Shortcut.of("Go", "Audit", "Shortcut+8", () -> show("audit")),
                Shortcut.of("Actions", "Start load", "Shortcut+L", () -> {
                    show("loads");
                    context.loads().start();
                }),
                Shortcut.of("Actions", "Find employee", "Shortcut+F", () -> {
                    show("tables");
                    tablesView.findEmployee();
                }),
                Shortcut.of("Actions", "Send fixed rows", "Shortcut+Enter", () -> context.fix().send()),
                Shortcut.of("Actions", "Refresh", "F5", this::refresh)));
        setTop(menu);
        setCenter(tabs);
        setBottom(new StatusBar(context.session(), context.background().runningProperty()));

        setOnDragOver(this::dragOver);
        setOnDragExited(e -> getStyleClass().remove("drop-target"));
        setOnDragDropped(e -> {
            getStyleClass().remove("drop-target");
            e.setDropCompleted(e.getDragboard().hasFiles()
                    && dropped(e.getDragboard().getFiles().stream().map(File::toPath).toList()));
            e.consume();
        });
    }

    /** Brings a tab to the front by its id (connect, loads, files, tables, metrics, backups, keys, audit). */
    public void show(String id) {
        tabs.getTabs().stream().filter(tab -> tab.getId().equals("tab-" + id)).findFirst()
                .filter(tab -> !tab.isDisabled())
                .ifPresent(tab -> tabs.getSelectionModel().select(tab));
    }

    /**
     * Files dropped on the window: the first CSV goes up into the Files tab's table (one upload at
     * a time, so its bar means one file). Answers whether an upload started.
     */
    public boolean dropped(List<Path> files) {
        FilesViewModel model = context.files();
        List<Path> csvs = files.stream().filter(FilesViewModel::uploadable).toList();
        if (csvs.isEmpty() || context.session().client().isEmpty()) {
            model.noticeProperty().set(Notice.error(context.session().client().isEmpty()
                    ? "Connect first, then drop the file again." : "Only .csv and .csv.gz files can be uploaded."));
            return false;
        }
        show("files");
        model.upload(csvs.get(0));
        if (csvs.size() > 1) {
            model.noticeProperty().set(Notice.info("Uploading " + csvs.get(0).getFileName() + "; drop the other "
                    + (csvs.size() - 1) + " one at a time."));
        }
        return true;
    }

    /** Closes the window, after asking when work is in flight (File › Quit, Ctrl+Q). */
    public void quit() {
        if (mayQuit()) {
            getScene().getWindow().hide();
        }
    }

    /**
     * Whether the window may close: at once when nothing is in flight, else when the operator says
     * so. The window's close button asks the same (AdminApp).
     */
    public boolean mayQuit() {
        String inFlight = QuitCheck.inFlight(context.files().busy(), context.loads().unfinished());
        if (inFlight.isEmpty()) {
            return true;
        }
        Alert ask = new Alert(Alert.AlertType.CONFIRMATION, inFlight, ButtonType.CANCEL, ButtonType.OK);
        ask.setTitle("Quit");
        ask.setHeaderText("Quit with work in flight?");
        ask.initOwner(getScene().getWindow());
        ((javafx.scene.control.Button) ask.getDialogPane().lookupButton(ButtonType.OK)).setText("Quit");
        return ask.showAndWait().filter(ButtonType.OK::equals).isPresent();
    }

    /** The menus, for the Help list of shortcuts (and its tests). */
    MainMenu menu() {
        return menu;
    }

    private void dragOver(DragEvent e) {
        if (e.getDragboard().hasFiles() && e.getDragboard().getFiles().stream()
                .anyMatch(file -> FilesViewModel.uploadable(file.toPath()))) {
            e.acceptTransferModes(TransferMode.COPY);
            if (!getStyleClass().contains("drop-target")) {
                getStyleClass().add("drop-target");
            }
        }
        e.consume();
    }

    private void refresh() {
        context.loads().refreshHistory();
        context.files().refresh();
        context.tables().reloadAll();
        context.metrics().refresh();
    }

    private static Tab tab(String id, String title, Node content) {
        Tab tab = new Tab(title, content);
        tab.setId("tab-" + id);
        return tab;
    }
}
