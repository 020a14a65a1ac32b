package jixiao;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import jixiao.server.ApiServer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The workbench's pages over HTTP (tokens, cookies, edit keys, status codes, downloads), and what headless chromium
 * renders of them once their scripts have run. {@link WorkbenchBrowserTest} clicks and types through them and takes
 * the screenshots.
 */
class WorkbenchTest {

    private static final String TOKEN = "fedcba9876543210fedcba9876543210";
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static ApiServer server;
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() throws Exception {
        // the shipped notices alone: an analyst's own notice in rules/ is not what these tests are about
        Path home = Fixtures.shippedHome();
        server = ApiServer.start(home.resolve("rules"), home.resolve("scenarios"), "127.0.0.1", 0, TOKEN);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    private static HttpResponse<String> get(String path, String cookie) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path)));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /**
     * What an analyst reads on the pages is Chinese: no Latin word outside an allow-list — file and folder names,
     * finding codes (upper case), notice ids, fingerprints, the names of file formats, the JSON keys a submission is
     * written with (named where advice says what to write), the product's name — and outside code, file cells and the
     * details views (维护信息), which are for whoever looks after the rules. (The history page shows the messages
     * people wrote when they published — in this checkout, the developers' own commits — and is not walked here.)
     */
    @Test
    void noEnglishWordIsVisibleToAnAnalystOnAnyPage() throws Exception {
        String cookie = get("/?token=" + TOKEN, null).headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
        java.util.Set<String> allowed = new java.util.HashSet<>(List.of("jixiao", "JSON", "Lines", "CSV", "Excel",
                "Word", "Markdown", "OpenAPI", "HTML", "A", "B", "Ctrl", "S", "Z", "F", "docx", "xlsx", "json", "jsonl",
                "csv", "categories", "weight", "base", "notice", "year", "tier", "reject", "error", "warning", "info"));
        allowed.addAll(Fixtures.SHIPPED);
        allowed.add("common");
        java.util.regex.Pattern word = java.util.regex.Pattern.compile("[A-Za-z][A-Za-z0-9_./\\-]*");
        List<String> found = new java.util.ArrayList<>();
        for (String page : List.of("/", "/notices/shangjie-2021", "/notices/mof-2020-project", "/notices/common",
                "/notices/shangjie-2021/files/00-parameters.drl.csv", "/notices/shangjie-2021/files/41-weight-checks.drl",
                "/notices/shangjie-2021/scenarios", "/notices/shangjie-2021/scenarios/seed.scenario.json", "/score",
                "/compare", "/api", "/notices/shangjie-2021/document",
                "/notices/mof-2020-project/document")) {
            HttpResponse<String> r = get(page, cookie);
            assertThat(r.statusCode()).as(page).isEqualTo(200);
            Document doc = Jsoup.parse(r.body());
            doc.select("code, pre, script, style, textarea, details, option, .file").remove();
            java.util.regex.Matcher m = word.matcher(doc.body().text());
            while (m.find()) {
                String w = m.group().replaceAll("[.\\-]+$", "");
                boolean ok = allowed.contains(w) || w.contains(".") || w.contains("/") || w.matches("[A-Z][A-Z0-9_]+")
                        || w.matches("[0-9a-f]{8,}") || w.matches("[A-Za-z0-9]+-[0-9]{4}(-[a-z]+)*");
                if (!ok) {
                    found.add(page + ": " + w);
                }
            }
        }
        assertThat(found).isEmpty();
    }

    @Test
    void pagesNeedTheTokenOnceThenACookieThatTheApiDoesNotTake() throws Exception {
        HttpResponse<String> none = get("/", null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(Jsoup.parse(none.body()).select("form[action=/login] input[name=token]")).hasSize(1);

        HttpResponse<String> link = get("/?token=" + TOKEN, null);
        assertThat(link.statusCode()).isEqualTo(302);
        assertThat(link.headers().firstValue("Location")).hasValue("/");
        String cookie = link.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).contains("HttpOnly").contains("SameSite=Strict");
        String jar = cookie.split(";", 2)[0];
        assertThat(get("/", jar).statusCode()).isEqualTo(200);
        assertThat(get("/", "jixiao_token=wrong").statusCode()).isEqualTo(401);
        // the API wants the header: the cookie alone is refused
        assertThat(get("/api/v1/notices", jar).statusCode()).isEqualTo(401);

        HttpResponse<String> login = HTTP.send(HttpRequest.newBuilder(URI.create(url("/login")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + TOKEN)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(302);
        HttpResponse<String> wrong = HTTP.send(HttpRequest.newBuilder(URI.create(url("/login")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=nope")).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).contains("访问令牌不对");
    }

    @Test
    void thePolicyPageListsEachPhasesRulesWithFileLineAndHowOftenTheScenariosFiredThem() throws Exception {
        String jar = get("/?token=" + TOKEN, null).headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
        Document notices = Jsoup.parse(get("/", jar).body());
        assertThat(notices.select("table#notices a").eachText()).containsSubsequence(Fixtures.SHIPPED);
        Document page = Jsoup.parse(get("/notices/shangjie-2021", jar).body());
        assertThat(page.select("h2").eachText()).startsWith("阶段 10 通知参数").contains("阶段 90 提示级别");
        // the 优 band: a row of the parameters table, at its line, fired once by each scenario (it inserts the band)
        String line = String.valueOf(Files.readAllLines(Path.of("rules/shangjie-2021/00-parameters.drl.csv"))
                .stream().map(String::strip).toList().indexOf(Files.readAllLines(
                        Path.of("rules/shangjie-2021/00-parameters.drl.csv")).stream().map(String::strip)
                        .filter(l -> l.startsWith("注4：等级优的总分区间,")).findFirst().orElseThrow()) + 1);
        var row = page.select("tr:has(td:containsOwn(注4：等级优的总分区间))").first();
        assertThat(row).isNotNull();
        assertThat(row.select("td.file").text()).isEqualTo("00-parameters.drl.csv:" + line);
        assertThat(Integer.parseInt(row.select("td.n").text())).isGreaterThan(10);
        assertThat(page.select("#scenarios").text()).contains("个场景").contains("0 个未通过");
        // a rule of the base is named by its folder
        assertThat(page.select("td.file").eachText()).anyMatch(t -> t.startsWith("common/31-quantitative.drl:"));
        assertThat(get("/notices/nowhere", jar).statusCode()).isEqualTo(404);
        // the shared rules have a page of their own, in Chinese, linking the notices built on them
        HttpResponse<String> common = get("/notices/common", jar);
        assertThat(common.statusCode()).isEqualTo(200);
        var commonPage = org.jsoup.Jsoup.parse(common.body());
        assertThat(commonPage.text()).contains("共用规则").contains("31-quantitative.drl").doesNotContain("scores nothing");
        assertThat(commonPage.select("a[href=/notices/shangjie-2021]")).isNotEmpty();
        assertThat(commonPage.select("a[href=/notices/mof-2020-project]")).isNotEmpty();
        // the menu's 接口 is a page that says what the API offers and how to call it, not a 401 JSON document
        assertThat(page.select("nav a[href=/api]").text()).isEqualTo("接口");
        HttpResponse<String> api = get("/api", jar);
        assertThat(api.statusCode()).isEqualTo(200);
        assertThat(Jsoup.parse(api.body()).text()).contains("评分接口").contains("POST /api/v1/score")
                .contains("Authorization: Bearer").contains("422 退回");
    }

    @Test
    void anUploadedTableIsScoredIntoTheReportPage() throws Exception {
        String jar = get("/?token=" + TOKEN, null).headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
        HttpResponse<String> r = upload(jar, Path.of("scenarios/shangjie-2021/justice-bureau-2021.xlsx"));
        assertThat(r.statusCode()).isEqualTo(200);
        Document report = Jsoup.parse(r.body());
        assertThat(report.select("#total").text()).contains("99.11");
        assertThat(report.text()).contains("优").contains("政府采购执行率");
        // each indicator names the cell of the table it was read from (the 三级指标 column, C, of its row)
        assertThat(report.select("div.indicators tr:contains(政府采购执行率) div.cell").text())
                .isEqualTo("表中：自评表!C35");
        assertThat(report.select("tr:contains(SELF_SCORE_DIFFERS):contains(政府采购执行率) div.cell").text())
                .isEqualTo("表中：自评表!C35");
        // the same result to download: Excel, JSON (as score --format json) and CSV
        HttpResponse<byte[]> xlsx = upload(jar, Path.of("scenarios/shangjie-2021/justice-bureau-2021.xlsx"), "xlsx",
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(xlsx.headers().firstValue("Content-Disposition").orElse("")).contains("attachment")
                .contains(".xlsx");
        try (var wb = org.apache.poi.ss.usermodel.WorkbookFactory.create(new java.io.ByteArrayInputStream(xlsx.body()))) {
            var formatter = new org.apache.poi.ss.usermodel.DataFormatter();
            StringBuilder cells = new StringBuilder();
            wb.forEach(sheet -> sheet.forEach(row -> row.forEach(c -> cells.append(formatter.formatCellValue(c))
                    .append('|'))));
            assertThat(cells.toString()).contains("99.11").contains("|优|");
        }
        HttpResponse<String> json = upload(jar, Path.of("scenarios/shangjie-2021/justice-bureau-2021.json"), "json",
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(json.body().strip()).isEqualTo(Fixtures.cli("score", "--format", "json",
                "scenarios/shangjie-2021/justice-bureau-2021.json").out().strip());
        HttpResponse<String> html = upload(jar, Path.of("scenarios/shangjie-2021/justice-bureau-2021.xlsx"),
                "html-file", HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(html.headers().firstValue("Content-Disposition").orElse("")).contains("attachment").contains(".html");
        assertThat(Jsoup.parse(html.body()).select("#total").text()).contains("99.11");
        HttpResponse<String> csv = upload(jar, Path.of("scenarios/shangjie-2021/justice-bureau-2021.xlsx"), "csv",
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(csv.body()).startsWith("\uFEFF").contains(",99.11,优,");
        HttpResponse<String> bad = upload(jar, Path.of("README.md"));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("README.md").contains("只能是");
    }

    @Test
    void twoNoticesAreComparedOverUploadedSubmissionsOnAPageThatDrawsTheMovement() throws Exception {
        String jar = get("/?token=" + TOKEN, null).headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
        Document form = Jsoup.parse(get("/compare", jar).body());
        assertThat(form.select("select[name=a] option").eachText()).containsSubsequence(Fixtures.SHIPPED);
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        Path lines = tmp.resolve("two.jsonl");
        Files.writeString(lines, json.readTree(Files.readString(Fixtures.SEED)).toString() + "\n"
                + json.readTree(Files.readString(Fixtures.MINIMAL)).toString() + "\n{oops\n", StandardCharsets.UTF_8);
        String boundary = "----jixiao" + System.nanoTime();
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nshangjie-2021\r\n--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"b\"\r\n\r\nmof-2020-project\r\n--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"two.jsonl\"\r\n\r\n"
                + Files.readString(lines) + "\r\n--" + boundary + "--\r\n";
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url("/compare"))).header("Cookie", jar)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(r.statusCode()).isEqualTo(200);
        Document page = Jsoup.parse(r.body());
        assertThat(page.select("#summary").text()).contains("2 份提交").contains("B 退回 2 份");
        assertThat(page.text()).contains("two.jsonl:3");
    }

    @Test
    void aNoticesScenariosAreListedWithTheirOutcomeAndEachOpensWithItsFileAndItsFullResult() throws Exception {
        String jar = get("/?token=" + TOKEN, null).headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
        Document list = Jsoup.parse(get("/notices/mof-2020-project/scenarios", jar).body());
        int files;
        try (var s = Files.list(Path.of("scenarios/mof-2020-project"))) {
            files = (int) s.filter(f -> f.toString().endsWith(".scenario.json")).count();
        }
        assertThat(list.select("table#scenario-list tr")).hasSize(files + 1);
        assertThat(list.select("#scenarios").text()).startsWith(files + " 个通过，0 个未通过");
        Document one = Jsoup.parse(get("/notices/mof-2020-project/scenarios/example.scenario.json", jar).body());
        assertThat(one.select("#status").text()).isEqualTo("通过");
        assertThat(one.select("pre").text()).contains("\"score\": 96.49");
        assertThat(one.select("#result #total").text()).contains("96.49");
        assertThat(get("/notices/mof-2020-project/scenarios/nowhere.scenario.json", jar).statusCode()).isEqualTo(404);
        assertThat(get("/notices/common/scenarios", jar).statusCode()).isEqualTo(404);
    }

    private static HttpResponse<String> upload(String cookie, Path file) throws Exception {
        return upload(cookie, file, "html", HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static <T> HttpResponse<T> upload(String cookie, Path file, String format,
                                              HttpResponse.BodyHandler<T> handler) throws Exception {
        return upload(url(""), cookie, file, format, handler);
    }

    /** The score page's form, as a browser sends it, to the server at {@code base}. */
    private static <T> HttpResponse<T> upload(String base, String cookie, Path file, String format,
                                              HttpResponse.BodyHandler<T> handler) throws Exception {
        String boundary = "----jixiao" + System.nanoTime();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"format\"\r\n\r\n" + format
                + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                + file.getFileName() + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] content = Files.readAllBytes(file);
        byte[] body = new byte[head.length + content.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(content, 0, body, head.length, content.length);
        System.arraycopy(tail, 0, body, head.length + content.length, tail.length);
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + "/score")).header("Cookie", cookie)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), handler);
    }

    private List<String> chromium(String... args) {
        List<String> cmd = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + tmp.resolve("profile-" + System.nanoTime())));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** The page as the browser has it once its scripts have run (virtual time: a fetch completes, no wall wait). */
    private String dom(String address) throws Exception {
        Process p = new ProcessBuilder(chromium("--virtual-time-budget=15000", "--dump-dom", address))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String dom = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(90, TimeUnit.SECONDS)).isTrue();
        return dom;
    }

    @Test
    void inARealBrowserTheTokenLinkOpensTheNoticesAndThePolicy() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "chromium is not installed (apt-get install chromium); .ci/run "
                + "installs it when it can — skipping the browser check of the workbench");
        Document notices = Jsoup.parse(dom(url("/?token=" + TOKEN)));
        assertThat(notices.select("h1").text()).isEqualTo("通知");
        assertThat(notices.select("table#notices a").eachText()).contains("shangjie-2021", "mof-2020-project");
        assertThat(notices.select("nav a").eachText()).containsExactly("通知", "评分", "比较", "接口");
        Document policy = Jsoup.parse(dom(url("/notices/shangjie-2021?token=" + TOKEN)));
        assertThat(policy.select("h1").text()).isEqualTo("shangjie-2021");
        assertThat(policy.select("table.phase tr")).hasSizeGreaterThan(60);
        Document form = Jsoup.parse(dom(url("/score?token=" + TOKEN)));
        assertThat(form.select("input[type=file][name=file]")).hasSize(1);
    }

    // ---- editing a rule file, on a copy of the rules ----

    private static final java.util.regex.Pattern EDIT_KEY = java.util.regex.Pattern.compile("data-edit-key=\"([0-9a-f]+)\"");

    /** A save as the editor page makes it: from the text the page loaded (its data-base), with the edit key. */
    private static HttpResponse<String> save(ApiServer at, String cookie, String path, String key, String text)
            throws Exception {
        HttpRequest.Builder page = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + at.port() + path));
        if (cookie != null) {
            page.header("Cookie", cookie);
        }
        java.util.regex.Matcher base = java.util.regex.Pattern.compile("data-base=\"([0-9a-f]+)\"")
                .matcher(HTTP.send(page.build(), HttpResponse.BodyHandlers.ofString()).body());
        return send(at, cookie, path, key, "text/plain; charset=utf-8", text, base.find() ? base.group(1) : null);
    }

    /** A POST as the workbench's pages make it: the cookie and the edit key when given. */
    private static HttpResponse<String> send(ApiServer at, String cookie, String path, String key, String type,
                                             String body) throws Exception {
        return send(at, cookie, path, key, type, body, null);
    }

    private static HttpResponse<String> send(ApiServer at, String cookie, String path, String key, String type,
                                             String body, String base) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + at.port() + path))
                .header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        if (base != null) {
            b.header("X-Jixiao-Base", base);
        }
        if (key != null) {
            b.header("X-Jixiao-Edit", key);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static final java.util.regex.Pattern FORM_KEY = java.util.regex.Pattern.compile(
            "name=\"edit\" value=\"([0-9a-f]+)\"");

    /** A form posted as the workbench's pages post them (urlencoded, with the edit key), not following redirects. */
    private static HttpResponse<String> form(ApiServer at, String cookie, String path, String... fields)
            throws Exception {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i + 1 < fields.length; i += 2) {
            body.append(body.length() == 0 ? "" : "&").append(fields[i]).append('=')
                    .append(java.net.URLEncoder.encode(fields[i + 1], StandardCharsets.UTF_8));
        }
        return send(at, cookie, path, null, "application/x-www-form-urlencoded", body.toString());
    }

    /**
     * Next year's draft, built on a notice that is published again meanwhile: its page says so in Chinese, links the
     * base's history, and re-pins it on the base as it is now with one button; the draft then compiles and shows.
     */
    @Test
    void aDraftWhoseBaseWasPublishedAgainIsSaidSoAndRepinnedWithOneButton() throws Exception {
        Fixtures.copyHome(tmp);
        Path rules = tmp.resolve("rules");
        new jixiao.publish.Drafts(new jixiao.engine.PolicyRegistry(rules, null), tmp.resolve("scenarios"))
                .newNotice("shangjie-2021", "shangjie-next-test", "2022 年度");
        Path reasons = rules.resolve("shangjie-2021/41-weight-checks.drl");
        Files.writeString(reasons, Files.readString(reasons) + "\n// 2021 年通知的一处说明改了\n");
        try (ApiServer own = ApiServer.start(rules, tmp.resolve("scenarios"), "127.0.0.1", 0, TOKEN)) {
            String base = "http://127.0.0.1:" + own.port();
            String jar = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/?token=" + TOKEN)).build(),
                    HttpResponse.BodyHandlers.ofString()).headers().firstValue("Set-Cookie").orElseThrow()
                    .split(";", 2)[0];
            java.util.function.Supplier<String> page = () -> {
                try {
                    return HTTP.send(HttpRequest.newBuilder(URI.create(base + "/drafts/shangjie-next-test"))
                            .header("Cookie", jar).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                            .body();
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            };
            Document stale = Jsoup.parse(page.get());
            assertThat(stale.select("#stale-pin").text()).contains("shangjie-2021 又发布了新的版本").contains("重新钉住");
            assertThat(stale.select("#repin button").text()).contains("按 shangjie-2021 的现行版本重新钉住");
            java.util.regex.Matcher key = FORM_KEY.matcher(stale.html());
            assertThat(key.find()).isTrue();
            HttpResponse<String> pinned = form(own, jar, "/drafts/shangjie-next-test/pin", "edit", key.group(1));
            assertThat(pinned.statusCode()).isEqualTo(303);
            Document now = Jsoup.parse(page.get());
            assertThat(now.select("#stale-pin")).isEmpty();
            assertThat(now.select("h1").text()).isEqualTo("shangjie-next-test（草稿）");
            assertThat(now.select("#status").text()).contains("新通知，建于 shangjie-2021 之上");
            assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(rules.resolve(
                    "drafts/shangjie-next-test/notice.json").toFile()).path("base").path("fingerprint").asText())
                    .isEqualTo(jixiao.engine.PolicyFiles.resolve(rules.resolve("shangjie-2021")).fingerprint());
        }
    }

    @Test
    void editingAGradeBandInADraftMakesAScenarioFailAndUndoingItMakesItPassAgainWhileTheNoticeInForceStaysAsItWas()
            throws Exception {
        Path rules = tmp.resolve("rules");
        Fixtures.copyTree(Fixtures.SHANGJIE, rules.resolve("shangjie-2021"));
        Path scenarioDir = tmp.resolve("scenarios");
        Fixtures.copyTree(Path.of("scenarios/shangjie-2021"), scenarioDir.resolve("shangjie-2021"));
        Path inForce = rules.resolve("shangjie-2021/00-parameters.drl.csv");
        Path params = rules.resolve("drafts/shangjie-2021/00-parameters.drl.csv");
        String original = Files.readString(inForce, StandardCharsets.UTF_8);
        try (ApiServer own = ApiServer.start(rules, scenarioDir, "127.0.0.1", 0, TOKEN)) {
            String base = "http://127.0.0.1:" + own.port();
            HttpResponse<String> link = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/?token=" + TOKEN)).build(),
                    HttpResponse.BodyHandlers.ofString());
            String jar = link.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
            // the notice in force is read-only: its editor has no edit key, and a save to it is refused
            String published = "/notices/shangjie-2021/files/00-parameters.drl.csv";
            HttpResponse<String> readOnlyEditor = HTTP.send(HttpRequest.newBuilder(URI.create(base + published))
                    .header("Cookie", jar).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertThat(readOnlyEditor.body()).doesNotContain("data-edit-key").contains("现行（已发布）的规则");
            String noticePage = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/notices/shangjie-2021"))
                    .header("Cookie", jar).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).body();
            java.util.regex.Matcher fk = FORM_KEY.matcher(noticePage);
            assertThat(fk.find()).as(noticePage).isTrue();
            assertThat(form(own, jar, "/notices/shangjie-2021/draft", "edit", "0000").statusCode()).isEqualTo(403);
            assertThat(rules.resolve("drafts")).doesNotExist();
            HttpResponse<String> started = form(own, jar, "/notices/shangjie-2021/draft", "edit", fk.group(1));
            assertThat(started.statusCode()).isEqualTo(303);
            // publishing, like every change, needs this session's edit key and this origin
            assertThat(form(own, jar, "/drafts/shangjie-2021/publish", "edit", "0000", "by", "某人", "reason", "试")
                    .statusCode()).isEqualTo(403);
            HttpResponse<String> crossSite = HTTP.send(HttpRequest.newBuilder(URI.create(base
                    + "/drafts/shangjie-2021/publish")).header("Cookie", jar).header("Origin", "http://evil.example")
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("edit=" + fk.group(1) + "&by=x&reason=y")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(crossSite.statusCode()).isEqualTo(403);
            assertThat(tmp.resolve(".git")).doesNotExist(); // nothing was published
            assertThat(started.headers().firstValue("Location")).contains("/drafts/shangjie-2021");
            String path = "/drafts/shangjie-2021/files/00-parameters.drl.csv";
            HttpResponse<String> editor = HTTP.send(HttpRequest.newBuilder(URI.create(base + path))
                    .header("Cookie", jar).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertThat(editor.statusCode()).isEqualTo(200);
            assertThat(Jsoup.parse(editor.body()).select("textarea#text").text()).isEqualTo(original.strip());
            java.util.regex.Matcher m = EDIT_KEY.matcher(editor.body());
            assertThat(m.find()).isTrue();
            String key = m.group(1);

            String raised = original.replace(",10 通知参数,优,90,不限,", ",10 通知参数,优,99.5,不限,")
                    .replace(",10 通知参数,良,80,90,", ",10 通知参数,良,80,99.5,");
            // the cookie alone is not enough to change a file (a cross-site form could send it)
            assertThat(save(own, jar, path, null, raised).statusCode()).isEqualTo(403);
            assertThat(Files.readString(params, StandardCharsets.UTF_8)).isEqualTo(original);
            // nor is the edit key enough to change the notice in force
            assertThat(save(own, jar, published, key, raised).statusCode()).isEqualTo(403);

            JsonNodeView after = new JsonNodeView(save(own, jar, path, key, raised).body());
            assertThat(Files.readString(params, StandardCharsets.UTF_8)).isEqualTo(raised);
            assertThat(after.node.get("compiled").asBoolean()).isTrue();
            assertThat(after.node.get("failed").asInt()).isPositive();
            var seed = after.scenario("seed.scenario.json");
            assertThat(seed.get("status").asText()).isEqualTo("FAILED");
            assertThat(seed.get("mismatches").toString()).contains("\"field\":\"grade\"").contains("\"expected\":\"优\"")
                    .contains("\"actual\":\"良\"");
            // meanwhile the notice in force is as it was, and the API scores the seed by it: 99.11 优
            assertThat(Files.readString(inForce, StandardCharsets.UTF_8)).isEqualTo(original);
            HttpResponse<String> api = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/score"))
                    .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofFile(Fixtures.SEED)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertThat(api.body()).contains("\"grade\": \"优\"").contains("\"total\": 99.11");

            // in the browser: the editor opened with #save shows the failing scenario, expected beside actual
            if (Files.isExecutable(CHROMIUM)) {
                Document page = Jsoup.parse(dom(base + path + "?token=" + TOKEN + "#save"));
                assertThat(page.select("#status").text()).contains("个未通过");
                assertThat(page.select("#scenario-results tr.diff").text()).contains("seed.scenario.json")
                        .contains("grade").contains("优").contains("良");
            }

            JsonNodeView undone = new JsonNodeView(save(own, jar, path, key, original).body());
            assertThat(undone.node.get("failed").asInt()).isZero();
            assertThat(undone.node.get("passed").asInt()).isGreaterThan(60);
            if (Files.isExecutable(CHROMIUM)) {
                Document page = Jsoup.parse(dom(base + path + "?token=" + TOKEN + "#save"));
                assertThat(page.select("#status").text()).contains("0 个未通过");
            }

            // a save that does not compile is kept, and the problem shows with its file
            JsonNodeView broken = new JsonNodeView(save(own, jar, path, key,
                    original.replace(",,year == null || year >= $param,", ",,year == null || year >= $param (,")).body());
            assertThat(broken.node.get("compiled").asBoolean()).isFalse();
            assertThat(broken.node.get("problems").toString()).contains("00-parameters.drl.csv");
            save(own, jar, path, key, original);

            // only the draft's own files: a base's file or another name is not found
            assertThat(save(own, jar, "/drafts/shangjie-2021/files/31-quantitative.drl", key, "x").statusCode())
                    .isEqualTo(404);
            // and nothing published is saved to, shared rules included
            assertThat(save(own, jar, "/notices/common/files/01-functions.drl", key, "x").statusCode())
                    .isEqualTo(403);
        }
        try (ApiServer readOnly = ApiServer.start(rules, scenarioDir, "127.0.0.1", 0, TOKEN, true)) {
            String base = "http://127.0.0.1:" + readOnly.port();
            String jar = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/?token=" + TOKEN)).build(),
                    HttpResponse.BodyHandlers.ofString()).headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
            String path = "/notices/shangjie-2021/files/00-parameters.drl.csv";
            String page = HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).header("Cookie", jar).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).body();
            assertThat(Jsoup.parse(page).select("textarea[readonly]")).hasSize(1);
            assertThat(page).doesNotContain("data-edit-key");
            assertThat(save(readOnly, jar, path, "anything", "x").statusCode()).isEqualTo(403);
            assertThat(save(readOnly, jar, "/drafts/shangjie-2021/files/00-parameters.drl.csv", "anything", "x")
                    .statusCode()).isEqualTo(403);
            assertThat(Files.readString(inForce, StandardCharsets.UTF_8)).isEqualTo(original);
        }
    }

    private static HttpResponse<String> post(ApiServer at, String cookie, String path, String key, String json)
            throws Exception {
        return send(at, cookie, path, key, "application/json", json);
    }

    @Test
    void aScoredSubmissionIsKeptAsAScenarioOnlyByTheWorkbenchsOwnPageUnderAPlainNameAndNeverOverAnotherUnasked()
            throws Exception {
        Path rules = tmp.resolve("rules");
        Fixtures.copyTree(Fixtures.SHANGJIE, rules.resolve("shangjie-2021"));
        Path scenarioDir = tmp.resolve("scenarios");
        Files.createDirectories(scenarioDir.resolve("shangjie-2021"));
        String seed = Files.readString(Fixtures.SEED, StandardCharsets.UTF_8);
        String body = "{\"name\": \"kept\", \"submission\": " + seed + "}";
        String path = "/notices/shangjie-2021/scenarios";
        try (ApiServer own = ApiServer.start(rules, scenarioDir, "127.0.0.1", 0, TOKEN)) {
            String base = "http://127.0.0.1:" + own.port();
            String jar = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/?token=" + TOKEN)).build(),
                    HttpResponse.BodyHandlers.ofString()).headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
            // the key is on the page that shows a scored upload
            String scored = upload(own, jar, Fixtures.SEED);
            java.util.regex.Matcher m = EDIT_KEY.matcher(scored);
            assertThat(m.find()).isTrue();
            String key = m.group(1);
            assertThat(post(own, null, path, key, body).statusCode()).isEqualTo(401);
            assertThat(post(own, jar, path, null, body).statusCode()).isEqualTo(403);
            for (String name : List.of("../escape", "a/b", "..", "", ".hidden")) {
                HttpResponse<String> bad = post(own, jar, path, key, body.replace("\"kept\"",
                        new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(name)));
                assertThat(bad.statusCode()).as(name).isEqualTo(400);
            }
            assertThat(post(own, jar, "/notices/common/scenarios", key, body).statusCode()).isEqualTo(404);
            try (var files = Files.list(scenarioDir.resolve("shangjie-2021"))) {
                assertThat(files).isEmpty();
            }
            HttpResponse<String> kept = post(own, jar, path, key, body);
            assertThat(kept.statusCode()).isEqualTo(201);
            Path file = scenarioDir.resolve("shangjie-2021/kept.scenario.json");
            var scenario = new com.fasterxml.jackson.databind.ObjectMapper().readTree(file.toFile());
            assertThat(scenario.at("/expect/total").decimalValue()).isEqualByComparingTo("99.11");
            assertThat(scenario.at("/expect/grade").asText()).isEqualTo("优");
            // the same name again: 409, the file untouched, unless replace is asked for
            String before = Files.readString(file);
            assertThat(post(own, jar, path, key, body).statusCode()).isEqualTo(409);
            assertThat(Files.readString(file)).isEqualTo(before);
            assertThat(post(own, jar, path, key, "{\"replace\": true, " + body.substring(1))
                    .statusCode()).isEqualTo(201);
            // the kept scenario passes as it is
            assertThat(Fixtures.cli("test", "--rules-root", rules.toString(), file.toString()).exit()).isZero();
        }
        try (ApiServer readOnly = ApiServer.start(rules, scenarioDir, "127.0.0.1", 0, TOKEN, true)) {
            String base = "http://127.0.0.1:" + readOnly.port();
            String jar = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/?token=" + TOKEN)).build(),
                    HttpResponse.BodyHandlers.ofString()).headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
            String scored = upload(readOnly, jar, Fixtures.SEED);
            assertThat(scored).contains("99.11").doesNotContain("data-edit-key").doesNotContain("保存为场景");
            assertThat(post(readOnly, jar, path, "anything", body.replace("kept", "other")).statusCode()).isEqualTo(403);
            assertThat(scenarioDir.resolve("shangjie-2021/other.scenario.json")).doesNotExist();
        }
    }

    /** The score page's upload of one file to the server {@code at}: the page that comes back. */
    private static String upload(ApiServer at, String cookie, Path file) throws Exception {
        return upload("http://127.0.0.1:" + at.port(), cookie, file, "html",
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).body();
    }

    /** A JSON answer, with its scenarios by file name. */
    private static final class JsonNodeView {
        final com.fasterxml.jackson.databind.JsonNode node;

        JsonNodeView(String body) throws Exception {
            node = new com.fasterxml.jackson.databind.ObjectMapper().readTree(body);
        }

        com.fasterxml.jackson.databind.JsonNode scenario(String file) {
            for (var s : node.get("scenarios")) {
                if (s.get("file").asText().equals(file)) {
                    return s;
                }
            }
            throw new AssertionError("no scenario " + file + " in " + node);
        }
    }
}
