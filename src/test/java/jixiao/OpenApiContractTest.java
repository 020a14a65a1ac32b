package jixiao;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import jixiao.server.ApiServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * openapi.json is the truth about the API: requests made for every route and every status it documents — valid ones
 * and invalid ones — are sent to a real server, and every answer (status, content type, body) is checked against the
 * document by an OpenAPI validator (Atlassian's swagger-request-validator). Every documented status must be seen at
 * least once, and every status seen must be documented.
 */
class OpenApiContractTest {

    private static final String TOKEN = "0123456789abcdef0123456789abcdef";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private static Path home;
    private static ApiServer server;
    private static OpenApiInteractionValidator validator;
    private static JsonNode spec;
    /** What each route was seen to answer, and what the validator said of each answer that did not fit. */
    private static final Map<String, Set<Integer>> SEEN = new TreeMap<>();
    private static final List<String> PROBLEMS = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        home = Fixtures.copyHome(Files.createTempDirectory("jixiao-contract"));
        // a notice whose rules do not compile, and one whose rules loop
        Path rules = home.resolve("rules");
        copyNotice(rules, "broken-2021", "62-reasons.drl", t -> t.replaceFirst("(?m)^then\\s*$", "then )("));
        copyNotice(rules, "looping-2021", "62-reasons.drl",
                t -> t.replaceFirst("(?m)^then\\s*$", "then\n    while (System.nanoTime() > 0) { }"));
        server = ApiServer.start(new ApiServer.Options(rules, home.resolve("scenarios"), "127.0.0.1", 0, TOKEN)
                .timeout(Duration.ofSeconds(1)));
        String doc;
        try (InputStream in = ApiServer.class.getResourceAsStream("/jixiao/openapi.json")) {
            doc = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        spec = JSON.readTree(doc);
        validator = OpenApiInteractionValidator.createForInlineApiSpecification(doc)
                .withBasePathOverride("/api/v1").build();
    }

    private static void copyNotice(Path rules, String id, String file,
                                   java.util.function.UnaryOperator<String> change) throws Exception {
        Path from = rules.resolve("shangjie-2021");
        Path to = rules.resolve(id);
        Files.createDirectories(to);
        try (Stream<Path> s = Files.list(from)) {
            for (Path p : s.toList()) {
                Files.copy(p, to.resolve(p.getFileName()));
            }
        }
        ObjectNode meta = (ObjectNode) JSON.readTree(to.resolve("notice.json").toFile());
        meta.put("id", id);
        Files.writeString(to.resolve("notice.json"), meta.toPrettyString());
        Path f = to.resolve(file);
        if (!Files.exists(f)) { // a shared file: the notice's own copy replaces it
            Files.copy(rules.resolve("common").resolve(file), f);
        }
        String text = Files.readString(f);
        String changed = change.apply(text);
        assertThat(changed).isNotEqualTo(text);
        Files.writeString(f, changed);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** One exchange, checked against the document: the request too when {@code validRequest}. */
    private static int exchange(String method, String route, String path, String type, byte[] body, String token,
                                boolean validRequest) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(60));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (type != null) {
            b.header("Content-Type", type);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        check(method, route, path, type, body, token, validRequest, r.statusCode(),
                r.headers().firstValue("Content-Type").orElse(null), r.body());
        return r.statusCode();
    }

    private static void check(String method, String route, String path, String type, byte[] body, String token,
                              boolean validRequest, int status, String contentType, String answer) {
        SEEN.computeIfAbsent(method + " " + route, k -> new TreeSet<>()).add(status);
        String bare = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        SimpleResponse.Builder response = SimpleResponse.Builder.status(status).withBody(answer);
        if (contentType != null) {
            response.withContentType(contentType);
        }
        ValidationReport report;
        if (validRequest) {
            SimpleRequest.Builder request = new SimpleRequest.Builder(method, bare);
            if (path.contains("?")) {
                for (String pair : path.substring(path.indexOf('?') + 1).split("&")) {
                    String[] kv = pair.split("=", 2);
                    request.withQueryParam(kv[0], kv.length > 1 ? kv[1] : "");
                }
            }
            if (token != null) {
                request.withAuthorization("Bearer " + token);
            }
            if (type != null) {
                request.withContentType(type);
            }
            if (body != null) {
                request.withBody(new String(body, type != null && type.startsWith("application/vnd")
                        ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8));
            }
            report = validator.validate(request.build(), response.build());
        } else {
            report = validator.validateResponse(bare, Request.Method.valueOf(method), response.build());
        }
        if (report.hasErrors()) {
            PROBLEMS.add(method + " " + path + " → " + status + ": " + report.getMessages());
        }
        if (contentType != null && contentType.startsWith("application/x-ndjson")) {
            // each line of a batch is a result, a sent-back submission or an error, each as the document says
            for (String line : answer.lines().toList()) {
                checkLine(line);
            }
        }
    }

    /** One line of a batch's answer against the schema it says it is. */
    private static void checkLine(String line) {
        try {
            JsonNode j = JSON.readTree(line);
            String schema = j.has("total") ? "Result" : "sentBack".equals(j.path("outcome").asText()) ? "SentBack"
                    : "Error";
            ObjectNode one = JSON.createObjectNode();
            // a minimal document with the one schema as an answer, so the same validator checks the line
            one.put("openapi", "3.0.3");
            one.putObject("info").put("title", "line").put("version", "1");
            one.putObject("paths").putObject("/line").putObject("get").putObject("responses").putObject("200")
                    .put("description", "a line").putObject("content").putObject("application/json")
                    .putObject("schema").put("$ref", "#/components/schemas/" + schema);
            one.set("components", JSON.createObjectNode().set("schemas", spec.at("/components/schemas")));
            ValidationReport r = OpenApiInteractionValidator.createForInlineApiSpecification(one.toString()).build()
                    .validateResponse("/line", Request.Method.GET, SimpleResponse.Builder.ok()
                            .withContentType("application/json").withBody(line).build());
            if (r.hasErrors()) {
                PROBLEMS.add("a batch line (" + schema + "): " + r.getMessages());
            }
        } catch (Exception e) {
            PROBLEMS.add("a batch line that is not JSON: " + line);
        }
    }

    /** A request whose Content-Length says more than the route takes: sent as headers and the body's first byte. */
    private static void tooLarge(String route, String path) throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(30_000);
            OutputStream out = s.getOutputStream();
            // HTTP/1.0: the answer comes whole, not in chunks
            out.write(("POST " + path + " HTTP/1.0\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + TOKEN
                    + "\r\nContent-Type: application/json\r\nContent-Length: 900000000\r\n\r\n{")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String raw = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int status = Integer.parseInt(raw.substring(9, 12));
            String head = raw.substring(0, raw.indexOf("\r\n\r\n"));
            String type = head.lines().filter(l -> l.toLowerCase().startsWith("content-type:"))
                    .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElse(null);
            String body = raw.substring(raw.indexOf("\r\n\r\n") + 4);
            check("POST", route, path, "application/json", null, TOKEN, false, status, type, body);
        }
    }

    private static byte[] seed() throws Exception {
        return Files.readAllBytes(Fixtures.SEED);
    }

    private static byte[] sentBack() throws Exception {
        return Fixtures.sentBackSeed().toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The seed without reasons: the looping notice's rule in 62-reasons fires on it. */
    private static byte[] withoutReasons(String notice) throws Exception {
        ObjectNode seed = (ObjectNode) JSON.readTree(Files.readString(Fixtures.SEED));
        seed.put("notice", notice);
        for (JsonNode i : seed.get("indicators")) {
            ((ObjectNode) i).remove("reason");
        }
        return seed.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void everyAnswerIsWhatTheDocumentSaysAndEveryDocumentedStatusIsGiven() throws Exception {
        String json = "application/json";
        String ndjson = "application/x-ndjson";
        exchange("GET", "/openapi.json", "/api/v1/openapi.json", null, null, TOKEN, true);
        exchange("GET", "/openapi.json", "/api/v1/openapi.json", null, null, null, false);
        exchange("GET", "/notices", "/api/v1/notices", null, null, TOKEN, true);
        exchange("GET", "/notices", "/api/v1/notices", null, null, "wrong", false);
        exchange("GET", "/notices/{id}", "/api/v1/notices/shangjie-2021", null, null, TOKEN, true);
        exchange("GET", "/notices/{id}", "/api/v1/notices/nowhere", null, null, TOKEN, true);
        exchange("GET", "/notices/{id}", "/api/v1/notices/broken-2021", null, null, TOKEN, true);
        exchange("GET", "/notices/{id}", "/api/v1/notices/shangjie-2021", null, null, null, false);

        exchange("POST", "/score", "/api/v1/score", json, seed(), TOKEN, true);
        exchange("POST", "/score", "/api/v1/score", json, "{\"id\": ".getBytes(StandardCharsets.UTF_8), TOKEN, false);
        exchange("POST", "/score", "/api/v1/score?notice=nowhere", json, seed(), TOKEN, true);
        exchange("POST", "/score", "/api/v1/score", json, sentBack(), TOKEN, true);
        exchange("POST", "/score", "/api/v1/score?notice=broken-2021", json, seed(), TOKEN, true);
        exchange("POST", "/score", "/api/v1/score", json, withoutReasons("looping-2021"), TOKEN, true);
        exchange("POST", "/score", "/api/v1/score", json, seed(), null, false);
        exchange("POST", "/score", "/api/v1/score", "application/vnd.openxmlformats-officedocument.spreadsheetml"
                + ".sheet", Files.readAllBytes(Path.of("scenarios/shangjie-2021/justice-bureau-2021.xlsx")), TOKEN, true);
        tooLarge("/score", "/api/v1/score");

        String lines = new String(seed(), StandardCharsets.UTF_8).replace("\n", " ") + "\n"
                + new String(sentBack(), StandardCharsets.UTF_8) + "\nnot json\n"
                + new String(withoutReasons("looping-2021"), StandardCharsets.UTF_8) + "\n";
        exchange("POST", "/batch", "/api/v1/batch", ndjson, lines.getBytes(StandardCharsets.UTF_8), TOKEN, true);
        exchange("POST", "/batch", "/api/v1/batch", ndjson, lines.getBytes(StandardCharsets.UTF_8), null, false);
        tooLarge("/batch", "/api/v1/batch");

        byte[] two = (new String(seed(), StandardCharsets.UTF_8).replace("\n", " ") + "\nnot json\n")
                .getBytes(StandardCharsets.UTF_8);
        exchange("POST", "/compare", "/api/v1/compare?a=shangjie-2021&b=mof-2020-project", ndjson, two, TOKEN, true);
        exchange("POST", "/compare", "/api/v1/compare?a=shangjie-2021", ndjson, two, TOKEN, false);
        exchange("POST", "/compare", "/api/v1/compare?a=shangjie-2021&b=nowhere", ndjson, two, TOKEN, true);
        exchange("POST", "/compare", "/api/v1/compare?a=shangjie-2021&b=broken-2021", ndjson, two, TOKEN, true);
        exchange("POST", "/compare", "/api/v1/compare?a=shangjie-2021&b=mof-2020-project", ndjson, two, null, false);
        tooLarge("/compare", "/api/v1/compare?a=shangjie-2021&b=mof-2020-project");

        assertThat(PROBLEMS).isEmpty();
        Map<String, Set<Integer>> documented = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = spec.get("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> p = paths.next();
            p.getValue().fields().forEachRemaining(m -> {
                Set<Integer> statuses = new TreeSet<>();
                m.getValue().get("responses").fieldNames().forEachRemaining(s -> statuses.add(Integer.parseInt(s)));
                documented.put(m.getKey().toUpperCase() + " " + p.getKey(), statuses);
            });
        }
        assertThat(SEEN).isEqualTo(documented);
    }
}
