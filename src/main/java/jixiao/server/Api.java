package jixiao.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Iterator;
import jixiao.batch.Inputs;
import jixiao.engine.Notice;
import jixiao.engine.Policy;
import jixiao.engine.PolicyException;
import jixiao.engine.PolicyFiles;
import jixiao.engine.UnknownNoticeException;
import jixiao.input.Grid;
import jixiao.input.InputException;
import jixiao.input.SubmissionReader;
import jixiao.model.Submission;
import jixiao.report.Comparison;
import jixiao.report.JsonReport;
import jixiao.service.Input;
import jixiao.service.Outcome;
import jixiao.service.ScoringService;

/**
 * The scoring API for budget systems ({@code /api/v1}): every answer comes from the {@link ScoringService}, on the
 * rules as they are on disk when the request comes, and names the fingerprint of the rules it used. A submission's
 * fault is a 400 (cannot be read, with its JSON path) or a 422 (sent back: 退回, with the reasons, and no total or
 * grade); an unknown notice is a 404; the rules failing is a 500, running past the time limit a 503.
 */
final class Api {

    /** The largest body {@code POST /score} reads: a table file's limit (a JSON submission's is lower, and checked). */
    static final long MAX_SUBMISSION_BYTES = Grid.MAX_BYTES;
    /** The largest body {@code POST /batch} and {@code /compare} read. */
    static final long MAX_BATCH_BYTES = 256L * 1024 * 1024;
    static final String RULES_HEADER = "X-Jixiao-Rules-Fingerprint";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final ScoringService service;

    Api(ScoringService service) {
        this.service = service;
    }

    void openapi(Context ctx) throws IOException {
        try (InputStream in = Api.class.getResourceAsStream("/jixiao/openapi.json")) {
            ctx.contentType(Bodies.JSON).result(in.readAllBytes());
        }
    }

    void notices(Context ctx) {
        ArrayNode out = MAPPER.createArrayNode();
        for (Notice n : service.registry().notices()) {
            ObjectNode o = describe(n);
            try {
                o.put("fingerprint", PolicyFiles.resolve(service.registry().folderOf(n.id())).fingerprint());
            } catch (PolicyException e) {
                o.put("problem", e.describe());
            }
            out.add(o);
        }
        ctx.contentType(Bodies.JSON).result(out.toPrettyString());
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

    /** A notice's policy as it is on disk now: phases in order, each rule with its file. */
    void notice(Context ctx) {
        String id = ctx.pathParam("id");
        Policy p;
        try {
            p = policy(id);
        } catch (UnknownNoticeException e) {
            Bodies.error(ctx, 404, e.getMessage(), null);
            return;
        } catch (PolicyException e) {
            Bodies.error(ctx, 500, "the rules of notice " + id + " cannot be used: " + e.describe(), null);
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
        ctx.header(RULES_HEADER, p.fingerprint()).contentType(Bodies.JSON).result(o.toPrettyString());
    }

    /** A notice's compiled policy; a folder of shared rules is no notice. */
    Policy policy(String id) throws PolicyException {
        if (service.registry().notices().stream().anyMatch(n -> n.id().equals(id) && n.isShared())) {
            throw new UnknownNoticeException(id + " is a folder of shared rules that notices build on, not a notice");
        }
        return service.registry().forNotice(id);
    }

    /** The suffix of a table sent as the body, by its media type; null for JSON. */
    static String tableSuffix(String contentType) {
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
     * One submission → the same JSON as {@code jixiao score --format json} when it is scored; otherwise the outcome
     * and why, never a total or grade. The body is the submission's JSON, or a self-evaluation table (.xlsx, .docx or
     * .csv, by its Content-Type) read as {@code jixiao score} reads one.
     */
    void score(Context ctx) throws IOException {
        String suffix = tableSuffix(ctx.contentType());
        long max = suffix == null ? SubmissionReader.MAX_BYTES : MAX_SUBMISSION_BYTES;
        byte[] body = Bodies.readAtMost(ctx, max, "a submission");
        String label = suffix == null ? "request body" : "upload" + suffix;
        Input.Upload input = Input.upload(label, suffix, body, ctx.queryParam("notice"), null);
        Outcome o = service.score(input);
        if (!input.notUsed().isEmpty()) { // a table's cells that nothing read: counted, never dropped in silence
            ctx.header(NOT_USED_HEADER, String.valueOf(input.notUsed().size()));
        }
        answer(ctx, o);
    }

    /** An outcome as the answer to one request: its status, the fingerprint of the rules, and its JSON. */
    /** On the answer to a table: how many of its non-empty cells nothing read (`jixiao import --explain` lists them). */
    static final String NOT_USED_HEADER = "X-Jixiao-Cells-Not-Used";

    static void answer(Context ctx, Outcome o) {
        if (o.result() != null) {
            ctx.header(RULES_HEADER, o.result().policy().fingerprint());
        }
        ctx.status(o.httpStatus()).contentType(Bodies.JSON).result(json(o, true, 0));
    }

    /** An outcome as JSON: a score as {@code score --format json} writes it; anything else as what it is and why. */
    static byte[] json(Outcome o, boolean pretty, int line) {
        if (o instanceof Outcome.Scored s) {
            return pretty ? JsonReport.pretty(s.result(), JsonReport.Explanations.FULL)
                    : JsonReport.line(s.result(), JsonReport.Explanations.FULL);
        }
        if (o instanceof Outcome.SentBack b) {
            return JsonReport.sentBack(b.result(), pretty, line);
        }
        ObjectNode e = MAPPER.createObjectNode();
        if (line > 0) {
            e.put("line", line);
        }
        e.put("status", o.httpStatus());
        e.put("outcome", o.kind().id);
        e.put("error", o instanceof Outcome.Unreadable ? "the submission cannot be read" : o.report());
        if (o instanceof Outcome.Unreadable u) {
            InputException x = u.error();
            e.put("detail", x.getMessage());
            e.put("jsonPath", x.getJsonPath());
            if (x.getLine() > 0) {
                e.put("line" + (line > 0 ? "InSubmission" : ""), x.getLine());
            }
            e.put("problem", x.getProblem());
        }
        return ((pretty ? e.toPrettyString() : e.toString()) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * JSON Lines in, JSON Lines out, streamed in input order: each line's outcome as {@link #json} writes it, with
     * its line number when it is not a score. Lines are read as a JSON Lines file is (strict UTF-8, a bounded line,
     * each line failing alone); the body is bounded as a whole; when the client goes, the work stops.
     */
    void batch(Context ctx) throws IOException {
        String notice = ctx.queryParam("notice");
        Iterator<Inputs.Item> items = Inputs.jsonLines(Path.of(bodyName(ctx.queryParam("name"))),
                Bodies.bounded(ctx, MAX_BATCH_BYTES, "a batch"));
        ctx.contentType(Bodies.NDJSON);
        OutputStream out = ctx.outputStream();
        while (items.hasNext()) {
            Inputs.Item item = items.next();
            Outcome o = service.score(notice == null || item.problem() != null ? item : Input.upload(item.label(),
                    ".json", item.text().getBytes(StandardCharsets.UTF_8), notice, null));
            out.write(json(o, false, item.line()));
            out.flush(); // a client that has gone fails here, and the rest of its batch is not scored
        }
        out.flush();
    }

    /** How messages name a body: the file name a client gives ({@code ?name=}, without folders), else "request body". */
    static String bodyName(String given) {
        if (given == null) {
            return "request body";
        }
        String n = given.substring(Math.max(given.lastIndexOf('/'), given.lastIndexOf('\\')) + 1).strip()
                .replaceAll("\\p{Cntrl}", "");
        return n.isEmpty() || n.length() > 120 || n.equals(".") || n.equals("..") ? "request body" : n;
    }

    /**
     * Two notices over the same submissions (JSON Lines): {@code ?a=NOTICE&b=NOTICE} → the JSON of
     * {@code jixiao compare --format json}: per submission the totals, grades and what moved; the summary.
     */
    void compare(Context ctx) throws IOException {
        String a = ctx.queryParam("a");
        String b = ctx.queryParam("b");
        if (a == null || b == null) {
            Bodies.error(ctx, 400, "name the two notices to compare: ?a=NOTICE&b=NOTICE", null);
            return;
        }
        Policy pa;
        Policy pb;
        try {
            pa = policy(a);
            pb = policy(b);
        } catch (UnknownNoticeException e) {
            Bodies.error(ctx, 404, e.getMessage(), null);
            return;
        } catch (PolicyException e) {
            Bodies.error(ctx, 500, e.describe(), null);
            return;
        }
        Comparison c = new Comparison(pa, pb);
        compareAll(c, pa, pb, Inputs.jsonLines(Path.of("request body"), Bodies.bounded(ctx, MAX_BATCH_BYTES,
                "the submissions")));
        ctx.contentType(Bodies.JSON).result(c.json());
    }

    /** Each input scored by both policies into the comparison, or listed as unreadable. */
    void compareAll(Comparison c, Policy pa, Policy pb, Iterator<? extends Input> inputs) {
        while (inputs.hasNext()) {
            Input in = inputs.next();
            Submission s;
            try {
                s = in.read();
            } catch (InputException e) {
                c.unreadable(e.getMessage());
                continue;
            }
            c.add(new Comparison.Row(s.id(), in.label(), Comparison.Side.of(service.score(in.label(), pa, s)),
                    Comparison.Side.of(service.score(in.label(), pb, s))));
        }
    }
}
