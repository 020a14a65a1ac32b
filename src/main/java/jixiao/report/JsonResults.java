package jixiao.report;

import java.io.Writer;
import jixiao.engine.ScoreResult;

/** JSON: one pretty object for a single submission, else JSON Lines (one object a line). */
public final class JsonResults extends StreamedResults {
    private final boolean pretty;
    private final JsonReport.Explanations explanations;

    public JsonResults(Writer out, boolean pretty) {
        this(out, pretty, JsonReport.Explanations.FULL);
    }

    public JsonResults(Writer out, boolean pretty, JsonReport.Explanations explanations) {
        super(out);
        this.pretty = pretty;
        this.explanations = explanations;
    }

    @Override
    public String render(ScoreResult r) {
        return pretty ? JsonReport.render(r, explanations) : JsonReport.renderLine(r, explanations);
    }
}
