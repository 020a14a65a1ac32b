package jixiao.scenario;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jixiao.engine.Policy;
import jixiao.engine.PolicyException;
import jixiao.engine.PolicyRegistry;
import jixiao.engine.ScoreResult;
import jixiao.engine.Scorer;
import jixiao.engine.ScoringException;
import jixiao.input.InputException;
import jixiao.input.SubmissionReader;
import jixiao.model.Submission;

/** Runs scenarios against their policies and says, for each, whether it passed and, if not, what differed. */
public final class ScenarioRunner {

    public enum Status { PASSED, FAILED, BROKEN }

    /**
     * The outcome of one scenario.
     *
     * @param error  for a broken scenario, what is wrong (the file cannot be read, the rules do not compile, ...)
     * @param policy the policy it ran under, or null when it could not get that far
     */
    public record Outcome(Path file, String description, Status status, List<Expectations.Mismatch> mismatches,
                          String error, Policy policy, ScoreResult result) {
    }

    /** Rules of one policy folder and whether any scenario made each fire. */
    public record Coverage(Policy policy, List<String> fired, List<String> unfired, List<String> gradesNeverGiven) {
    }

    private final PolicyRegistry registry;
    private final Scorer scorer;
    /** Policies whose rules ran past the time limit on a scenario, and which: no other scenario is run under them. */
    private final java.util.Map<org.kie.api.KieBase, String> timedOut = java.util.Collections.synchronizedMap(
            new java.util.WeakHashMap<>());

    public ScenarioRunner(PolicyRegistry registry, Scorer scorer) {
        this.registry = registry;
        this.scorer = scorer;
    }

    private String rulesOverride;

    /**
     * Scores every scenario by this notice (an id under the rules root, or a policy folder) instead of its own: to
     * see which of last year's cases a new notice changes.
     */
    public ScenarioRunner withRules(String noticeOrFolder) {
        this.rulesOverride = noticeOrFolder;
        return this;
    }

    private Policy policyOverride;

    /**
     * Scores every scenario by this compiled policy (a base not yet re-pinned, or a mutant of the rules) instead of
     * its own.
     */
    public ScenarioRunner withPolicy(Policy policy) {
        this.policyOverride = policy;
        return this;
    }

    /** Releases what was kept for a policy that has been recompiled. */
    public void release(Policy policy) {
        scorer.release(policy);
    }

    public Outcome run(Path file) {
        Scenario sc;
        try {
            sc = ScenarioReader.read(file);
        } catch (InputException e) {
            return new Outcome(file, "", Status.BROKEN, List.of(), e.getMessage(), null, null);
        }
        return run(sc);
    }

    public Outcome run(Scenario sc) {
        String defaultId = sc.file().getFileName().toString().replace(ScenarioReader.SUFFIX, "");
        Submission s;
        try {
            s = SubmissionReader.fromTree(sc.file() + " (submission)", sc.submission(), defaultId, fields(sc));
        } catch (InputException e) {
            return new Outcome(sc.file(), sc.description(), Status.BROKEN, List.of(), e.getMessage(), null, null);
        }
        Policy policy;
        try {
            policy = policyFor(sc, s.notice());
        } catch (PolicyException e) {
            return new Outcome(sc.file(), sc.description(), Status.BROKEN, List.of(), e.describe(), null, null);
        }
        String stuck = timedOut.get(policy.kieBase());
        if (stuck != null) {
            return new Outcome(sc.file(), sc.description(), Status.BROKEN, List.of(), "not run: " + stuck, policy,
                    null);
        }
        ScoreResult r;
        try {
            r = scorer.score(policy, s);
        } catch (jixiao.engine.ScoringTimeoutException e) {
            // the rules loop: every other scenario would wait out the limit too, so they are not run under them
            timedOut.put(policy.kieBase(), "the rules ran past the time limit on " + sc.file().getFileName());
            return new Outcome(sc.file(), sc.description(), Status.BROKEN, List.of(), e.getMessage(), policy, null);
        } catch (ScoringException e) {
            return new Outcome(sc.file(), sc.description(), Status.BROKEN, List.of(), e.getMessage(), policy, null);
        }
        List<Expectations.Mismatch> mismatches = new java.util.ArrayList<>(Expectations.check(sc.expect(), r));
        if (sc.beforeAdvice() != null) {
            try {
                mismatches.addAll(checkAdvice(sc, policy));
            } catch (InputException | ScoringException e) {
                return new Outcome(sc.file(), sc.description(), Status.BROKEN, List.of(), "before the advice: "
                        + e.getMessage(), policy, r);
            }
        }
        return new Outcome(sc.file(), sc.description(), mismatches.isEmpty() ? Status.PASSED : Status.FAILED,
                mismatches, null, policy, r);
    }

    /** The policy a scenario is scored by: the one given to the runner, the scenario's rules folder, or its notice. */
    private Policy policyFor(Scenario sc, String notice) throws PolicyException {
        return policyOverride != null ? policyOverride : rulesOverride != null
                ? (java.nio.file.Files.isDirectory(Path.of(rulesOverride))
                ? registry.forFolder(Path.of(rulesOverride)) : registry.forNotice(rulesOverride))
                : sc.rules() != null ? registry.forFolder(sc.rules())
                : registry.forNotice(draftOf(sc.file()) != null ? draftOf(sc.file()) : notice);
    }

    /**
     * The draft a scenario belongs to, as {@code drafts/ID}, when its file lies in {@code scenarios/drafts/ID/} and the
     * rules root has that draft: a draft's scenarios are scored by the draft, whatever notice their submission names.
     */
    private String draftOf(Path file) {
        Path p = file.toAbsolutePath().normalize();
        for (Path up = p.getParent(); up != null && up.getParent() != null; up = up.getParent()) {
            if (up.getParent().getFileName() != null
                    && up.getParent().getFileName().toString().equals(PolicyRegistry.DRAFTS)) {
                String id = up.getFileName().toString();
                if (PolicyRegistry.isId(id) && registry.draftIds().contains(id)) {
                    return PolicyRegistry.draftRef(id);
                }
                return null;
            }
        }
        return null;
    }

    /** The fields the scenario's submission may carry: those its policy declares (none when it has no policy). */
    private jixiao.input.FieldCatalog fields(Scenario sc) {
        return notice -> {
            try {
                return policyFor(sc, notice).fields();
            } catch (PolicyException e) {
                return List.of(); // said when the scenario's policy is looked up
            }
        };
    }

    /**
     * A scenario that follows a rejection's advice: without its last changes the submission must be rejected with
     * each code it lists under noFindings — so the advice is shown to be what makes the rejection go away.
     */
    private List<Expectations.Mismatch> checkAdvice(Scenario sc, Policy policy)
            throws InputException, ScoringException {
        Submission before = SubmissionReader.fromTree(sc.file() + " (before the advice)", sc.beforeAdvice(), "before",
                jixiao.input.FieldCatalog.of(policy.fields()));
        ScoreResult r = scorer.score(policy, before);
        List<Expectations.Mismatch> out = new java.util.ArrayList<>();
        for (com.fasterxml.jackson.databind.JsonNode n : sc.expect().path("noFindings")) {
            String code = n.isTextual() ? n.asText() : n.path("code").asText();
            boolean rejected = r.rejections().stream().anyMatch(f -> f.getCode().equals(code));
            if (!rejected) {
                out.add(new Expectations.Mismatch("advice", "without the changes that follow the advice, a rejection "
                        + code, "no such rejection: " + r.rejections().stream().map(f -> f.getCode()).toList(),
                        List.of()));
            }
        }
        return out;
    }

    /** For each policy the outcomes ran under, which of its rules fired in at least one scenario. */
    public static List<Coverage> coverage(List<Outcome> outcomes) {
        Map<String, Policy> policies = new LinkedHashMap<>();
        Map<String, Set<String>> fired = new LinkedHashMap<>();
        Map<String, Set<String>> grades = new LinkedHashMap<>();
        for (Outcome o : outcomes) {
            if (o.policy() == null) {
                continue;
            }
            String key = o.policy().folder().toAbsolutePath().normalize().toString();
            policies.putIfAbsent(key, o.policy());
            Set<String> set = fired.computeIfAbsent(key, k -> new LinkedHashSet<>());
            Set<String> given = grades.computeIfAbsent(key, k -> new LinkedHashSet<>());
            if (o.result() != null) {
                o.result().firings().forEach(f -> set.add(f.rule()));
                if (o.result().grade() != null) {
                    given.add(o.result().grade().getName());
                }
            }
        }
        List<Coverage> out = new ArrayList<>();
        policies.forEach((key, p) -> {
            List<String> yes = new ArrayList<>();
            List<String> no = new ArrayList<>();
            for (Policy.RuleInfo rule : p.rules()) {
                (fired.get(key).contains(rule.name()) ? yes : no).add(rule.name());
            }
            List<String> neverGiven = new ArrayList<>();
            try {
                for (String band : jixiao.engine.PolicyLinter.gradeBandNames(p)) {
                    if (!grades.get(key).contains(band)) {
                        neverGiven.add(band);
                    }
                }
            } catch (jixiao.engine.PolicyException e) {
                neverGiven.add("(the bands could not be read: " + e.getMessage() + ")");
            }
            out.add(new Coverage(p, yes, no, neverGiven));
        });
        return out;
    }
}
