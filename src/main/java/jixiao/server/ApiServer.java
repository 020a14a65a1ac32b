package jixiao.server;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import jixiao.engine.PolicyRegistry;
import jixiao.engine.Scorer;
import jixiao.service.ScoringService;
import org.eclipse.jetty.server.ConnectionLimit;

/**
 * {@code jixiao serve}: the scoring API for budget systems ({@link Api}) and the workbench's pages ({@link Pages}),
 * on one {@link ScoringService} that reads the rules as they are on disk at every request. This class wires them
 * together and sets the guards every request passes: bounded bodies and slow senders cut off (Jetty's minimum data
 * rate, timeouts and a connection limit), headers that keep other sites from framing or sniffing anything, and errors
 * that never show a Java exception. See {@code docs/security.md}.
 */
public final class ApiServer implements AutoCloseable {

    /** A request body that arrives slower than this (bytes a second, on average) is cut off: a slow sender. */
    static final long MIN_REQUEST_RATE = 1024;
    /** How long a connection may wait for its next bytes. */
    static final Duration IDLE = Duration.ofSeconds(20);
    /** Connections open at once at most; more wait to be accepted. */
    static final int MAX_CONNECTIONS = 512;

    /** What {@code jixiao serve} was asked for. */
    public record Options(Path rulesRoot, Path scenarios, String bind, int port, String token, boolean readOnly,
                          Duration timeout, Set<String> allowedHosts) {
        public Options(Path rulesRoot, Path scenarios, String bind, int port, String token) {
            this(rulesRoot, scenarios, bind, port, token, false, Duration.ofMillis(Scorer.DEFAULT_TIMEOUT_MILLIS),
                    Set.of());
        }

        public Options readOnly(boolean value) {
            return new Options(rulesRoot, scenarios, bind, port, token, value, timeout, allowedHosts);
        }

        public Options timeout(Duration value) {
            return new Options(rulesRoot, scenarios, bind, port, token, readOnly, value, allowedHosts);
        }

        public Options allowedHosts(Set<String> value) {
            return new Options(rulesRoot, scenarios, bind, port, token, readOnly, timeout, value);
        }
    }

    private final Javalin app;
    private final String token;

    private ApiServer(Javalin app, String token) {
        this.app = app;
        this.token = token;
    }

    /** A token of 128 random bits, in hex. */
    public static String newToken() {
        byte[] b = new byte[16];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** Starts serving, with the scenarios folder beside the rules root. */
    public static ApiServer start(Path rulesRoot, String bind, int port, String token) {
        Path parent = rulesRoot.toAbsolutePath().normalize().getParent();
        return start(rulesRoot, parent == null ? null : parent.resolve("scenarios"), bind, port, token);
    }

    /** @param scenarios the scenarios folder (one folder per notice), for the workbench's firing counts */
    public static ApiServer start(Path rulesRoot, Path scenarios, String bind, int port, String token) {
        return start(new Options(rulesRoot, scenarios, bind, port, token));
    }

    /** @param readOnly serve scoring and viewing only: no rule file can be saved */
    public static ApiServer start(Path rulesRoot, Path scenarios, String bind, int port, String token,
                                  boolean readOnly) {
        return start(new Options(rulesRoot, scenarios, bind, port, token).readOnly(readOnly));
    }

    /** Starts serving ({@code port} 0: any free port). */
    public static ApiServer start(Options o) {
        ScoringService service = new ScoringService(PolicyRegistry.followingDisk(o.rulesRoot()),
                new Scorer().withTimeout(o.timeout()));
        Javalin app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.http.maxRequestSize = Api.MAX_BATCH_BYTES;
            config.http.defaultContentType = Bodies.JSON;
            config.jetty.multipartConfig.maxFileSize(Api.MAX_BATCH_BYTES, io.javalin.config.SizeUnit.BYTES);
            config.jetty.multipartConfig.maxTotalRequestSize(Api.MAX_BATCH_BYTES + 65_536,
                    io.javalin.config.SizeUnit.BYTES);
            config.jetty.modifyHttpConfiguration(http -> {
                http.setMinRequestDataRate(MIN_REQUEST_RATE);
                http.setIdleTimeout(IDLE.toMillis());
                http.setSendServerVersion(false);
            });
            config.jetty.modifyServer(server -> server.addBean(new ConnectionLimit(MAX_CONNECTIONS, server)));
        });
        Sessions sessions = new Sessions(o.token(), o.allowedHosts());
        Api api = new Api(service);
        Workbench workbench = new Workbench(service.registry(), o.scenarios(), o.readOnly(), o.timeout());
        Pages pages = new Pages(service, workbench, sessions, api, o.readOnly());
        routes(app, api, pages, sessions);
        app.start(o.bind(), o.port());
        return new ApiServer(app, o.token());
    }

    public int port() {
        return app.port();
    }

    public String token() {
        return token;
    }

    @Override
    public void close() {
        app.stop();
    }

    private static void routes(Javalin app, Api api, Pages pages, Sessions sessions) {
        app.before(ctx -> {
            // no page or answer of this server may be framed, sniffed into another type, or leak its address
            ctx.header("X-Content-Type-Options", "nosniff");
            ctx.header("X-Frame-Options", "DENY");
            ctx.header("Referrer-Policy", "same-origin"); // "no-referrer" makes a form's Origin "null"
            ctx.header("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
            ctx.header("Cache-Control", "no-store");
        });
        app.before("/api/*", ctx -> authorise(ctx, sessions));
        app.get("/api/v1/openapi.json", api::openapi);
        app.get("/api/v1/notices", api::notices);
        app.get("/api/v1/notices/{id}", api::notice);
        app.post("/api/v1/score", api::score);
        app.post("/api/v1/batch", api::batch);
        app.post("/api/v1/compare", api::compare);

        app.post("/login", pages::login);
        app.get("/", pages::notices);
        app.get("/notices/{id}", pages::policy);
        app.get("/score", pages::scoreForm);
        app.get("/api", pages::apiPage);
        app.get("/web/editor.js", pages::editorScript);
        app.get("/web/pages/{name}", pages::pageScript);
        app.post("/score", pages::scorePage);
        app.post("/score/one", pages::scoreOne);
        app.post("/score/batch", pages::scoreBatch);
        app.post("/notices/{id}/scenarios", pages::recordScenario);
        app.get("/compare", pages::compareForm);
        app.post("/compare", pages::comparePage);
        app.get("/notices/{id}/files/{name}", pages::editor);
        app.post("/notices/{id}/files/{name}", pages::save);
        app.get("/notices/{id}/scenarios", pages::scenarios);
        app.get("/notices/{id}/scenarios/{file}", pages::scenario);
        app.post("/notices/{id}/draft", pages::startDraft);
        app.post("/notices/{id}/new", pages::startNew);
        app.get("/notices/{id}/history", pages::history);
        app.get("/notices/{id}/history/{commit}", pages::version);
        app.post("/notices/{id}/history/{commit}/rollback", pages::rollback);
        app.get("/notices/{id}/document", pages::document);
        app.get("/drafts/{id}/document", pages::document);
        app.get("/drafts/{id}", pages::draft);
        app.get("/drafts/{id}/files/{name}", pages::editor);
        app.post("/drafts/{id}/files/{name}", pages::save);
        app.get("/drafts/{id}/scenarios", pages::scenarios);
        app.get("/drafts/{id}/scenarios/{file}", pages::scenario);
        app.post("/drafts/{id}/publish", pages::publish);
        app.post("/drafts/{id}/discard", pages::discard);
        app.post("/drafts/{id}/pin", pages::repin);
        app.post("/drafts/{id}/scenarios/{file}/accept", pages::acceptScenario);

        app.exception(HttpResponseException.class, (e, ctx) -> Bodies.error(ctx, e.getStatus(), e.getMessage(), null));
        app.exception(Bodies.TooLarge.class, (e, ctx) -> Bodies.error(ctx, 413, e.getMessage(), null));
        app.exception(org.eclipse.jetty.http.BadMessageException.class, (e, ctx) -> {
            // Jetty's own verdict on the request: a body sent too slowly (408), a malformed one (400)
            Bodies.error(ctx, e.getCode(), e.getReason() == null ? "bad request" : e.getReason(), null);
            ctx.header("Connection", "close");
        });
        app.exception(org.eclipse.jetty.io.EofException.class, (e, ctx) -> {
            // the client went away: nothing to answer, nobody to answer it to
        });
        app.exception(Exception.class, (e, ctx) -> {
            System.err.println("jixiao serve: " + ctx.method() + " " + ctx.path() + ": " + e);
            Bodies.error(ctx, 500, "internal error (the server's log says more)", null);
        });
        app.error(404, ctx -> {
            if (ctx.result() == null || ctx.result().isEmpty()) {
                Bodies.error(ctx, 404, "no such resource: " + ctx.method() + " " + ctx.path(), null);
            }
        });
    }

    /** The token, from a header only; compared in constant time. A cookie or query parameter is never taken. */
    private static void authorise(Context ctx, Sessions sessions) {
        String given = ctx.header("X-Jixiao-Token");
        String auth = ctx.header("Authorization");
        if (given == null && auth != null && auth.startsWith("Bearer ")) {
            given = auth.substring("Bearer ".length()).strip();
        }
        if (!sessions.isToken(given)) {
            throw new HttpResponseException(401, "the access token is missing or wrong: send it as "
                    + "\"Authorization: Bearer TOKEN\" (jixiao serve printed it when it started)");
        }
    }

    /** The routes the server answers, which the OpenAPI document must describe (a test checks it does). */
    public static final List<String> ROUTES = List.of("GET /api/v1/openapi.json", "GET /api/v1/notices",
            "GET /api/v1/notices/{id}", "POST /api/v1/score", "POST /api/v1/batch", "POST /api/v1/compare");
}
