package io.hireload.admin;

import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.layout.GridPane;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The window's menus, built from the shortcuts so every main action is reachable by keyboard, and
 * Help lists them all: what the menus show is what the keys do.
 */
final class MainMenu extends MenuBar {
    private final List<Shortcut> shortcuts;

    MainMenu(List<Shortcut> shortcuts) {
        this.shortcuts = List.copyOf(shortcuts);
        setId("main-menu");
        Map<String, Menu> menus = new LinkedHashMap<>();
        for (Shortcut shortcut : shortcuts) {
            MenuItem item = new MenuItem(shortcut.action());
            item.setId("menu-" + shortcut.action().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-")
                    .replaceAll("-+$", ""));
            item.setAccelerator(shortcut.keys());
            item.setOnAction(e -> shortcut.run().run());
            menus.computeIfAbsent(shortcut.menu(), Menu::new).getItems().add(item);
        }
        MenuItem keys = new MenuItem("Keyboard shortcuts");
        keys.setId("menu-keyboard-shortcuts");
        keys.setAccelerator(javafx.scene.input.KeyCombination.keyCombination("F1"));
        keys.setOnAction(e -> showShortcuts());
        menus.computeIfAbsent("Help", Menu::new).getItems().add(keys);
        getMenus().addAll(menus.values());
    }

    /** Every shortcut with its keys, as the operator types them on this platform. */
    GridPane shortcutTable() {
        GridPane grid = new GridPane();
        grid.setId("shortcut-table");
        grid.setHgap(24);
        grid.setVgap(4);
        int row = 0;
        for (Shortcut shortcut : shortcuts) {
            grid.addRow(row++, new Label(shortcut.keys().getDisplayText()), new Label(shortcut.menu() + " › "
                    + shortcut.action()));
        }
        grid.addRow(row, new Label("F1"), new Label("Help › Keyboard shortcuts"));
        return grid;
    }

    private void showShortcuts() {
        Alert alert = new Alert(Alert.AlertType.INFORMATION, "", ButtonType.CLOSE);
        alert.setTitle("Keyboard shortcuts");
        alert.setHeaderText("Keyboard shortcuts");
        alert.getDialogPane().setContent(shortcutTable());
        if (getScene() != null) {
            alert.initOwner(getScene().getWindow());
        }
        alert.show();
    }
}
