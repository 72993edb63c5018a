package io.hireload.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hireload.support.Api;
import io.hireload.support.Chromium;
import io.hireload.support.EmbeddedServices;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import jakarta.inject.Inject;
import jakarta.ws.rs.client.WebTarget;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The API documentation page in a real browser, offline: Debian's headless Chromium (installed by
 * {@code .ci/run} from {@code .ci/apt-packages}) loads {@code /openapi/ui}, the Swagger UI renders
 * every operation of the OpenAPI document from assets served by the server itself, and the page's
 * own "Authorize", "Try it out" and "Execute" buttons make a request that is refused without the
 * key and answered with it. The browser resolves no host name but loopback, and the test checks
 * that the page asked for nothing else.
 */
@ExtendWith(EmbeddedServices.class)
@HelidonTest
@Timeout(60)
class DocsPageTest {
    private static final Duration RENDER = Duration.ofSeconds(30);
    private static final Duration STEP = Duration.ofSeconds(15);
    /** Where the docs page's screenshot goes; CI can keep it as an artifact. */
    private static final Path SCREENSHOT = Path.of("target", "docs-page.png");
    private static Chromium browser;

    private final Api api;
    private final URI base;
    private Chromium.Page page;

    @Inject
    DocsPageTest(WebTarget target) {
        this.api = new Api(target);
        this.base = target.getUri();
    }

    @BeforeAll
    static void startTheBrowser() throws IOException {
        assumeTrue(Chromium.installed(), "no browser at " + Chromium.BINARY
                + ": install Debian's chromium package (.ci/run does, from .ci/apt-packages) to test the docs page");
        browser = Chromium.start();
    }

    @AfterAll
    static void stopTheBrowser() {
        if (browser != null) {
            browser.close();
            assertThat(browser.leftovers()).as("chromium processes left running").isEmpty();
        }
    }

    @AfterEach
    void closeTheTab() {
        if (page != null) {
            page.close();
        }
    }

    @Test
    void thePageListsEveryOperationOfTheApiDocument() throws IOException {
        page = openTheDocsPage();

        List<String> rendered = new ArrayList<>();
        page.eval("""
                Array.from(document.querySelectorAll('.opblock .opblock-summary-control')).map(c =>
                  c.querySelector('.opblock-summary-method').innerText.trim() + ' '
                  + c.querySelector('.opblock-summary-path').innerText.replace(/\\u200B/g, '').trim())
                """).forEach(operation -> rendered.add(operation.asText()));

        assertThat(rendered).contains("POST /employees/batch", "GET /metrics/hired-by-quarter-2021",
                "GET /loads/{id}/rejected", "GET /departments", "POST /all-tables/batch",
                "GET /metrics/top-hiring-departments", "POST /backups/{table}/restore");
        assertThat(rendered).as("every operation of /openapi, rendered once")
                .containsExactlyInAnyOrderElementsOf(operationsOfTheApiDocument());
        assertThat(page.eval("document.querySelector('.info .title').innerText").asText()).startsWith("hireload");
        assertThat(page.eval("document.querySelector('.btn.authorize') !== null").asBoolean())
                .as("the bearer scheme offers an Authorize button").isTrue();

        assertThat(page.requestedUrls()).as("what the page asked for").isNotEmpty()
                .allSatisfy(url -> assertThat(isLoopbackOrInline(url)).as(url).isTrue());
        Files.createDirectories(SCREENSHOT.getParent());
        Files.write(SCREENSHOT, page.screenshot());
    }

    @Test
    void aRequestFromThePageIsRefusedWithoutTheKeyAndAnsweredWithIt() {
        page = openTheDocsPage();
        String block = "Array.from(document.querySelectorAll('.opblock.opblock-get')).find(b =>"
                + " b.querySelector('.opblock-summary-path').dataset.path === '/departments')";

        click(block + ".querySelector('.opblock-summary-control')", "expand GET /departments");
        click(block + ".querySelector('.try-out__btn')", "Try it out");
        click(block + ".querySelector('button.execute')", "Execute");
        assertThat(responseStatus(block)).as("without a key").isEqualTo("401");
        assertThat(responseBody(block)).contains("unauthorized");

        click("document.querySelector('.auth-wrapper .btn.authorize')", "open Authorize");
        click("document.querySelector('.modal-ux input[aria-label=auth-bearer-value]')", "focus the key field");
        page.eval("document.querySelector('.modal-ux input[aria-label=auth-bearer-value]').focus()");
        page.insertText(EmbeddedServices.ADMIN_KEY);
        click("document.querySelector('.modal-ux .auth-btn-wrapper button.authorize')", "Authorize");
        click("Array.from(document.querySelectorAll('.modal-ux .auth-btn-wrapper button'))"
                + ".find(b => b.innerText.trim() === 'Logout') && document.querySelector('.modal-ux button.btn-done')",
                "Close, once authorized");
        await("document.querySelector('.modal-ux') === null", "the dialog to close");
        assertThat(page.eval("document.querySelector('.auth-wrapper .btn.authorize').classList.contains('locked')")
                .asBoolean()).as("the Authorize button shows the lock closed").isTrue();

        click(block + ".querySelector('button.btn-clear')", "Clear the first answer");
        await(block + ".querySelector('.live-responses-table') === null", "the first answer to go");
        click(block + ".querySelector('button.execute')", "Execute with the key");
        assertThat(responseStatus(block)).as("with the admin key").isEqualTo("200");
        assertThat(responseBody(block)).contains("\"items\"", "\"total\"");
        assertThat(page.eval(block + ".querySelector('.curl-command').innerText").asText())
                .as("the request the page made").contains("Authorization: Bearer " + EmbeddedServices.ADMIN_KEY);

        assertThat(page.requestedUrls())
                .anyMatch(url -> url.startsWith(base.resolve("/departments").toString()))
                .allSatisfy(url -> assertThat(isLoopbackOrInline(url)).as(url).isTrue());
    }

    private Chromium.Page openTheDocsPage() {
        Chromium.Page opened = browser.open(base.resolve("/openapi/ui/index.html"));
        if (!opened.waitFor("document.querySelectorAll('.opblock').length > 0", RENDER)) {
            throw new AssertionError("the Swagger UI rendered no operation within " + RENDER + "; page: "
                    + opened.eval("[location.href, document.readyState, typeof SwaggerUIBundle, typeof window.ui,"
                            + " document.body ? document.body.innerText : '']") + "\nrequested: "
                    + opened.requestedUrls() + "\n" + opened.networkState() + "\nbrowser log: " + browser.log());
        }
        return opened;
    }

    /** Waits for the element {@code element} (a JavaScript expression) to exist, then clicks it as a user would. */
    private void click(String element, String what) {
        await(element, what);
        page.eval("(" + element + ").click()");
    }

    private void await(String condition, String what) {
        if (!page.waitFor(condition, STEP)) {
            throw new AssertionError("gave up waiting for " + what + " after " + STEP + "; page text: "
                    + page.eval("document.body.innerText").asText());
        }
    }

    /** The status code the page shows for the operation's live answer. */
    private String responseStatus(String block) {
        String status = block + ".querySelector('.live-responses-table .response .response-col_status')";
        await(status, "the page to show an answer");
        return page.eval("(" + status + ").innerText").asText().trim().split("\\s+")[0];
    }

    private String responseBody(String block) {
        return page.eval(block + ".querySelector('.live-responses-table .response .response-col_description').innerText")
                .asText();
    }

    /** "METHOD /path" for every operation of the document the page is built from. */
    private Set<String> operationsOfTheApiDocument() throws IOException {
        HttpResponse<String> document = api.send(api.request("/openapi", null)
                .header("Accept", "application/json").GET().build());
        assertThat(document.statusCode()).isEqualTo(200);
        JsonNode paths = new ObjectMapper().readTree(document.body()).path("paths");
        Set<String> operations = new TreeSet<>();
        paths.fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method -> {
            if (Set.of("get", "put", "post", "delete", "patch", "head", "options").contains(method)) {
                operations.add(method.toUpperCase() + " " + path.getKey());
            }
        }));
        assertThat(operations).hasSizeGreaterThan(20);
        return operations;
    }

    private static boolean isLoopbackOrInline(String url) {
        if (url.startsWith("data:") || url.startsWith("about:")) {
            return true;
        }
        String host = URI.create(url).getHost();
        return "localhost".equals(host) || "127.0.0.1".equals(host) || "[::1]".equals(host);
    }
}
