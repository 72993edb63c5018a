package io.hireload.admin.support;

import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.TableColumn;

import java.util.function.Function;

/** The read-only table columns every tab shows: a title, a preferred width, and what a row shows in it. */
public final class Columns {
    private Columns() {
    }

    public static <T, V> TableColumn<T, V> of(String title, double width, Function<T, V> value) {
        TableColumn<T, V> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        return column;
    }
}
