package jixiao.cli;

import java.util.Map;

import jixiao.scenario.ScenarioReader;

import jixiao.batch.Inputs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import jixiao.engine.Policy;
import jixiao.engine.PolicyException;
import jixiao.engine.PolicyRegistry;
import jixiao.engine.ScoreResult;
import jixiao.engine.Scorer;
import jixiao.engine.ScoringException;
import jixiao.input.InputException;
import jixiao.input.SubmissionReader;
import jixiao.input.Submissions;
import jixiao.model.Finding;
import jixiao.model.Submission;
import jixiao.report.Comparison;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Scores the same submissions under two policies and shows what changes: per submission the "
                + "total and grade under each and the difference, then how many changed grade and the largest movers.",
            "Use it before adopting a rule change: compare last year's folder with the edited copy."})
final class CompareCommand implements Callable<Integer> {

    @Option(names = "--rules", arity = "1", required = true, paramLabel = "DIR|NOTICE",
            description = "give it twice: policy A, then policy B (a folder, or a notice id under the rules root)")
    List<String> rules;

    @Parameters(arity = "1..*", paramLabel = "FILE|DIR",
            description = "submissions (JSON, .xlsx, .csv), folders searched for *.json, or *.jsonl files")
    List<Path> inputs;

    @Option(names = "--rules-root", paramLabel = "DIR", description = "default: ${DEFAULT-VALUE}")
    Path rulesRoot = PolicyRegistry.defaultRoot();

    @Option(names = "--format", paramLabel = "FORMAT", description = "text, json or html (a page that draws each "
            + "submission's movement and how grades moved; default: ${DEFAULT-VALUE})")
    ScoreCommand.Format format = ScoreCommand.Format.text;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "write to FILE (whole or not at all)")
    Path out;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (format != ScoreCommand.Format.text && format != ScoreCommand.Format.json
                && format != ScoreCommand.Format.html) {
            System.err.println("jixiao compare: --format is text, json or html, not " + format);
            return Main.BAD_INPUT;
        }
        if (rules.size() != 2) {
            System.err.println("jixiao compare: give --rules exactly twice: the policy to compare from (A) and to (B)");
            return Main.BAD_INPUT;
        }
        PolicyRegistry registry = new PolicyRegistry(rulesRoot);
        Policy a;
        Policy b;
        try {
            a = resolve(registry, rules.get(0));
            b = resolve(registry, rules.get(1));
        } catch (PolicyException e) {
            System.err.println("jixiao: " + e.describe());
            return Main.BAD_RULES;
        }
        Comparison c = new Comparison(a, b);
        // no firing trace: only totals are compared
        jixiao.service.ScoringService service = new jixiao.service.ScoringService(registry,
                new Scorer(Scorer.DEFAULT_MAX_FIRINGS, false));
        // a submission may carry the fields either notice declares
        java.util.Map<String, jixiao.model.FieldDeclaration> both = new java.util.LinkedHashMap<>();
        for (jixiao.model.FieldDeclaration f : a.fields()) {
            both.put(f.on() + "/" + f.name(), f);
        }
        for (jixiao.model.FieldDeclaration f : b.fields()) {
            both.putIfAbsent(f.on() + "/" + f.name(), f);
        }
        jixiao.input.FieldCatalog fields = jixiao.input.FieldCatalog.of(List.copyOf(both.values()));
        for (Inputs it = new Inputs(inputs); it.hasNext(); ) {
            Inputs.Item item = it.next();
            Submission s;
            try {
                s = item.file().getFileName().toString().endsWith(ScenarioReader.SUFFIX)
                        ? fromScenario(item.file(), fields) : item.read(fields);
            } catch (InputException e) {
                c.unreadable(e.getMessage());
                continue;
            }
            c.add(new Comparison.Row(s.id(), item.label(), Comparison.Side.of(service.score(item.label(), a, s)),
                    Comparison.Side.of(service.score(item.label(), b, s))));
        }
        Output.write(format == ScoreCommand.Format.json ? c.json() : format == ScoreCommand.Format.html ? c.html()
                : c.text(), out, System.out);
        return Main.OK;
    }

    /** A scenario file as an input: its submission with its changes applied. */
    private static Submission fromScenario(Path file, jixiao.input.FieldCatalog fields) throws InputException {
        var sc = ScenarioReader.read(file);
        String name = file.getFileName().toString().replace(ScenarioReader.SUFFIX, "");
        return SubmissionReader.fromTree(file.toString(), sc.submission(), name, fields).withId(name);
    }

    private static Policy resolve(PolicyRegistry registry, String ref) throws PolicyException {
        Path p = Path.of(ref);
        return Files.isDirectory(p) ? registry.forFolder(p) : registry.forNotice(ref);
    }
}
