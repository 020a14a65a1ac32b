package jixiao;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import jixiao.server.ApiServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The scoring API of {@code jixiao serve}, called as a budget system would, and checked against its OpenAPI document. */
class ApiTest {

    private static final String TOKEN = "0123456789abcdef0123456789abcdef";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static ApiServer server;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** Every (route, status) the tests saw, to check against the OpenAPI document. */
    private static final Map<String, Set<Integer>> SEEN = new ConcurrentHashMap<>();

    @BeforeAll
    static void start() throws Exception {
        // the shipped notices alone: an analyst's own notice in rules/ is not what these tests are about
        server = ApiServer.start(Fixtures.shippedHome().resolve("rules"), "127.0.0.1", 0, TOKEN);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<String> call(String method, String route, String path, String body, String token)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        SEEN.computeIfAbsent(method + " " + route, k -> ConcurrentHashMap.newKeySet()).add(r.statusCode());
        return r;
    }

    private static HttpResponse<String> get(String route, String path) throws Exception {
        return call("GET", route, path, null, TOKEN);
    }

    private static HttpResponse<String> post(String route, String path, String body) throws Exception {
        return call("POST", route, path, body, TOKEN);
    }

    @Test
    void everyRequestNeedsTheTokenInAHeader() throws Exception {
        for (String token : new String[] {null, "wrong", TOKEN.substring(1)}) {
            HttpResponse<String> r = call("GET", "/api/v1/notices", "/api/v1/notices", null, token);
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(JSON.readTree(r.body()).get("error").asText()).contains("Authorization: Bearer");
        }
        // a cookie or a query parameter is not a header: a page elsewhere cannot make a browser send it
        HttpRequest withCookie = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                + "/api/v1/score?token=" + TOKEN)).header("Cookie", "jixiao_token=" + TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString(Files.readString(Fixtures.SEED))).build();
        assertThat(HTTP.send(withCookie, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
        HttpRequest other = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/v1/notices"))
                .header("X-Jixiao-Token", TOKEN).build();
        assertThat(HTTP.send(other, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    }

    @Test
    void noticesAndAPolicyInTheOrderItRuns() throws Exception {
        HttpResponse<String> list = get("/api/v1/notices", "/api/v1/notices");
        assertThat(list.statusCode()).isEqualTo(200);
        JsonNode notices = JSON.readTree(list.body());
        assertThat(notices.findValuesAsText("id")).contains("common", "mof-2020-project", "shangjie-2021");
        for (JsonNode n : notices) {
            assertThat(n.get("shared").asBoolean()).isEqualTo(n.get("id").asText().equals("common"));
            assertThat(n.get("fingerprint").asText()).hasSize(16);
        }
        HttpResponse<String> one = get("/api/v1/notices/{id}", "/api/v1/notices/shangjie-2021");
        assertThat(one.statusCode()).isEqualTo(200);
        JsonNode p = JSON.readTree(one.body());
        assertThat(p.get("base").asText()).isEqualTo("common");
        assertThat(p.get("layers").toString()).isEqualTo("[\"common\",\"shangjie-2021\"]");
        List<String> phases = new ArrayList<>();
        p.get("phases").forEach(ph -> phases.add(ph.get("name").asText()));
        assertThat(phases).containsExactly("10 通知参数", "20 分值调整", "22 部门声明", "30 指标计分", "40 一级指标得分", "45 总分",
                "50 等级", "60 复核", "90 提示级别");
        assertThat(one.body()).contains("注4：等级优的总分区间").contains("common/31-quantitative.drl");

        HttpResponse<String> unknown = get("/api/v1/notices/{id}", "/api/v1/notices/nowhere-2030");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(unknown.body()).get("error").asText()).contains("nowhere-2030")
                .contains("shangjie-2021");
        assertThat(get("/api/v1/notices/{id}", "/api/v1/notices/common").statusCode()).isEqualTo(404);
    }

    @Test
    void scoringASubmissionGivesTheSameJsonAsTheCommandLine() throws Exception {
        HttpResponse<String> r = post("/api/v1/score", "/api/v1/score", Files.readString(Fixtures.SEED));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        JsonNode result = JSON.readTree(r.body());
        assertThat(result.get("total").decimalValue()).isEqualByComparingTo("99.11");
        assertThat(result.get("grade").asText()).isEqualTo("优");
        assertThat(result.findValuesAsText("code")).contains("SELF_SCORE_DIFFERS");
        Fixtures.Run cli = Fixtures.cli("score", "--format", "json", Fixtures.SEED.toString());
        assertThat(r.body().strip()).isEqualTo(cli.out().strip());
    }

    @Test
    void aSubmissionsFaultIsA400OrA422NeverA500() throws Exception {
        String minimal = Files.readString(Fixtures.MINIMAL, StandardCharsets.UTF_8);
        HttpResponse<String> unreadable = post("/api/v1/score", "/api/v1/score",
                minimal.replaceFirst("\"points\": 10", "\"points\": \"十分\""));
        assertThat(unreadable.statusCode()).isEqualTo(400);
        JsonNode e = JSON.readTree(unreadable.body());
        assertThat(e.get("jsonPath").asText()).isEqualTo("$.budget.points"); // the first "points": 10 of the file
        assertThat(e.get("detail").asText()).contains("十分");

        assertThat(post("/api/v1/score", "/api/v1/score", "{\"id\": ").statusCode()).isEqualTo(400);
        assertThat(post("/api/v1/score", "/api/v1/score", "").statusCode()).isEqualTo(400);

        // 完成任务数量 25 points under 产出指标's 30: sent back, with the finding that says why
        HttpResponse<String> rejected = post("/api/v1/score", "/api/v1/score",
                minimal.replace("\"points\": 30,\n      \"claimed\": 30", "\"points\": 25,\n      \"claimed\": 25"));
        assertThat(rejected.statusCode()).isEqualTo(422);
        assertThat(JSON.readTree(rejected.body()).get("findings").findParents("code").stream()
                .filter(f -> f.get("severity").asText().equals("reject")).map(f -> f.get("code").asText()))
                .containsExactly("POINTS_NOT_EQUAL_WEIGHT");

        HttpResponse<String> unknown = post("/api/v1/score", "/api/v1/score?notice=nowhere-2030", minimal);
        assertThat(unknown.statusCode()).isEqualTo(404);
        // ?notice= scores by another notice: the minimal 部门 submission under the project notice is sent back
        HttpResponse<String> other = post("/api/v1/score", "/api/v1/score?notice=mof-2020-project", minimal);
        assertThat(other.statusCode()).isEqualTo(422);
        assertThat(JSON.readTree(other.body()).get("notice").asText()).isEqualTo("mof-2020-project");

        HttpResponse<String> huge = post("/api/v1/score", "/api/v1/score", " ".repeat(9 * 1024 * 1024));
        assertThat(huge.statusCode()).isEqualTo(413);
    }

    @Test
    void aBatchOfJsonLinesStreamsBackOneLineEachInOrderAndABadLineCostsOnlyItself() throws Exception {
        String seed = JSON.readTree(Files.readString(Fixtures.SEED)).toString();
        String minimal = JSON.readTree(Files.readString(Fixtures.MINIMAL)).toString();
        HttpResponse<String> r = post("/api/v1/batch", "/api/v1/batch", seed + "\n{\"id\": 1,\n\n" + minimal + "\n");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/x-ndjson");
        List<String> lines = r.body().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(JSON.readTree(lines.get(0)).get("total").decimalValue()).isEqualByComparingTo("99.11");
        assertThat(JSON.readTree(lines.get(1)).get("line").asInt()).isEqualTo(2);
        assertThat(JSON.readTree(lines.get(1)).get("status").asInt()).isEqualTo(400);
        assertThat(JSON.readTree(lines.get(2)).get("total").decimalValue()).isEqualByComparingTo("100");
    }

    private static HttpResponse<String> upload(java.nio.file.Path file, String type, String query) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/v1/score"
                        + query)).header("Authorization", "Bearer " + TOKEN).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofByteArray(Files.readAllBytes(file))).build();
        HttpResponse<String> r = HTTP.send(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        SEEN.computeIfAbsent("POST /api/v1/score", k -> ConcurrentHashMap.newKeySet()).add(r.statusCode());
        return r;
    }

    @Test
    void aTableIsScoredAsTheCommandLineScoresIt() throws Exception {
        // the seed's own 自评表 as Excel: 99.11 优, with the 政府采购执行率 finding
        HttpResponse<String> xlsx = upload(java.nio.file.Path.of("scenarios/shangjie-2021/justice-bureau-2021.xlsx"),
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "");
        assertThat(xlsx.statusCode()).as(xlsx.body()).isEqualTo(200);
        JsonNode r = JSON.readTree(xlsx.body());
        assertThat(r.get("total").decimalValue()).isEqualByComparingTo("99.11");
        assertThat(r.get("grade").asText()).isEqualTo("优");
        assertThat(r.get("findings").findParents("code").stream().filter(f -> f.get("code").asText()
                .equals("SELF_SCORE_DIFFERS")).map(f -> f.get("subject").asText()))
                .containsExactly("投入管理指标/预算和财务管理/政府采购执行率");
        // the project table as Word: 96.49, as on the command line
        HttpResponse<String> docx = upload(java.nio.file.Path.of(
                        "scenarios/mof-2020-project/example-mediation-2021.docx"),
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "");
        assertThat(docx.statusCode()).as(docx.body()).isEqualTo(200);
        assertThat(JSON.readTree(docx.body()).get("total").decimalValue()).isEqualByComparingTo("96.49");
        // a file that is not the table it says it is: 400 naming the upload, not a temporary path
        HttpResponse<String> bad = upload(Fixtures.SEED, "application/vnd.openxmlformats-officedocument."
                + "spreadsheetml.sheet", "");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(bad.body()).get("detail").asText()).startsWith("upload.xlsx").doesNotContain("/tmp");
    }

    @Test
    void twoNoticesAreComparedOverTheSameSubmissions() throws Exception {
        String seed = JSON.readTree(Files.readString(Fixtures.SEED)).toString();
        String minimal = JSON.readTree(Files.readString(Fixtures.MINIMAL)).toString();
        HttpResponse<String> r = post("/api/v1/compare", "/api/v1/compare?a=shangjie-2021&b=mof-2020-project",
                seed + "\n" + minimal + "\nnot json\n");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode c = JSON.readTree(r.body());
        assertThat(c.get("submissions")).hasSize(2);
        assertThat(c.at("/submissions/0/a/total").decimalValue()).isEqualByComparingTo("99.11");
        // the 部门 submissions are not project submissions: the project notice sends both back
        assertThat(c.at("/summary/rejectedB").asInt()).isEqualTo(2);
        assertThat(r.body()).contains("request body:3");
        assertThat(post("/api/v1/compare", "/api/v1/compare?a=shangjie-2021", seed).statusCode()).isEqualTo(400);
        assertThat(post("/api/v1/compare", "/api/v1/compare?a=shangjie-2021&b=nowhere", seed).statusCode())
                .isEqualTo(404);
    }

    @Test
    void concurrentRequestsShareOnePolicyAndAllGetTheRightAnswer() throws Exception {
        String seed = Files.readString(Fixtures.SEED);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                calls.add(pool.submit(() -> post("/api/v1/score", "/api/v1/score", seed)));
            }
            for (Future<HttpResponse<String>> f : calls) {
                HttpResponse<String> r = f.get();
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(JSON.readTree(r.body()).get("total").decimalValue()).isEqualByComparingTo("99.11");
            }
        } finally {
            pool.shutdown();
        }
    }

    /** The OpenAPI document describes every route the server answers, and every status the tests saw it give. */
    @Test
    void theOpenApiDocumentDescribesEveryRouteAndEveryStatus() throws Exception {
        HttpResponse<String> doc = get("/api/v1/openapi.json", "/api/v1/openapi.json");
        assertThat(doc.statusCode()).isEqualTo(200);
        JsonNode api = JSON.readTree(doc.body());
        assertThat(api.get("openapi").asText()).startsWith("3.");
        Set<String> documented = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = api.get("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> p = paths.next();
            p.getValue().fieldNames().forEachRemaining(m -> documented.add(m.toUpperCase() + " /api/v1" + p.getKey()));
        }
        assertThat(documented).containsExactlyInAnyOrderElementsOf(ApiServer.ROUTES);
        // run the other tests' calls first when this one runs alone
        everyRequestNeedsTheTokenInAHeader();
        noticesAndAPolicyInTheOrderItRuns();
        scoringASubmissionGivesTheSameJsonAsTheCommandLine();
        aSubmissionsFaultIsA400OrA422NeverA500();
        aBatchOfJsonLinesStreamsBackOneLineEachInOrderAndABadLineCostsOnlyItself();
        aTableIsScoredAsTheCommandLineScoresIt();
        twoNoticesAreComparedOverTheSameSubmissions();
        for (Map.Entry<String, Set<Integer>> seen : SEEN.entrySet()) {
            String[] mp = seen.getKey().split(" ", 2);
            JsonNode responses = api.get("paths").get(mp[1].substring("/api/v1".length()))
                    .get(mp[0].toLowerCase()).get("responses");
            for (int status : seen.getValue()) {
                assertThat(responses.has(String.valueOf(status))).as(seen.getKey() + " gives " + status).isTrue();
            }
        }
        // every error body has the documented shape
        JsonNode error = JSON.readTree(call("GET", "/api/v1/notices", "/api/v1/notices", null, null).body());
        api.at("/components/schemas/Error/required").forEach(f -> assertThat(error.has(f.asText())).isTrue());
    }

    /** The token of a server started with --token-file: made once, owner-only, and the same after a restart. */
    @Test
    void aTokenFileKeepsTheTokenAcrossRestarts(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp)
            throws Exception {
        java.nio.file.Path file = tmp.resolve("jixiao.token");
        String first = startedToken(file);
        assertThat(first).matches("[0-9a-f]{32}");
        assertThat(java.nio.file.Files.readString(file).strip()).isEqualTo(first);
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
                java.nio.file.Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(startedToken(file)).isEqualTo(first);
        java.nio.file.Files.writeString(file, "short\n");
        assertThat(Fixtures.cli("serve", "--port", "0", "--token-file", file.toString()).err())
                .contains("fewer than 16 characters");
    }

    /** Starts jixiao serve in its own process, reads the token it prints, and stops it. */
    private static String startedToken(java.nio.file.Path file) throws Exception {
        Process p = new ProcessBuilder(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), jixiao.cli.Main.class.getName(), "serve", "--port", "0",
                "--token-file", file.toString()).redirectErrorStream(true).start();
        try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(),
                java.nio.charset.StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.strip().startsWith("access token: ")) {
                    assertThat(line).contains("kept in " + file);
                    return line.strip().substring("access token: ".length()).split(" ", 2)[0];
                }
            }
            throw new AssertionError("jixiao serve printed no token");
        } finally {
            p.destroy();
            p.waitFor();
        }
    }

    @Test
    void serveRefusesAPortOrTokenThatCannotWork() {
        assertThat(Fixtures.cli("serve", "--port", "70000").exit()).isEqualTo(2);
        assertThat(Fixtures.cli("serve", "--token", "short").exit()).isEqualTo(2);
    }
}
