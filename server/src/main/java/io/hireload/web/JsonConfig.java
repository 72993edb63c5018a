package io.hireload.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hireload.model.Json;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;
import jakarta.enterprise.context.Dependent;

/** The API's one JSON configuration (snake_case, ISO instants), shared with the typed client. */
@Provider
@Dependent
public class JsonConfig implements ContextResolver<ObjectMapper> {
    @Override
    public ObjectMapper getContext(Class<?> type) {
        return Json.mapper();
    }
}
