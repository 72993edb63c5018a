package io.hireload.model;

import java.util.List;

/** The answer of {@code POST /all-tables/batch}: one report per table, in load order. */
public record LoadsAnswer(List<LoadReport> loads) {
}
