package io.hireload.admin.audit;

import io.hireload.admin.support.Columns;
import io.hireload.admin.support.NoticeLabel;
import io.hireload.model.AuditEntry;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.ToolBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.stream.Collectors;

/** The Audit tab (admins): who did what, newest first, filtered by person and day. */
public final class AuditView extends VBox {

    public AuditView(AuditViewModel model) {
        setId("audit-view");
        getStyleClass().add("view");
        setSpacing(8);
        setPadding(new Insets(12));

        TableView<AuditEntry> list = new TableView<>(model.entries());
        list.setId("audit-table");
        list.setPlaceholder(new Label("Nothing recorded for these filters."));
        list.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        list.getColumns().add(Columns.of("When (UTC)", 190, e -> e.at().toString()));
        list.getColumns().add(Columns.of("Who", 120, AuditEntry::actor));
        list.getColumns().add(Columns.of("Role", 70, e -> e.role() == null ? "" : e.role().wire()));
        list.getColumns().add(Columns.of("Method", 70, AuditEntry::method));
        list.getColumns().add(Columns.of("Path", 300, AuditEntry::path));
        list.getColumns().add(Columns.of("Status", 60, AuditEntry::status));
        list.getColumns().add(Columns.of("Loads", 80, e -> e.loadIds().stream().map(String::valueOf)
                .collect(Collectors.joining(", "))));
        list.getColumns().add(Columns.of("From", 130, e -> e.client() == null ? "" : e.client()));
        VBox.setVgrow(list, Priority.ALWAYS);

        Button previous = new Button("Newer");
        previous.setId("audit-newer");
        previous.disableProperty().bind(Bindings.createBooleanBinding(() -> !model.pagerProperty().get().hasPrevious(),
                model.pagerProperty()));
        previous.setOnAction(event -> model.show(model.pagerProperty().get().page() - 1));
        Button next = new Button("Older");
        next.setId("audit-older");
        next.disableProperty().bind(Bindings.createBooleanBinding(() -> !model.pagerProperty().get().hasNext(),
                model.pagerProperty()));
        next.setOnAction(event -> model.show(model.pagerProperty().get().page() + 1));
        Label pages = new Label();
        pages.textProperty().bind(Bindings.createStringBinding(() -> model.pagerProperty().get().caption(),
                model.pagerProperty()));
        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        ToolBar paging = new ToolBar(spring, pages, previous, next);

        getChildren().addAll(new AuditFilters(model), new NoticeLabel("audit-notice", model.noticeProperty()), paging, list);
    }
}
