package jixiao.report;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import jixiao.engine.ScoreResult;
import jixiao.model.CategoryScore;
import jixiao.model.CategoryWeight;
import jixiao.model.Finding;
import jixiao.model.Indicator;
import jixiao.model.IndicatorScore;
import jixiao.model.Num;
import jixiao.model.Submission;
import jixiao.model.Subjects;

/**
 * The machine-readable result. Field names are part of the product: later tools rely on them. Numbers are
 * written plainly without trailing zeros (99.11, 30, 1.11); the same input gives byte-identical output.
 * Written straight to a generator, field by field (the batch path renders thousands a second).
 */
public final class JsonReport {

    static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    private static final JsonFactory FACTORY = MAPPER.getFactory();

    static final DefaultPrettyPrinter PRETTY = new DefaultPrettyPrinter(
            Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
            .withArrayIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE);

    private JsonReport() {
    }

    /**
     * How much of the explaining text a result carries: {@code FULL} (the default) every explanation; {@code SHORT}
     * those of the total, the grade and the categories, not each indicator's nor each weight step's; {@code NONE} no
     * explanation at all — numbers, rule names and findings only, for a lean batch.
     */
    public enum Explanations {
        FULL, SHORT, NONE;

        boolean headline() {
            return this != NONE;
        }

        boolean each() {
            return this == FULL;
        }
    }

    /** One result as one line of JSON Lines, with as much explanation as asked for. */
    public static String renderLine(ScoreResult r, Explanations explanations) {
        return new String(line(r, explanations), StandardCharsets.UTF_8);
    }

    /** One result as pretty JSON, with as much explanation as asked for. */
    public static String render(ScoreResult r, Explanations explanations) {
        return new String(bytes(r, true, explanations), StandardCharsets.UTF_8);
    }

    public static String render(ScoreResult r) {
        return render(r, Explanations.FULL);
    }

    /** One line of JSON (for JSON Lines output), ending with a newline. */
    public static String renderLine(ScoreResult r) {
        return renderLine(r, Explanations.FULL);
    }

    /**
     * One line of JSON Lines as the UTF-8 bytes a batch writes, newline included: made once, on the scoring thread,
     * straight into bytes (no text in between to encode again on the writing thread).
     */
    public static byte[] line(ScoreResult r, Explanations explanations) {
        return bytes(r, false, explanations);
    }

    /** Pretty JSON as UTF-8 bytes, newline included. */
    public static byte[] pretty(ScoreResult r, Explanations explanations) {
        return bytes(r, true, explanations);
    }

    private static byte[] bytes(ScoreResult r, boolean pretty, Explanations explanations) {
        ByteArrayBuilder out = new ByteArrayBuilder(16_384);
        try {
            try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
                write(g, r, pretty, explanations);
            }
            byte[] utf8 = out.toByteArray();
            if (!escapesHalfSurrogate(utf8)) {
                return utf8;
            }
            // text holding half of a surrogate pair (the JSON escape of D800 in a submission, say): the UTF-8
            // writer escapes it; the output has always been the text encoded, where it becomes "?", so it still is
            StringWriter text = new StringWriter(utf8.length);
            try (JsonGenerator g = FACTORY.createGenerator(text)) {
                write(g, r, pretty, explanations);
            }
            return text.toString().getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            out.release();
        }
    }

    /** Whether the JSON escapes a character D800-DFFF (backslash, u, D…): text with a lone half of a surrogate pair. */
    static boolean escapesHalfSurrogate(byte[] json) {
        for (int i = 0; i < json.length - 2; i++) {
            if (json[i] == '\\') {
                if (json[i + 1] == 'u' && (json[i + 2] == 'D' || json[i + 2] == 'd')) {
                    return true;
                }
                i++; // the escaped character: a backslash written as \\ does not start another escape
            }
        }
        return false;
    }

    private static void write(JsonGenerator g, ScoreResult r, boolean pretty, Explanations explanations)
            throws IOException {
        g.enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
        if (pretty) {
            g.setPrettyPrinter(new DefaultPrettyPrinter(PRETTY));
        }
        write(g, r, explanations);
        g.writeRaw('\n');
    }

    static void write(JsonGenerator g, ScoreResult r) throws IOException {
        write(g, r, Explanations.FULL);
    }

    static void write(JsonGenerator g, ScoreResult r, Explanations x) throws IOException {
        g.writeStartObject();
        writeHeadline(g, r, x);
        writeCategories(g, r, x);
        writeIndicators(g, r, x);
        writeFindings(g, r);
        g.writeEndObject();
    }

    /** Who, which notice, total and grade, and the rules behind them. */
    private static void writeHeadline(JsonGenerator g, ScoreResult r, Explanations x) throws IOException {
        Submission s = r.submission();
        str(g, "id", s.id());
        str(g, "department", s.department());
        if (s.project() != null) {
            str(g, "project", s.project());
            str(g, "supervisor", s.supervisor());
        }
        g.writeFieldName("year");
        if (s.year() == null) {
            g.writeNull();
        } else {
            g.writeNumber(s.year());
        }
        str(g, "kind", s.kind());
        str(g, "notice", r.policy().id());
        str(g, "noticeTitle", r.policy().notice().title());
        str(g, "rulesFingerprint", r.policy().fingerprint());
        if (r.policy().isDraft()) { // scored by a draft, named explicitly: never to be taken for the notice in force
            g.writeBooleanField("rulesDraft", true);
        }
        number(g, "total", r.total() == null ? null : r.total().getScore());
        str(g, "grade", r.grade() == null ? null : r.grade().getName());
        number(g, "claimedTotal", s.claimedTotal());
        str(g, "claimedGrade", s.claimedGrade());
        str(g, "totalRule", r.total() == null ? null : r.total().getRule());
        if (x.headline()) {
            str(g, "totalExplanation", r.total() == null ? null : r.total().getExplanation());
        }
        str(g, "gradeRule", r.grade() == null ? null : r.grade().getRule());
        if (x.headline()) {
            str(g, "gradeExplanation", r.grade() == null ? null : r.grade().getExplanation());
        }
    }

    /** The first-level categories: weight, where it came from step by step, and score. */
    private static void writeCategories(JsonGenerator g, ScoreResult r, Explanations x) throws IOException {
        g.writeArrayFieldStart("categories");
        for (CategoryWeight w : r.weights()) {
            CategoryScore c = r.category(w.getCategory());
            g.writeStartObject();
            str(g, "name", w.getCategory());
            g.writeBooleanField("applicable", w.isApplicable());
            number(g, "weight", w.getWeight());
            number(g, "score", c == null ? null : c.getScore());
            str(g, "rule", c == null ? null : c.getRule());
            if (x.headline()) {
                str(g, "explanation", c == null ? null : c.getExplanation());
            }
            str(g, "weightRule", w.getLastRule());
            g.writeArrayFieldStart("weightSteps");
            for (CategoryWeight.Step st : w.getSteps()) {
                g.writeStartObject();
                number(g, "weight", st.getWeightAfter());
                str(g, "rule", st.getRule());
                if (x.each()) {
                    str(g, "why", st.getWhy());
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        // category scores whose category has no weight (a policy that scores without weights)
        for (CategoryScore c : r.categories()) {
            if (r.weight(c.getCategory()) == null) {
                g.writeStartObject();
                str(g, "name", c.getCategory());
                g.writeBooleanField("applicable", true);
                number(g, "weight", c.getWeight());
                number(g, "score", c.getScore());
                str(g, "rule", c.getRule());
                if (x.headline()) {
                    str(g, "explanation", c.getExplanation());
                }
                g.writeEndObject();
            }
        }
        g.writeEndArray();
    }

    /** Every indicator scored, with the rule that scored it. */
    private static void writeIndicators(JsonGenerator g, ScoreResult r, Explanations x) throws IOException {
        g.writeArrayFieldStart("indicators");
        for (IndicatorScore is : r.indicators()) {
            Indicator i = is.getIndicator();
            g.writeStartObject();
            str(g, "category", i.category());
            str(g, "group", i.group());
            str(g, "name", i.name());
            str(g, "path", i.path());
            str(g, "target", i.target() == null ? null : i.target().text());
            str(g, "unit", i.unit());
            str(g, "actual", i.actual() == null ? null : i.actual().text());
            number(g, "points", i.points());
            number(g, "score", is.getScore());
            number(g, "claimed", i.claimed());
            number(g, "difference", i.claimed() == null ? null : is.getScore().subtract(i.claimed()));
            str(g, "tier", is.getTier());
            str(g, "rule", is.getRule());
            if (x.each()) {
                str(g, "explanation", is.getExplanation());
            }
            str(g, "reason", i.reason());
            if (!i.fields().isEmpty()) { // what the notice's own columns held (扣分, 核查分…), as read
                g.writeObjectFieldStart("fields");
                for (java.util.Map.Entry<String, Object> f : i.fields().values().entrySet()) {
                    str(g, f.getKey(), f.getValue() instanceof java.math.BigDecimal d ? Num.fmt(d)
                            : String.valueOf(f.getValue()));
                }
                g.writeEndObject();
            }
            if (is.getReplaced() instanceof IndicatorScore old) { // a score a rule replaced: what it was, by which rule
                g.writeArrayFieldStart("replaces");
                for (IndicatorScore o = old; o != null; o = o.getReplaced() instanceof IndicatorScore p ? p : null) {
                    g.writeStartObject();
                    number(g, "score", o.getScore());
                    str(g, "rule", o.getRule());
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /**
     * A submission the rules sent back (退回), as the API answers it: who, which notice and rules, {@code "outcome":
     * "sentBack"}, the reasons (the rejections) and every finding — and no total, grade or score of any kind, for
     * none of them is valid. Pretty, or one line (with its line number in a batch, when {@code line > 0}).
     */
    public static byte[] sentBack(ScoreResult r, boolean pretty, int line) {
        ByteArrayBuilder out = new ByteArrayBuilder(4_096);
        try {
            try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
                g.enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
                if (pretty) {
                    g.setPrettyPrinter(new DefaultPrettyPrinter(PRETTY));
                }
                g.writeStartObject();
                if (line > 0) {
                    g.writeNumberField("line", line);
                }
                g.writeNumberField("status", 422);
                str(g, "outcome", "sentBack");
                str(g, "error", "退回：" + r.submission().id() + " 按 " + r.policy().id() + " 的规则不能如实评分，须退回"
                        + "修改（" + r.rejectionCodes("、") + "）；不给出得分和等级");
                Submission s = r.submission();
                str(g, "id", s.id());
                str(g, "department", s.department());
                str(g, "kind", s.kind());
                str(g, "notice", r.policy().id());
                str(g, "noticeTitle", r.policy().notice().title());
                str(g, "rulesFingerprint", r.policy().fingerprint());
                if (r.policy().isDraft()) {
                    g.writeBooleanField("rulesDraft", true);
                }
                writeFindings(g, r, "reasons", r.rejections());
                writeFindings(g, r, "findings", r.findings());
                g.writeEndObject();
                g.writeRaw('\n');
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            out.release();
        }
    }

    /** The review findings, each with what it is about and where the submission writes that. */
    private static void writeFindings(JsonGenerator g, ScoreResult r) throws IOException {
        writeFindings(g, r, "findings", r.findings());
    }

    private static void writeFindings(JsonGenerator g, ScoreResult r, String field, java.util.List<Finding> findings)
            throws IOException {
        g.writeArrayFieldStart(field);
        Function<String, Subjects.Where> where = Subjects.index(r.submission());
        for (Finding f : findings) {
            Subjects.Where w = where.apply(f.getSubject());
            String kind = f.getSubject() == null ? null : w != null ? w.kind()
                    : r.indicator(f.getSubject()) != null ? "indicator" : r.weight(f.getSubject()) != null ? "category"
                    : "other";
            g.writeStartObject();
            str(g, "severity", f.getSeverity());
            str(g, "code", f.getCode());
            String codeName = r.policy().codeName(f.getCode());
            if (codeName != null) {
                str(g, "codeName", codeName);
            }
            str(g, "subject", f.getSubject());
            str(g, "subjectKind", kind);
            if ("indicator".equals(kind)) {
                str(g, "indicator", f.getSubject());
            }
            str(g, "jsonPath", w == null ? null : w.jsonPath());
            str(g, "message", f.getMessage());
            number(g, "claimed", f.getClaimed());
            number(g, "recomputed", f.getRecomputed());
            str(g, "rule", f.getRule());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void str(JsonGenerator g, String name, String value) throws IOException {
        g.writeFieldName(name);
        if (value == null) {
            g.writeNull();
        } else {
            g.writeString(value);
        }
    }

    private static void number(JsonGenerator g, String name, BigDecimal value) throws IOException {
        g.writeFieldName(name);
        if (value == null) {
            g.writeNull();
        } else {
            g.writeNumber(Num.fmt(value)); // plain digits, as num(value) would write them, without parsing them back
        }
    }

    static BigDecimal num(BigDecimal x) {
        return x == null ? null : new BigDecimal(Num.fmt(x));
    }
}
