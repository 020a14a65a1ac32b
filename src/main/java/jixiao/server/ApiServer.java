package jixiao.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import jixiao.engine.Notice;
import jixiao.engine.Policy;
import jixiao.engine.PolicyException;
import jixiao.engine.PolicyFiles;
import jixiao.engine.PolicyRegistry;
import jixiao.engine.ScoreResult;
import jixiao.engine.Scorer;
import jixiao.engine.ScoringException;
import jixiao.engine.UnknownNoticeException;
import jixiao.input.InputException;
import jixiao.input.SubmissionReader;
import jixiao.model.Submission;
import jixiao.report.JsonReport;

/**
 * The scoring API for budget systems ({@code /api/v1}), on the same engine and rule folders as the command line.
 * Every request needs the access token in a header ({@code Authorization: Bearer TOKEN} or {@code X-Jixiao-Token}):
 * there is no cookie to ride on, so no cross-site request can use it. A submission's fault is a 400 (cannot be read,
 * with its JSON path) or a 422 (sent back, with the findings); an unknown notice is a 404; only the rules failing is a
 * 500. Concurrent requests share one compiled policy per notice.
 */
public final class ApiServer implements AutoCloseable {

    /** The largest body {@code POST /score} reads: the size the command line reads a submission file to. */
    static final long MAX_SUBMISSION_BYTES = SubmissionReader.MAX_BYTES;
    /** The largest body {@code POST /batch} reads. */
    static final long MAX_BATCH_BYTES = 256L * 1024 * 1024;
    static final String NDJSON = "application/x-ndjson; charset=utf-8";
    static final String JSON = "application/json; charset=utf-8";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Javalin app;
    private final String token;
    private final PolicyRegistry registry;
    private final Scorer scorer = new Scorer();
    private final Workbench workbench;

    private final boolean readOnly;
    /** What a workbench page sends with an edit: derived from the token, readable only by this site's pages. */
    private final String editKey;

    private ApiServer(Javalin app, String token, PolicyRegistry registry, Path scenarios, boolean readOnly) {
        this.app = app;
        this.token = token;
        this.registry = registry;
        this.readOnly = readOnly;
        this.editKey = editKey(token);
        this.workbench = new Workbench(registry, scenarios, readOnly, editKey);
    }

    private static String editKey(String token) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(token.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal("jixiao workbench edit".getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A token of 128 random bits, in hex. */
    public static String newToken() {
        byte[] b = new byte[16];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /**
     * Starts serving.
     *
     * @param port 0 for any free port
     */
    public static ApiServer start(Path rulesRoot, String bind, int port, String token) {
        Path parent = rulesRoot.toAbsolutePath().normalize().getParent();
        return start(rulesRoot, parent == null ? null : parent.resolve("scenarios"), bind, port, token);
    }

    /** @param scenarios the scenarios folder (one folder per notice), for the workbench's firing counts */
    public static ApiServer start(Path rulesRoot, Path scenarios, String bind, int port, String token) {
        return start(rulesRoot, scenarios, bind, port, token, false);
    }

    /** @param readOnly serve scoring and viewing only: no rule file can be saved */
    public static ApiServer start(Path rulesRoot, Path scenarios, String bind, int port, String token,
                                  boolean readOnly) {
        PolicyRegistry registry = new PolicyRegistry(rulesRoot);
        Javalin app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.http.maxRequestSize = MAX_BATCH_BYTES;
            config.http.defaultContentType = JSON;
        });
        ApiServer server = new ApiServer(app, token, registry, scenarios, readOnly);
        server.routes();
        app.start(bind, port);
        return server;
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

    private void routes() {
        app.before("/api/*", this::authorise);
        app.get("/api/v1/openapi.json", ctx -> {
            try (InputStream in = ApiServer.class.getResourceAsStream("/jixiao/openapi.json")) {
                ctx.contentType(JSON).result(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        });
        app.get("/api/v1/notices", this::notices);
        app.get("/api/v1/notices/{id}", this::notice);
        app.post("/api/v1/score", this::score);
        app.post("/api/v1/batch", this::batch);
        app.post("/api/v1/compare", this::compare);
        // the workbench's pages: the token once (the link serve prints, or the login form), then a cookie that only
        // this site's pages send (SameSite=Strict, HttpOnly); the API never takes the cookie
        app.post("/login", ctx -> {
            if (valid(ctx.formParam("token"))) {
                remember(ctx);
                ctx.redirect("/");
            } else {
                ctx.status(401).html(workbench.login(true));
            }
        });
        app.get("/", ctx -> page(ctx, () -> ctx.html(workbench.notices())));
        app.get("/notices/{id}", ctx -> page(ctx, () -> policyPage(ctx)));
        app.get("/score", ctx -> page(ctx, () -> ctx.html(workbench.scoreForm(null))));
        // the editor's script (CodeMirror, bundled from src/main/web by its build.sh)
        app.get("/web/editor.js", ctx -> page(ctx, () -> {
            try (InputStream in = ApiServer.class.getResourceAsStream("/jixiao/web/editor.js")) {
                ctx.contentType("text/javascript; charset=utf-8").header("Cache-Control", "private, max-age=3600")
                        .result(in.readAllBytes());
            }
        }));
        app.post("/score", ctx -> page(ctx, () -> scorePage(ctx)));
        // the score page's batch: the API's own handlers, behind the page's cookie (scoring changes nothing)
        app.post("/score/one", ctx -> page(ctx, () -> score(ctx)));
        app.post("/score/batch", ctx -> page(ctx, () -> batch(ctx)));
        app.post("/notices/{id}/scenarios", ctx -> page(ctx, () -> recordScenario(ctx)));
        app.get("/compare", ctx -> page(ctx, () -> ctx.html(workbench.compareForm(null))));
        app.post("/compare", ctx -> page(ctx, () -> comparePage(ctx)));
        app.get("/notices/{id}/files/{name}", ctx -> page(ctx, () -> editorPage(ctx)));
        app.get("/notices/{id}/scenarios", ctx -> page(ctx, () -> {
            if (!isNotice(ctx.pathParam("id"))) {
                ctx.status(404).html(workbench.scoreForm("没有通知 " + ctx.pathParam("id")));
                return;
            }
            ctx.html(workbench.scenarios(ctx.pathParam("id")));
        }));
        app.get("/notices/{id}/scenarios/{file}", ctx -> page(ctx, () -> {
            Path f = isNotice(ctx.pathParam("id")) ? workbench.scenarioFile(ctx.pathParam("id"), ctx.pathParam("file"))
                    : null;
            if (f == null) {
                ctx.status(404).html(workbench.scoreForm("没有这个场景：" + ctx.pathParam("file")));
                return;
            }
            ctx.html(workbench.scenario(ctx.pathParam("id"), f));
        }));
        app.post("/notices/{id}/files/{name}", ctx -> page(ctx, () -> save(ctx)));
        app.exception(HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(), e.getMessage(), null));
        app.exception(Exception.class, (e, ctx) -> error(ctx, 500, "internal error: " + e, null));
        app.error(404, ctx -> {
            if (ctx.result() == null || ctx.result().isEmpty()) {
                error(ctx, 404, "no such resource: " + ctx.method() + " " + ctx.path(), null);
            }
        });
    }

    private boolean valid(String given) {
        return given != null && MessageDigest.isEqual(given.strip().getBytes(StandardCharsets.UTF_8),
                token.getBytes(StandardCharsets.UTF_8));
    }

    private void remember(Context ctx) {
        ctx.header("Set-Cookie", "jixiao_token=" + token + "; Path=/; HttpOnly; SameSite=Strict");
    }

    private interface Page {
        void render() throws Exception;
    }

    /** A page: with the cookie, or with ?token= once (then the cookie is set and the token leaves the address). */
    private void page(Context ctx, Page render) throws Exception {
        if (valid(ctx.queryParam("token"))) {
            remember(ctx);
            ctx.redirect(ctx.path());
            return;
        }
        if (!valid(ctx.cookie("jixiao_token"))) {
            ctx.status(401).html(workbench.login(false));
            return;
        }
        render.render();
    }

    private boolean isNotice(String id) {
        return registry.notices().stream().anyMatch(n -> n.id().equals(id) && !n.isShared());
    }

    private void policyPage(Context ctx) {
        String id = ctx.pathParam("id");
        try {
            if (registry.notices().stream().anyMatch(n -> n.id().equals(id) && n.isShared())) {
                throw new UnknownNoticeException(id + " is a folder of shared rules, not a notice");
            }
            ctx.html(workbench.policy(registry.forNotice(id)));
        } catch (PolicyException e) {
            ctx.status(e instanceof UnknownNoticeException ? 404 : 500)
                    .html("<!DOCTYPE html><html lang=\"zh-CN\"><meta charset=\"utf-8\"><p><a href=\"/\">通知</a></p><p>"
                            + jixiao.report.HtmlReport.esc(e.describe()) + "</p></html>");
        }
    }

    /** A file of a notice's own (never a base's): the one source the name names, or null. */
    private jixiao.engine.PolicyFiles.Source ownFile(String id, String name) throws PolicyException {
        if (registry.notices().stream().anyMatch(n -> n.id().equals(id) && n.isShared())) {
            throw new UnknownNoticeException(id + " is a folder of shared rules, not a notice");
        }
        PolicyFiles set = PolicyFiles.resolve(registry.folderOf(id), false);
        return set.files().stream().filter(f -> f.label().equals(name) && f.name().equals(name)
                && !name.contains("/")).findFirst().orElse(null);
    }

    private void editorPage(Context ctx) throws PolicyException {
        String id = ctx.pathParam("id");
        jixiao.engine.PolicyFiles.Source f;
        try {
            f = ownFile(id, ctx.pathParam("name"));
        } catch (UnknownNoticeException e) {
            ctx.status(404).html(workbench.scoreForm(e.getMessage()));
            return;
        }
        if (f == null) {
            ctx.status(404).html(workbench.scoreForm("通知 " + id + " 没有自己的文件 " + ctx.pathParam("name")));
            return;
        }
        ctx.html(workbench.editor(id, f));
    }

    /**
     * Saves a rule file edited in the browser — an ordinary file edit, as an editor would make it — then compiles the
     * notice and runs its scenarios: problems at their lines, each scenario passed or not with expected and actual.
     * Needs the page's cookie and the edit key in a header (a cross-site form can send neither).
     */
    private void save(Context ctx) throws Exception {
        if (!mayEdit(ctx)) {
            return;
        }
        String id = ctx.pathParam("id");
        jixiao.engine.PolicyFiles.Source f;
        try {
            f = ownFile(id, ctx.pathParam("name"));
        } catch (UnknownNoticeException e) {
            error(ctx, 404, e.getMessage(), null);
            return;
        }
        if (f == null) {
            error(ctx, 404, "notice " + id + " has no file of its own named " + ctx.pathParam("name"), null);
            return;
        }
        byte[] body = readAtMost(ctx.bodyInputStream(), 4L * 1024 * 1024, "a rule file");
        try {
            SubmissionReader.utf8(body, 0, body.length);
        } catch (java.nio.charset.CharacterCodingException e) {
            error(ctx, 400, "a rule file is UTF-8 text", null);
            return;
        }
        writeAtomically(f.path(), body);
        for (Policy old : registry.invalidate(f.path().getParent())) {
            scorer.release(old);
        }
        ctx.contentType(JSON).result(workbench.check(id).toPrettyString());
    }

    /**
     * Makes a scenario from a scored submission, as {@code jixiao test --record} does: the submission (inline) and what
     * the notice's rules give for it now, written to {@code scenarios/NOTICE/NAME.scenario.json} for the analyst to
     * review. The body is {@code {"name": …, "submission": {…}}}; an existing scenario is kept unless
     * {@code "replace": true}. Needs the page's cookie and the edit key, like a rule save.
     */
    private void recordScenario(Context ctx) throws Exception {
        if (!mayEdit(ctx)) {
            return;
        }
        String id = ctx.pathParam("id");
        if (!isNotice(id) || workbench.scenariosFolder() == null) {
            error(ctx, 404, "no notice " + id + " with a scenarios folder", null);
            return;
        }
        JsonNode body;
        try {
            body = MAPPER.readTree(readAtMost(ctx.bodyInputStream(), MAX_SUBMISSION_BYTES, "a scenario"));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            error(ctx, 400, "not JSON: " + e.getOriginalMessage(), null);
            return;
        }
        String name = body.path("name").asText("").strip();
        if (!name.matches("[\\p{L}\\p{N}][\\p{L}\\p{N}_.-]{0,79}") || name.contains("..")) {
            error(ctx, 400, "a scenario name is letters, digits, '-', '_' or '.' (at most 80), not \"" + name + "\"", null);
            return;
        }
        if (!(body.get("submission") instanceof ObjectNode tree)) {
            error(ctx, 400, "send the submission as an object: {\"name\": …, \"submission\": {…}}", null);
            return;
        }
        tree.put("notice", id);
        Submission s;
        try {
            s = SubmissionReader.fromTree("submission", tree, "submission");
        } catch (InputException e) {
            error(ctx, 400, "the submission cannot be read", e);
            return;
        }
        ScoreResult r;
        try {
            r = scorer.score(registry.forNotice(id), s);
        } catch (PolicyException e) {
            error(ctx, 500, "the rules of notice " + id + " cannot be used: " + e.describe(), null);
            return;
        } catch (ScoringException e) {
            error(ctx, 500, "the rules failed while scoring: " + e.getMessage(), null);
            return;
        }
        Path dir = workbench.scenariosFolder().resolve(id);
        Path target = dir.resolve(name.replaceFirst("\\.scenario\\.json$", "") + jixiao.scenario.ScenarioReader.SUFFIX);
        if (java.nio.file.Files.exists(target) && !body.path("replace").asBoolean(false)) {
            error(ctx, 409, "scenario " + target.getFileName() + " exists; choose another name, or replace it", null);
            return;
        }
        ObjectNode scenario = jixiao.scenario.Recorder.record(r, "");
        scenario.set("submission", tree);
        java.nio.file.Files.createDirectories(dir);
        writeAtomically(target, jixiao.scenario.Recorder.pretty(scenario).getBytes(StandardCharsets.UTF_8));
        ObjectNode out = MAPPER.createObjectNode();
        out.put("file", target.getFileName().toString());
        out.put("page", "/notices/" + id + "/scenarios/" + target.getFileName());
        out.set("expect", scenario.get("expect"));
        ctx.status(201).contentType(JSON).result(out.toPrettyString());
    }

    /** Writes a file whole or not at all: a temporary file beside it, then moved over it. */
    private static void writeAtomically(Path target, byte[] bytes) throws IOException {
        Path tmp = java.nio.file.Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
        try {
            java.nio.file.Files.write(tmp, bytes);
            java.nio.file.Files.move(tmp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } finally {
            java.nio.file.Files.deleteIfExists(tmp);
        }
    }

    /** A state-changing request from the workbench: not read-only, and the edit key in its header. */
    private boolean mayEdit(Context ctx) {
        if (readOnly) {
            error(ctx, 403, "this server is read-only (jixiao serve --read-only): nothing can be saved", null);
            return false;
        }
        String key = ctx.header("X-Jixiao-Edit");
        if (key == null || !MessageDigest.isEqual(key.getBytes(StandardCharsets.UTF_8),
                editKey.getBytes(StandardCharsets.UTF_8))) {
            error(ctx, 403, "an edit must come from the workbench's own page (X-Jixiao-Edit header)", null);
            return false;
        }
        return true;
    }

    /** Two notices over uploaded submissions (JSON Lines, or one JSON), as compare --format html draws it. */
    private void comparePage(Context ctx) throws IOException {
        io.javalin.http.UploadedFile upload = ctx.uploadedFile("file");
        String a = ctx.formParam("a");
        String b = ctx.formParam("b");
        if (upload == null || a == null || b == null) {
            ctx.status(400).html(workbench.compareForm("请选择两个通知和一个文件。"));
            return;
        }
        Policy pa;
        Policy pb;
        try {
            pa = registry.forNotice(a);
            pb = registry.forNotice(b);
        } catch (PolicyException e) {
            ctx.status(e instanceof UnknownNoticeException ? 404 : 500).html(workbench.compareForm(e.describe()));
            return;
        }
        byte[] body = readAtMost(upload.content(), MAX_BATCH_BYTES, "the submissions");
        String text;
        try {
            text = SubmissionReader.utf8(body, SubmissionReader.bomLength(body), body.length
                    - SubmissionReader.bomLength(body));
        } catch (java.nio.charset.CharacterCodingException e) {
            ctx.status(400).html(workbench.compareForm(upload.filename() + "：不是 UTF-8 文本。"));
            return;
        }
        // one JSON submission (pretty-printed over many lines), or JSON Lines
        List<String> items = text.stripLeading().startsWith("{") && !text.strip().contains("}\n{")
                && !text.strip().contains("}\r\n{") ? List.of(text) : text.lines().toList();
        jixiao.report.Comparison c = new jixiao.report.Comparison(pa, pb);
        int n = 0;
        for (String item : items) {
            n++;
            if (item.isBlank()) {
                continue;
            }
            compareOne(c, pa, pb, item, n, upload.filename() + (items.size() > 1 ? " 第 " + n + " 行" : "") + "：");
        }
        ctx.html(workbench.inPage("比较结果", c.html()));
    }

    /** An uploaded table (or JSON) scored into the same page as score --format html. */
    private void scorePage(Context ctx) throws IOException {
        io.javalin.http.UploadedFile upload = ctx.uploadedFile("file");
        if (upload == null) {
            ctx.status(400).html(workbench.scoreForm("没有选择文件。"));
            return;
        }
        String name = Path.of(upload.filename()).getFileName().toString();
        String suffix = name.contains(".") ? name.substring(name.lastIndexOf('.')).toLowerCase(java.util.Locale.ROOT)
                : "";
        if (!List.of(".xlsx", ".docx", ".csv", ".json").contains(suffix)) {
            ctx.status(400).html(workbench.scoreForm(name + "：只能是 .xlsx、.docx、.csv 或 .json 文件。"));
            return;
        }
        byte[] body = readAtMost(upload.content(), MAX_SUBMISSION_BYTES, "a submission");
        Submission s;
        ObjectNode tree;
        try {
            tree = suffix.equals(".json") ? tree(body, null) : tableTree(body, suffix, null);
            s = SubmissionReader.fromTree(suffix.equals(".json") ? "request body" : "upload" + suffix, tree,
                    suffix.equals(".json") ? "submission" : "upload");
        } catch (InputException e) {
            ctx.status(400).html(workbench.scoreForm(e.getMessage().replace("upload" + suffix, name)
                    .replace("request body", name)));
            return;
        }
        try {
            ScoreResult r = scorer.score(registry.forNotice(s.notice()), s);
            int status = r.isScored() ? 200 : 422;
            String format = ctx.formParam("format") == null ? "html" : ctx.formParam("format");
            String base = name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name;
            switch (format) {
                case "html-file" -> download(ctx.status(status), base + "-评分.html", "text/html; charset=utf-8",
                        jixiao.report.HtmlReport.page(r).getBytes(StandardCharsets.UTF_8));
                case "json" -> download(ctx.status(status), base + "-评分.json", JSON,
                        JsonReport.pretty(r, JsonReport.Explanations.FULL));
                case "csv" -> {
                    java.io.StringWriter w = new java.io.StringWriter();
                    jixiao.report.CsvResults csv = new jixiao.report.CsvResults(w);
                    csv.write(r, csv.render(r));
                    csv.finish(List.of());
                    // with a byte order mark, as Excel needs to read UTF-8 CSV
                    download(ctx.status(status), base + "-评分.csv", "text/csv; charset=utf-8",
                            ("\uFEFF" + w).getBytes(StandardCharsets.UTF_8));
                }
                case "xlsx" -> {
                    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
                    jixiao.report.XlsxReport.write(List.of(r), out);
                    download(ctx.status(status), base + "-评分.xlsx",
                            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", out.toByteArray());
                }
                default -> ctx.status(status).html(workbench.scored(r, tree, base));
            }
        } catch (PolicyException e) {
            ctx.status(e instanceof UnknownNoticeException ? 404 : 500).html(workbench.scoreForm(e.describe()));
        } catch (ScoringException e) {
            ctx.status(500).html(workbench.scoreForm(e.getMessage()));
        }
    }

    private static void download(Context ctx, String filename, String type, byte[] bytes) {
        ctx.contentType(type);
        ctx.header("Content-Disposition", "attachment; filename*=UTF-8''" + java.net.URLEncoder.encode(filename,
                StandardCharsets.UTF_8).replace("+", "%20"));
        ctx.result(bytes);
    }

    /** The token, from a header only; compared in constant time. */
    private void authorise(Context ctx) {
        String given = ctx.header("X-Jixiao-Token");
        String auth = ctx.header("Authorization");
        if (given == null && auth != null && auth.startsWith("Bearer ")) {
            given = auth.substring("Bearer ".length()).strip();
        }
        if (given == null || !MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                token.getBytes(StandardCharsets.UTF_8))) {
            throw new HttpResponseException(401, "the access token is missing or wrong: send it as "
                    + "\"Authorization: Bearer TOKEN\" (jixiao serve printed it when it started)");
        }
    }

    private void notices(Context ctx) {
        ArrayNode out = MAPPER.createArrayNode();
        for (Notice n : registry.notices()) {
            ObjectNode o = describe(n);
            try {
                o.put("fingerprint", PolicyFiles.resolve(registry.folderOf(n.id())).fingerprint());
            } catch (PolicyException e) {
                o.put("problem", e.describe());
            }
            out.add(o);
        }
        ctx.contentType(JSON).result(out.toPrettyString());
    }

    private static ObjectNode describe(Notice n) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("id", n.id());
        o.put("title", n.title());
        o.put("issuer", n.issuer());
        if (n.year() != null) {
            o.put("year", n.year());
        }
        o.put("kind", n.kind());
        o.put("shared", n.isShared());
        if (n.base() != null) {
            o.put("base", n.base().notice());
        }
        return o;
    }

    private void notice(Context ctx) {
        String id = ctx.pathParam("id");
        Policy p;
        try {
            if (registry.notices().stream().anyMatch(n -> n.id().equals(id) && n.isShared())) {
                error(ctx, 404, id + " is a folder of shared rules that notices build on, not a notice", null);
                return;
            }
            p = registry.forNotice(id);
        } catch (UnknownNoticeException e) {
            error(ctx, 404, e.getMessage(), null);
            return;
        } catch (PolicyException e) {
            error(ctx, 500, "the rules of notice " + id + " cannot be used: " + e.describe(), null);
            return;
        }
        ObjectNode o = describe(p.notice());
        o.put("fingerprint", p.fingerprint());
        ArrayNode layers = o.putArray("layers");
        p.layers().forEach(l -> layers.add(l.getFileName().toString()));
        ArrayNode phases = o.putArray("phases");
        for (String phase : p.phases()) {
            ObjectNode ph = phases.addObject();
            ph.put("name", phase);
            ArrayNode rules = ph.putArray("rules");
            p.rules().stream().filter(r -> phase.equals(r.phase())).forEach(r -> {
                ObjectNode rule = rules.addObject();
                rule.put("name", r.name());
                rule.put("file", r.file());
            });
        }
        ctx.contentType(JSON).result(o.toPrettyString());
    }

    /** The suffix of a table sent as the body, by its media type; null for JSON. */
    private static String tableSuffix(String contentType) {
        String t = contentType == null ? "" : contentType.toLowerCase(java.util.Locale.ROOT);
        if (t.startsWith("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")) {
            return ".xlsx";
        }
        if (t.startsWith("application/vnd.openxmlformats-officedocument.wordprocessingml.document")) {
            return ".docx";
        }
        if (t.startsWith("text/csv")) {
            return ".csv";
        }
        return null;
    }

    /**
     * One submission → the same JSON as {@code jixiao score --format json}. The body is the submission's JSON, or a
     * self-evaluation table (.xlsx, .docx or .csv, by its Content-Type) read as {@code jixiao score} reads one.
     */
    private void score(Context ctx) throws IOException {
        byte[] body = readAtMost(ctx.bodyInputStream(), MAX_SUBMISSION_BYTES, "a submission");
        Submission s;
        try {
            String suffix = tableSuffix(ctx.contentType());
            s = suffix == null ? read(body, ctx.queryParam("notice")) : readTable(body, suffix, ctx.queryParam("notice"));
        } catch (InputException e) {
            error(ctx, 400, "the submission cannot be read", e);
            return;
        }
        ScoreResult r;
        try {
            r = scorer.score(registry.forNotice(s.notice()), s);
        } catch (UnknownNoticeException e) {
            error(ctx, 404, e.getMessage(), null);
            return;
        } catch (PolicyException e) {
            error(ctx, 500, "the rules of notice " + s.notice() + " cannot be used: " + e.describe(), null);
            return;
        } catch (ScoringException e) {
            error(ctx, 500, "the rules failed while scoring: " + e.getMessage(), null);
            return;
        }
        if (!r.ruleGaps().isEmpty()) {
            error(ctx, 500, "the rules of notice " + s.notice() + " leave a gap: " + r.ruleGaps().get(0).getMessage(),
                    null);
            return;
        }
        ctx.status(r.isScored() ? 200 : 422).contentType(JSON).result(JsonReport.pretty(r, JsonReport.Explanations.FULL));
    }

    /** A table sent as the body: written to a private temporary folder as upload.xlsx (…), read, removed. */
    private static Submission readTable(byte[] body, String suffix, String notice) throws InputException, IOException {
        return SubmissionReader.fromTree("upload" + suffix, tableTree(body, suffix, notice), "upload");
    }

    /** A table sent as the body, as the submission JSON it reads into. */
    private static ObjectNode tableTree(byte[] body, String suffix, String notice) throws InputException, IOException {
        Path dir = java.nio.file.Files.createTempDirectory("jixiao-upload");
        Path file = dir.resolve("upload" + suffix);
        try {
            java.nio.file.Files.write(file, body);
            return jixiao.input.Submissions.importTable(file, notice, null);
        } catch (InputException e) {
            // name the upload as the caller knows it, not by the temporary folder
            throw new InputException(e.getFile() == null ? null : e.getFile().replace(dir + java.io.File.separator, ""),
                    e.getJsonPath(), e.getLine(), e.getColumn(), e.getProblem());
        } finally {
            java.nio.file.Files.deleteIfExists(file);
            java.nio.file.Files.deleteIfExists(dir);
        }
    }

    private static Submission read(byte[] body, String notice) throws InputException {
        return SubmissionReader.fromTree("request body", tree(body, notice), "submission");
    }

    /** A JSON body as a tree (an object, or the reader's error naming what it is instead). */
    private static ObjectNode tree(byte[] body, String notice) throws InputException {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(SubmissionReader.utf8(body, SubmissionReader.bomLength(body),
                    body.length - SubmissionReader.bomLength(body)));
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new InputException("request body", null, 0, 0, "not UTF-8 text");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new InputException("request body", null, e.getLocation() == null ? 0 : e.getLocation().getLineNr(),
                    e.getLocation() == null ? 0 : e.getLocation().getColumnNr(), "not JSON: " + e.getOriginalMessage());
        }
        if (!(tree instanceof ObjectNode o)) {
            // the reader's own words for a body that is not an object
            SubmissionReader.fromTree("request body", tree, "submission");
            throw new InputException("request body", "$", 0, 0, "a submission is a JSON object");
        }
        if (notice != null) {
            o.put("notice", notice);
        }
        return o;
    }

    /**
     * JSON Lines in, JSON Lines out, streamed in input order: each line's result (as {@code score --format jsonl}
     * writes it) or, for a line that cannot be read or scored, {@code {"line": N, "status": 400, "error": ...}}.
     */
    private void batch(Context ctx) throws IOException {
        ctx.contentType(NDJSON);
        String notice = ctx.queryParam("notice");
        OutputStream out = ctx.outputStream();
        eachLine(ctx, (n, line) -> {
            byte[] result; // one line of JSON Lines, its newline included
            try {
                Submission s = read(line.getBytes(StandardCharsets.UTF_8), notice);
                ScoreResult r = scorer.score(registry.forNotice(s.notice()), s);
                result = JsonReport.line(r, JsonReport.Explanations.FULL);
            } catch (InputException e) {
                result = lineError(n, 400, e.getMessage());
            } catch (UnknownNoticeException e) {
                result = lineError(n, 404, e.getMessage());
            } catch (PolicyException e) {
                result = lineError(n, 500, e.describe());
            } catch (ScoringException e) {
                result = lineError(n, 500, e.getMessage());
            }
            out.write(result);
        });
        out.flush();
    }

    /**
     * Two notices over the same submissions (JSON Lines): {@code ?a=NOTICE&b=NOTICE} → the JSON of
     * {@code jixiao compare --format json}: per submission the totals, grades and what moved; the summary.
     */
    private void compare(Context ctx) throws IOException {
        String a = ctx.queryParam("a");
        String b = ctx.queryParam("b");
        if (a == null || b == null) {
            error(ctx, 400, "name the two notices to compare: ?a=NOTICE&b=NOTICE", null);
            return;
        }
        Policy pa;
        Policy pb;
        try {
            pa = registry.forNotice(a);
            pb = registry.forNotice(b);
        } catch (UnknownNoticeException e) {
            error(ctx, 404, e.getMessage(), null);
            return;
        } catch (PolicyException e) {
            error(ctx, 500, e.describe(), null);
            return;
        }
        jixiao.report.Comparison c = new jixiao.report.Comparison(pa, pb);
        eachLine(ctx, (n, line) -> compareOne(c, pa, pb, line, n, "line " + n + ": "));
        ctx.contentType(JSON).result(c.json());
    }

    /** One submission (JSON text) scored by both policies into the comparison, or listed as unreadable. */
    private void compareOne(jixiao.report.Comparison c, Policy pa, Policy pb, String json, int line, String where) {
        try {
            Submission s = read(json.getBytes(StandardCharsets.UTF_8), null);
            c.add(new jixiao.report.Comparison.Row(s.id(), "line " + line,
                    jixiao.report.Comparison.Side.of(scorer, pa, s), jixiao.report.Comparison.Side.of(scorer, pb, s)));
        } catch (InputException e) {
            c.unreadable(where + e.getMessage());
        }
    }

    private interface LineHandler {
        void line(int number, String line) throws IOException;
    }

    /** Each non-blank line of a JSON Lines body, with its number, as it arrives. */
    private static void eachLine(Context ctx, LineHandler handler) throws IOException {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(ctx.bodyInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            int n = 0;
            while ((line = in.readLine()) != null) {
                n++;
                if (!line.isBlank()) {
                    handler.line(n, line);
                }
            }
        }
    }

    private static byte[] lineError(int line, int status, String message) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("line", line);
        o.put("status", status);
        o.put("error", message);
        return (o + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] readAtMost(InputStream in, long max, String what) throws IOException {
        byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
        if (bytes.length > max) {
            throw new HttpResponseException(413, what + " may be at most " + max + " bytes");
        }
        return bytes;
    }

    /** The error as JSON: status, message, and for a submission that cannot be read, where and what. */
    private static void error(Context ctx, int status, String message, InputException e) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("status", status);
        o.put("error", message);
        if (e != null) {
            o.put("detail", e.getMessage());
            o.put("jsonPath", e.getJsonPath());
            if (e.getLine() > 0) {
                o.put("line", e.getLine());
            }
            o.put("problem", e.getProblem());
        }
        ctx.status(status).contentType(JSON).result(o.toPrettyString());
    }

    /** The routes the server answers, which the OpenAPI document must describe (a test checks it does). */
    public static final List<String> ROUTES = List.of("GET /api/v1/openapi.json", "GET /api/v1/notices",
            "GET /api/v1/notices/{id}", "POST /api/v1/score", "POST /api/v1/batch", "POST /api/v1/compare");
}
