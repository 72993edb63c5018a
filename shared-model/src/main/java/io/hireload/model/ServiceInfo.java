package io.hireload.model;

import java.util.Map;

/**
 * The answer of {@code GET /}: who is answering and where to go next. {@code instance} names this
 * server among the instances that share the database ({@code HIRELOAD_INSTANCE_ID}); loads'
 * {@code file_reports} name the instance that worked each object the same way.
 */
public record ServiceInfo(String name, String version, String instance, Map<String, String> links) {
}
