package jixiao.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import jixiao.batch.Inputs;
import jixiao.engine.Policy;
import jixiao.engine.PolicyException;
import jixiao.engine.PolicyFiles;
import jixiao.engine.PolicyRegistry;
import jixiao.engine.UnknownNoticeException;
import jixiao.input.SubmissionReader;
import jixiao.report.JsonReport;
import jixiao.service.Input;
import jixiao.service.Outcome;
import jixiao.service.ScoringService;

/**
 * The workbench's pages: each behind a session ({@link Sessions}), sent with a Content-Security-Policy that lets only
 * this site's scripts run (the page's own by a nonce made for that answer) and no other site frame it. Scoring goes
 * through the same {@link ScoringService} as the API and the command line.
 */
final class Pages {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final ScoringService service;
    private final Workbench workbench;
    private final Sessions sessions;
    private final Saving saving = new Saving();
    private final Api api;
    private final boolean readOnly;

    Pages(ScoringService service, Workbench workbench, Sessions sessions, Api api, boolean readOnly) {
        this.service = service;
        this.workbench = workbench;
        this.sessions = sessions;
        this.api = api;
        this.readOnly = readOnly;
    }

    interface Page {
        void render(String session) throws Exception;
    }

    /**
     * A page: for this server's own name only; with the session's cookie, or with {@code ?token=} once (a session is
     * then opened and the token leaves the address). A request that changes something must also come from this
     * origin.
     */
    void gate(Context ctx, boolean changes, Page page) throws Exception {
        if (!sessions.hostAllowed(ctx)) {
            ctx.status(421).contentType("text/plain; charset=utf-8").result("jixiao: this server answers its pages "
                    + "only under an address or localhost (Host: " + ctx.header("Host") + "); see jixiao serve "
                    + "--allow-host");
            return;
        }
        if (!changes && sessions.isToken(ctx.queryParam("token"))) {
            sessions.open(ctx);
            ctx.redirect(ctx.path());
            return;
        }
        String session = sessions.of(ctx);
        if (session == null) {
            html(ctx.status(401), workbench.login(false));
            return;
        }
        if (changes && !sessions.sameOrigin(ctx)) {
            Bodies.error(ctx, 403, "a change must come from the workbench's own pages", null);
            return;
        }
        page.render(session);
    }

    /** The login form's answer: the token (a small form, bounded before it is read) opens a session. */
    void login(Context ctx) throws IOException {
        if (!sessions.hostAllowed(ctx) || !sessions.sameOrigin(ctx)) {
            ctx.status(403).contentType("text/plain; charset=utf-8").result("jixiao: log in from this server's own page");
            return;
        }
        byte[] body = Bodies.readAtMost(ctx, 4096, "the login form");
        String token = null;
        for (String pair : new String(body, StandardCharsets.UTF_8).split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals("token")) {
                token = java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        if (sessions.isToken(token)) {
            sessions.open(ctx);
            ctx.redirect("/");
        } else {
            html(ctx.status(401), workbench.login(true));
        }
    }

    /**
     * Sends a page with the policy that only this site's scripts run (a page has no script of its own: its scripts
     * are files under /web, and what they need is in data- attributes) and that no other site may frame it.
     */
    static void html(Context ctx, String page) {
        ctx.header("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self' "
                + "'unsafe-inline'; img-src 'self' data:; connect-src 'self' blob:; object-src 'none'; base-uri 'none'; "
                + "form-action 'self'; frame-ancestors 'none'");
        ctx.html(page);
    }

    void notices(Context ctx) throws Exception {
        gate(ctx, false, s -> html(ctx, workbench.notices()));
    }

    void policy(Context ctx) throws Exception {
        gate(ctx, false, s -> {
            String id = ctx.pathParam("id");
            String shared = workbench.sharedPage(id);
            if (shared != null) {
                html(ctx, shared);
                return;
            }
            try {
                html(ctx, workbench.policy(id, api.policy(id), sessions.editKey(s), sessions.name(s)));
            } catch (PolicyException e) {
                html(ctx.status(e instanceof UnknownNoticeException ? 404 : 500), workbench.inPage("通知 " + id,
                        "<p class=\"reject\">" + jixiao.report.HtmlReport.esc(e.describe()) + "</p>"));
            }
        });
    }

    void apiPage(Context ctx) throws Exception {
        gate(ctx, false, s -> html(ctx, workbench.apiPage()));
    }

    void scoreForm(Context ctx) throws Exception {
        gate(ctx, false, s -> html(ctx, workbench.scoreForm(null)));
    }

    void compareForm(Context ctx) throws Exception {
        gate(ctx, false, s -> html(ctx, workbench.compareForm(null, ctx.queryParam("a"), ctx.queryParam("b"))));
    }

    /** The pages' own scripts (src/main/web/pages), by name. */
    static final java.util.Set<String> PAGE_SCRIPTS = java.util.Set.of("editor-page.js", "record.js", "batch.js");

    void pageScript(Context ctx) throws Exception {
        gate(ctx, false, s -> {
            String name = ctx.pathParam("name");
            if (!PAGE_SCRIPTS.contains(name)) {
                Bodies.error(ctx, 404, "no such script: " + name, null);
                return;
            }
            script(ctx, "/jixiao/web/pages/" + name, "private, no-cache");
        });
    }

    /** The editor's script (CodeMirror, bundled from src/main/web by its build.sh). */
    void editorScript(Context ctx) throws Exception {
        gate(ctx, false, s -> script(ctx, "/jixiao/web/editor.js", "private, max-age=3600"));
    }

    private static void script(Context ctx, String resource, String cacheControl) throws IOException {
        try (InputStream in = Pages.class.getResourceAsStream(resource)) {
            ctx.contentType("text/javascript; charset=utf-8").header("Cache-Control", cacheControl)
                    .result(in.readAllBytes());
        }
    }

    /** The score page's one-by-one and batch scoring: the API's own handlers, behind the page's session. */
    void scoreOne(Context ctx) throws Exception {
        gate(ctx, true, s -> api.score(ctx));
    }

    void scoreBatch(Context ctx) throws Exception {
        gate(ctx, true, s -> api.batch(ctx));
    }

    /** Whether a reference names a published notice (not shared rules) or a draft ({@code drafts/ID}). */
    boolean isNotice(String id) {
        if (PolicyRegistry.isDraft(id)) {
            return service.registry().draftIds().contains(PolicyRegistry.idOf(id));
        }
        return service.registry().notices().stream().anyMatch(n -> n.id().equals(id) && !n.isShared());
    }

    /** The reference a request's path names: {@code drafts/ID} under /drafts, the id under /notices. */
    private static String ref(Context ctx) {
        return ctx.path().startsWith("/drafts/") ? PolicyRegistry.draftRef(ctx.pathParam("id")) : ctx.pathParam("id");
    }

    void scenarios(Context ctx) throws Exception {
        gate(ctx, false, s -> {
            if (!isNotice(ref(ctx))) {
                html(ctx.status(404), workbench.scoreForm("没有通知 " + ctx.pathParam("id")));
                return;
            }
            html(ctx, workbench.scenarios(ref(ctx), sessions.editKey(s)));
        });
    }

    void scenario(Context ctx) throws Exception {
        gate(ctx, false, s -> {
            Path f = isNotice(ref(ctx)) ? workbench.scenarioFile(ref(ctx), ctx.pathParam("file")) : null;
            if (f == null) {
                html(ctx.status(404), workbench.scoreForm("没有这个场景：" + ctx.pathParam("file")));
                return;
            }
            html(ctx, workbench.scenario(ref(ctx), f, sessions.editKey(s)));
        });
    }

    /**
     * The notice's 评分细则, generated from its rules: a page of its own (no menu, to read and print), or as Word
     * ({@code ?format=docx}) or Markdown ({@code ?format=md}).
     */
    void document(Context ctx) throws Exception {
        gate(ctx, false, s -> {
            String ref = ref(ctx);
            if (!isNotice(ref)) {
                html(ctx.status(404), workbench.scoreForm("没有通知 " + ctx.pathParam("id")));
                return;
            }
            jixiao.publish.PolicyDocument doc;
            try {
                doc = workbench.document(ref, service.registry().forNotice(ref));
            } catch (PolicyException e) {
                html(ctx.status(500), workbench.scoreForm(e.describe()));
                return;
            }
            String name = PolicyRegistry.idOf(ref) + "-评分细则";
            switch (String.valueOf(ctx.queryParam("format"))) {
                case "docx" -> download(ctx, name + ".docx",
                        "application/vnd.openxmlformats-officedocument.wordprocessingml.document", doc.docx());
                case "md" -> download(ctx, name + ".md", "text/markdown; charset=utf-8",
                        doc.markdown().getBytes(StandardCharsets.UTF_8));
                default -> html(ctx, doc.html());
            }
        });
    }

    /** A draft's page: its policy as the notice's page shows one, with what it changes and publishing. */
    void draft(Context ctx) throws Exception {
        gate(ctx, false, s -> {
            String ref = ref(ctx);
            if (!isNotice(ref)) {
                html(ctx.status(404), workbench.scoreForm("没有草稿 " + ctx.pathParam("id")
                        + "（可能已经发布或放弃）。"));
                return;
            }
            try {
                html(ctx, workbench.policy(ref, service.registry().forNotice(ref), sessions.editKey(s),
                        sessions.name(s)));
            } catch (PolicyException e) {
                html(ctx, workbench.brokenDraft(ref, e, sessions.editKey(s)));
            }
        });
    }

    /** Publishing, drafts and rollbacks: one at a time on this server. */
    private final Object publishing = new Object();

    /** A form that changes the rules folder: not read-only, from this origin, with the session's edit key. */
    private boolean mayChange(Context ctx, String session) {
        if (readOnly) {
            html(ctx.status(403), workbench.scoreForm("本服务为只读（jixiao serve --read-only）：不能起草、发布或回退。"));
            return false;
        }
        if (!sessions.isEditKey(session, ctx.formParam("edit"))) {
            html(ctx.status(403), workbench.scoreForm("这个请求不是从工作台自己的页面发出的，没有执行。请回到页面重试。"));
            return false;
        }
        return true;
    }

    /** A change of the rules folder from a form: done one at a time; refused (409) with its reasons, in Chinese. */
    private interface Change {
        void run(String session) throws Exception;
    }

    private void change(Context ctx, String verb, String ref, Change c) throws Exception {
        gate(ctx, true, s -> {
            if (!mayChange(ctx, s)) {
                return;
            }
            try {
                synchronized (publishing) {
                    c.run(s);
                }
            } catch (jixiao.publish.PublishException e) {
                html(ctx.status(409), workbench.refused(ref, verb, e));
            }
        });
    }

    private static void seeDraft(Context ctx, String id, String rest) {
        ctx.redirect("/drafts/" + java.net.URLEncoder.encode(id, StandardCharsets.UTF_8) + rest,
                io.javalin.http.HttpStatus.SEE_OTHER);
    }

    void startDraft(Context ctx) throws Exception {
        String id = ctx.pathParam("id");
        change(ctx, "起草", id, s -> {
            workbench.publisher().drafts().workingCopy(id);
            seeDraft(ctx, id, "");
        });
    }

    void startNew(Context ctx) throws Exception {
        String base = ctx.pathParam("id");
        change(ctx, "起草", base, s -> {
            String id = ctx.formParam("id") == null ? "" : ctx.formParam("id").strip();
            workbench.publisher().drafts().newNotice(base, id, ctx.formParam("title"));
            seeDraft(ctx, id, "");
        });
    }

    void publish(Context ctx) throws Exception {
        String id = ctx.pathParam("id");
        change(ctx, "发布", PolicyRegistry.draftRef(id), s -> {
            sessions.name(s, ctx.formParam("by"));
            html(ctx, workbench.published(id, workbench.publisher().publish(id, ctx.formParam("by"),
                    ctx.formParam("reason"), "on".equals(ctx.formParam("mutants"))), "发布"));
        });
    }

    /** Pins a draft to its base as published now, then shows the draft (its scenarios say what the change did). */
    void repin(Context ctx) throws Exception {
        String id = ctx.pathParam("id");
        change(ctx, "重新钉住", PolicyRegistry.draftRef(id), s -> {
            workbench.publisher().drafts().repin(id);
            seeDraft(ctx, id, "");
        });
    }

    /** Takes what the draft gives now as what one of its scenarios expects (the figures that differ), then shows it. */
    void acceptScenario(Context ctx) throws Exception {
        String id = ctx.pathParam("id");
        change(ctx, "改写场景", PolicyRegistry.draftRef(id), s -> {
            workbench.publisher().acceptInScenario(id, ctx.pathParam("file"));
            seeDraft(ctx, id, "/scenarios/" + java.net.URLEncoder.encode(ctx.pathParam("file"), StandardCharsets.UTF_8));
        });
    }

    void discard(Context ctx) throws Exception {
        String id = ctx.pathParam("id");
        change(ctx, "放弃", PolicyRegistry.draftRef(id), s -> {
            workbench.publisher().drafts().discard(id);
            ctx.redirect("/", io.javalin.http.HttpStatus.SEE_OTHER);
        });
    }

    void history(Context ctx) throws Exception {
        gate(ctx, false, s -> {
            if (!isNotice(ctx.pathParam("id"))) {
                html(ctx.status(404), workbench.scoreForm("没有通知 " + ctx.pathParam("id")));
                return;
            }
            html(ctx, workbench.history(ctx.pathParam("id"), sessions.editKey(s), sessions.name(s)));
        });
    }

    void version(Context ctx) throws Exception {
        gate(ctx, false, s -> {
            if (!isNotice(ctx.pathParam("id"))) {
                html(ctx.status(404), workbench.scoreForm("没有通知 " + ctx.pathParam("id")));
                return;
            }
            html(ctx, workbench.version(ctx.pathParam("id"), ctx.pathParam("commit")));
        });
    }

    void rollback(Context ctx) throws Exception {
        String id = ctx.pathParam("id");
        change(ctx, "回退", id, s -> {
            sessions.name(s, ctx.formParam("by"));
            html(ctx, workbench.published(id, workbench.publisher().rollback(id, ctx.pathParam("commit"),
                    ctx.formParam("by"), ctx.formParam("reason")), "回退"));
        });
    }

    /** A file of a notice's own (never a base's): the one source the name names, or null. */
    private PolicyFiles.Source ownFile(String id, String name) throws PolicyException {
        if (!isNotice(id)) {
            throw new UnknownNoticeException("没有通知 " + id);
        }
        PolicyFiles set = PolicyFiles.resolve(service.registry().folderOf(id), false);
        return set.files().stream().filter(f -> f.label().equals(name) && f.name().equals(name)
                && !name.contains("/")).findFirst().orElse(null);
    }

    void editor(Context ctx) throws Exception {
        gate(ctx, false, session -> {
            String id = ref(ctx);
            PolicyFiles.Source f;
            try {
                f = ownFile(id, ctx.pathParam("name"));
            } catch (UnknownNoticeException e) {
                html(ctx.status(404), workbench.scoreForm(e.getMessage()));
                return;
            }
            if (f == null) {
                html(ctx.status(404), workbench.scoreForm("通知 " + id + " 没有自己的文件 " + ctx.pathParam("name")));
                return;
            }
            html(ctx, workbench.editor(id, f, sessions.editKey(session)));
        });
    }

    /** A state-changing request: not read-only, from this origin, with the session's edit key in its header. */
    private boolean mayEdit(Context ctx, String session) {
        if (readOnly) {
            Bodies.error(ctx, 403, "this server is read-only (jixiao serve --read-only): nothing can be saved", null);
            return false;
        }
        if (!sessions.isEditKey(session, ctx.header("X-Jixiao-Edit"))) {
            Bodies.error(ctx, 403, "an edit must come from the workbench's own page (X-Jixiao-Edit header)", null);
            return false;
        }
        return true;
    }

    /**
     * Saves a rule file edited in the browser — an ordinary file edit, as an editor would make it — then compiles the
     * notice and runs its scenarios (under the server's time limit): problems at their lines, each scenario passed or
     * not with expected and actual. The save names the fingerprint of the text it was made from
     * ({@code X-Jixiao-Base}); when the file changed since, nothing is written and the answer (409) holds the file as
     * it is now.
     */
    void save(Context ctx) throws Exception {
        gate(ctx, true, session -> {
            if (!mayEdit(ctx, session)) {
                return;
            }
            String id = ref(ctx);
            if (!PolicyRegistry.isDraft(id)) {
                Bodies.error(ctx, 403, id + " 是现行（已发布）的规则，不能直接修改：请在通知页上起草，在草稿中修改，检查通过后发布",
                        null);
                return;
            }
            PolicyFiles.Source f;
            try {
                f = ownFile(id, ctx.pathParam("name"));
            } catch (UnknownNoticeException e) {
                Bodies.error(ctx, 404, e.getMessage(), null);
                return;
            }
            if (f == null) {
                Bodies.error(ctx, 404, "notice " + id + " has no file of its own named " + ctx.pathParam("name"), null);
                return;
            }
            String base = ctx.header("X-Jixiao-Base");
            if (base == null || base.isBlank()) {
                Bodies.error(ctx, 428, "a save names the text it was made from (X-Jixiao-Base: the fingerprint the "
                        + "editor page gives); reload the page", null);
                return;
            }
            byte[] body = Bodies.readAtMost(ctx, 4L * 1024 * 1024, "a rule file");
            try {
                SubmissionReader.utf8(body, 0, body.length);
            } catch (java.nio.charset.CharacterCodingException e) {
                Bodies.error(ctx, 400, "a rule file is UTF-8 text", null);
                return;
            }
            Saving.Result saved = saving.save(f.path(), body, base.strip());
            if (saved instanceof Saving.Conflict c) {
                ObjectNode o = MAPPER.createObjectNode();
                o.put("status", 409);
                o.put("error", f.name() + " 在你打开后已被修改（可能是另一个页面、编辑器或 git），你的修改没有写入");
                o.put("current", new String(c.current(), StandardCharsets.UTF_8));
                o.put("currentBase", c.currentBase());
                ctx.status(409).contentType(Bodies.JSON).result(o.toPrettyString());
                return;
            }
            ObjectNode out = workbench.check(id);
            out.put("base", ((Saving.Saved) saved).base());
            ctx.contentType(Bodies.JSON).result(out.toPrettyString());
        });
    }

    /**
     * Makes a scenario from a scored submission, as {@code jixiao test --record} does: the submission (inline) and what
     * the notice's rules give for it now, written to {@code scenarios/NOTICE/NAME.scenario.json} for the analyst to
     * review. The body is {@code {"name": …, "submission": {…}}}; an existing scenario is kept unless
     * {@code "replace": true}. Needs the session and its edit key, like a rule save.
     */
    void recordScenario(Context ctx) throws Exception {
        gate(ctx, true, session -> {
            if (!mayEdit(ctx, session)) {
                return;
            }
            String id = ctx.pathParam("id");
            if (!isNotice(id) || workbench.scenariosFolder() == null) {
                Bodies.error(ctx, 404, "no notice " + id + " with a scenarios folder", null);
                return;
            }
            JsonNode body;
            try {
                body = MAPPER.readTree(Bodies.readAtMost(ctx, SubmissionReader.MAX_BYTES, "a scenario"));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                Bodies.error(ctx, 400, "not JSON: " + e.getOriginalMessage(), null);
                return;
            }
            String name = body.path("name").asText("").strip();
            if (!name.matches("[\\p{L}\\p{N}][\\p{L}\\p{N}_.-]{0,79}") || name.contains("..")) {
                Bodies.error(ctx, 400, "a scenario name is letters, digits, '-', '_' or '.' (at most 80), not \""
                        + name + "\"", null);
                return;
            }
            if (!(body.get("submission") instanceof ObjectNode tree)) {
                Bodies.error(ctx, 400, "send the submission as an object: {\"name\": …, \"submission\": {…}}", null);
                return;
            }
            tree.put("notice", id);
            Outcome o = service.score(Input.upload("submission", ".json", tree.toString()
                    .getBytes(StandardCharsets.UTF_8), null, null));
            if (o.result() == null) { // a scenario records what the rules give, 退回 included; not a failure
                Api.answer(ctx, o);
                return;
            }
            Path dir = workbench.scenariosFolder().resolve(id);
            Path target = dir.resolve(name.replaceFirst("\\.scenario\\.json$", "")
                    + jixiao.scenario.ScenarioReader.SUFFIX);
            if (Files.exists(target) && !body.path("replace").asBoolean(false)) {
                Bodies.error(ctx, 409, "scenario " + target.getFileName() + " exists; choose another name, or "
                        + "replace it", null);
                return;
            }
            ObjectNode scenario = jixiao.scenario.Recorder.record(o.result(), "");
            scenario.set("submission", tree);
            Files.createDirectories(dir);
            Saving.writeAtomically(target, jixiao.scenario.Recorder.pretty(scenario).getBytes(StandardCharsets.UTF_8));
            ObjectNode out = MAPPER.createObjectNode();
            out.put("file", target.getFileName().toString());
            out.put("page", "/notices/" + id + "/scenarios/" + target.getFileName());
            out.set("expect", scenario.get("expect"));
            ctx.status(201).contentType(Bodies.JSON).result(out.toPrettyString());
        });
    }

    /** The uploaded file of a multipart form, or null; a malformed form is the sender's fault (400), not ours. */
    private static UploadedFile upload(Context ctx) {
        try {
            return ctx.uploadedFile("file");
        } catch (Exception e) { // Jetty's own exceptions, some checked ones thrown unchecked through Kotlin
            throw new io.javalin.http.HttpResponseException(400, "the form cannot be read as multipart/form-data");
        }
    }

    private static String suffixOf(String name) {
        return name.contains(".") ? name.substring(name.lastIndexOf('.')).toLowerCase(Locale.ROOT) : "";
    }

    /** An uploaded file's name, without any folder a browser or a client put before it. */
    private static String fileName(UploadedFile upload) {
        String n = upload.filename() == null ? "" : upload.filename();
        n = n.substring(Math.max(n.lastIndexOf('/'), n.lastIndexOf('\\')) + 1).strip();
        return n.isEmpty() ? "upload" : n;
    }

    /** Two notices over uploaded submissions (JSON Lines, one JSON, or one table), as compare --format html draws it. */
    void comparePage(Context ctx) throws Exception {
        gate(ctx, true, s -> {
            Bodies.checkLength(ctx, Api.MAX_BATCH_BYTES, "the submissions");
            UploadedFile upload = upload(ctx);
            String a = ctx.formParam("a");
            String b = ctx.formParam("b");
            if (upload == null || a == null || b == null) {
                html(ctx.status(400), workbench.compareForm("请选择两个通知和一个文件。"));
                return;
            }
            Policy pa;
            Policy pb;
            try {
                pa = api.policy(a);
                pb = api.policy(b);
            } catch (PolicyException e) {
                html(ctx.status(e instanceof UnknownNoticeException ? 404 : 500), workbench.compareForm(e.describe()));
                return;
            }
            String name = fileName(upload);
            String suffix = suffixOf(name);
            jixiao.report.Comparison c = new jixiao.report.Comparison(pa, pb);
            try (InputStream in = upload.content()) {
                if (Input.TABLE_SUFFIXES.contains(suffix)) {
                    api.compareAll(c, pa, pb, List.of(Input.upload(name, suffix, Bodies.readAtMost(in,
                            Api.MAX_SUBMISSION_BYTES, "a table"), null, null)).iterator());
                } else {
                    byte[] body = Bodies.readAtMost(in, Api.MAX_BATCH_BYTES, "the submissions");
                    String text = new String(body, StandardCharsets.UTF_8).strip();
                    boolean oneJson = text.startsWith("{") && !text.contains("}\n{") && !text.contains("}\r\n{");
                    api.compareAll(c, pa, pb, oneJson
                            ? List.of(Input.upload(name, ".json", body, null, null)).iterator()
                            : Inputs.jsonLines(Path.of(name), new java.io.ByteArrayInputStream(body)));
                }
            }
            String again = "<p id=\"compare-again\"><a href=\"/compare?a=" + java.net.URLEncoder.encode(a,
                    StandardCharsets.UTF_8) + "&amp;b=" + java.net.URLEncoder.encode(b, StandardCharsets.UTF_8)
                    + "\">换一批文件，再比较这两个通知</a></p>";
            String page = workbench.inPage("比较结果", c.html());
            int body = page.indexOf("</nav>") + "</nav>".length();
            html(ctx, page.substring(0, body) + again + page.substring(body));
        });
    }

    /**
     * An uploaded table (or JSON) scored into the same page as {@code score --format html}, or as a download. A
     * submission sent back (退回) shows 退回 and its reasons first, and no total or grade, in every form.
     */
    void scorePage(Context ctx) throws Exception {
        gate(ctx, true, session -> {
            Bodies.checkLength(ctx, Api.MAX_SUBMISSION_BYTES + 64 * 1024, "a submission");
            UploadedFile upload = upload(ctx);
            if (upload == null) {
                html(ctx.status(400), workbench.scoreForm("没有选择文件。"));
                return;
            }
            String name = fileName(upload);
            String suffix = suffixOf(name);
            if (!List.of(".xlsx", ".docx", ".csv", ".json").contains(suffix)) {
                html(ctx.status(400), workbench.scoreForm(name + "：只能是 .xlsx、.docx、.csv 或 .json 文件。"));
                return;
            }
            byte[] body;
            try (InputStream in = upload.content()) {
                body = Bodies.readAtMost(in, suffix.equals(".json") ? SubmissionReader.MAX_BYTES
                        : Api.MAX_SUBMISSION_BYTES, "a submission");
            }
            Input.Upload input = Input.upload(name, suffix, body, null, null);
            Outcome o = service.score(input);
            if (o.result() == null) {
                html(ctx.status(o.httpStatus()), workbench.scoreForm(o instanceof Outcome.Unreadable u
                        ? u.error().getMessage() : o.report()));
                return;
            }
            var r = o.result();
            String format = ctx.formParam("format") == null ? "html" : ctx.formParam("format");
            String base = name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name;
            ctx.header(Api.RULES_HEADER, r.policy().fingerprint());
            if (o instanceof Outcome.SentBack && !format.equals("html") && !format.equals("html-file")) {
                // a download of figures would read as a score: a sent-back submission is downloaded as what it is
                download(ctx.status(422), base + "-退回.json", Bodies.JSON, Api.json(o, true, 0));
                return;
            }
            int status = o.httpStatus();
            switch (format) {
                case "html-file" -> download(ctx.status(status), base + "-评分.html", "text/html; charset=utf-8",
                        jixiao.report.HtmlReport.page(r).getBytes(StandardCharsets.UTF_8));
                case "json" -> download(ctx.status(status), base + "-评分.json", Bodies.JSON,
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
                default -> html(ctx.status(status), workbench.scored(r, input.tree(), base,
                        sessions.editKey(session), input.notUsed(), input.cellOf()));
            }
        });
    }

    private static void download(Context ctx, String filename, String type, byte[] bytes) {
        ctx.contentType(type);
        ctx.header("Content-Disposition", "attachment; filename*=UTF-8''" + java.net.URLEncoder.encode(filename,
                StandardCharsets.UTF_8).replace("+", "%20"));
        ctx.result(bytes);
    }
}
