package jixiao.report;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import jixiao.engine.ScoreResult;

/** HTML for one submission: a self-contained page. */
public final class HtmlPageResult implements ResultWriter {
    private final Writer out;

    public HtmlPageResult(Writer out) {
        this.out = out;
    }

    @Override
    public String render(ScoreResult r) {
        return HtmlReport.page(r);
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
