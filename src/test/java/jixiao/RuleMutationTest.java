package jixiao;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import jixiao.engine.Policy;
import jixiao.engine.PolicyRegistry;
import jixiao.engine.Scorer;
import jixiao.scenario.ScenarioReader;
import jixiao.scenario.ScenarioRunner;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scenarios are worth something only if they notice a broken rule. For each rule of each policy (a DRL rule
 * or a row of a decision table), a copy of the policy without that rule must make at least one scenario of that
 * notice fail its expectations. A scenario that cannot run at all under the mutant does not count as noticing it.
 */
class RuleMutationTest {

    @TempDir
    Path tmp;

    @TestFactory
    Stream<DynamicTest> deletingAnyRuleMakesAScenarioFail() {
        List<DynamicTest> tests = new ArrayList<>();
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        for (String notice : new PolicyRegistry(Fixtures.RULES).noticeIds()) {
            Policy policy = Fixtures.policy(Fixtures.RULES.resolve(notice));
            for (Policy.RuleInfo rule : policy.rules()) {
                tests.add(DynamicTest.dynamicTest(notice + " without \"" + rule.name() + "\"", () -> {
                    Path root = tmp.resolve("deleted-" + n.incrementAndGet());
                    Path copy = root.resolve(notice);
                    Fixtures.copyTree(Fixtures.RULES.resolve(notice), copy);
                    Path file = copy.resolve(rule.file());
                    String text = Files.readString(file, StandardCharsets.UTF_8);
                    String mutated = rule.file().endsWith(".csv") ? withoutRow(text, rule.name())
                            : withoutRule(text, rule.name());
                    assertThat(mutated).as("rule text found in " + rule.file()).isNotEqualTo(text);
                    Files.writeString(file, mutated, StandardCharsets.UTF_8);
                    assertThat(failures(root, notice)).as("scenarios failing without \"" + rule.name() + "\"")
                            .isNotEmpty();
                }));
            }
        }
        return tests.stream();
    }

    /**
     * Scenario files of the notice whose expectations fail when scored by the policies under root. A scenario that
     * cannot run (BROKEN) fails this test instead: it says nothing about whether the mutant was noticed.
     */
    static List<String> failures(Path root, String notice) throws Exception {
        ScenarioRunner runner = new ScenarioRunner(new PolicyRegistry(root), new Scorer());
        List<Path> scenarios = ScenarioReader.find(List.of(Fixtures.SCENARIOS.resolve(notice)));
        assertThat(scenarios).as("scenarios of " + notice).isNotEmpty();
        List<String> failed = new ArrayList<>();
        for (Path f : scenarios) {
            ScenarioRunner.Outcome o = runner.run(f);
            assertThat(o.status()).as(f + " could not run under the mutant: " + o.error())
                    .isNotEqualTo(ScenarioRunner.Status.BROKEN);
            if (o.status() == ScenarioRunner.Status.FAILED) {
                failed.add(f.getFileName().toString());
            }
        }
        return failed;
    }

    /** A decision table without the row that makes the rule of that name (its NAME cell comes first). */
    static String withoutRow(String csv, String name) {
        return csv.lines().filter(l -> !l.startsWith(name + ",") && !l.startsWith("\"" + name + "\","))
                .collect(java.util.stream.Collectors.joining("\n", "", "\n"));
    }

    /** The DRL text with the rule of that name removed, from its {@code rule "name"} line to its {@code end}. */
    static String withoutRule(String drl, String name) {
        Pattern p = Pattern.compile("(?ms)^rule\\s+\"" + Pattern.quote(name) + "\".*?^end\\s*$");
        Matcher m = p.matcher(drl);
        return m.find() ? drl.substring(0, m.start()) + drl.substring(m.end()) : drl;
    }
}
