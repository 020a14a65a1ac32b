package jixiao;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jixiao.engine.Policy;
import jixiao.engine.PolicyCache;
import jixiao.engine.PolicyFiles;
import jixiao.engine.PolicyLoader;
import jixiao.engine.Scorer;
import jixiao.input.SubmissionReader;
import jixiao.report.JsonReport;
import jixiao.scenario.Mutants;
import jixiao.scenario.Scenario;
import jixiao.scenario.ScenarioReader;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code test --watch} compiles only the rules of the file that was saved ({@link PolicyLoader#reload}). Whatever
 * path it takes, the policy it gives must score exactly as the same files compiled whole: here every rule file of
 * each notice (its own and its base's) is changed as the mutation run changes it — a number, a comparison or a rule
 * deleted, in turn — and every scenario submission of the notice is scored under both, JSON compared byte for byte.
 */
class IncrementalReloadTest {

    @TempDir
    Path cacheDir;

    @ParameterizedTest
    @ValueSource(strings = {"shangjie-2021", "mof-2020-project"})
    void aPolicyReloadedAfterAnEditScoresExactlyAsTheEditedFilesCompiledWhole(String notice) throws Exception {
        PolicyFiles set = PolicyFiles.resolve(Fixtures.RULES.resolve(notice));
        PolicyCache cache = new PolicyCache(cacheDir);
        List<Scenario> scenarios = ScenarioReader.find(List.of(Fixtures.SCENARIOS.resolve(notice))).stream()
                .map(f -> {
                    try {
                        return ScenarioReader.read(f);
                    } catch (Exception e) {
                        throw new IllegalStateException(f + ": " + e.getMessage(), e);
                    }
                }).filter(s -> s.submission() != null).toList();
        assertThat(scenarios).hasSizeGreaterThan(10);

        // one change in each file, of the kind picked least so far (a number, a comparison, a rule deleted)
        Map<String, Map<String, Mutants.Mutant>> byFile = new LinkedHashMap<>();
        for (Mutants.Mutant m : Mutants.of(set)) {
            if (m.kind().equals("phase") || m.kind().equals("salience")) {
                continue; // the kinds of edit an analyst makes to a rule's body; a phase move reloads as any rule edit
            }
            byFile.computeIfAbsent(m.name(), f -> new java.util.TreeMap<>()).putIfAbsent(m.kind(), m);
        }
        // every file has a change (01-functions' is in a function's body: that edit compiles whole)
        assertThat(byFile).as("every rule file has a change").hasSize(set.files().size());
        Map<String, Mutants.Mutant> picked = new LinkedHashMap<>();
        Map<String, Integer> used = new java.util.HashMap<>();
        for (Map.Entry<String, Map<String, Mutants.Mutant>> e : byFile.entrySet()) {
            String kind = e.getValue().keySet().stream() // the kind picked least so far, of those the file offers
                    .min(java.util.Comparator.comparing((String k) -> used.getOrDefault(k, 0))).orElseThrow();
            used.merge(kind, 1, Integer::sum);
            picked.put(e.getKey(), e.getValue().get(kind));
        }
        Set<String> kindsUsed = new LinkedHashSet<>();
        picked.values().forEach(m -> kindsUsed.add(m.kind()));
        assertThat(kindsUsed).containsExactlyInAnyOrder("comparator", "delete", "number");

        int incremental = 0;
        for (Mutants.Mutant m : picked.values()) {
            PolicyFiles edited = set.with(m.name(), m.kind().equals("delete") && m.text().isBlank() ? null
                    : m.text().getBytes(StandardCharsets.UTF_8));
            Policy whole;
            try {
                whole = PolicyLoader.load(edited, null);
            } catch (jixiao.engine.PolicyException e) {
                continue; // a change that does not compile: both paths refuse it (the reload falls back to this)
            }
            Policy before = PolicyLoader.load(set, cache);
            Policy reloaded = PolicyLoader.reload(before, edited, cache);
            if (reloaded.kieBase() == before.kieBase()) {
                incremental++;
            }
            assertThat(scoreAll(reloaded, scenarios)).as(m.describe()).isEqualTo(scoreAll(whole, scenarios));
        }
        assertThat(incremental).as("edits of rules alone take the incremental path").isGreaterThan(picked.size() / 2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"function", "nothing"})
    void anEditOfAFunctionCompilesWholeAndASaveWithoutAChangeCompilesNothing(String what) throws Exception {
        PolicyFiles set = PolicyFiles.resolve(Fixtures.SHANGJIE);
        PolicyFiles.Source functions = set.files().stream().filter(f -> f.name().equals("01-functions.drl"))
                .findFirst().orElseThrow();
        String text = functions.text();
        PolicyFiles edited = what.equals("nothing") ? set : set.with(functions.name(),
                (text + "\nfunction String 多余的函数() { return \"\"; }\n").getBytes(StandardCharsets.UTF_8));
        Policy before = PolicyLoader.load(set, new PolicyCache(cacheDir));
        Policy reloaded = PolicyLoader.reload(before, edited, null);
        if (what.equals("nothing")) {
            assertThat(reloaded).isSameAs(before);
        } else {
            assertThat(reloaded.kieBase()).isNotSameAs(before.kieBase());
            assertThat(reloaded.fingerprint()).isEqualTo(edited.fingerprint());
        }
    }

    /** A rule copied into another file under the same name is refused as the whole compile refuses it (not swapped in). */
    @org.junit.jupiter.api.Test
    void aRuleNamedAsARuleOfAnotherFileIsJudgedByTheWholeCompile() throws Exception {
        PolicyFiles set = PolicyFiles.resolve(Fixtures.SHANGJIE);
        String consistency = set.files().stream().filter(f -> f.name().equals("61-consistency.drl")).findFirst()
                .orElseThrow().text();
        int start = consistency.indexOf("\nrule \"") + 1;
        String copied = consistency.substring(start, consistency.indexOf("\nend", start) + 4);
        String adjustments = set.files().stream().filter(f -> f.name().equals("41-weight-checks.drl")).findFirst()
                .orElseThrow().text();
        PolicyFiles edited = set.with("41-weight-checks.drl",
                (adjustments + "\n" + copied + "\n").getBytes(StandardCharsets.UTF_8));

        Throwable whole = org.assertj.core.api.Assertions.catchThrowable(() -> PolicyLoader.load(edited, null));
        assertThat(whole).as("Drools refuses two rules of one name in a package").isNotNull();
        Policy before = PolicyLoader.load(set, new PolicyCache(cacheDir));
        Throwable partial = org.assertj.core.api.Assertions.catchThrowable(
                () -> PolicyLoader.reload(before, edited, null));
        assertThat(partial).as("the reload refuses it as the whole compile does").isNotNull();
        assertThat(partial.getMessage()).isEqualTo(whole.getMessage());
    }

    private static Map<Path, String> scoreAll(Policy p, List<Scenario> scenarios) throws Exception {
        Map<Path, String> out = new LinkedHashMap<>();
        Scorer scorer = new Scorer();
        try {
            for (Scenario s : scenarios) {
                try {
                    out.put(s.file(), JsonReport.render(scorer.score(p,
                            SubmissionReader.parse(s.file().toString(), s.submission().toString(), "scenario"))));
                } catch (Exception e) {
                    out.put(s.file(), "not scored: " + e.getMessage());
                }
            }
        } finally {
            scorer.release(p);
        }
        return out;
    }
}
