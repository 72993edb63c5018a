package io.hireload.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Debian's headless Chromium driven through the Chrome DevTools Protocol over a plain
 * {@link java.net.http.WebSocket}: no WebDriver, no extra dependency. The browser is started with
 * the flags that keep it offline (no background networking, no component updates, no sync, no
 * QUIC) and with every host name except loopback made unresolvable, so a page that tries to reach
 * the internet fails here exactly as it would on a machine without one. {@link #close()} kills
 * the browser and its helper processes and deletes the profile.
 */
public final class Chromium implements AutoCloseable {
    /** Where Debian's {@code chromium} package puts the browser. */
    public static final Path BINARY = Path.of("/usr/bin/chromium");
    private static final Duration START = Duration.ofSeconds(20);
    private static final Duration COMMAND = Duration.ofSeconds(15);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Path profile;
    private final Path log;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<Consumer<JsonNode>> listeners = new CopyOnWriteArrayList<>();
    private final List<ProcessHandle> killed = new ArrayList<>();

    public static boolean installed() {
        return Files.isExecutable(BINARY);
    }

    /** Starts a headless browser with a fresh, empty profile and connects to it. */
    public static Chromium start() throws IOException {
        Path profile = Files.createTempDirectory("hireload-chromium");
        Path log = profile.resolveSibling(profile.getFileName() + ".log");
        List<String> command = List.of(BINARY.toString(),
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-extensions", "--disable-default-apps", "--mute-audio",
                // Only loopback resolves: the page must work without the internet.
                "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
                "--window-size=1280,1600",
                "--user-data-dir=" + profile, "--remote-debugging-port=0", "about:blank");
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try {
            URI endpoint = awaitEndpoint(process, profile, log);
            return new Chromium(process, profile, log, endpoint);
        } catch (IOException | RuntimeException e) {
            kill(process);
            deleteTree(profile);
            throw e;
        }
    }

    /** Chromium writes its DevTools port and browser path to this file once it listens. */
    private static URI awaitEndpoint(Process process, Path profile, Path log) throws IOException {
        Path portFile = profile.resolve("DevToolsActivePort");
        try {
            return Await.value("chromium's DevTools port", START, () -> {
                if (Files.exists(portFile)) {
                    List<String> lines = Files.readAllLines(portFile);
                    if (lines.size() >= 2 && !lines.get(1).isBlank()) {
                        return Optional.of(URI.create("ws://127.0.0.1:" + lines.get(0).trim() + lines.get(1).trim()));
                    }
                }
                if (!process.isAlive()) {
                    throw new Await.GiveUp("chromium exited with " + process.exitValue() + ": " + tail(log));
                }
                return Optional.empty();
            });
        } catch (Await.GiveUp | AssertionError e) {
            throw new IOException(e.getMessage() + (e instanceof AssertionError ? ": " + tail(log) : ""), e);
        }
    }

    private Chromium(Process process, Path profile, Path log, URI endpoint) throws IOException {
        this.process = process;
        this.profile = profile;
        this.log = log;
        this.socket = await(HttpClient.newHttpClient().newWebSocketBuilder()
                .connectTimeout(COMMAND)
                .buildAsync(endpoint, new Receiver()), "connect to " + endpoint);
    }

    /** Opens a new tab on {@code url}, attached so commands and events can address it. */
    public Page open(URI url) {
        String target = call("Target.createTarget", null, "url", "about:blank").path("targetId").asText();
        String session = call("Target.attachToTarget", null, "targetId", target, "flatten", true)
                .path("sessionId").asText();
        Page page = new Page(target, session);
        page.call("Page.enable");
        page.call("Runtime.enable");
        page.call("Network.enable");
        page.call("Page.navigate", "url", url.toString());
        return page;
    }

    /** Sends a command to the browser, or to a page when {@code session} is set, and waits for its answer. */
    private JsonNode call(String method, String session, Object... params) {
        int id = ids.incrementAndGet();
        ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
        ObjectNode p = message.putObject("params");
        for (int i = 0; i < params.length; i += 2) {
            p.set((String) params[i], JSON.valueToTree(params[i + 1]));
        }
        if (session != null) {
            message.put("sessionId", session);
        }
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        synchronized (socket) {
            await(socket.sendText(message.toString(), true), method);
        }
        JsonNode reply = await(answer, method);
        if (reply.has("error")) {
            throw new IllegalStateException(method + " failed: " + reply.get("error"));
        }
        return reply.path("result");
    }

    /** Browser.close, then the process tree; always deletes the profile. */
    @Override
    public void close() {
        try {
            if (process.isAlive()) {
                CompletableFuture<JsonNode> closed = new CompletableFuture<>();
                int id = ids.incrementAndGet();
                pending.put(id, closed);
                socket.sendText("{\"id\":" + id + ",\"method\":\"Browser.close\"}", true);
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException ignored) {
            // the socket may already be gone; the kill below still runs
        } finally {
            socket.abort();
            killed.addAll(kill(process));
            deleteTree(profile);
            try {
                Files.deleteIfExists(log);
            } catch (IOException ignored) {
                // a leftover log in the temp dir is harmless
            }
        }
    }

    /** After {@link #close()}: the browser's processes that are still running (none, normally). */
    public List<ProcessHandle> leftovers() {
        return killed.stream().filter(ProcessHandle::isAlive).toList();
    }

    /** The browser's own output, for failure messages. */
    public String log() {
        return tail(log);
    }

    /** One tab. */
    public final class Page {
        private final String target;
        private final String session;
        private final List<String> requested = new CopyOnWriteArrayList<>();
        private final Map<String, String> unfinished = new ConcurrentHashMap<>();
        private final List<String> failed = new CopyOnWriteArrayList<>();
        private final List<String> console = new CopyOnWriteArrayList<>();

        private Page(String target, String session) {
            this.target = target;
            this.session = session;
            listeners.add(event -> {
                if (!session.equals(event.path("sessionId").asText())) {
                    return;
                }
                JsonNode params = event.path("params");
                String request = params.path("requestId").asText();
                switch (event.path("method").asText()) {
                    case "Network.requestWillBeSent" -> {
                        String url = params.path("request").path("url").asText();
                        requested.add(url);
                        unfinished.put(request, url);
                    }
                    case "Network.loadingFinished" -> unfinished.remove(request);
                    case "Runtime.exceptionThrown" -> console.add("exception: " + params.path("exceptionDetails")
                            .path("exception").path("description").asText(params.path("exceptionDetails").path("text").asText()));
                    case "Runtime.consoleAPICalled" -> console.add(params.path("type").asText() + ": " + params.path("args"));
                    case "Network.loadingFailed" -> failed.add(unfinished.remove(request) + ": "
                            + params.path("errorText").asText());
                    default -> { }
                }
            });
        }

        /** What the tab is still loading and what failed, for failure messages. */
        public String networkState() {
            return "still loading " + unfinished.values() + ", failed " + failed + ", console " + console;
        }

        public JsonNode call(String method, Object... params) {
            return Chromium.this.call(method, session, params);
        }

        /** Every URL this tab asked for (documents, scripts, styles, images, XHR and fetch). */
        public List<String> requestedUrls() {
            return List.copyOf(requested);
        }

        /** Evaluates a JavaScript expression in the page; promises are awaited; the value comes back as JSON. */
        public JsonNode eval(String expression) {
            JsonNode result = call("Runtime.evaluate", "expression", expression, "returnByValue", true,
                    "awaitPromise", true, "userGesture", true);
            if (result.has("exceptionDetails")) {
                JsonNode details = result.get("exceptionDetails");
                throw new IllegalStateException("script failed: "
                        + details.path("exception").path("description").asText(details.path("text").asText())
                        + "\nscript: " + expression);
            }
            return result.path("result").path("value");
        }

        /**
         * Polls {@code condition} (a JavaScript expression) until it is truthy, at most {@code timeout};
         * answers whether it became true.
         */
        public boolean waitFor(String condition, Duration timeout) {
            try {
                Await.value(condition, timeout, Duration.ofMillis(100), () -> {
                    try {
                        return eval("!!(" + condition + ")").asBoolean() ? Optional.of(true) : Optional.empty();
                    } catch (RuntimeException scriptFailed) {
                        throw new Await.GiveUp(scriptFailed.getMessage(), scriptFailed);
                    }
                });
                return true;
            } catch (AssertionError notInTime) {
                return false;
            }
        }

        /** Types text into the focused element as a user would (one input event, like a paste). */
        public void insertText(String text) {
            call("Input.insertText", "text", text);
        }

        /** The rendered page as a PNG, the whole scrollable height. */
        public byte[] screenshot() {
            JsonNode shot = call("Page.captureScreenshot", "format", "png", "captureBeyondViewport", true);
            return Base64.getDecoder().decode(shot.path("data").asText());
        }

        public void close() {
            Chromium.this.call("Target.closeTarget", null, "targetId", target);
        }
    }

    /** Reassembles text frames into messages; answers complete their command, events go to the listeners. */
    private final class Receiver implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                try {
                    JsonNode message = JSON.readTree(text);
                    if (message.has("id")) {
                        CompletableFuture<JsonNode> answer = pending.remove(message.get("id").asInt());
                        if (answer != null) {
                            answer.complete(message);
                        }
                    } else {
                        listeners.forEach(listener -> listener.accept(message));
                    }
                } catch (IOException e) {
                    pending.values().forEach(answer -> answer.completeExceptionally(e));
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            IOException closed = new IOException("DevTools connection closed: " + statusCode + " " + reason);
            pending.values().forEach(answer -> answer.completeExceptionally(closed));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            pending.values().forEach(answer -> answer.completeExceptionally(error));
        }
    }

    private static <T> T await(CompletableFuture<T> future, String what) {
        try {
            return future.get(COMMAND.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(what + " failed", e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException(what + ": no answer from chromium within " + COMMAND);
        }
    }

    /** Kills the browser and every helper process it started (renderers, zygotes, GPU process). */
    private static List<ProcessHandle> kill(Process process) {
        List<ProcessHandle> family = new ArrayList<>(process.descendants().toList());
        process.destroy();
        try {
            if (!process.waitFor(3, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(3, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        family.addAll(process.descendants().toList());
        family.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle helper : family) {
            try {
                helper.onExit().get(3, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (ExecutionException | TimeoutException ignored) {
                // reported by leftovers()
            }
        }
        family.add(process.toHandle());
        return family;
    }

    private static String tail(Path log) {
        try {
            String text = Files.readString(log);
            return text.length() > 4000 ? text.substring(text.length() - 4000) : text;
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException ignored) {
                    // chromium may still be flushing a file; the temp dir is cleaned eventually
                }
            });
        } catch (IOException | UncheckedIOException ignored) {
            // best effort, as above
        }
    }
}
