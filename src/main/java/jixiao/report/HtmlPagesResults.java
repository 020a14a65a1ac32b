package jixiao.report;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
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
 * threads), and an index with the grade distribution at the end. The index's rows wait in a temporary file, not in
 * memory, so that a batch of any size is written in the same heap; only the page names are remembered (to keep them
 * unique).
 */
public final class HtmlPagesResults implements ResultWriter<String> {

    /** Where the pages go: files in the folder, or (for the benchmark's memory probe) nowhere. */
    @FunctionalInterface
    public interface Pages {
        void write(String name, String html) throws IOException;
    }

    private final Path dir;
    private final Pages pages;
    private final Set<String> used = new HashSet<>();
    private final List<String> pageFailures = new ArrayList<>();
    private final GradeCounts counts = new GradeCounts();
    private Path rowsFile;
    private Writer rows;
    private int count;

    public HtmlPagesResults(Path dir) {
        this(dir, (name, html) -> Files.writeString(dir.resolve(name), html, StandardCharsets.UTF_8));
    }

    /** Pages handed to {@code pages}; the index still written into {@code dir}. */
    public HtmlPagesResults(Path dir, Pages pages) {
        this.dir = dir;
        this.pages = pages;
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
            pages.write(page, rendered);
        } catch (IOException e) { // one page that cannot be written fails only that submission
            pageFailures.add(r.submission().id() + ": its page could not be written (" + e.getMessage() + ")");
            return;
        }
        HtmlReport.Entry e = new HtmlReport.Entry(r.submission().id(), r.submission().department(), page,
                r.total() == null ? null : r.total().getScore(), r.grade() == null ? null : r.grade().getName(),
                r.findings().size());
        counts.add(e.grade() == null ? "—" : e.grade(), e.total());
        if (rows == null) {
            rowsFile = Files.createTempFile("jixiao-index-", ".html");
            rows = Files.newBufferedWriter(rowsFile, StandardCharsets.UTF_8);
        }
        rows.write(e.row());
        count++;
    }

    /** Pages that could not be written, for the summary. */
    public List<String> pageFailures() {
        return pageFailures;
    }

    @Override
    public void finish(List<String> failures) throws IOException {
        List<String> all = new ArrayList<>(failures);
        all.addAll(pageFailures);
        try {
            if (rows != null) {
                rows.close();
            }
            Path index = dir.resolve("index.html");
            try (BufferedWriter out = Files.newBufferedWriter(index, StandardCharsets.UTF_8);
                    BufferedReader in = rowsFile == null ? new BufferedReader(java.io.Reader.nullReader())
                            : Files.newBufferedReader(rowsFile, StandardCharsets.UTF_8)) {
                HtmlReport.index(out, count, counts, in, all);
            }
        } finally {
            if (rowsFile != null) {
                Files.deleteIfExists(rowsFile);
            }
        }
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
