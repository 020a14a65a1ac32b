package jixiao.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import jixiao.engine.Policy;
import jixiao.engine.PolicyException;
import jixiao.engine.PolicyRegistry;
import jixiao.engine.ScoreResult;
import jixiao.engine.Scorer;
import jixiao.engine.ScoringException;
import jixiao.engine.UnknownNoticeException;
import jixiao.input.InputException;
import jixiao.input.JsonPaths;
import jixiao.model.Finding;
import jixiao.input.SubmissionReader;
import jixiao.model.Submission;
import jixiao.report.JsonReport;
import jixiao.report.TextReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "score", mixinStandardHelpOptions = true,
        description = {"Scores self-evaluation submissions (JSON) with their notice's rules and prints the report.",
            "Each submission is scored by the policy folder of the notice it names, unless --rules is given.",
            "A submission that cannot be read or scored is reported on stderr; the others are still scored."})
final class ScoreCommand implements Callable<Integer> {

    enum Format { text, json }

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "submission files (JSON)")
    List<Path> files;

    @Option(names = "--rules", paramLabel = "DIR",
            description = "policy folder to score with (default: rules/<the submission's notice>)")
    Path rules;

    @Option(names = "--rules-root", paramLabel = "DIR",
            description = "folder holding one policy folder per notice (default: ${DEFAULT-VALUE})")
    Path rulesRoot = PolicyRegistry.defaultRoot();

    @Option(names = "--format", paramLabel = "FORMAT", description = "text or json (default: ${DEFAULT-VALUE}); "
            + "with several files, json is written as JSON Lines, one result a line")
    Format format = Format.text;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE",
            description = "write the report to FILE (complete or not at all) instead of stdout")
    Path out;

    @Option(names = "--max-firings", paramLabel = "N",
            description = "rule firings allowed per submission before the rules are stopped as looping "
                    + "(default: ${DEFAULT-VALUE})")
    int maxFirings = Scorer.DEFAULT_MAX_FIRINGS;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        PolicyRegistry registry = new PolicyRegistry(rulesRoot);
        Scorer scorer = new Scorer(maxFirings);
        StringBuilder report = new StringBuilder();
        List<String> failures = new ArrayList<>();
        int exit = Main.OK;
        int scored = 0;
        for (Path file : files) {
            try {
                Submission s = SubmissionReader.read(file);
                Policy policy;
                try {
                    policy = rules != null ? registry.forFolder(rules) : registry.forNotice(s.notice());
                } catch (UnknownNoticeException e) {
                    throw new InputException(file.toString(), "$.notice", 0, 0, e.getMessage());
                }
                ScoreResult r = scorer.score(policy, s);
                if (!r.rejections().isEmpty()) {
                    stderr.println("jixiao: " + file + " is rejected by the rules of " + policy.id()
                            + " and not scored:");
                    for (Finding f : r.rejections()) {
                        String at = JsonPaths.of(s, f.getSubject());
                        stderr.println("  " + file + ": " + (at == null ? "" : at + " ")
                                + (f.getSubject() == null ? "" : "(" + f.getSubject() + ") ")
                                + f.getMessage() + " [" + f.getCode() + "; rule: " + f.getRule() + "]");
                    }
                    failures.add(file + ": rejected (" + r.rejections().stream().map(Finding::getCode)
                            .distinct().collect(java.util.stream.Collectors.joining(", ")) + ")");
                    exit = worse(exit, Main.BAD_INPUT);
                    continue;
                }
                scored++;
                if (format == Format.json) {
                    report.append(files.size() == 1 ? JsonReport.render(r) : JsonReport.renderLine(r));
                } else {
                    if (report.length() > 0) {
                        report.append(System.lineSeparator()).append("=".repeat(72)).append(System.lineSeparator());
                    }
                    report.append(TextReport.render(r));
                }
            } catch (InputException e) {
                failures.add(e.getMessage());
                stderr.println("jixiao: cannot read " + e.getMessage());
                exit = worse(exit, Main.BAD_INPUT);
            } catch (PolicyException e) {
                failures.add(file + ": " + e.getMessage());
                stderr.println("jixiao: " + file + ": " + e.describe());
                exit = worse(exit, Main.BAD_RULES);
            } catch (ScoringException e) {
                failures.add(file + ": " + e.getMessage());
                stderr.println("jixiao: " + file + ": " + e.getMessage());
                exit = worse(exit, Main.SCORING_FAILED);
            }
        }
        try {
            Output.write(report.toString(), out, stdout);
        } catch (IOException e) {
            stderr.println("jixiao: cannot write " + out + ": " + e.getMessage());
            return Main.BAD_INPUT;
        }
        if (files.size() > 1) {
            stderr.println(scored + " scored, " + failures.size() + " failed");
            for (String f : failures) {
                stderr.println("  failed: " + f);
            }
        }
        return exit;
    }

    /** The exit code that says the most: rules broken over scoring failed over input unreadable. */
    static int worse(int a, int b) {
        int[] rank = {Main.OK, Main.BAD_INPUT, Main.SCORING_FAILED, Main.BAD_RULES};
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
