package jixiao.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import jixiao.engine.ScoreResult;

/**
 * HTML for a batch: a page per submission, written into a folder as each is scored (rendered on the scoring
 * threads), and an index with the grade distribution at the end. Only the index's short entries are kept in memory.
 */
public final class HtmlPagesResults implements ResultWriter {
    private final Path dir;
    private final List<HtmlReport.Entry> entries = new ArrayList<>();
    private final Set<String> used = new HashSet<>();
    private final List<String> pageFailures = new ArrayList<>();

    public HtmlPagesResults(Path dir) {
        this.dir = dir;
        used.add("index.html");
    }

    @Override
    public String render(ScoreResult r) {
        return HtmlReport.page(r);
    }

    @Override
    public void write(ScoreResult r, String rendered) throws IOException {
        String page = pageName(r.submission().id(), used);
        try {
            Files.writeString(dir.resolve(page), rendered, StandardCharsets.UTF_8);
        } catch (IOException e) { // one page that cannot be written fails only that submission
            pageFailures.add(r.submission().id() + ": its page could not be written (" + e.getMessage() + ")");
            return;
        }
        entries.add(new HtmlReport.Entry(r.submission().id(), r.submission().department(), page,
                r.total() == null ? null : r.total().getScore(), r.grade() == null ? null : r.grade().getName(),
                r.findings().size()));
    }

    /** Pages that could not be written, for the summary. */
    public List<String> pageFailures() {
        return pageFailures;
    }

    @Override
    public void finish(List<String> failures) throws IOException {
        List<String> all = new ArrayList<>(failures);
        all.addAll(pageFailures);
        Files.writeString(dir.resolve("index.html"), HtmlReport.index(entries, all), StandardCharsets.UTF_8);
    }

    /**
     * A safe, short, unique file name for a submission's page: letters, digits, . _ - kept, at most 48 characters,
     * never "index", and unique even on a disk that ignores case (a short hash of the id is added when needed).
     */
    public static String pageName(String id, Set<String> usedLowerCase) {
        String base = id.replaceAll("[^\\p{L}\\p{N}._-]", "_").replaceAll("^[.]+", "_");
        if (base.isEmpty()) {
            base = "_";
        }
        String hash = Integer.toHexString(id.hashCode() & 0x7fffffff);
        if (base.length() > 48) {
            base = base.substring(0, 48) + "-" + hash;
        }
        String page = base + ".html";
        for (int k = 2; !usedLowerCase.add(page.toLowerCase(Locale.ROOT)); k++) {
            page = base + "-" + hash + (k > 2 ? "-" + k : "") + ".html";
        }
        return page;
    }
}
