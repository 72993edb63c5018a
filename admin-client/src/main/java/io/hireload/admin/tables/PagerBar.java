package io.hireload.admin.tables;

import io.hireload.admin.support.Pager;
import javafx.beans.binding.Bindings;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

import java.util.function.Predicate;

/** First, previous, next, last, page size and go to id, for one paged table. */
final class PagerBar extends ToolBar {

    PagerBar(String idPrefix, PagedTableModel<?> model) {
        Button first = button(idPrefix + "-first", "«", "First page", model::first, model, p -> !p.hasPrevious());
        Button previous = button(idPrefix + "-previous", "‹", "Previous page", model::previous, model, p -> !p.hasPrevious());
        Button next = button(idPrefix + "-next", "›", "Next page", model::next, model, p -> !p.hasNext());
        Button last = button(idPrefix + "-last", "»", "Last page", model::last, model, p -> !p.hasNext());

        Label caption = new Label();
        caption.setId(idPrefix + "-page");
        caption.setMinWidth(180);
        caption.textProperty().bind(Bindings.createStringBinding(() -> model.pagerProperty().get().caption(),
                model.pagerProperty()));

        ChoiceBox<Integer> size = new ChoiceBox<>();
        size.setId(idPrefix + "-size");
        size.getItems().setAll(PagedTableModel.PAGE_SIZES);
        size.setValue(model.sizeProperty().get());
        size.valueProperty().addListener((obs, old, now) -> {
            if (now != null) {
                model.sizeProperty().set(now);
            }
        });

        TextField id = new TextField();
        id.setId(idPrefix + "-goto");
        id.setPromptText("id");
        id.setPrefColumnCount(6);
        Button go = new Button("Go to id");
        go.setId(idPrefix + "-goto-button");
        go.setOnAction(event -> model.goToId(id.getText()));
        id.setOnAction(event -> model.goToId(id.getText()));

        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        getItems().addAll(first, previous, caption, next, last, new Label("rows per page"), size, spring, id, go);
    }

    private static Button button(String id, String text, String tip, Runnable action, PagedTableModel<?> model,
                                 Predicate<Pager> disabled) {
        Button button = new Button(text);
        button.setId(id);
        button.setTooltip(new Tooltip(tip));
        button.setOnAction(event -> action.run());
        button.disableProperty().bind(Bindings.createBooleanBinding(
                () -> model.busyProperty().get() || disabled.test(model.pagerProperty().get()),
                model.pagerProperty(), model.busyProperty()));
        return button;
    }
}
