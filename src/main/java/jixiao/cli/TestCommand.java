package jixiao.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
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
import jixiao.input.InputException;
import jixiao.input.SubmissionReader;
import jixiao.input.Submissions;
import jixiao.model.Submission;
import jixiao.scenario.Expectations;
import jixiao.scenario.Recorder;
import jixiao.scenario.ScenarioReader;
import jixiao.scenario.ScenarioRunner;
import jixiao.scenario.ScenarioRunner.Outcome;
import jixiao.scenario.ScenarioRunner.Status;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "test", mixinStandardHelpOptions = true,
        description = {"Runs the analysts' scenarios (*" + ScenarioReader.SUFFIX + ") and says what passed and "
                + "what differed.",
            "Ends with the line 'N passed, N failed'; exits 1 if any scenario failed or could not be run."})
final class TestCommand implements Callable<Integer> {

    @Parameters(arity = "0..*", paramLabel = "PATH", description = "scenario files or folders (default: scenarios)")
    List<Path> paths;

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "wall-clock time the rules may take on one "
            + "scenario before they are stopped and the rule running is named; the other scenarios of that policy are "
            + "then not run (default: ${DEFAULT-VALUE})")
    double timeout = Scorer.DEFAULT_TIMEOUT_MILLIS / 1000.0;

    /** A scorer under this run's time limit. */
    private Scorer limited(Scorer s) {
        return s.withTimeout(java.time.Duration.ofMillis(Math.max(1, (long) (timeout * 1000))));
    }

    @Option(names = "--rules-root", paramLabel = "DIR", description = "default: ${DEFAULT-VALUE}")
    Path rulesRoot = PolicyRegistry.defaultRoot();

    @Option(names = "--coverage", description = "also list, per policy folder, the rules no scenario made fire; "
            + "exit 1 if there are any")
    boolean coverage;

    @Option(names = "--record", paramLabel = "SUBMISSION",
            description = "write a scenario from a submission, expecting its current results")
    Path record;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE",
            description = "with --record: where to write the scenario (default: beside the submission)")
    Path out;

    @Option(names = "--force", description = "with --record: overwrite an existing scenario file")
    boolean force;

    @Option(names = "--watch", description = "keep running; re-run the affected scenarios whenever a rule, "
            + "scenario or submission file is saved")
    boolean watch;

    @Option(names = "--watch-limit", hidden = true, description = "stop watching after N re-runs (for tests)")
    int watchLimit = Integer.MAX_VALUE;

    @Option(names = "--rules", paramLabel = "NOTICE", description = "score every scenario by this notice (an id "
            + "under the rules root, or a policy folder) instead of its own: which of last year's cases does a new "
            + "notice change?")
    String rules;

    @Option(names = "--mutants", arity = "0..1", fallbackValue = ALL, paramLabel = "NOTICE", description = "mutation "
            + "testing: change each number and comparator of each rule condition and decision-table cell, and delete "
            + "each rule, one at a time; run the notice's scenarios (scenarios/NOTICE, or the PATHs given) on each and "
            + "list the changes no scenario notices (without NOTICE: every notice)")
    String mutants;

    private static final String ALL = "(every notice)";

    @Option(names = {"-v", "--verbose"}, description = "also show the rules that fired for each mismatch")
    boolean verbose;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PolicyRegistry registry = new PolicyRegistry(rulesRoot);
        ScenarioRunner runner = new ScenarioRunner(registry, limited(new Scorer()));
        if (rules != null) {
            runner.withRules(rules);
        }
        if (record != null) {
            return record(registry);
        }
        if (mutants != null) {
            return mutants(registry);
        }
        List<Path> roots = paths == null || paths.isEmpty() ? List.of(defaultScenarios()) : paths;
        List<Path> files = ScenarioReader.find(roots);
        PrintStream o = System.out;
        if (files.isEmpty()) {
            System.err.println("jixiao: no scenario files (*" + ScenarioReader.SUFFIX + ") under " + roots);
            return Main.FAILED;
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (Path f : files) {
            Outcome outcome = runner.run(f);
            print(o, outcome);
            outcomes.add(outcome);
        }
        wholeRun = paths == null || paths.isEmpty();
        notices = registry.notices().stream().filter(n -> !n.isShared()).map(jixiao.engine.Notice::id).toList();
        int exit = summary(o, outcomes);
        if (watch) {
            ScenarioRunner quiet = new ScenarioRunner(registry, limited(new Scorer()));
            if (rules != null) {
                quiet.withRules(rules);
            }
            new Watcher(registry, runner, quiet, roots, rulesRoot, outcomes, this::print, this::summary, watchLimit)
                    .run();
        }
        return exit;
    }

    static Path defaultScenarios() {
        String home = System.getProperty("jixiao.home");
        return home == null ? Path.of("scenarios") : Path.of(home, "scenarios");
    }

    /** Whether every scenario was run (no PATH given): then every notice must have scenarios. */
    private boolean wholeRun;
    private List<String> notices = List.of();

    int summary(PrintStream o, List<Outcome> outcomes) {
        long passed = outcomes.stream().filter(x -> x.status() == Status.PASSED).count();
        long failed = outcomes.size() - passed;
        boolean uncovered = false;
        if ((wholeRun || coverage) && rules == null) {
            java.util.Set<String> scored = new java.util.TreeSet<>();
            outcomes.stream().filter(x -> x.policy() != null).forEach(x -> scored.add(x.policy().id()));
            for (String notice : notices) {
                if (!scored.contains(notice)) {
                    o.println();
                    o.println("no scenario is scored by the notice " + notice + " (rules/" + notice + "): add "
                            + "scenarios under scenarios/" + notice + "/ naming it, before relying on it");
                    uncovered = true;
                }
            }
        }
        if (coverage) {
            o.println();
            for (ScenarioRunner.Coverage c : ScenarioRunner.coverage(outcomes)) {
                Policy p = c.policy();
                o.println("coverage of " + shown(p.folder()) + ": " + c.fired().size() + " of " + p.rules().size()
                        + " rules fired in some scenario");
                for (String rule : c.unfired()) {
                    o.println("  never fired: " + rule);
                    uncovered = true;
                }
                for (String grade : c.gradesNeverGiven()) { // a band's row always fires: which grade was never given
                    o.println("  grade never given: " + grade + " (no scenario's total falls in its band)");
                    uncovered = true;
                }
            }
        }
        o.println();
        o.println(passed + " passed, " + failed + " failed");
        return failed > 0 || uncovered ? Main.FAILED : Main.OK;
    }

    /** A path as the user would type it: relative to the working folder when it lies below it. */
    static String shown(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        Path cwd = Path.of("").toAbsolutePath();
        return abs.startsWith(cwd) ? cwd.relativize(abs).toString() : abs.toString();
    }

    void print(PrintStream o, Outcome x) {
        String desc = x.description() == null || x.description().isBlank() ? "" : "  " + x.description();
        switch (x.status()) {
            case PASSED -> o.println("PASS    " + shown(x.file()) + by(x) + desc);
            case FAILED -> {
                o.println("FAIL    " + shown(x.file()) + by(x) + desc);
                for (Expectations.Mismatch m : x.mismatches()) {
                    String words = Expectations.inWords(m.field());
                    o.println("        " + (words.equals(m.field()) ? words : words + "（" + m.field() + "）") + "：期望 "
                            + m.expected() + "，实际 " + m.actual());
                    if (!m.rules().isEmpty()) {
                        o.println("          为它触发的规则：" + String.join("；", m.rules()));
                    }
                }
            }
            default -> {
                o.println("BROKEN  " + shown(x.file()) + desc);
                for (String line : x.error().split("\\R")) {
                    o.println("        " + line);
                }
            }
        }
    }

    /** Which policy scored the scenario: its notice and the fingerprint of its rules. */
    private static String by(Outcome x) {
        return x.policy() == null ? "" : "  [" + x.policy().id() + " " + x.policy().fingerprint().substring(0, 8) + "]";
    }

    private int mutants(PolicyRegistry registry) throws IOException {
        List<String> ids = ALL.equals(mutants) ? registry.notices().stream().filter(n -> !n.isShared())
                .map(jixiao.engine.Notice::id).toList() : List.of(mutants);
        int exit = Main.OK;
        PrintStream o = System.out;
        for (String id : ids) {
            jixiao.engine.PolicyFiles set;
            java.util.Map<String, String> equivalents;
            List<jixiao.scenario.Scenario> scenarios = new ArrayList<>();
            try {
                set = jixiao.engine.PolicyFiles.resolve(registry.folderOf(id));
                equivalents = jixiao.scenario.Mutants.equivalents(set);
                Policy real = registry.forFolder(set.folder());
                Path dir = paths == null || paths.isEmpty() ? defaultScenarios().resolve(id) : null;
                for (Path f : ScenarioReader.find(dir != null ? List.of(dir) : paths)) {
                    scenarios.add(ScenarioReader.read(f));
                }
                ScenarioRunner check = new ScenarioRunner(registry, limited(new Scorer())).withPolicy(real);
                for (jixiao.scenario.Scenario sc : scenarios) {
                    if (check.run(sc).status() != Status.PASSED) {
                        System.err.println("jixiao: " + id + ": the scenario " + shown(sc.file()) + " fails on the rules "
                                + "as they are; mutants say something only when every scenario passes (run jixiao test)");
                        return Main.FAILED;
                    }
                }
            } catch (PolicyException e) {
                System.err.println("jixiao: " + e.describe());
                return Main.BAD_RULES;
            } catch (InputException e) {
                System.err.println("jixiao: " + e.getMessage());
                return Main.BAD_INPUT;
            }
            if (scenarios.isEmpty()) {
                System.err.println("jixiao: " + id + " has no scenario: every mutant would survive");
                exit = Main.FAILED;
                continue;
            }
            List<jixiao.scenario.Mutants.Mutant> all = jixiao.scenario.Mutants.of(set);
            o.println("mutants of " + id + " (" + set.fingerprint() + "): " + all.size() + ", each run on "
                    + scenarios.size() + " scenarios");
            List<jixiao.scenario.Mutants.Result> results = jixiao.scenario.Mutants.runAll(set, all, scenarios,
                    () -> new ScenarioRunner(registry, limited(new Scorer(Scorer.DEFAULT_MAX_FIRINGS, false))),
                    equivalents);
            int killed = 0;
            int equivalent = 0;
            int stillborn = 0;
            int survived = 0;
            for (jixiao.scenario.Mutants.Result r : results) {
                jixiao.scenario.Mutants.Mutant m = r.mutant();
                switch (r.status()) {
                    case KILLED -> killed++;
                    case EQUIVALENT -> equivalent++;
                    case STILLBORN -> {
                        stillborn++;
                        if (verbose) {
                            o.println("  does not compile: " + m.describe());
                        }
                    }
                    case SURVIVED -> {
                        survived++;
                        o.println("SURVIVED  " + m.describe() + ": no scenario fails");
                        o.println("          if it can change no result, list it in rules/" + id + "/"
                                + jixiao.scenario.Mutants.EQUIVALENT + " with the reason: " + jixiao.scenario.Mutants.entry(m));
                    }
                    default -> { }
                }
            }
            for (String gone : jixiao.scenario.Mutants.stale(equivalents, all)) {
                o.println("STALE     " + gone + ": listed as equivalent, but no such mutant any more; remove it from "
                        + jixiao.scenario.Mutants.EQUIVALENT);
            }
            int counted = all.size() - stillborn;
            o.println(String.format("mutation score of %s: %.1f%% (%d killed, %d equivalent, %d survived; %d did not "
                    + "compile and are not counted)", id, counted == 0 ? 100.0 : 100.0 * (killed + equivalent) / counted,
                    killed, equivalent, survived, stillborn));
            // kept for the workbench's list of notices ("mutation score where known"), by the rules' fingerprint
            jixiao.engine.PolicyCache cache = jixiao.engine.PolicyCache.fromSettings();
            if (cache != null) {
                cache.putNote("mutants-" + set.fingerprint(), String.format("{\"killed\": %d, \"equivalent\": %d, "
                        + "\"survived\": %d, \"stillborn\": %d, \"at\": \"%s\"}%n", killed, equivalent, survived,
                        stillborn, java.time.LocalDate.now()));
            }
            if (survived > 0) {
                exit = Main.FAILED;
            }
        }
        return exit;
    }

    private int record(PolicyRegistry registry) throws IOException {
        Submission s;
        try {
            s = Submissions.read(record, null, registry::fieldsOf);
        } catch (InputException e) {
            System.err.println("jixiao: cannot read " + e.getMessage());
            return Main.BAD_INPUT;
        }
        ScoreResult r;
        try {
            r = limited(new Scorer(Scorer.DEFAULT_MAX_FIRINGS, false)).score(registry.forNotice(s.notice()), s);
        } catch (PolicyException e) {
            System.err.println("jixiao: " + e.describe());
            return Main.BAD_RULES;
        } catch (ScoringException e) {
            System.err.println("jixiao: " + e.getMessage());
            return Main.SCORING_FAILED;
        }
        String base = record.getFileName().toString().replaceFirst("\\.json$", "");
        Path target = out != null ? out : record.toAbsolutePath().resolveSibling(base + ScenarioReader.SUFFIX);
        if (Files.exists(target) && !force) {
            System.err.println("jixiao: " + target + " exists; use --force to overwrite it, or --out to name another");
            return Main.BAD_INPUT;
        }
        Path dir = target.toAbsolutePath().getParent();
        String ref = dir.relativize(record.toAbsolutePath().normalize()).toString().replace('\\', '/');
        ObjectNode scenario = Recorder.record(r, ref);
        String json = Recorder.pretty(scenario);
        Output.write(json, target, System.out);
        System.out.println("wrote " + target + " (total " + scenario.path("expect").path("total") + ", grade "
                + scenario.path("expect").path("grade").asText() + "); review it, then keep it with the others");
        return Main.OK;
    }
}
