package io.hireload.admin.tables;

import java.util.function.Function;

/** A column of a browsed table: its title, width and how to read a row's value. */
public record Column<T>(String title, double width, Function<T, ?> value) {
}
