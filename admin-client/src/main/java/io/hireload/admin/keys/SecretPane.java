package io.hireload.admin.keys;

import io.hireload.model.CreatedKey;
import javafx.beans.binding.Bindings;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * A new key's secret, shown once: read-only, with a copy button, until the operator says it is
 * stored; then it is gone from the window and from the model.
 */
final class SecretPane extends VBox {

    SecretPane(KeysViewModel model) {
        setId("key-secret-pane");
        getStyleClass().add("secret-pane");
        setSpacing(6);
        visibleProperty().bind(model.createdProperty().isNotNull());
        managedProperty().bind(visibleProperty());

        Label title = new Label();
        title.setId("key-secret-title");
        title.textProperty().bind(Bindings.createStringBinding(() -> {
            CreatedKey made = model.createdProperty().get();
            return made == null ? "" : "The secret of " + made.key().name() + ": shown this once, the server keeps "
                    + "only a hash of it. Give it to its owner, who sends it as Authorization: Bearer <secret>.";
        }, model.createdProperty()));
        title.setWrapText(true);

        TextField secret = new TextField();
        secret.setId("key-secret");
        secret.setEditable(false);
        secret.textProperty().bind(Bindings.createStringBinding(() -> {
            CreatedKey made = model.createdProperty().get();
            return made == null ? "" : made.secret();
        }, model.createdProperty()));
        HBox.setHgrow(secret, Priority.ALWAYS);

        Button copy = new Button("Copy");
        copy.setId("copy-secret");
        copy.setOnAction(event -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(secret.getText());
            Clipboard.getSystemClipboard().setContent(content);
        });
        Button done = new Button("Done, it is stored");
        done.setId("secret-done");
        done.setOnAction(event -> model.secretTaken());

        HBox row = new HBox(6, secret, copy, done);
        getChildren().addAll(title, row);
    }
}
