package jixiao.cli;

import jixiao.batch.Batch;
import jixiao.batch.Inputs;
import jixiao.batch.Progress;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import jixiao.engine.PolicyRegistry;
import jixiao.engine.ScoreResult;
import jixiao.engine.Scorer;
import jixiao.engine.ScoringException;
import jixiao.report.CsvResults;
import jixiao.report.HtmlPageResult;
import jixiao.report.HtmlPagesResults;
import jixiao.report.JsonResults;
import jixiao.report.ResultWriter;
import jixiao.report.TextResults;
import jixiao.report.XlsxReport;
import jixiao.service.Outcome;
import jixiao.service.ScoringService;
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

    @Option(names = "--explanations", paramLabel = "HOW", description = "with json or jsonl: full (default) every "
            + "explanation; short those of the total, grade and categories only; none numbers, rule names and "
            + "findings only (a leaner line for large batches)")
    jixiao.report.JsonReport.Explanations explanations = jixiao.report.JsonReport.Explanations.FULL;

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

    @Option(names = "--layout", paramLabel = "FILE", description = "read tables by this layout file (default: the "
            + "built-in layout whose title the table bears: 部门整体绩效自评表 or 项目支出绩效自评表)")
    Path layout;

    @Option(names = "--timeout", paramLabel = "SECONDS",
            description = "wall-clock time the rules may take on one submission before they are stopped and the "
                    + "rule running is named; 0 for no limit (default: ${DEFAULT-VALUE})")
    double timeout = 60;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintStream stderr = System.err;
        if (threads < 1 || threads > MAX_THREADS) {
            stderr.println("jixiao score: --threads must be between 1 and " + MAX_THREADS);
            return Main.BAD_INPUT;
        }
        if (timeout < 0 || Double.isNaN(timeout)) {
            stderr.println("jixiao score: --timeout must be 0 (no limit) or more seconds");
            return Main.BAD_INPUT;
        }
        if (maxFirings < 1) {
            stderr.println("jixiao score: --max-firings must be at least 1");
            return Main.BAD_INPUT;
        }
        if (explanations != jixiao.report.JsonReport.Explanations.FULL && format != Format.json
                && format != Format.jsonl) {
            stderr.println("jixiao score: --explanations applies to --format json and jsonl (the other formats are "
                    + "read by people and keep every explanation)");
            return Main.BAD_INPUT;
        }
        if ((format == Format.xlsx || format == Format.html) && out == null
                && !(format == Format.html && files.size() == 1 && !Files.isDirectory(files.get(0)))) {
            stderr.println("jixiao score: --format " + format + " needs --out (" + (format == Format.xlsx
                    ? "a .xlsx file" : "a folder for the pages of several submissions") + ")");
            return Main.BAD_INPUT;
        }
        ScoringService service = new ScoringService(new PolicyRegistry(rulesRoot), new Scorer(maxFirings, false)
                .withTimeout(java.time.Duration.ofMillis((long) (timeout * 1000))));
        boolean showProgress = progress != null ? progress : System.console() != null;
        long total = showProgress ? Inputs.count(files) : -1;
        Inputs inputs;
        try {
            inputs = new Inputs(files).withLayout(layout == null ? null : jixiao.input.TableLayout.read(layout));
        } catch (jixiao.input.InputException e) {
            stderr.println("jixiao score: " + e.getMessage());
            return Main.BAD_INPUT;
        }
        boolean single = files.size() == 1 && !Files.isDirectory(files.get(0)) && !Inputs.isJsonLines(files.get(0));

        boolean htmlPages = format == Format.html && !single;
        if (htmlPages && Files.exists(out) && (!Files.isDirectory(out) || !isEmptyFolder(out))) {
            stderr.println("jixiao score: " + out + " exists and is not an empty folder; name a new folder for the pages");
            return Main.BAD_INPUT;
        }
        Sink sink;
        try {
            sink = htmlPages ? Sink.folder(out) : Sink.file(out);
        } catch (IOException e) {
            stderr.println("jixiao score: cannot write " + out + ": " + e.getMessage());
            return Main.BAD_INPUT;
        }
        Progress bar = new Progress(showProgress ? stderr : null, total);
        Batch.Summary summary;
        try (sink) {
            ResultWriter<?> writer = writer(sink, single);
            try {
                summary = new Batch(threads, item -> one(item, service, writer)).run(inputs, writer, bar);
            } finally {
                bar.done();
            }
            if (summary.scored() > 0) {
                writer.finish(summary.failures());
                sink.commit(); // the whole output, put in place at once
            } else if (out != null) {
                stderr.println("jixiao score: nothing was scored, so " + out + " was left as it was");
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
    private Batch.Outcome one(Inputs.Item item, ScoringService service, ResultWriter<?> writer) {
        String label = item.label();
        Outcome o;
        try {
            o = service.score(item, rules);
        } catch (Throwable t) { // whatever one submission does, the others are still scored
            return Batch.failed(label, "reading or scoring", t);
        }
        if (!item.notes().isEmpty()) { // a table's cells that nothing read: said, as `import` says them
            System.err.println("jixiao: " + label + ": " + item.notes().size() + " cell(s) of the table nothing read "
                    + "(not used; `jixiao import --explain` accounts for every cell): "
                    + String.join(", ", item.notes().subList(0, Math.min(10, item.notes().size())))
                    + (item.notes().size() > 10 ? ", …" : ""));
        }
        if (!(o instanceof Outcome.Scored scored)) {
            System.err.println("jixiao: " + o.report());
            return new Batch.Outcome(null, null, o.failure(), o.exitCode());
        }
        ScoreResult r = scored.result();
        try {
            return new Batch.Outcome(writer.render(r), r.grade() == null ? null : r.grade().getName(), null, Main.OK, r);
        } catch (Throwable t) {
            return Batch.failed(label, "writing the result of", t);
        }
    }

    /** The writer of the chosen format, into the sink. */
    private ResultWriter<?> writer(Sink sink, boolean single) {
        switch (format) {
            case text:
                return new TextResults(sink.writer());
            case json:
                return new JsonResults(sink.stream(), single, explanations);
            case jsonl:
                return new JsonResults(sink.stream(), false, explanations);
            case csv:
                return new CsvResults(sink.writer());
            case xlsx:
                return new XlsxReport(sink.stream());
            default:
                return sink.folder() != null ? new HtmlPagesResults(sink.folder()) : new HtmlPageResult(sink.writer());
        }
    }

}
