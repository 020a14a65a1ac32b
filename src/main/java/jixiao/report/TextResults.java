package jixiao.report;

import java.io.IOException;
import java.io.Writer;
import jixiao.engine.ScoreResult;

/** The text report, one after another with a rule between them; control characters are shown, not sent. */
public final class TextResults extends StreamedResults {
    private static final String SEPARATOR = System.lineSeparator() + "=".repeat(72) + System.lineSeparator();
    private boolean first = true;

    public TextResults(Writer out) {
        super(out);
    }

    @Override
    public String render(ScoreResult r) {
        return Text.printable(TextReport.render(r));
    }

    @Override
    public void write(ScoreResult r, String rendered) throws IOException {
        if (!first) {
            out.write(SEPARATOR);
        }
        first = false;
        super.write(r, rendered);
    }
}
