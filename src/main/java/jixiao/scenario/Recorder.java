package jixiao.scenario;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.LinkedHashSet;
import java.util.Set;
import jixiao.engine.ScoreResult;
import jixiao.model.CategoryWeight;
import jixiao.model.Finding;
import jixiao.model.IndicatorScore;
import jixiao.model.Num;

/** Writes a scenario whose expectations are a result as it is now, for an analyst to review and keep. */
public final class Recorder {

    private Recorder() {
    }

    /**
     * @param submissionRef how the scenario names its submission: a path relative to the scenario file
     */
    public static ObjectNode record(ScoreResult r, String submissionRef) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        root.put("description", "记录于当前规则（" + r.policy().id() + "，规则指纹 " + r.policy().fingerprint()
                + "）的结果：请逐项核对后保留");
        root.put("submission", submissionRef);
        ObjectNode expect = root.putObject("expect");
        expect.put("total", r.total() == null ? null : num(r.total().getScore()));
        expect.put("grade", r.grade() == null ? null : r.grade().getName());
        ObjectNode cats = expect.putObject("categories");
        for (CategoryWeight w : r.weights()) {
            ObjectNode c = cats.putObject(w.getCategory());
            c.put("weight", num(w.getWeight()));
            var score = r.category(w.getCategory());
            if (score != null) {
                c.put("score", num(score.getScore()));
            }
            if (!w.isApplicable()) {
                c.put("applicable", false);
            }
        }
        ObjectNode inds = expect.putObject("indicators");
        for (IndicatorScore s : r.indicators()) {
            inds.put(s.getIndicator().path(), num(s.getScore()));
        }
        ArrayNode findings = expect.putArray("findings");
        Set<String> seen = new LinkedHashSet<>();
        for (Finding x : r.findings()) {
            String key = x.getCode() + "\u0000" + x.getSubject();
            if (seen.add(key)) {
                ObjectNode n = findings.addObject();
                n.put("code", x.getCode());
                if (x.getSubject() != null) {
                    n.put("indicator", x.getSubject());
                }
            }
        }
        expect.put("findingCount", r.findings().size());
        return root;
    }

    /** A scenario as its file is written: two-space indent, "key": value, one array element per line. */
    public static String pretty(ObjectNode scenario) {
        com.fasterxml.jackson.core.util.DefaultPrettyPrinter pretty = new com.fasterxml.jackson.core.util
                .DefaultPrettyPrinter(com.fasterxml.jackson.core.util.Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(com.fasterxml.jackson.core.util.Separators.Spacing.AFTER))
                .withArrayIndenter(com.fasterxml.jackson.core.util.DefaultIndenter.SYSTEM_LINEFEED_INSTANCE);
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writer(pretty).writeValueAsString(scenario) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static BigDecimal num(BigDecimal x) {
        return new BigDecimal(Num.fmt(x));
    }
}
