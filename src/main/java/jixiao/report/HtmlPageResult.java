package jixiao.report;

import java.io.Writer;
import jixiao.engine.ScoreResult;

/** HTML for one submission: a self-contained page. */
public final class HtmlPageResult extends StreamedResults {

    public HtmlPageResult(Writer out) {
        super(out);
    }

    @Override
    public String render(ScoreResult r) {
        return HtmlReport.page(r);
    }
}
