package io.hireload.admin.support;

import javafx.beans.binding.Bindings;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.TableView;

import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A button for what cannot be undone, done to the row selected in a list (revoke a key, restore a
 * backup, delete a file): off while nothing is selected or while {@code busy}, and it acts only once
 * the operator has pressed OK in a confirmation that says what will happen.
 */
public final class ConfirmedAction {
    /** The confirmation's window title, its question, and what will happen. */
    public record Question(String title, String header, String text) {
    }

    private ConfirmedAction() {
    }

    public static <T> Button onSelected(String text, String id, TableView<T> list, ObservableBooleanValue busy,
                                        Function<T, Question> question, Consumer<T> action) {
        Button button = new Button(text);
        button.setId(id);
        button.disableProperty().bind(Bindings.or(busy, list.getSelectionModel().selectedItemProperty().isNull()));
        button.setOnAction(event -> {
            T chosen = list.getSelectionModel().getSelectedItem();
            Question asked = question.apply(chosen);
            Alert confirm = new Alert(Alert.AlertType.CONFIRMATION, asked.text(), ButtonType.CANCEL, ButtonType.OK);
            confirm.setTitle(asked.title());
            confirm.setHeaderText(asked.header());
            confirm.initOwner(button.getScene().getWindow());
            confirm.showAndWait().filter(ButtonType.OK::equals).ifPresent(ok -> action.accept(chosen));
        });
        return button;
    }

    /** The same, for an action with no call of its own under way to wait for. */
    public static <T> Button onSelected(String text, String id, TableView<T> list, Function<T, Question> question,
                                        Consumer<T> action) {
        return onSelected(text, id, list, new SimpleBooleanProperty(false), question, action);
    }
}
