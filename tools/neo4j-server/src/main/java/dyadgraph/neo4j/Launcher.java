package dyadgraph.neo4j;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.neo4j.cli.ExecutionContext;
import org.neo4j.commandline.admin.security.SetInitialPasswordCommand;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.io.fs.DefaultFileSystemAbstraction;
import org.neo4j.internal.kernel.api.connectioninfo.ClientConnectionInfo;
import org.neo4j.internal.kernel.api.security.AuthenticationResult;
import org.neo4j.internal.kernel.api.security.LoginContext;
import org.neo4j.kernel.api.security.AuthManager;
import org.neo4j.kernel.api.security.AuthToken;
import org.neo4j.kernel.internal.GraphDatabaseAPI;
import org.neo4j.kernel.internal.Version;
import org.neo4j.logging.log4j.Log4jLogProvider;
import picocli.CommandLine;

/**
 * Runs Neo4j Community as a server, as the packaged `neo4j console` does, from the jars Maven
 * copied into target/: a persistent DatabaseManagementService with Bolt and HTTP (Neo4j Browser
 * at /browser/, served from the neo4j-browser jar on the classpath), auth on, and a small HTTP
 * server beside it for dyadgraph's Browser style and guide.
 *
 * <p>The settings shared with docker-compose.yml come from a file (tools/neo4j-server/neo4j.conf);
 * the launcher adds its addresses and directories and writes the result to HOME/conf/neo4j.conf,
 * where neo4j-admin (org.neo4j.cli.AdminTool with NEO4J_HOME and NEO4J_CONF) finds it too.
 * The neo4j user's password comes from DYADGRAPH_NEO4J_PASSWORD and is never written anywhere
 * but Neo4j's own hashed auth store.
 */
public final class Launcher {
    static final String PASSWORD_VARIABLE = "DYADGRAPH_NEO4J_PASSWORD";
    static final int MINIMUM_PASSWORD_LENGTH = 8;
    static final String INITIAL_USER = "neo4j";

    private Launcher() {}

    public static void main(String[] argv) throws Exception {
        Arguments args = Arguments.parse(argv);
        String password = System.getenv(PASSWORD_VARIABLE);
        if (password == null || password.codePoints().count() < MINIMUM_PASSWORD_LENGTH) {
            System.err.printf(
                    "dyadgraph-neo4j: set %s to the password of the neo4j user (at least %d characters)%n",
                    PASSWORD_VARIABLE, MINIMUM_PASSWORD_LENGTH);
            System.exit(2);
        }

        Path home = args.home.toAbsolutePath().normalize();
        Path run = home.resolve("run");
        Files.createDirectories(run);
        Files.createDirectories(home.resolve("import"));
        Files.deleteIfExists(run.resolve(STATE_FILE));
        writeAtomically(run.resolve(PID_FILE), ProcessHandle.current().pid() + "\n");

        // Registered before anything starts, so that a stop while starting shuts down cleanly too.
        AtomicReference<ContentServer> content = new AtomicReference<>();
        AtomicReference<DatabaseManagementService> dbms = new AtomicReference<>();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("dyadgraph-neo4j: stopping");
            if (content.get() != null) {
                content.get().stop();
            }
            if (dbms.get() != null) {
                dbms.get().shutdown();
            }
            try {
                Files.deleteIfExists(run.resolve(STATE_FILE));
                Files.deleteIfExists(run.resolve(PID_FILE));
            } catch (IOException ignored) {
                // the next start replaces them
            }
            stopped.countDown();
            System.out.println("dyadgraph-neo4j: stopped");
        }, "dyadgraph-neo4j-shutdown"));

        long started = System.nanoTime();
        Map<String, String> state = new LinkedHashMap<>();
        try {
            int boltPort = freeIfZero(args.boltPort);
            int httpPort = freeIfZero(args.httpPort);
            content.set(ContentServer.start(args.contentRoot, freeIfZero(args.contentPort)));
            String contentUrl = "http://localhost:" + content.get().port();

            Path conf = writeConfig(home, args, boltPort, httpPort, contentUrl);
            boolean firstStart = !Files.exists(home.resolve("data").resolve("dbms"));
            if (firstStart) {
                setInitialPassword(home, conf.getParent(), password);
            }
            dbms.set(new DatabaseManagementServiceBuilder(home)
                    .setConfig(GraphDatabaseSettings.SERVER_DEFAULTS)
                    .loadPropertiesFromFile(conf)
                    .setUserLogProvider(new Log4jLogProvider(System.out))
                    .build());
            long built = System.nanoTime();
            if (!firstStart) {
                ensurePassword(dbms.get().database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME), password);
            }
            awaitBolt(boltPort);
            System.out.printf(
                    "dyadgraph-neo4j: the DBMS started in %d ms, Bolt answered %d ms later%n",
                    TimeUnit.NANOSECONDS.toMillis(built - started),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - built));

            state.put("pid", Long.toString(ProcessHandle.current().pid()));
            state.put("version", Version.getNeo4jVersion());
            state.put("bolt", "bolt://127.0.0.1:" + boltPort);
            state.put("browser", "http://127.0.0.1:" + httpPort + "/browser/");
            state.put("content", contentUrl + "/");
            state.put("home", home.toString());
            writeAtomically(run.resolve(STATE_FILE), properties(state));
        } catch (Exception e) {
            e.printStackTrace();
            System.err.println("dyadgraph-neo4j: Neo4j did not start: " + rootCause(e));
            System.exit(1); // the shutdown hook stops what did start
        }
        System.out.printf(
                "dyadgraph-neo4j: Neo4j %s ready in %d ms: %s, Browser %s%n",
                state.get("version"),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
                state.get("bolt"),
                state.get("browser"));
        stopped.await();
    }

    static String rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }

    /** What `make neo4j` waits for and `make neo4j-status` reads: written once Bolt answers. */
    static final String STATE_FILE = "server.properties";
    /** Written first, so that `make neo4j-stop` finds a server that is still starting. */
    static final String PID_FILE = "neo4j.pid";

    static Path writeConfig(Path home, Arguments args, int boltPort, int httpPort, String contentUrl)
            throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("# Written by dyadgraph's launcher (tools/neo4j-server) at each start; edit " + args.conf + ".");
        lines.add("# Shared with docker-compose.yml:");
        for (String line : Files.readAllLines(args.conf, StandardCharsets.UTF_8)) {
            String trimmed = line.strip();
            if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                lines.add(trimmed.replace("{content}", contentUrl));
            }
        }
        // Bolt and HTTP on, HTTPS off and auth on come from GraphDatabaseSettings.SERVER_DEFAULTS.
        lines.add("# The launcher's own: loopback only, this checkout's directories.");
        lines.add("server.default_listen_address=127.0.0.1");
        lines.add("server.default_advertised_address=127.0.0.1");
        lines.add("server.bolt.listen_address=127.0.0.1:" + boltPort);
        lines.add("server.bolt.advertised_address=127.0.0.1:" + boltPort);
        lines.add("server.http.listen_address=127.0.0.1:" + httpPort);
        lines.add("server.http.advertised_address=127.0.0.1:" + httpPort);
        // As in a packaged server's neo4j.conf: LOAD CSV reads files under HOME/import only.
        lines.add("server.directories.import=" + home.resolve("import"));
        lines.add("server.directories.plugins=" + args.plugins.toAbsolutePath().normalize());
        lines.add("dbms.usage_report.enabled=false");
        // Netty waits this many quiet seconds per Bolt connector when stopping (default 5, twice).
        lines.add("internal.dbms.bolt.netty_server_shutdown_quiet_period=1");
        Path conf = home.resolve("conf").resolve("neo4j.conf");
        Files.createDirectories(conf.getParent());
        writeAtomically(conf, String.join("\n", lines) + "\n");
        return conf;
    }

    /** What `neo4j-admin dbms set-initial-password` does; it only counts before the first start. */
    static void setInitialPassword(Path home, Path confDir, String password) {
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        ExecutionContext context =
                new ExecutionContext(home, confDir, quiet, System.err, new DefaultFileSystemAbstraction());
        int exit = new CommandLine(new SetInitialPasswordCommand(context)).execute(password);
        if (exit != 0) {
            throw new IllegalStateException("could not set the initial password (exit " + exit + ")");
        }
    }

    /**
     * A later start with another DYADGRAPH_NEO4J_PASSWORD changes the password to it. The login
     * check first spares the usual start the ALTER USER, whose first Cypher compilation takes seconds.
     */
    static void ensurePassword(GraphDatabaseService system, String password) throws Exception {
        AuthManager auth = ((GraphDatabaseAPI) system).getDependencyResolver().resolveDependency(AuthManager.class);
        LoginContext login = auth.login(
                AuthToken.newBasicAuthToken(INITIAL_USER, password), ClientConnectionInfo.EMBEDDED_CONNECTION);
        if (login.subject().getAuthenticationResult() == AuthenticationResult.SUCCESS) {
            return;
        }
        try {
            system.executeTransactionally(
                    "ALTER USER " + INITIAL_USER + " SET PASSWORD $password CHANGE NOT REQUIRED",
                    Map.of("password", password));
            System.out.println("dyadgraph-neo4j: the neo4j user's password was changed to " + PASSWORD_VARIABLE);
        } catch (RuntimeException e) {
            if (!String.valueOf(e.getMessage()).contains("cannot be the same")) {
                throw e;
            }
        }
    }

    /** Returns once a Bolt handshake on the port is answered with a version. */
    static void awaitBolt(int port) throws IOException, InterruptedException {
        byte[] handshake = {
            0x60, 0x60, (byte) 0xB0, 0x17, 0, 0, 4, 5, 0, 0, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0
        };
        IOException last = null;
        for (int attempt = 0; attempt < 300; attempt++) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                socket.setSoTimeout(5000);
                socket.getOutputStream().write(handshake);
                byte[] answer = socket.getInputStream().readNBytes(4);
                if (answer.length == 4 && (answer[3] != 0 || answer[2] != 0)) {
                    return;
                }
            } catch (IOException e) {
                last = e;
            }
            Thread.sleep(100);
        }
        throw new IOException("Bolt on port " + port + " did not answer", last);
    }

    static int freeIfZero(int port) throws IOException {
        if (port != 0) {
            return port;
        }
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    static String properties(Map<String, String> values) {
        StringBuilder text = new StringBuilder();
        values.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
        return text.toString();
    }

    static void writeAtomically(Path path, String text) throws IOException {
        Path temporary = path.resolveSibling(path.getFileName() + ".tmp");
        Files.writeString(temporary, text, StandardCharsets.UTF_8);
        Files.move(temporary, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    record Arguments(Path home, Path conf, Path plugins, Path contentRoot, int boltPort, int httpPort, int contentPort) {
        static Arguments parse(String[] argv) {
            Map<String, String> values = new LinkedHashMap<>();
            for (int i = 0; i + 1 < argv.length; i += 2) {
                if (!argv[i].startsWith("--")) {
                    throw new IllegalArgumentException("expected --name value pairs, got " + argv[i]);
                }
                values.put(argv[i].substring(2), argv[i + 1]);
            }
            if (argv.length % 2 != 0) {
                throw new IllegalArgumentException("expected --name value pairs");
            }
            return new Arguments(
                    Path.of(values.getOrDefault("home", ".neo4j")),
                    Path.of(values.getOrDefault("conf", "tools/neo4j-server/neo4j.conf")),
                    Path.of(values.getOrDefault("plugins", "tools/neo4j-server/target/plugins")),
                    Path.of(values.getOrDefault("content-root", ".")),
                    Integer.parseInt(values.getOrDefault("bolt-port", "7687")),
                    Integer.parseInt(values.getOrDefault("http-port", "7474")),
                    Integer.parseInt(values.getOrDefault("content-port", "8001")));
        }
    }
}
