package io.hireload.admin.tables;

import io.hireload.admin.support.Columns;
import io.hireload.admin.support.NoticeLabel;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.util.List;

/** One table on screen: the pager on top, then the rows of the current page. */
final class PagedTableView<T> extends VBox {

    PagedTableView(String idPrefix, PagedTableModel<T> model, List<Column<T>> columns) {
        setSpacing(4);
        TableView<T> table = new TableView<>(model.items());
        table.setId(idPrefix + "-table");
        table.setPlaceholder(new Label("No rows. Connect, or load the " + model.noun() + " on the Loads tab."));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        for (Column<T> spec : columns) {
            TableColumn<T, ?> column = Columns.of(spec.title(), spec.width(), spec.value());
            column.setSortable(false); // the server orders by id; sorting one page would mislead
            table.getColumns().add(column);
        }
        model.foundProperty().addListener((obs, old, now) -> {
            if (now != null) {
                table.getSelectionModel().select(now);
                table.scrollTo(now);
            }
        });
        VBox.setVgrow(table, Priority.ALWAYS);
        getChildren().addAll(new PagerBar(idPrefix, model), new NoticeLabel(idPrefix + "-notice", model.noticeProperty()), table);
    }
}
