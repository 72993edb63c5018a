package io.hireload.model;

import java.util.Map;

/** The answer of {@code GET /}: who is answering and where to go next. */
public record ServiceInfo(String name, String version, Map<String, String> links) {
}
