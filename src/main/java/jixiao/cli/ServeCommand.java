package jixiao.cli;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import jixiao.engine.PolicyRegistry;
import jixiao.server.ApiServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serves the scoring API for budget systems (/api/v1, described at /api/v1/openapi.json) on the "
                + "same engine and rule folders as the command line.",
            "Prints the address and the access token, and opens nothing by itself. Runs until stopped (Ctrl-C)."})
final class ServeCommand implements Callable<Integer> {

    @Option(names = "--port", paramLabel = "PORT", description = "default: ${DEFAULT-VALUE}; 0 for any free port")
    int port = 8080;

    @Option(names = "--bind", paramLabel = "ADDRESS", description = "the address to listen on (default: "
            + "${DEFAULT-VALUE}, this machine only)")
    String bind = "127.0.0.1";

    @Option(names = "--read-only", description = "serve only scoring and viewing: the workbench cannot save rules")
    boolean readOnly;

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "wall-clock time the rules may take on one "
            + "submission or scenario before they are stopped and the rule running is named (default: "
            + "${DEFAULT-VALUE})")
    double timeout = jixiao.engine.Scorer.DEFAULT_TIMEOUT_MILLIS / 1000.0;

    @Option(names = "--allow-host", paramLabel = "NAME", description = "a host name the workbench's pages may be "
            + "reached by besides addresses and localhost (pages under any other name are refused: DNS rebinding)")
    java.util.List<String> allowHosts = new java.util.ArrayList<>();

    @Option(names = "--rules-root", paramLabel = "DIR", description = "default: ${DEFAULT-VALUE}")
    Path rulesRoot = PolicyRegistry.defaultRoot();

    @Option(names = "--token", paramLabel = "TOKEN", description = "the access token (default: a new random one; or "
            + "set JIXIAO_TOKEN)")
    String token = System.getenv("JIXIAO_TOKEN");

    @Option(names = "--token-file", paramLabel = "FILE", description = "keep the token in this file across restarts, "
            + "so that links and bookmarks keep working: read from it when it exists, else made and written to it "
            + "(readable by its owner only)")
    Path tokenFile;

    /** The token kept in a file: read when the file exists, else a new one written to it, owner-only. */
    private static String kept(Path file) throws java.io.IOException {
        if (java.nio.file.Files.exists(file)) {
            return java.nio.file.Files.readString(file, java.nio.charset.StandardCharsets.UTF_8).strip();
        }
        String t = ApiServer.newToken();
        java.nio.file.Path dir = file.toAbsolutePath().getParent();
        if (dir != null) {
            java.nio.file.Files.createDirectories(dir);
        }
        java.nio.file.Files.writeString(file, t + "\n", java.nio.charset.StandardCharsets.UTF_8);
        try {
            java.nio.file.Files.setPosixFilePermissions(file,
                    java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // a file system without POSIX modes: as the system's defaults make it
        }
        return t;
    }

    @Override
    public Integer call() throws Exception {
        if (tokenFile != null) {
            if (token != null && System.getenv("JIXIAO_TOKEN") == null) {
                System.err.println("jixiao serve: give --token or --token-file, not both");
                return Main.BAD_INPUT;
            }
            try {
                token = kept(tokenFile);
            } catch (java.io.IOException e) {
                System.err.println("jixiao serve: the token file " + tokenFile + " cannot be read or written: "
                        + e.getMessage());
                return Main.BAD_INPUT;
            }
            if (token.length() < 16) {
                System.err.println("jixiao serve: the token in " + tokenFile + " has fewer than 16 characters; "
                        + "delete the file to have a new one made");
                return Main.BAD_INPUT;
            }
        }
        if (port < 0 || port > 65_535) {
            System.err.println("jixiao serve: --port must be 0-65535, not " + port);
            return Main.BAD_INPUT;
        }
        if (token != null && token.strip().length() < 16) {
            System.err.println("jixiao serve: a token must have at least 16 characters");
            return Main.BAD_INPUT;
        }
        String t = token == null ? ApiServer.newToken() : token.strip();
        if (!InetAddress.getByName(bind).isLoopbackAddress()) {
            System.err.println("jixiao serve: warning: listening on " + bind + ", reachable from other machines: anyone "
                    + "with the token can score with these rules" + (readOnly ? "" : " (and, once the workbench can "
                    + "edit them, change them; give --read-only on a shared server)"));
        }
        ApiServer server;
        try {
            if (!(timeout > 0)) {
                System.err.println("jixiao serve: --timeout must be more than 0 seconds: a server always has a limit");
                return Main.BAD_INPUT;
            }
            // the scenarios beside the rules (home/rules and home/scenarios), as every command has them
            server = ApiServer.start(new ApiServer.Options(rulesRoot, DraftCommand.scenariosBeside(rulesRoot, null),
                    bind, port, t).readOnly(readOnly)
                    .timeout(java.time.Duration.ofMillis((long) (timeout * 1000)))
                    .allowedHosts(new java.util.HashSet<>(allowHosts.stream()
                            .map(h -> h.toLowerCase(java.util.Locale.ROOT)).toList())));
        } catch (RuntimeException e) {
            System.err.println("jixiao serve: cannot listen on " + bind + ":" + port + ": " + rootMessage(e));
            return Main.BAD_INPUT;
        }
        String host = bind.contains(":") ? "[" + bind + "]" : bind;
        System.out.println("jixiao serve: the workbench at http://" + host + ":" + server.port() + "/?token=" + t);
        System.out.println("  the API at http://" + host + ":" + server.port() + "/api/v1 (rules: " + rulesRoot
                + (readOnly ? "; read-only" : "") + ")");
        System.out.println("  access token: " + t + (tokenFile == null ? " (a new one each start; --token-file keeps one)"
                : " (kept in " + tokenFile + ")"));
        System.out.println("  e.g. curl -H 'Authorization: Bearer " + t + "' http://" + host + ":" + server.port()
                + "/api/v1/notices");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }));
        stopped.await();
        return Main.OK;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }
}
