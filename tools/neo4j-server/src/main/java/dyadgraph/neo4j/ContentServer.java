package dyadgraph.neo4j;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Serves dyadgraph's Browser style (cypher/*.grass) and guide (guide/) read-only on 127.0.0.1,
 * as docker-compose.yml's nginx does (docker/browser-content.conf). Neo4j Browser runs in the
 * user's web browser and fetches them cross-origin with Cache-Control and Pragma request headers,
 * and, for a host named localhost, Sentry's tracing headers (sentry-trace, baggage: Browser's
 * error reporting adds them), so preflights are answered, allowing whatever request headers they
 * ask for, and every response allows any origin: the files are public, no credentials are sent.
 */
final class ContentServer {
    static final Map<String, String> SERVED = Map.of("cypher", ".grass", "guide", ".html");

    private final HttpServer server;
    private final ExecutorService threads;

    private ContentServer(HttpServer server, ExecutorService threads) {
        this.server = server;
        this.threads = threads;
    }

    static ContentServer start(Path root, int port) throws IOException {
        Path base = root.toAbsolutePath().normalize();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
        ExecutorService threads = Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "dyadgraph-content");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(threads);
        server.createContext("/", exchange -> {
            try (exchange) {
                serve(base, exchange);
            }
        });
        server.start();
        return new ContentServer(server, threads);
    }

    int port() {
        return server.getAddress().getPort();
    }

    void stop() {
        server.stop(0);
        threads.shutdownNow();
    }

    private static void serve(Path base, HttpExchange exchange) throws IOException {
        var headers = exchange.getResponseHeaders();
        headers.set("Access-Control-Allow-Origin", "*");
        headers.set("Cache-Control", "no-cache"); // a regenerated guide is seen at the next connect
        String method = exchange.getRequestMethod();
        if (method.equals("OPTIONS")) {
            headers.set("Access-Control-Allow-Methods", "GET, HEAD, OPTIONS");
            String asked = exchange.getRequestHeaders().getFirst("Access-Control-Request-Headers");
            headers.set("Access-Control-Allow-Headers", asked != null ? asked : "Cache-Control, Pragma, Content-Type");
            headers.set("Access-Control-Max-Age", "600");
            exchange.sendResponseHeaders(204, -1);
            return;
        }
        if (!method.equals("GET") && !method.equals("HEAD")) {
            headers.set("Allow", "GET, HEAD, OPTIONS");
            exchange.sendResponseHeaders(405, -1);
            return;
        }
        Path file = resolve(base, exchange.getRequestURI());
        if (file == null) {
            byte[] body = "not found\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            headers.set("Content-Type", "text/plain; charset=utf-8");
            exchange.sendResponseHeaders(404, method.equals("HEAD") ? -1 : body.length);
            if (!method.equals("HEAD")) {
                exchange.getResponseBody().write(body);
            }
            return;
        }
        String name = file.getFileName().toString();
        headers.set("Content-Type", (name.endsWith(".html") ? "text/html" : "text/plain") + "; charset=utf-8");
        byte[] body = Files.readAllBytes(file);
        exchange.sendResponseHeaders(200, method.equals("HEAD") ? -1 : body.length);
        if (!method.equals("HEAD")) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** The file a request names, when it is a served file: DIR/NAME with DIR and NAME's ending in SERVED. */
    static Path resolve(Path base, URI uri) {
        String[] parts = uri.getPath().split("/");
        if (parts.length != 3 || !parts[0].isEmpty()) {
            return null;
        }
        String ending = SERVED.get(parts[1]);
        String name = parts[2];
        if (ending == null || !name.endsWith(ending) || name.startsWith(".") || name.contains("\\")) {
            return null;
        }
        Path file = base.resolve(parts[1]).resolve(name).normalize();
        if (!file.startsWith(base.resolve(parts[1])) || !Files.isRegularFile(file)) {
            return null;
        }
        return file;
    }
}
