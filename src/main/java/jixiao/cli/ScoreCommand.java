package jixiao.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import jixiao.engine.Policy;
import jixiao.engine.PolicyException;
import jixiao.engine.PolicyRegistry;
import jixiao.engine.ScoreResult;
import jixiao.engine.Scorer;
import jixiao.engine.ScoringException;
import jixiao.engine.UnknownNoticeException;
import jixiao.input.InputException;
import jixiao.input.JsonPaths;
import jixiao.input.SubmissionReader;
import jixiao.input.Submissions;
import jixiao.model.Finding;
import jixiao.model.Num;
import jixiao.model.Submission;
import jixiao.report.JsonReport;
import jixiao.report.HtmlReport;
import jixiao.report.TextReport;
import jixiao.report.XlsxReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "score", mixinStandardHelpOptions = true,
        description = {"Scores self-evaluation submissions and prints the report.",
            "FILE may be a submission (JSON), a folder (searched for *.json), or a JSON Lines file (*.jsonl, one "
                + "submission a line). Each submission is scored by the policy of the notice it names, unless "
                + "--rules is given. Submissions are streamed and scored in parallel on one shared KIE base; results "
                + "come out in input order.",
            "A submission that cannot be read, is rejected by the rules, or fails in a rule is reported on stderr "
                + "and the others are still scored; the summary at the end counts them."})
final class ScoreCommand implements Callable<Integer> {

    enum Format { text, json, jsonl, csv, xlsx, html }

    /** More threads than this only costs memory: scoring is CPU-bound. */
    static final int MAX_THREADS = 64;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "submission files, folders or *.jsonl files")
    List<Path> files;

    @Option(names = "--rules", paramLabel = "DIR",
            description = "policy folder to score with (default: rules/<the submission's notice>)")
    Path rules;

    @Option(names = "--rules-root", paramLabel = "DIR",
            description = "folder holding one policy folder per notice (default: ${DEFAULT-VALUE})")
    Path rulesRoot = PolicyRegistry.defaultRoot();

    @Option(names = "--format", paramLabel = "FORMAT", description = "text, json, jsonl, csv, xlsx or html (default: "
            + "${DEFAULT-VALUE}). json is one pretty object for a single submission, JSON Lines otherwise; csv is "
            + "one row per submission: id, department, notice, total, grade, claimedTotal, findings; xlsx is a "
            + "workbook (needs --out FILE.xlsx); html is a self-contained page (for several submissions, --out DIR "
            + "gets an index.html and a page each)")
    Format format = Format.text;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE",
            description = "write the results to FILE (a temp file renamed at the end: complete or not at all)")
    Path out;

    @Option(names = "--threads", paramLabel = "N", description = "scoring threads (default: the number of cores)")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--progress", negatable = true, description = "show a progress line on stderr (default: only "
            + "when attached to a terminal)")
    Boolean progress;

    @Option(names = "--max-firings", paramLabel = "N",
            description = "rule firings allowed per submission before the rules are stopped as looping "
                    + "(default: ${DEFAULT-VALUE})")
    int maxFirings = Scorer.DEFAULT_MAX_FIRINGS;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintStream stderr = System.err;
        if (threads < 1 || threads > MAX_THREADS) {
            stderr.println("jixiao score: --threads must be between 1 and " + MAX_THREADS);
            return Main.BAD_INPUT;
        }
        if (maxFirings < 1) {
            stderr.println("jixiao score: --max-firings must be at least 1");
            return Main.BAD_INPUT;
        }
        if ((format == Format.xlsx || format == Format.html) && out == null
                && !(format == Format.html && files.size() == 1 && !Files.isDirectory(files.get(0)))) {
            stderr.println("jixiao score: --format " + format + " needs --out (" + (format == Format.xlsx
                    ? "a .xlsx file" : "a folder for the pages of several submissions") + ")");
            return Main.BAD_INPUT;
        }
        PolicyRegistry registry = new PolicyRegistry(rulesRoot);
        Scorer scorer = new Scorer(maxFirings, false);
        boolean showProgress = progress != null ? progress : System.console() != null;
        long total = showProgress ? Inputs.count(files) : -1;
        Inputs inputs = new Inputs(files);
        boolean single = files.size() == 1 && !Files.isDirectory(files.get(0)) && !Inputs.isJsonLines(files.get(0));

        boolean reports = format == Format.xlsx || format == Format.html;
        boolean htmlPages = format == Format.html && !single;
        if (htmlPages && Files.exists(out) && (!Files.isDirectory(out) || !isEmptyFolder(out))) {
            stderr.println("jixiao score: " + out + " exists and is not an empty folder; name a new folder for the pages");
            return Main.BAD_INPUT;
        }
        List<ScoreResult> collected = new ArrayList<>();
        Path target = null;
        boolean direct = false;
        Path tmp = null;
        Writer w;
        try {
            if (out != null && !htmlPages) {
                target = Output.resolve(out);
                direct = Output.isSpecial(target); // a FIFO or a device: written as results come
                if (!direct) {
                    tmp = Output.tempFileFor(target);
                }
            }
            Path sink = direct ? target : tmp;
            w = sink != null && !reports ? Files.newBufferedWriter(sink, StandardCharsets.UTF_8)
                    : reports ? Writer.nullWriter()
                    : new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            Output.discard(tmp);
            stderr.println("jixiao score: cannot write " + out + ": " + e.getMessage());
            return Main.BAD_INPUT;
        }
        Progress bar = new Progress(showProgress ? stderr : null, total);
        Batch.Summary summary;
        try {
            try {
                summary = new Batch(threads, item -> one(item, registry, scorer, single))
                        .onEach(o -> {
                            if (reports) {
                                collected.add((ScoreResult) o.result());
                            }
                        }).run(inputs, w, bar,
                        format == Format.csv ? "id,department,notice,total,grade,claimedTotal,findings\n" : null,
                        format == Format.text ? System.lineSeparator() + "=".repeat(72) + System.lineSeparator() : "");
                w.flush();
                Path sink = direct ? target : tmp;
                if (format == Format.xlsx && summary.scored() > 0) {
                    try (java.io.OutputStream o = Files.newOutputStream(sink)) {
                        XlsxReport.write(collected, o);
                    }
                } else if (format == Format.html && !htmlPages) {
                    String page = collected.isEmpty() ? "" : HtmlReport.page(collected.get(0));
                    if (sink != null) {
                        Files.writeString(sink, page, StandardCharsets.UTF_8);
                    } else {
                        System.out.print(page);
                        System.out.flush();
                    }
                } else if (htmlPages && summary.scored() > 0) {
                    writePages(collected, summary.failures());
                }
                w.close();
                if (tmp != null && summary.scored() > 0) {
                    Output.replace(tmp, target);
                } else if (out != null && summary.scored() == 0) {
                    stderr.println("jixiao score: nothing was scored, so " + out + " was left as it was");
                }
            } finally {
                Output.discard(tmp);
                bar.done();
            }
        } catch (IOException e) {
            stderr.println("jixiao score: cannot write " + (out == null ? "the output" : out) + ": " + e.getMessage()
                    + " (nothing was left half-written)");
            return Main.BAD_INPUT;
        }
        int exit = summary.exit();
        List<String> failures = summary.failures();
        if (summary.scored() == 0 && failures.isEmpty()) {
            stderr.println("jixiao score: nothing to score in " + files.stream().map(Path::toString)
                    .collect(Collectors.joining(", ")) + " (no submission file, or only blank lines)");
            return Main.BAD_INPUT;
        }
        long scored = summary.scored();
        Map<String, Integer> grades = summary.grades();
        if (!single) {
            String byGrade = grades.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                    .collect(Collectors.joining(", "));
            stderr.println(scored + " scored, " + failures.size() + " failed" + (byGrade.isEmpty() ? "" : "; " + byGrade));
            for (String f : failures) {
                stderr.println("  failed: " + f);
            }
        }
        return exit;
    }

    private static boolean isEmptyFolder(Path dir) throws IOException {
        try (java.util.stream.Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }

    /** Reads, scores and renders one submission; never throws for a problem of the submission or its rules. */
    private Batch.Outcome one(Inputs.Item item, PolicyRegistry registry, Scorer scorer, boolean single) {
        PrintStream stderr = System.err;
        String label = item.label();
        String stage = "reading";
        try {
            Submission s = item.read();
            stage = "scoring";
            Policy policy;
            try {
                policy = rules != null ? registry.forFolder(rules) : registry.forNotice(s.notice());
            } catch (UnknownNoticeException e) {
                throw new InputException(label, "$.notice", 0, 0, e.getMessage());
            }
            ScoreResult r = scorer.score(policy, s);
            if (!r.rejections().isEmpty()) {
                StringBuilder msg = new StringBuilder("jixiao: " + label + " is rejected by the rules of " + policy.id()
                        + " and not scored:");
                for (Finding f : r.rejections()) {
                    String at = JsonPaths.of(s, f.getSubject());
                    msg.append(System.lineSeparator()).append("  ").append(label).append(": ")
                            .append(at == null ? "" : at + " ")
                            .append(f.getSubject() == null ? "" : "(" + f.getSubject() + ") ")
                            .append(f.getMessage()).append(" [").append(f.getCode()).append("; rule: ")
                            .append(f.getRule()).append("]");
                }
                stderr.println(msg);
                return new Batch.Outcome(null, null, label + ": rejected (" + r.rejections().stream()
                        .map(Finding::getCode).distinct().collect(Collectors.joining(", ")) + ")", Main.BAD_INPUT);
            }
            String grade = r.grade() == null ? null : r.grade().getName();
            boolean reports = format == Format.xlsx || format == Format.html;
            stage = "writing the result of";
            return new Batch.Outcome(reports ? "" : render(r, single), grade, null, Main.OK, reports ? r : null);
        } catch (InputException e) {
            stderr.println("jixiao: cannot read " + e.getMessage());
            return new Batch.Outcome(null, null, e.getMessage(), Main.BAD_INPUT);
        } catch (PolicyException e) {
            stderr.println("jixiao: " + label + ": " + e.describe());
            return new Batch.Outcome(null, null, label + ": " + e.getMessage(), Main.BAD_RULES);
        } catch (ScoringException e) {
            stderr.println("jixiao: " + label + ": " + e.getMessage());
            return new Batch.Outcome(null, null, label + ": " + e.getMessage(), Main.SCORING_FAILED);
        } catch (Throwable t) { // whatever one submission does, the others are still scored
            return Batch.failed(label, stage, t);
        }
    }

    /** The pages of a batch: into a new folder next to --out, renamed to it at the end (all of it or nothing). */
    private void writePages(List<ScoreResult> results, List<String> failures) throws IOException {
        Path dir = out.toAbsolutePath();
        if (Files.exists(dir) && (!Files.isDirectory(dir) || Files.list(dir).findAny().isPresent())) {
            throw new IOException(dir + " exists and is not an empty folder; name a new folder for the pages");
        }
        Path parent = dir.getParent();
        Files.createDirectories(parent);
        Path tmpDir = Files.createTempDirectory(parent, "." + dir.getFileName());
        try {
            try {
                Files.setPosixFilePermissions(tmpDir, java.nio.file.attribute.PosixFilePermissions.fromString(
                        "rwxr-xr-x")); // like any folder the user makes, not owner-only as temp folders are
            } catch (UnsupportedOperationException notPosix) {
                // keep the default
            }
            List<HtmlReport.Entry> entries = new ArrayList<>();
            java.util.Set<String> used = new java.util.HashSet<>();
            used.add("index.html");
            for (ScoreResult r : results) {
                String page = pageName(r.submission().id(), used);
                Files.writeString(tmpDir.resolve(page), HtmlReport.page(r), StandardCharsets.UTF_8);
                entries.add(new HtmlReport.Entry(r.submission().id(), r.submission().department(), page,
                        r.total() == null ? null : r.total().getScore(), r.grade() == null ? null : r.grade().getName(),
                        r.findings().size()));
            }
            Files.writeString(tmpDir.resolve("index.html"), HtmlReport.index(entries, failures), StandardCharsets.UTF_8);
            Files.deleteIfExists(dir);
            Files.move(tmpDir, dir, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            if (Files.exists(tmpDir)) {
                try (java.util.stream.Stream<Path> s = Files.walk(tmpDir)) {
                    s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
    }

    /**
     * A safe, short, unique file name for a submission's page: letters, digits, . _ - kept, at most 48 characters,
     * never "index", and unique even on a disk that ignores case (a short hash of the id is added when needed).
     */
    static String pageName(String id, java.util.Set<String> usedLowerCase) {
        String base = id.replaceAll("[^\\p{L}\\p{N}._-]", "_").replaceAll("^[.]+", "_");
        if (base.isEmpty()) {
            base = "_";
        }
        String hash = Integer.toHexString(id.hashCode() & 0x7fffffff);
        if (base.length() > 48) {
            base = base.substring(0, 48) + "-" + hash;
        }
        String page = base + ".html";
        for (int k = 2; !usedLowerCase.add(page.toLowerCase(java.util.Locale.ROOT)); k++) {
            page = base + "-" + hash + (k > 2 ? "-" + k : "") + ".html";
        }
        return page;
    }

    private String render(ScoreResult r, boolean single) {
        switch (format) {
            case text:
                return jixiao.report.Text.printable(TextReport.render(r));
            case json:
                return single ? JsonReport.render(r) : JsonReport.renderLine(r);
            case jsonl:
                return JsonReport.renderLine(r);
            default:
                Submission s = r.submission();
                return String.join(",", csv(s.id()), csv(s.department()), csv(r.policy().id()),
                        r.total() == null ? "" : Num.fmt(r.total().getScore()),
                        csv(r.grade() == null ? null : r.grade().getName()),
                        s.claimedTotal() == null ? "" : Num.fmt(s.claimedTotal()),
                        String.valueOf(r.findings().size())) + "\n";
        }
    }

    /**
     * A CSV field (RFC 4180): quoted when it holds a comma, quote or line break; shown as text by a spreadsheet
     * even when it begins with = + - @ (a submission's id or department must never run as a formula).
     */
    static String csv(String raw) {
        if (raw == null) {
            return "";
        }
        String v = jixiao.report.Text.spreadsheetText(raw);
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
            return "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }

    /** The exit code that says the most: rules broken over scoring failed over input unreadable. */
    static int worse(int a, int b) {
        int[] rank = {Main.OK, Main.BAD_INPUT, Main.SCORING_FAILED, Main.BAD_RULES, Main.INTERNAL};
        int ra = 0;
        int rb = 0;
        for (int i = 0; i < rank.length; i++) {
            if (rank[i] == a) {
                ra = i;
            }
            if (rank[i] == b) {
                rb = i;
            }
        }
        return ra >= rb ? a : b;
    }
}
