package io.hireload.admin;

import javafx.scene.input.KeyCombination;

/** One keyboard shortcut: what it does, its keys, and the action; the menus and the Help list share them. */
record Shortcut(String menu, String action, KeyCombination keys, Runnable run) {
    static Shortcut of(String menu, String action, String keys, Runnable run) {
        return new Shortcut(menu, action, KeyCombination.keyCombination(keys), run);
    }
}
