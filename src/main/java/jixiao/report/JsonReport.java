package jixiao.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import jixiao.engine.ScoreResult;
import jixiao.input.JsonPaths;
import jixiao.model.CategoryScore;
import jixiao.model.CategoryWeight;
import jixiao.model.Finding;
import jixiao.model.Indicator;
import jixiao.model.IndicatorScore;
import jixiao.model.Num;
import jixiao.model.Submission;

/**
 * The machine-readable result. Field names are part of the product: later tools rely on them. Numbers are
 * written plainly without trailing zeros (99.11, 30, 1.11); the same input gives byte-identical output.
 */
public final class JsonReport {

    static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private JsonReport() {
    }

    public static ObjectNode tree(ScoreResult r) {
        Submission s = r.submission();
        ObjectNode root = MAPPER.createObjectNode();
        root.put("id", s.id());
        root.put("department", s.department());
        root.put("year", s.year());
        root.put("kind", s.kind());
        root.put("notice", r.policy().id());
        root.put("noticeTitle", r.policy().notice().title());
        root.put("rulesFingerprint", r.policy().fingerprint());
        root.put("total", num(r.total() == null ? null : r.total().getScore()));
        root.put("grade", r.grade() == null ? null : r.grade().getName());
        root.put("claimedTotal", num(s.claimedTotal()));
        root.put("claimedGrade", s.claimedGrade());
        root.put("totalRule", r.total() == null ? null : r.total().getRule());
        root.put("totalExplanation", r.total() == null ? null : r.total().getExplanation());
        root.put("gradeRule", r.grade() == null ? null : r.grade().getRule());
        root.put("gradeExplanation", r.grade() == null ? null : r.grade().getExplanation());

        ArrayNode categories = root.putArray("categories");
        for (CategoryWeight w : r.weights()) {
            CategoryScore c = r.category(w.getCategory());
            ObjectNode n = categories.addObject();
            n.put("name", w.getCategory());
            n.put("applicable", w.isApplicable());
            n.put("weight", num(w.getWeight()));
            n.put("score", num(c == null ? null : c.getScore()));
            n.put("rule", c == null ? null : c.getRule());
            n.put("explanation", c == null ? null : c.getExplanation());
            n.put("weightRule", w.getLastRule());
            ArrayNode steps = n.putArray("weightSteps");
            for (CategoryWeight.Step st : w.getSteps()) {
                ObjectNode sn = steps.addObject();
                sn.put("weight", num(st.getWeightAfter()));
                sn.put("rule", st.getRule());
                sn.put("why", st.getWhy());
            }
        }
        // category scores whose category has no weight (a policy that scores without weights)
        for (CategoryScore c : r.categories()) {
            if (r.weight(c.getCategory()) == null) {
                ObjectNode n = categories.addObject();
                n.put("name", c.getCategory());
                n.put("applicable", true);
                n.put("weight", num(c.getWeight()));
                n.put("score", num(c.getScore()));
                n.put("rule", c.getRule());
                n.put("explanation", c.getExplanation());
            }
        }

        ArrayNode indicators = root.putArray("indicators");
        for (IndicatorScore is : r.indicators()) {
            Indicator i = is.getIndicator();
            ObjectNode n = indicators.addObject();
            n.put("category", i.category());
            n.put("group", i.group());
            n.put("name", i.name());
            n.put("path", i.path());
            n.put("target", i.target() == null ? null : i.target().text());
            n.put("unit", i.unit());
            n.put("actual", i.actual() == null ? null : i.actual().text());
            n.put("points", num(i.points()));
            n.put("score", num(is.getScore()));
            n.put("claimed", num(i.claimed()));
            n.put("difference", i.claimed() == null ? null : num(is.getScore().subtract(i.claimed())));
            n.put("tier", is.getTier());
            n.put("rule", is.getRule());
            n.put("explanation", is.getExplanation());
            n.put("note", i.reason());
        }

        ArrayNode findings = root.putArray("findings");
        java.util.function.Function<String, String> where = JsonPaths.index(s);
        for (Finding f : r.findings()) {
            ObjectNode n = findings.addObject();
            n.put("severity", f.getSeverity());
            n.put("code", f.getCode());
            n.put("indicator", f.getSubject());
            n.put("jsonPath", where.apply(f.getSubject()));
            n.put("message", f.getMessage());
            n.put("claimed", num(f.getClaimed()));
            n.put("recomputed", num(f.getRecomputed()));
            n.put("rule", f.getRule());
        }
        return root;
    }

    private static final DefaultPrettyPrinter PRETTY = new DefaultPrettyPrinter(
            Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
            .withArrayIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE);

    /** Pretty JSON of one result, ending with a newline. */
    public static String render(ScoreResult r) {
        try {
            return MAPPER.writer(PRETTY).writeValueAsString(tree(r)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One line of JSON (for JSON Lines output), ending with a newline. */
    public static String renderLine(ScoreResult r) {
        try {
            return MAPPER.writeValueAsString(tree(r)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static BigDecimal num(BigDecimal x) {
        return x == null ? null : new BigDecimal(Num.fmt(x));
    }
}
