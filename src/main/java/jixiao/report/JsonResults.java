package jixiao.report;

import java.io.Writer;
import jixiao.engine.ScoreResult;

/** JSON: one pretty object for a single submission, else JSON Lines (one object a line). */
public final class JsonResults extends StreamedResults {
    private final boolean pretty;

    public JsonResults(Writer out, boolean pretty) {
        super(out);
        this.pretty = pretty;
    }

    @Override
    public String render(ScoreResult r) {
        return pretty ? JsonReport.render(r) : JsonReport.renderLine(r);
    }
}
