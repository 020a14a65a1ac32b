package jixiao.report;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import jixiao.engine.ScoreResult;

/** The text report, one after another with a rule between them; control characters are shown, not sent. */
public final class TextResults implements ResultWriter {
    private static final String SEPARATOR = System.lineSeparator() + "=".repeat(72) + System.lineSeparator();
    private final Writer out;
    private boolean first = true;

    public TextResults(Writer out) {
        this.out = out;
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
        out.write(rendered);
    }

    @Override
    public void finish(List<String> failures) throws IOException {
        out.flush();
    }
}
