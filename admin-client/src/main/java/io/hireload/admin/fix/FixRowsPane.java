package io.hireload.admin.fix;

import io.hireload.admin.support.NoticeLabel;
import io.hireload.model.TableName;
import io.hireload.rows.Columns;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.ToolBar;
import javafx.scene.control.cell.TextFieldTableCell;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

import java.util.List;

/** Rejected rows in an editable table: one column per CSV column, the reason live, and Send. */
public final class FixRowsPane extends VBox {
    private final FixRowsModel model;
    private final TableView<FixRow> table = new TableView<>();

    public FixRowsPane(FixRowsModel model) {
        this.model = model;
        setId("fix-rows-pane");
        setSpacing(4);
        table.setId("fix-rows");
        table.setItems(model.rows());
        table.setEditable(true);
        table.setPlaceholder(new Label("Nothing to fix: choose \"Fix and resend\" on a load's rejected rows."));
        // Columns come and go with the table being fixed; a constrained policy squeezes new ones to
        // nothing while the old widths are still laid out, so these keep their own widths and scroll.
        table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        VBox.setVgrow(table, Priority.ALWAYS);
        model.tableProperty().addListener((obs, old, now) -> columns(now));

        Label caption = new Label();
        caption.setId("fix-caption");
        caption.textProperty().bind(Bindings.createStringBinding(() -> model.tableProperty().get() == null
                ? "Fix and resend" : "Fix and resend · " + model.rows().size() + " "
                + model.tableProperty().get().path() + " rows", model.rows(), model.tableProperty()));
        Button send = new Button("Send fixed rows");
        send.setId("send-fixed");
        send.disableProperty().bind(model.sendingProperty().or(Bindings.isEmpty(model.rows())));
        send.setOnAction(e -> model.send());
        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        getChildren().addAll(new ToolBar(caption, spring, send), new NoticeLabel("fix-notice", model.noticeProperty()),
                table);
    }

    private void columns(TableName of) {
        table.getColumns().clear();
        if (of == null) {
            return;
        }
        table.getColumns().add(reasonColumn());
        TableColumn<FixRow, Long> line = new TableColumn<>("Line");
        line.setPrefWidth(55);
        line.setEditable(false);
        line.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue().line()));
        table.getColumns().add(line);
        List<String> names = Columns.of(of);
        for (int i = 0; i < names.size(); i++) {
            int index = i;
            TableColumn<FixRow, String> column = new TableColumn<>(names.get(i));
            column.setId("fix-column-" + names.get(i));
            column.setPrefWidth(names.get(i).equals("datetime") ? 180 : names.get(i).equals("id") ? 60
                    : names.get(i).endsWith("_id") ? 115 : 150);
            column.setCellValueFactory(cell -> cell.getValue().field(index));
            column.setCellFactory(TextFieldTableCell.forTableColumn());
            table.getColumns().add(column);
        }
    }

    /** First, so what is wrong is in view before the fields: the reason is what the operator reads. */
    private static TableColumn<FixRow, String> reasonColumn() {
        TableColumn<FixRow, String> reason = new TableColumn<>("Reason");
        reason.setId("fix-column-reason");
        reason.setPrefWidth(300);
        reason.setEditable(false);
        reason.setCellValueFactory(cell -> cell.getValue().reasonBinding());
        reason.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                getStyleClass().removeAll("reason-ready", "reason-problem");
                if (!empty && item != null) {
                    getStyleClass().add(item.equals(FixRow.READY) ? "reason-ready" : "reason-problem");
                }
            }
        });
        return reason;
    }
}
