package jixiao.report;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import jixiao.engine.ScoreResult;
import jixiao.model.Num;
import jixiao.model.Submission;

/**
 * One CSV row per submission: id, department, notice, total, grade, claimedTotal, findings. Text cells are written
 * so that a spreadsheet shows them as text (a leading apostrophe before = + - @), never as a formula.
 */
public final class CsvResults implements ResultWriter<String> {
    public static final String HEADER = "id,department,notice,total,grade,claimedTotal,findings\n";
    private final Writer out;
    private boolean headed;

    public CsvResults(Writer out) {
        this.out = out;
    }

    @Override
    public String render(ScoreResult r) {
        Submission s = r.submission();
        return String.join(",", field(s.id()), field(s.department()), field(r.policy().id()),
                r.total() == null ? "" : Num.fmt(r.total().getScore()),
                field(r.grade() == null ? null : r.grade().getName()),
                s.claimedTotal() == null ? "" : Num.fmt(s.claimedTotal()),
                String.valueOf(r.findings().size())) + "\n";
    }

    @Override
    public void write(ScoreResult r, String rendered) throws IOException {
        head();
        out.write(rendered);
    }

    @Override
    public void finish(List<String> failures) throws IOException {
        head();
        out.flush();
    }

    private void head() throws IOException {
        if (!headed) {
            out.write(HEADER);
            headed = true;
        }
    }

    /** A CSV field (RFC 4180): quoted when it holds a comma, quote or line break; text, never a formula. */
    public static String field(String raw) {
        if (raw == null) {
            return "";
        }
        String v = Text.spreadsheetText(raw);
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
            return "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }
}
