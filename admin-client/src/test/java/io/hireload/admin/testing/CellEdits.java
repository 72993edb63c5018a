package io.hireload.admin.testing;

import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** Edits a table cell in place as an operator does: start editing it, type the value, press Enter. */
public final class CellEdits {
    private CellEdits() {
    }

    public static <S> void edit(FxRobot robot, TableView<S> table, int row, String column, String text) {
        TableColumn<S, ?> target = table.getColumns().stream()
                .filter(c -> c.getText().equals(column)).findFirst().orElseThrow();
        robot.interact(() -> {
            table.requestFocus();
            table.scrollTo(row);
            table.layout();
            table.getSelectionModel().clearAndSelect(row, target);
            table.edit(row, target);
        });
        WaitForAsyncUtils.waitForFxEvents();
        TextField editor = robot.from(table).lookup(".text-field").queryAs(TextField.class);
        robot.interact(() -> {
            editor.requestFocus();
            editor.setText(text);
            editor.positionCaret(text.length());
        });
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
    }
}
