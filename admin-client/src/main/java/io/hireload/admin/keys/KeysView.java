package io.hireload.admin.keys;

import io.hireload.admin.support.Columns;
import io.hireload.admin.support.ConfirmedAction;
import io.hireload.admin.support.NoticeLabel;
import io.hireload.model.ApiKey;
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

import java.time.Instant;

/** The Keys tab (admins): make a key and copy its secret once, list the keys, revoke one after a confirmation. */
public final class KeysView extends VBox {

    public KeysView(KeysViewModel model) {
        setId("keys-view");
        getStyleClass().add("view");
        setSpacing(8);
        setPadding(new Insets(12));

        TableView<ApiKey> list = new TableView<>(model.keys());
        list.setId("keys-table");
        list.setPlaceholder(new Label("No named keys yet: the bootstrap keys from the environment are not listed."));
        list.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        list.getColumns().add(Columns.of("Name", 140, ApiKey::name));
        list.getColumns().add(Columns.of("Role", 80, k -> k.role().wire()));
        list.getColumns().add(Columns.of("Created (UTC)", 190, k -> time(k.createdAt())));
        list.getColumns().add(Columns.of("By", 100, ApiKey::createdBy));
        list.getColumns().add(Columns.of("Expires (UTC)", 190, k -> k.expiresAt() == null ? "never" : time(k.expiresAt())));
        list.getColumns().add(Columns.of("Last used (UTC)", 190, k -> k.lastUsedAt() == null ? "never" : time(k.lastUsedAt())));
        VBox.setVgrow(list, Priority.ALWAYS);

        Button revoke = ConfirmedAction.onSelected("Revoke selected…", "revoke-key", list, model.busyProperty(),
                chosen -> new ConfirmedAction.Question("Revoke " + chosen.name(), "Revoke key " + chosen.name() + "?",
                        KeysViewModel.confirmation(chosen)),
                model::revoke);
        Button refresh = new Button("Refresh");
        refresh.setId("refresh-keys");
        refresh.setOnAction(event -> model.list(model.pagerProperty().get().page()));
        Label pages = new Label();
        pages.textProperty().bind(Bindings.createStringBinding(() -> model.pagerProperty().get().caption(),
                model.pagerProperty()));
        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        ToolBar bar = new ToolBar(refresh, spring, pages, revoke);

        getChildren().addAll(new KeyForm(model), new SecretPane(model),
                new NoticeLabel("keys-notice", model.noticeProperty()), bar, list);
    }

    private static String time(Instant at) {
        return at == null ? "" : at.toString();
    }
}
