package jixiao.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
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

    private static final DefaultPrettyPrinter PRETTY = new DefaultPrettyPrinter(
            Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
            .withArrayIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE);

    private JsonReport() {
    }

    /** Pretty JSON of one result, ending with a newline. */
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
        return write(r, false, explanations) + "\n";
    }

    /** One result as pretty JSON, with as much explanation as asked for. */
    public static String render(ScoreResult r, Explanations explanations) {
        return write(r, true, explanations) + "\n";
    }

    public static String render(ScoreResult r) {
        return render(r, Explanations.FULL);
    }

    /** One line of JSON (for JSON Lines output), ending with a newline. */
    public static String renderLine(ScoreResult r) {
        return renderLine(r, Explanations.FULL);
    }

    private static String write(ScoreResult r, boolean pretty, Explanations explanations) {
        StringWriter out = new StringWriter(8192);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
            if (pretty) {
                g.setPrettyPrinter(new DefaultPrettyPrinter(PRETTY));
            }
            write(g, r, explanations);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
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
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /** The review findings, each with what it is about and where the submission writes that. */
    private static void writeFindings(JsonGenerator g, ScoreResult r) throws IOException {
        g.writeArrayFieldStart("findings");
        Function<String, Subjects.Where> where = Subjects.index(r.submission());
        for (Finding f : r.findings()) {
            Subjects.Where w = where.apply(f.getSubject());
            String kind = f.getSubject() == null ? null : w != null ? w.kind()
                    : r.indicator(f.getSubject()) != null ? "indicator" : r.weight(f.getSubject()) != null ? "category"
                    : "other";
            g.writeStartObject();
            str(g, "severity", f.getSeverity());
            str(g, "code", f.getCode());
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
            g.writeNumber(num(value));
        }
    }

    static BigDecimal num(BigDecimal x) {
        return x == null ? null : new BigDecimal(Num.fmt(x));
    }
}
