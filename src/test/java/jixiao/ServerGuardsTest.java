package jixiao;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jixiao.server.ApiServer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server as a new user, then as a neighbour, would try it (issue 22), each against a real server on a free port:
 * it follows the rules on disk, never shows a 退回 as a score, stops rules that loop, gives pages a session rather than
 * the token, cuts off slow and oversized bodies, keeps concurrent saves from losing work, and cannot be framed or
 * reached under another site's name.
 */
class ServerGuardsTest {

    private static final String TOKEN = "0123456789abcdef0123456789abcdef";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @TempDir
    Path tmp;

    /** A copy of the shipped rules and scenarios, to change on disk. */
    private Path copy() throws Exception {
        return Fixtures.copyHome(tmp.resolve("home"));
    }

    private static HttpResponse<String> api(ApiServer s, String method, String path, String type, byte[] body)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + path))
                .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + TOKEN);
        if (type != null) {
            b.header("Content-Type", type);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static String session(ApiServer s) throws Exception {
        HttpResponse<String> link = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port()
                + "/?token=" + TOKEN)).build(), HttpResponse.BodyHandlers.ofString());
        return link.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
    }

    private static HttpResponse<String> page(ApiServer s, String path, String cookie) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + path))
                .header("Cookie", cookie).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static byte[] sentBack() throws Exception {
        return Fixtures.sentBackSeed().toString().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aRuleChangedOnDiskIsUsedByTheNextRequestWithItsFingerprint() throws Exception {
        Path home = copy();
        try (ApiServer s = ApiServer.start(home.resolve("rules"), home.resolve("scenarios"), "127.0.0.1", 0, TOKEN)) {
            byte[] seed = Files.readAllBytes(Fixtures.SEED);
            HttpResponse<String> before = api(s, "POST", "/api/v1/score", "application/json", seed);
            assertThat(before.statusCode()).isEqualTo(200);
            JsonNode b = JSON.readTree(before.body());
            // 注4: 90 and above is 优; the seed's total is 99.11 (SeedTest works it out)
            assertThat(b.get("grade").asText()).isEqualTo("优");

            // 优 raised to 99.5 on disk, by anything but the server: 99.11 is now 良
            Path params = home.resolve("rules/shangjie-2021/00-parameters.drl.csv");
            String text = Files.readString(params);
            String raised = text.replace(",10 通知参数,优,90,不限,", ",10 通知参数,优,99.5,不限,")
                    .replace(",10 通知参数,良,80,90,", ",10 通知参数,良,80,99.5,");
            assertThat(raised).isNotEqualTo(text);
            Files.writeString(params, raised);

            HttpResponse<String> after = api(s, "POST", "/api/v1/score", "application/json", seed);
            JsonNode a = JSON.readTree(after.body());
            assertThat(a.get("grade").asText()).isEqualTo("良");
            assertThat(a.get("rulesFingerprint").asText()).isNotEqualTo(b.get("rulesFingerprint").asText());
            assertThat(after.headers().firstValue("X-Jixiao-Rules-Fingerprint")).hasValue(
                    a.get("rulesFingerprint").asText());
            // the notice's page and the list of notices agree with what scored it
            JsonNode notice = JSON.readTree(api(s, "GET", "/api/v1/notices/shangjie-2021", null, null).body());
            assertThat(notice.get("fingerprint").asText()).isEqualTo(a.get("rulesFingerprint").asText());
            JsonNode list = JSON.readTree(api(s, "GET", "/api/v1/notices", null, null).body());
            for (JsonNode n : list) {
                if (n.get("id").asText().equals("shangjie-2021")) {
                    assertThat(n.get("fingerprint").asText()).isEqualTo(a.get("rulesFingerprint").asText());
                }
            }
        }
    }

    @Test
    void aSubmissionSentBackIsNeverShownWithATotalOrAGrade() throws Exception {
        byte[] body = sentBack();
        // the command line: exit 2, nothing on stdout, 退回 and the reason on stderr
        Path file = tmp.resolve("sent-back.json");
        Files.write(file, body);
        Fixtures.Run cli = Fixtures.cli("score", file.toString(), "--format", "json");
        assertThat(cli.exit()).isEqualTo(2);
        assertThat(cli.out()).isEmpty();
        assertThat(cli.err()).contains("退回").contains("ACTUAL_NOT_A_NUMBER");

        try (ApiServer s = ApiServer.start(Fixtures.RULES, Fixtures.SCENARIOS, "127.0.0.1", 0, TOKEN)) {
            HttpResponse<String> one = api(s, "POST", "/api/v1/score", "application/json", body);
            assertThat(one.statusCode()).isEqualTo(422);
            JsonNode j = JSON.readTree(one.body());
            assertThat(j.get("outcome").asText()).isEqualTo("sentBack");
            assertThat(j.has("total")).isFalse();
            assertThat(j.has("grade")).isFalse();
            assertThat(j.has("categories")).isFalse();
            assertThat(j.get("reasons").get(0).get("code").asText()).isEqualTo("ACTUAL_NOT_A_NUMBER");

            byte[] lines = (new String(body, StandardCharsets.UTF_8) + "\n" + Files.readString(Fixtures.SEED)
                    .replace("\n", " ") + "\n").getBytes(StandardCharsets.UTF_8);
            String batch = api(s, "POST", "/api/v1/batch", "application/x-ndjson", lines).body();
            List<String> out = batch.lines().toList();
            assertThat(out).hasSize(2);
            JsonNode first = JSON.readTree(out.get(0));
            assertThat(first.get("line").asInt()).isEqualTo(1);
            assertThat(first.get("outcome").asText()).isEqualTo("sentBack");
            assertThat(first.has("grade")).isFalse();
            assertThat(first.has("total")).isFalse();
            assertThat(JSON.readTree(out.get(1)).get("grade").asText()).isEqualTo("优");

            // the workbench's report of an upload: 退回 first, with the reason, and no total or grade
            String cookie = session(s);
            String boundary = "----jixiao" + System.nanoTime();
            byte[] form = multipart(boundary, "sent-back.json", body);
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port()
                    + "/score")).header("Cookie", cookie).header("Content-Type", "multipart/form-data; boundary="
                    + boundary).POST(HttpRequest.BodyPublishers.ofByteArray(form)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertThat(r.statusCode()).isEqualTo(422);
            Document d = Jsoup.parse(r.body());
            assertThat(d.select("#sent-back").text()).contains("退回").contains("不是数字");
            assertThat(d.select("#grade")).isEmpty();
            assertThat(d.select("#total")).isEmpty();
        }
    }

    /**
     * A table with a cell nothing reads (a contact person beside the form): the API says how many in a header, the
     * workbench's report names them above the scores; both still score it. Before, they were dropped in silence.
     */
    @Test
    void aTablesCellsNothingReadAreSaidByTheApiAndTheWorkbench() throws Exception {
        java.io.ByteArrayOutputStream table = new java.io.ByteArrayOutputStream();
        new jixiao.input.TableWriter(jixiao.input.TableLayout.forKind("项目支出绩效自评"), JSON.readTree(
                Files.readString(Path.of("scenarios/mof-2020-project/example-mediation-2021.json"))))
                .csv(table, StandardCharsets.UTF_8);
        java.util.List<String> lines = new java.util.ArrayList<>(table.toString(StandardCharsets.UTF_8).lines().toList());
        lines.add(3, "联系人,张三,,");
        byte[] csv = String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
        try (ApiServer s = ApiServer.start(Fixtures.RULES, Fixtures.SCENARIOS, "127.0.0.1", 0, TOKEN)) {
            HttpResponse<String> r = api(s, "POST", "/api/v1/score", "text/csv", csv);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat(r.headers().firstValue("X-Jixiao-Cells-Not-Used")).contains("2");
            assertThat(JSON.readTree(r.body()).get("total").decimalValue()).isEqualByComparingTo("96.49");

            String boundary = "----jixiao" + System.nanoTime();
            HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port()
                    + "/score")).header("Cookie", session(s)).header("Content-Type", "multipart/form-data; boundary="
                    + boundary).POST(HttpRequest.BodyPublishers.ofByteArray(multipart(boundary, "t.csv", csv))).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(Jsoup.parse(page.body()).select("#not-used").text()).contains("表中有 2 格没有读入评分")
                    .contains("A4 “联系人”").contains("B4 “张三”");
        }
    }

    private static byte[] multipart(String boundary, String filename, byte[] content) {
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[head.length + content.length + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(content, 0, all, head.length, content.length);
        System.arraycopy(tail, 0, all, head.length + content.length, tail.length);
        return all;
    }

    /** A notice whose rules loop inside a consequence, on every submission. */
    private Path loopingRules() throws Exception {
        Path home = copy();
        Path drl = home.resolve("rules/shangjie-2021/62-reasons.drl"); // replaces the shared file of that name
        Files.copy(home.resolve("rules/common/62-reasons.drl"), drl);
        String text = Files.readString(drl);
        Matcher m = Pattern.compile("(?m)^then\\s*$").matcher(text);
        assertThat(m.find()).isTrue();
        // a loop the firing limit cannot see: it never leaves the consequence
        Files.writeString(drl, text.substring(0, m.end()) + "\n    while (System.nanoTime() > 0) { }\n"
                + text.substring(m.end()));
        return home;
    }

    @Test
    void aRuleThatLoopsIsStoppedInTheServerAndInTest() throws Exception {
        Path home = loopingRules();
        // a submission whose 政府采购执行率 misses its target without a reason: 62-reasons' first rule fires
        ObjectNode seed = (ObjectNode) JSON.readTree(Files.readString(Fixtures.SEED));
        for (JsonNode i : seed.get("indicators")) {
            ((ObjectNode) i).remove("reason");
        }
        byte[] body = seed.toString().getBytes(StandardCharsets.UTF_8);
        try (ApiServer s = ApiServer.start(new ApiServer.Options(home.resolve("rules"), home.resolve("scenarios"),
                "127.0.0.1", 0, TOKEN).timeout(Duration.ofSeconds(1)))) {
            HttpResponse<String> r = api(s, "POST", "/api/v1/score", "application/json", body);
            assertThat(r.statusCode()).isEqualTo(503);
            JsonNode j = JSON.readTree(r.body());
            assertThat(j.get("outcome").asText()).isEqualTo("timedOut");
            assertThat(j.has("grade")).isFalse();
            // the server still answers
            assertThat(api(s, "GET", "/api/v1/notices", null, null).statusCode()).isEqualTo(200);
        }
        Fixtures.Run test = Fixtures.cli("test", "--rules-root", home.resolve("rules").toString(), "--timeout", "1",
                home.resolve("scenarios/shangjie-2021").toString());
        assertThat(test.exit()).isNotZero();
        assertThat(test.out() + test.err()).contains("time limit");
    }

    @Test
    void pagesGetASessionNotTheTokenAndCannotBeFramedOrReachedByAnotherName() throws Exception {
        try (ApiServer s = ApiServer.start(Fixtures.RULES, Fixtures.SCENARIOS, "127.0.0.1", 0, TOKEN);
             ApiServer other = ApiServer.start(Fixtures.RULES, Fixtures.SCENARIOS, "127.0.0.1", 0, TOKEN)) {
            HttpResponse<String> link = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port()
                    + "/?token=" + TOKEN)).build(), HttpResponse.BodyHandlers.ofString());
            String setCookie = link.headers().firstValue("Set-Cookie").orElseThrow();
            assertThat(setCookie).doesNotContain(TOKEN).contains("HttpOnly").contains("SameSite=Strict")
                    .contains("Path=/").contains("Max-Age=");
            String cookie = setCookie.split(";", 2)[0];
            assertThat(page(s, "/", cookie).statusCode()).isEqualTo(200);
            // a browser sends 127.0.0.1's cookies to every port: the other server's session is worth nothing here
            assertThat(page(other, "/", cookie).statusCode()).isEqualTo(401);
            // nor is the cookie a token for the API
            HttpResponse<String> withCookie = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + s.port() + "/api/v1/notices")).header("Cookie", cookie).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(withCookie.statusCode()).isEqualTo(401);

            HttpResponse<String> home = page(s, "/", cookie);
            assertThat(home.headers().firstValue("X-Frame-Options")).hasValue("DENY");
            assertThat(home.headers().firstValue("Content-Security-Policy").orElseThrow())
                    .contains("frame-ancestors 'none'").contains("script-src 'self';");
            assertThat(home.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");

            // DNS rebinding: a page asked for under another site's name is refused, the session notwithstanding
            try (Socket sock = new Socket("127.0.0.1", s.port())) {
                OutputStream out = sock.getOutputStream();
                out.write(("GET / HTTP/1.1\r\nHost: evil.example:" + s.port() + "\r\nCookie: " + cookie
                        + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                String answer = new String(sock.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(answer).startsWith("HTTP/1.1 421");
            }
            // a save from another origin is refused before anything is read
            HttpResponse<String> cross = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port()
                    + "/notices/shangjie-2021/files/62-reasons.drl")).header("Cookie", cookie)
                    .header("Origin", "http://127.0.0.1:1").POST(HttpRequest.BodyPublishers.ofString("x")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(cross.statusCode()).isEqualTo(403);
        }
    }

    @Test
    void slowAndOversizedBodiesAreCutOffAndOthersAreStillAnswered() throws Exception {
        try (ApiServer s = ApiServer.start(Fixtures.RULES, Fixtures.SCENARIOS, "127.0.0.1", 0, TOKEN)) {
            // a body larger than the route takes is refused on its Content-Length, before it is sent
            try (Socket sock = new Socket("127.0.0.1", s.port())) {
                sock.setSoTimeout(20_000);
                OutputStream out = sock.getOutputStream();
                out.write(("POST /api/v1/batch HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + TOKEN
                        + "\r\nContent-Type: application/x-ndjson\r\nContent-Length: 300000000\r\n\r\n{")
                        .getBytes(StandardCharsets.US_ASCII)); // Jetty dispatches a request when its body starts
                out.flush();
                String head = new String(sock.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
                assertThat(head).isEqualTo("HTTP/1.1 413");
            }
            // slow senders trickling a login form: each is cut off, and the API answers meanwhile
            Socket[] slow = new Socket[20];
            try {
                for (int i = 0; i < slow.length; i++) {
                    slow[i] = new Socket("127.0.0.1", s.port());
                    slow[i].setSoTimeout(30_000);
                    slow[i].getOutputStream().write(("POST /login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: "
                            + "application/x-www-form-urlencoded\r\nContent-Length: 4000\r\n\r\nt")
                            .getBytes(StandardCharsets.US_ASCII));
                }
                assertThat(api(s, "GET", "/api/v1/notices", null, null).statusCode()).isEqualTo(200);
                // each trickles a byte every half second, far below the rate a body must keep: each is answered 408
                // (its thread freed) within the 30 s this waits at most
                String[] answers = new String[slow.length];
                for (int round = 0; round < 60 && java.util.Arrays.asList(answers).contains(null); round++) {
                    for (int i = 0; i < slow.length; i++) {
                        if (answers[i] == null) {
                            try {
                                slow[i].getOutputStream().write('o');
                                slow[i].getOutputStream().flush();
                                if (slow[i].getInputStream().available() > 0) {
                                    answers[i] = new String(slow[i].getInputStream().readNBytes(12),
                                            StandardCharsets.US_ASCII);
                                }
                            } catch (java.io.IOException e) {
                                answers[i] = "closed: " + e.getMessage();
                            }
                        }
                    }
                    Thread.sleep(500);
                }
                assertThat(answers).as("every slow sender was cut off within 30 s").containsOnly("HTTP/1.1 408");
                assertThat(api(s, "GET", "/api/v1/notices", null, null).statusCode()).isEqualTo(200);
            } finally {
                for (Socket sock : slow) {
                    if (sock != null) {
                        sock.close();
                    }
                }
            }
        }
    }

    @Test
    void theApiBatchReadsLinesAsTheCommandLineDoesAndMalformedFormsAre400() throws Exception {
        try (ApiServer s = ApiServer.start(Fixtures.RULES, Fixtures.SCENARIOS, "127.0.0.1", 0, TOKEN)) {
            byte[] seed = Files.readString(Fixtures.SEED).replace("\n", " ").getBytes(StandardCharsets.UTF_8);
            byte[] gbk = "{\"id\": \"坏\"}".getBytes(java.nio.charset.Charset.forName("GBK"));
            java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
            body.write(gbk);
            body.write('\n');
            body.write(seed);
            body.write('\n');
            List<String> out = api(s, "POST", "/api/v1/batch", "application/x-ndjson", body.toByteArray()).body()
                    .lines().toList();
            assertThat(out).hasSize(2);
            JsonNode bad = JSON.readTree(out.get(0));
            assertThat(bad.get("line").asInt()).isEqualTo(1);
            assertThat(bad.get("status").asInt()).isEqualTo(400);
            assertThat(bad.toString()).contains("not UTF-8");
            assertThat(JSON.readTree(out.get(1)).get("total").decimalValue()).isEqualByComparingTo("99.11");

            String cookie = session(s);
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port()
                    + "/score")).header("Cookie", cookie).header("Content-Type", "multipart/form-data; boundary=xyz")
                    .POST(HttpRequest.BodyPublishers.ofString("--xyz\r\nContent-Disposition: form-data; name=")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(r.body()).doesNotContain("Exception").doesNotContain("java.");
        }
    }

    @Test
    void aSaveOverAFileThatChangedSinceIsRefusedAndAFileKeepsItsModeAndLink() throws Exception {
        Path home = copy();
        Path rules = home.resolve("rules");
        // a draft of the notice, whose file is a link to a file elsewhere, readable by the group and others
        new jixiao.publish.Drafts(new jixiao.engine.PolicyRegistry(rules, null), home.resolve("scenarios"))
                .workingCopy("shangjie-2021");
        Path real = home.resolve("elsewhere/61-consistency.drl");
        Files.createDirectories(real.getParent());
        Path link = rules.resolve("drafts/shangjie-2021/61-consistency.drl");
        Files.move(link, real);
        Files.createSymbolicLink(link, real);
        Files.setPosixFilePermissions(real, PosixFilePermissions.fromString("rw-r--r--"));
        try (ApiServer s = ApiServer.start(rules, home.resolve("scenarios"), "127.0.0.1", 0, TOKEN)) {
            String cookie = session(s);
            String path = "/drafts/shangjie-2021/files/61-consistency.drl";
            String editor = page(s, path, cookie).body();
            Matcher key = Pattern.compile("data-edit-key=\"([0-9a-f]+)\"").matcher(editor);
            Matcher base = Pattern.compile("data-base=\"([0-9a-f]+)\"").matcher(editor);
            assertThat(key.find()).isTrue();
            assertThat(base.find()).isTrue();
            String original = Files.readString(real);
            // two analysts opened the same text; the first saves
            HttpResponse<String> first = save(s, path, cookie, key.group(1), base.group(1), original + "\n// 甲\n");
            assertThat(first.statusCode()).isEqualTo(200);
            // the second, from the text as it was, is refused and shown what is on disk now
            HttpResponse<String> second = save(s, path, cookie, key.group(1), base.group(1), original + "\n// 乙\n");
            assertThat(second.statusCode()).isEqualTo(409);
            assertThat(JSON.readTree(second.body()).get("current").asText()).endsWith("// 甲\n");
            assertThat(Files.readString(real)).endsWith("// 甲\n");
            assertThat(Files.isSymbolicLink(link)).isTrue();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(real))).isEqualTo("rw-r--r--");
            // a save with no base at all is not taken either
            assertThat(save(s, path, cookie, key.group(1), null, original).statusCode()).isEqualTo(428);
        }
    }

    private static HttpResponse<String> save(ApiServer s, String path, String cookie, String key, String base,
                                             String text) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + path))
                .header("Cookie", cookie).header("X-Jixiao-Edit", key)
                .header("Content-Type", "text/plain; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8));
        if (base != null) {
            b.header("X-Jixiao-Base", base);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    @Test
    void aWordDocumentOfEmptyRowsIsRefusedAtTheRowLimit() throws Exception {
        // a small .docx whose table has 80,000 rows of a few letters (not so compressible that POI's zip-bomb guard
        // decides it): refused as soon as it passes the limit. POI's document model of it took minutes before (its
        // row lists walked from the start for every row); the stream refuses it in well under a second — a time
        // measured by hand, not asserted here
        StringBuilder rows = new StringBuilder();
        java.util.Random random = new java.util.Random(22);
        for (int i = 0; i < 80_000; i++) {
            rows.append("<w:tr><w:tc><w:p><w:r><w:t>").append((char) ('a' + random.nextInt(26)))
                    .append((char) ('A' + random.nextInt(26))).append((char) ('a' + random.nextInt(26)))
                    .append("</w:t></w:r></w:p></w:tc></w:tr>");
        }
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org"
                + "/wordprocessingml/2006/main\"><w:body><w:tbl>" + rows + "</w:tbl></w:body></w:document>";
        Path docx = tmp.resolve("empty-rows.docx");
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(docx))) {
            zip.putNextEntry(new java.util.zip.ZipEntry("word/document.xml"));
            zip.write(xml.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        assertThat(Files.size(docx)).isLessThan(400_000);
        Fixtures.Run r = Fixtures.cli("score", docx.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("at most 10000");
    }

    @Test
    void everyAnswerOfTheServerCarriesTheGuardHeaders() throws Exception {
        try (ApiServer s = ApiServer.start(Fixtures.RULES, Fixtures.SCENARIOS, "127.0.0.1", 0, TOKEN)) {
            for (HttpResponse<String> r : List.of(api(s, "GET", "/api/v1/notices", null, null),
                    api(s, "GET", "/nowhere", null, null))) {
                assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
                assertThat(r.headers().firstValue("X-Frame-Options")).hasValue("DENY");
                assertThat(Set.of(r.headers().firstValue("Content-Security-Policy").orElseThrow().split("; ")))
                        .contains("frame-ancestors 'none'");
            }
        }
    }
}
