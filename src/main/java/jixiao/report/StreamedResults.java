package jixiao.report;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import jixiao.engine.ScoreResult;

/** A format whose results are text written one after another as they come (text, one HTML page). */
abstract class StreamedResults implements ResultWriter<String> {
    protected final Writer out;

    StreamedResults(Writer out) {
        this.out = out;
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
