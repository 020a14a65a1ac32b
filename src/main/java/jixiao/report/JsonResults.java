package jixiao.report;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import jixiao.engine.ScoreResult;

/**
 * JSON: one pretty object for a single submission, else JSON Lines (one object a line). Each result is made into
 * its UTF-8 bytes on the scoring thread; writing them is then a copy.
 */
public final class JsonResults implements ResultWriter<byte[]> {
    private final OutputStream out;
    private final boolean pretty;
    private final JsonReport.Explanations explanations;

    public JsonResults(OutputStream out, boolean pretty) {
        this(out, pretty, JsonReport.Explanations.FULL);
    }

    public JsonResults(OutputStream out, boolean pretty, JsonReport.Explanations explanations) {
        this.out = out;
        this.pretty = pretty;
        this.explanations = explanations;
    }

    @Override
    public byte[] render(ScoreResult r) {
        return pretty ? JsonReport.pretty(r, explanations) : JsonReport.line(r, explanations);
    }

    @Override
    public void write(ScoreResult r, byte[] rendered) throws IOException {
        out.write(rendered);
    }

    @Override
    public void finish(List<String> failures) throws IOException {
        out.flush();
    }
}
