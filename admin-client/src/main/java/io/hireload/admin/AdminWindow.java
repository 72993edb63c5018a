package io.hireload.admin;

import io.hireload.admin.backups.BackupsView;
import io.hireload.admin.connect.ConnectView;
import io.hireload.admin.loads.LoadsView;
import io.hireload.admin.metrics.MetricsView;
import io.hireload.admin.tables.TablesView;
import javafx.scene.Node;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.BorderPane;

/** The main window's content: one tab per task, the connection's state along the bottom. */
public final class AdminWindow extends BorderPane {
    public static final String STYLESHEET = AdminWindow.class.getResource("admin.css").toExternalForm();

    private final TabPane tabs = new TabPane();

    public AdminWindow(AdminContext context) {
        setId("admin-window");
        getStylesheets().add(STYLESHEET);
        tabs.setId("main-tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        Tab loads = tab("loads", "Loads", new LoadsView(context.loads()));
        Tab tables = tab("tables", "Tables", new TablesView(context.tables()));
        Tab metrics = tab("metrics", "Metrics", new MetricsView(context.metrics()));
        Tab backups = tab("backups", "Backups", new BackupsView(context.backups()));
        tabs.getTabs().addAll(tab("connect", "Connect", new ConnectView(context.connect())), loads, tables, metrics, backups);
        // Until the server accepted the key there is nothing the other tabs could show.
        for (Tab tab : new Tab[] {loads, tables, metrics, backups}) {
            tab.disableProperty().bind(context.session().connectedBinding().not());
        }
        setCenter(tabs);
        setBottom(new StatusBar(context.session(), context.background().runningProperty()));
    }

    /** Brings a tab to the front by its id (connect, loads, tables, metrics, backups). */
    public void show(String id) {
        tabs.getTabs().stream().filter(tab -> tab.getId().equals("tab-" + id)).findFirst()
                .ifPresent(tab -> tabs.getSelectionModel().select(tab));
    }

    private static Tab tab(String id, String title, Node content) {
        Tab tab = new Tab(title, content);
        tab.setId("tab-" + id);
        return tab;
    }
}
