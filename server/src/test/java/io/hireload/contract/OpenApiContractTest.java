package io.hireload.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hireload.model.Role;
import io.hireload.security.Access;
import io.hireload.support.Api;
import io.hireload.support.ApiDocument;
import io.hireload.support.ContractTools;
import io.hireload.support.EmbeddedServices;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import jakarta.inject.Inject;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.client.WebTarget;
import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationTarget;
import org.jboss.jandex.DotName;
import org.jboss.jandex.Index;
import org.jboss.jandex.IndexReader;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI document as integrators get it from {@code /openapi}: what third-party tools say of
 * it (Spectral's {@code spectral:oas} ruleset, Redocly's {@code spec} ruleset, both from the npm
 * registry), that it is exactly the contract file, and that it and the server's routes are the
 * same set of operations. PrismSessionTest checks what each operation answers.
 */
@ExtendWith(EmbeddedServices.class)
@HelidonTest
class OpenApiContractTest {
    /** Routes the server keeps for old clients and the document leaves out on purpose (CHANGELOG.md). */
    private static final Map<String, String> UNDOCUMENTED = Map.of(
            "GET /backups/{id}", "moved to /backups/by-id/{id}; its template was /backups/{table}'s, which OpenAPI forbids");
    /** Served by the web server rather than by JAX-RS resources. */
    private static final Set<String> NOT_JAX_RS = Set.of("GET /health", "GET /health/live", "GET /health/ready");

    private final Api api;
    private ApiDocument document;

    @Inject
    OpenApiContractTest(WebTarget target) {
        this.api = new Api(target);
    }

    @BeforeEach
    void fetchTheDocument() {
        document = ApiDocument.served(api);
    }

    @Test
    void spectralFindsNoErrorAndNoWarning() throws IOException {
        java.nio.file.Path report = java.nio.file.Path.of("target", "spectral.json").toAbsolutePath();
        ContractTools.Result spectral = ContractTools.run(Duration.ofMinutes(2), "spectral", "lint",
                document.file().toString(), "--ruleset", ContractTools.DIR.resolve(".spectral.yaml").toString(),
                "--format", "json", "--output", report.toString(), "--fail-severity", "hint");
        assertThat(Files.exists(report)).as("spectral wrote its report; it said:\n" + spectral.output()).isTrue();
        JsonNode results = new ObjectMapper().readTree(Files.readString(report));
        assertThat(results.isArray()).as(results.toString()).isTrue();
        assertThat(results).as("Spectral (spectral:oas) on /openapi: every error, warning, info and hint").isEmpty();
        assertThat(spectral.exit()).as(spectral.output()).isZero();
    }

    @Test
    void redoclyFindsNoError() {
        ContractTools.Result redocly = ContractTools.run(Duration.ofMinutes(2), "redocly", "lint", "--extends=spec",
                document.file().toString());
        assertThat(redocly.exit()).as("redocly lint --extends=spec on /openapi:\n" + redocly.output()).isZero();
        assertThat(redocly.output()).contains("Your API description is valid");
    }

    @Test
    void theServedDocumentIsTheContractFileAsWritten() throws IOException {
        Object written;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/openapi.yaml")) {
            written = new Yaml().load(in);
        }
        JsonNode file = new ObjectMapper().valueToTree(written);
        List<String> differences = new ArrayList<>();
        differences("", file, document.json(), differences);
        assertThat(differences).as("/openapi serves META-INF/openapi.yaml, nothing scanned or filtered in").isEmpty();
    }

    /** JSON pointers where {@code served} differs from {@code written}. */
    private static void differences(String at, JsonNode written, JsonNode served, List<String> out) {
        if (written.isObject() && served.isObject()) {
            Set<String> names = new TreeSet<>();
            written.fieldNames().forEachRemaining(names::add);
            served.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                differences(at + "/" + name, written.path(name), served.path(name), out);
            }
        } else if (written.isArray() && served.isArray() && written.size() == served.size()) {
            for (int i = 0; i < written.size(); i++) {
                differences(at + "/" + i, written.get(i), served.get(i), out);
            }
        } else if (!(written.isNumber() && served.isNumber() && written.decimalValue().compareTo(served.decimalValue()) == 0)
                && !written.equals(served)) {
            out.add(at + ": written " + written + ", served " + served);
        }
    }

    @Test
    void everyRouteOfTheServerIsDocumentedAndEveryDocumentedOperationIsARoute() throws IOException {
        Set<String> routes = jaxRsRoutes();
        Set<String> documented = new TreeSet<>(document.operations());

        Set<String> undocumented = new TreeSet<>(routes);
        undocumented.removeAll(documented);
        undocumented.removeAll(UNDOCUMENTED.keySet());
        assertThat(undocumented).as("JAX-RS routes missing from /openapi").isEmpty();

        Set<String> unserved = new TreeSet<>(documented);
        unserved.removeAll(routes);
        unserved.removeAll(NOT_JAX_RS);
        assertThat(unserved).as("documented operations no resource serves").isEmpty();
        for (String health : NOT_JAX_RS) {
            String path = health.substring(4);
            assertThat(api.send(api.request(path, null).GET().build()).statusCode()).as(health).isIn(200, 503);
        }
    }

    /**
     * The role each operation documents is the one security.Access gives its route (the one
     * table the server checks keys against), an open route documents none and needs no key, and
     * 403 is listed exactly where some valid key can meet it (a role above reader).
     */
    @Test
    void everyOperationNamesTheRoleTheAccessTableGivesIt() {
        for (String operation : document.operations()) {
            String[] parts = operation.split(" ", 2);
            String concrete = parts[1].replaceAll("\\{[^}]+}", "1");
            JsonNode op = document.operation(operation);
            String documented = op.path("x-required-role").asText(null);
            String needed = Access.needed(parts[0], concrete).map(Role::wire).orElse(null);
            if (NOT_JAX_RS.contains(operation)) {
                assertThat(documented).as(operation + " is open").isNull();
                continue;
            }
            assertThat(documented).as(operation + " x-required-role").isEqualTo(needed);
            // Open: no requirement at all, or an empty one among them (a key is optional, as on /health-s3).
            JsonNode security = op.path("security");
            boolean open = security.isArray() && (security.isEmpty()
                    || java.util.stream.StreamSupport.stream(security.spliterator(), false).anyMatch(JsonNode::isEmpty));
            assertThat(open).as(operation + " documented open exactly when the table leaves it open").isEqualTo(needed == null);
            assertThat(op.path("responses").has("403")).as(operation + " lists 403")
                    .isEqualTo(needed != null && !needed.equals(Role.READER.wire()));
        }
    }

    @Test
    void everyOperationSaysWhatItIsAndEveryErrorIsTheErrorBody() {
        for (String operation : document.operations()) {
            JsonNode op = document.operation(operation);
            assertThat(op.path("operationId").asText()).as(operation + " operationId").isNotBlank();
            assertThat(op.path("description").asText()).as(operation + " description").isNotBlank();
            assertThat(op.path("tags")).as(operation + " tags").isNotEmpty();
            op.path("responses").fields().forEachRemaining(status -> {
                JsonNode response = resolve(status.getValue());
                if (status.getKey().startsWith("4") || status.getKey().startsWith("5")) {
                    JsonNode schema = response.path("content").path("application/json").path("schema");
                    if (!operation.contains("/health")) {
                        assertThat(schema.path("$ref").asText()).as(operation + " " + status.getKey())
                                .isEqualTo("#/components/schemas/ApiError");
                    }
                }
            });
            op.path("parameters").forEach(parameter -> {
                JsonNode schema = resolve(parameter).path("schema");
                assertThat(resolve(schema).path("type").asText()).as(operation + " " + resolve(parameter).path("name"))
                        .isIn("integer", "boolean", "string");
            });
        }
        JsonNode report = document.json().at("/components/schemas/LoadReport");
        assertThat(report.at("/properties/error/nullable").asBoolean()).as("a report's error is null unless it failed").isTrue();
        assertThat(report.path("required")).isNotEmpty();
        assertThat(document.json().at("/components/requestBodies/Employees/content/application~1json/schema/maxItems").asInt())
                .isEqualTo(1000);
    }

    private JsonNode resolve(JsonNode node) {
        String ref = node.path("$ref").asText();
        return ref.startsWith("#/") ? document.json().at(ref.substring(1)) : node;
    }

    /** "METHOD /path" of every resource method, read from the server's Jandex index as CDI does. */
    private static Set<String> jaxRsRoutes() throws IOException {
        Index index;
        try (InputStream in = Files.newInputStream(java.nio.file.Path.of("target", "classes", "META-INF", "jandex.idx"))) {
            index = new IndexReader(in).read();
        }
        Set<String> routes = new TreeSet<>();
        for (AnnotationInstance path : index.getAnnotations(DotName.createSimple(Path.class.getName()))) {
            if (path.target().kind() != AnnotationTarget.Kind.CLASS) {
                continue;
            }
            Class<?> resource;
            try {
                resource = Class.forName(path.target().asClass().name().toString());
            } catch (ClassNotFoundException e) {
                throw new AssertionError(e);
            }
            for (Method method : resource.getMethods()) {
                String verb = httpMethod(method);
                if (verb != null) {
                    Path sub = method.getAnnotation(Path.class);
                    routes.add(verb + " " + join(path.value().asString(), sub == null ? "" : sub.value()));
                }
            }
        }
        assertThat(routes).as("resource methods found").hasSizeGreaterThan(20);
        return routes;
    }

    private static String httpMethod(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod verb = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (verb != null) {
                return verb.value();
            }
        }
        return null;
    }

    private static String join(String base, String sub) {
        String path = ("/" + base + "/" + sub).replaceAll("/+", "/");
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
