package org.marginlab.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A headless Chromium driven over its DevTools protocol with the JDK's own HTTP client and WebSocket: no
 * WebDriver, no chromium-driver package and no library to keep in step with the browser's version, and
 * the protocol gives what a WebDriver cannot, the page's every network request ({@code Network.requestWillBeSent})
 * and screenshots of a clip. One page, one session; commands wait for their answer.
 */
final class Chromium implements AutoCloseable {

    /** How long one protocol command may take before the test fails (a page load, a screenshot). */
    private static final long COMMAND_SECONDS = 60;

    private final Process process;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonObject>> pending = new ConcurrentHashMap<>();
    /** Every event the page sent, in arrival order. */
    final List<JsonObject> events = new CopyOnWriteArrayList<>();

    /** The browser on the PATH (Debian's chromium, or chromium-browser / google-chrome), or null when none is installed. */
    static Path find() {
        for (String name : List.of("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")) {
            for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
                Path p = Path.of(dir.isEmpty() ? "." : dir, name);
                if (Files.isExecutable(p)) {
                    return p;
                }
            }
        }
        return null;
    }

    /** Starts the browser headless with a fresh profile in {@code profile}, at a {@code width} × {@code height} window. */
    Chromium(Path binary, Path profile, int width, int height) throws Exception {
        process = new ProcessBuilder(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--no-default-browser-check", "--disable-extensions", "--disable-background-networking",
                "--hide-scrollbars", "--remote-debugging-port=0", "--user-data-dir=" + profile,
                "--window-size=" + width + "," + height, "about:blank")
                .redirectErrorStream(true).start();
        // Chromium prints "DevTools listening on ws://127.0.0.1:PORT/devtools/browser/…" once it is ready
        BufferedReader err = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        Pattern p = Pattern.compile("DevTools listening on ws://127\\.0\\.0\\.1:(\\d+)/");
        String port = null;
        StringBuilder seen = new StringBuilder();
        for (String line; port == null && (line = err.readLine()) != null; ) {
            seen.append(line).append('\n');
            Matcher m = p.matcher(line);
            if (m.find()) {
                port = m.group(1);
            }
        }
        if (port == null) {
            throw new IOException("Chromium exited before it listened:\n" + seen);
        }
        Thread drain = new Thread(() -> {
            try {
                while (err.readLine() != null) {
                    // keep the pipe empty so the browser never blocks on its log
                }
            } catch (IOException ignored) {
                // the browser closed its end
            }
        }, "chromium-log");
        drain.setDaemon(true);
        drain.start();
        HttpClient http = HttpClient.newHttpClient();
        String list = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        String ws = null;
        for (JsonElement e : JsonParser.parseString(list).getAsJsonArray()) {
            if (e.getAsJsonObject().get("type").getAsString().equals("page")) {
                ws = e.getAsJsonObject().get("webSocketDebuggerUrl").getAsString();
                break;
            }
        }
        if (ws == null) {
            throw new IOException("Chromium shows no page: " + list);
        }
        socket = http.newWebSocketBuilder().buildAsync(URI.create(ws), new Listener()).get(COMMAND_SECONDS, TimeUnit.SECONDS);
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                JsonObject msg = JsonParser.parseString(partial.toString()).getAsJsonObject();
                partial.setLength(0);
                if (msg.has("id")) {
                    CompletableFuture<JsonObject> f = pending.remove(msg.get("id").getAsInt());
                    if (f != null) {
                        if (msg.has("error")) {
                            f.completeExceptionally(new IllegalStateException("DevTools: " + msg.get("error")));
                        } else {
                            f.complete(msg.getAsJsonObject("result"));
                        }
                    }
                } else {
                    events.add(msg);
                }
            }
            ws.request(1);
            return null;
        }
    }

    /** Sends one command and waits for its result. */
    JsonObject send(String method, JsonObject params) {
        int id = ids.incrementAndGet();
        JsonObject msg = new JsonObject();
        msg.addProperty("id", id);
        msg.addProperty("method", method);
        msg.add("params", params == null ? new JsonObject() : params);
        CompletableFuture<JsonObject> f = new CompletableFuture<>();
        pending.put(id, f);
        socket.sendText(msg.toString(), true).join();
        try {
            return f.get(COMMAND_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(method + " failed: " + e.getMessage(), e);
        }
    }

    JsonObject send(String method) {
        return send(method, null);
    }

    /** Evaluates a JavaScript expression in the page (awaiting it if it is a promise) and returns its value as JSON. */
    JsonElement eval(String expression) {
        JsonObject p = new JsonObject();
        p.addProperty("expression", expression);
        p.addProperty("returnByValue", true);
        p.addProperty("awaitPromise", true);
        JsonObject r = send("Runtime.evaluate", p);
        if (r.has("exceptionDetails")) {
            throw new IllegalStateException("page script failed: " + r.get("exceptionDetails") + "\n" + expression);
        }
        JsonObject v = r.getAsJsonObject("result");
        return v.has("value") ? v.get("value") : null;
    }

    /** A mouse event at page pixel (x, y): mouseMoved, mousePressed or mouseReleased, left button. */
    void mouse(String type, double x, double y) {
        JsonObject p = new JsonObject();
        p.addProperty("type", type);
        p.addProperty("x", x);
        p.addProperty("y", y);
        p.addProperty("button", type.equals("mouseMoved") ? "none" : "left");
        p.addProperty("buttons", type.equals("mouseReleased") || type.equals("mouseMoved") ? 0 : 1);
        p.addProperty("clickCount", type.equals("mouseMoved") ? 0 : 1);
        send("Input.dispatchMouseEvent", p);
    }

    /** A drag with the left button held from (x, y) by (dx, dy), in {@code steps} moves. */
    void drag(double x, double y, double dx, double dy, int steps) {
        mouse("mousePressed", x, y);
        for (int i = 1; i <= steps; i++) {
            JsonObject p = new JsonObject();
            p.addProperty("type", "mouseMoved");
            p.addProperty("x", x + dx * i / steps);
            p.addProperty("y", y + dy * i / steps);
            p.addProperty("button", "left");
            p.addProperty("buttons", 1);
            send("Input.dispatchMouseEvent", p);
        }
        mouse("mouseReleased", x + dx, y + dy);
    }

    /** A PNG of the page's CSS-pixel rectangle (x, y, w, h). */
    byte[] screenshot(double x, double y, double w, double h) {
        JsonObject clip = new JsonObject();
        clip.addProperty("x", x);
        clip.addProperty("y", y);
        clip.addProperty("width", w);
        clip.addProperty("height", h);
        clip.addProperty("scale", 1);
        JsonObject p = new JsonObject();
        p.addProperty("format", "png");
        p.add("clip", clip);
        return java.util.Base64.getDecoder().decode(send("Page.captureScreenshot", p).get("data").getAsString());
    }

    /** The params of every event of {@code method} so far. */
    List<JsonObject> events(String method) {
        List<JsonObject> out = new ArrayList<>();
        for (JsonObject e : events) {
            if (e.get("method").getAsString().equals(method)) {
                out.add(e.getAsJsonObject("params"));
            }
        }
        return out;
    }

    static JsonObject params(Object... kv) {
        JsonObject o = new JsonObject();
        for (int i = 0; i < kv.length; i += 2) {
            Object v = kv[i + 1];
            switch (v) {
                case Number n -> o.addProperty((String) kv[i], n);
                case Boolean b -> o.addProperty((String) kv[i], b);
                case JsonArray a -> o.add((String) kv[i], a);
                default -> o.addProperty((String) kv[i], v.toString());
            }
        }
        return o;
    }

    @Override
    public void close() throws InterruptedException {
        try {
            send("Browser.close");
        } catch (RuntimeException ignored) {
            // already gone: the process is ended below either way
        }
        socket.abort();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
        }
    }
}
