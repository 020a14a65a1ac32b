package jixiao.report;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import jixiao.engine.ScoreResult;

/** JSON: one pretty object for a single submission, else JSON Lines (one object a line). */
public final class JsonResults implements ResultWriter {
    private final Writer out;
    private final boolean pretty;

    public JsonResults(Writer out, boolean pretty) {
        this.out = out;
        this.pretty = pretty;
    }

    @Override
    public String render(ScoreResult r) {
        return pretty ? JsonReport.render(r) : JsonReport.renderLine(r);
    }

    @Override
    public void write(ScoreResult r, String rendered) throws IOException {
        out.write(rendered);
    }

    @Override
    public void finish(List<String> failures) throws IOException {
        out.flush();
    }
}
