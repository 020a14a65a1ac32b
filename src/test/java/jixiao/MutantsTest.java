package jixiao;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import jixiao.engine.PolicyFiles;
import jixiao.engine.PolicyRegistry;
import jixiao.engine.Scorer;
import jixiao.scenario.Mutants;
import jixiao.scenario.Mutants.Mutant;
import jixiao.scenario.Mutants.Status;
import jixiao.scenario.Scenario;
import jixiao.scenario.ScenarioReader;
import jixiao.scenario.ScenarioRunner;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mutation testing of the rules ({@code jixiao test --mutants}): the scenarios are worth something only if they
 * notice a broken rule.
 */
class MutantsTest {

    @TempDir
    Path tmp;

    private static List<Scenario> scenarios(String... files) throws Exception {
        List<Scenario> out = new ArrayList<>();
        for (String f : files) {
            out.add(ScenarioReader.read(Path.of("scenarios", f)));
        }
        return out;
    }

    private static Mutant find(List<Mutant> all, String file, String lineContains, String after) {
        return all.stream().filter(m -> m.file().equals(file) && m.original().contains(lineContains)
                && m.mutated().equals(m.original().replace(lineContains, after))).findFirst()
                .orElseThrow(() -> new AssertionError("no mutant " + lineContains + " → " + after + " in " + file));
    }

    /**
     * Every mutant of every shipped notice (each number and comparator of each condition and decision-table cell moved,
     * each rule deleted) makes one of its scenarios fail, or is listed as equivalent with its reason: the shipped
     * notices' mutation score is 100%.
     */
    @TestFactory
    Stream<DynamicTest> everyMutantOfAShippedNoticeIsKilledByItsScenariosOrListedAsEquivalent() throws Exception {
        PolicyRegistry registry = new PolicyRegistry(Fixtures.RULES, null);
        List<DynamicTest> tests = new ArrayList<>();
        for (var notice : registry.notices()) {
            if (notice.isShared() || !Fixtures.SHIPPED.contains(notice.id())) {
                continue; // an analyst's own notice is held to its mutants by `jixiao test --mutants`, not here
            }
            tests.add(DynamicTest.dynamicTest(notice.id(), () -> {
                PolicyFiles set = PolicyFiles.resolve(Fixtures.RULES.resolve(notice.id()));
                List<Scenario> scenarios = new ArrayList<>();
                for (Path f : ScenarioReader.find(List.of(Path.of("scenarios", notice.id())))) {
                    scenarios.add(ScenarioReader.read(f));
                }
                assertThat(scenarios).as(notice.id()).isNotEmpty();
                List<Mutant> all = Mutants.of(set);
                // one deletion per rule: as many as the compiled policy has rules
                assertThat(all.stream().filter(m -> m.kind().equals("delete")))
                        .hasSize(Fixtures.policy(set.folder()).rules().size());
                assertThat(all.stream().filter(m -> m.kind().equals("number"))).hasSizeGreaterThan(20);
                assertThat(all.stream().filter(m -> m.kind().equals("comparator"))).hasSizeGreaterThan(20);
                Map<String, String> equivalents = Mutants.equivalents(set);
                List<String> survivors = new ArrayList<>();
                int equivalent = 0;
                for (var r : Mutants.runAll(set, all, scenarios, () -> new ScenarioRunner(registry, new Scorer()),
                        equivalents)) {
                    Mutant m = r.mutant();
                    if (r.status() == Status.SURVIVED || r.status() == Status.STILLBORN) {
                        survivors.add(r.status() + " " + m.describe() + (r.detail() == null ? "" : ": " + r.detail()));
                    }
                    equivalent += r.status() == Status.EQUIVALENT ? 1 : 0;
                }
                assertThat(survivors).as(notice.id() + ": mutants no scenario notices").isEmpty();
                // every listed equivalent of this notice's files is one of its mutants: a stale listing hides nothing,
                // but its reason speaks of a line that is no longer there
                assertThat(Mutants.stale(equivalents, all)).as(notice.id() + ": stale equivalent listings").isEmpty();
                assertThat(equivalent).isLessThanOrEqualTo(equivalents.size());
            }));
        }
        return tests.stream();
    }

    @Test
    void aBoundaryNoScenarioSitsOnSurvivesUntilOneDoesAndAnEquivalentListedWithItsReasonIsNotASurvivor()
            throws Exception {
        PolicyFiles set = PolicyFiles.resolve(Fixtures.SHANGJIE);
        List<Mutant> all = Mutants.of(set);
        // the 优 band moved from 90 to 91
        Mutant raised = find(all, "shangjie-2021/00-parameters.drl.csv", ",10 通知参数,优,90,不限,", ",10 通知参数,优,91,不限,");
        assertThat(raised.line()).isEqualTo(lineOf(Fixtures.SHANGJIE.resolve("00-parameters.drl.csv"), ",10 通知参数,优,90,不限,"));
        assertThat(raised.describe()).startsWith("shangjie-2021/00-parameters.drl.csv:" + raised.line() + " `")
                .contains("优,90").contains("优,91").contains("` → `");
        ScenarioRunner runner = new ScenarioRunner(new PolicyRegistry(Fixtures.RULES, null), new Scorer());

        // the seed's 99.11 is 优 either way: nothing notices
        List<Scenario> seedOnly = scenarios("shangjie-2021/seed.scenario.json");
        assertThat(Mutants.run(set, raised, seedOnly, runner, Map.of()).status()).isEqualTo(Status.SURVIVED);
        // a total of exactly 90 notices it
        List<Scenario> withEdge = scenarios("shangjie-2021/seed.scenario.json",
                "shangjie-2021/total-90.scenario.json");
        var killed = Mutants.run(set, raised, withEdge, runner, Map.of());
        assertThat(killed.status()).isEqualTo(Status.KILLED);
        assertThat(killed.detail()).isEqualTo("total-90.scenario.json");

        // listed as equivalent (here only to see the file honoured), with a reason
        Path copy = tmp.resolve("rules/shangjie-2021");
        Fixtures.copyTree(Fixtures.SHANGJIE, copy);
        String entry = Mutants.entry(raised).replace("（为什么这一改动不会改变任何结果）", "测试用");
        Files.writeString(copy.resolve(Mutants.EQUIVALENT), "[" + entry + "]", StandardCharsets.UTF_8);
        PolicyFiles copied = PolicyFiles.resolve(copy);
        var eq = Mutants.run(copied, find(Mutants.of(copied), "shangjie-2021/00-parameters.drl.csv", ",10 通知参数,优,90,不限,",
                ",10 通知参数,优,91,不限,"), seedOnly, runner, Mutants.equivalents(copied));
        assertThat(eq.status()).isEqualTo(Status.EQUIVALENT);
        assertThat(eq.detail()).isEqualTo("测试用");
        // a listing without its reason is refused
        Files.writeString(copy.resolve(Mutants.EQUIVALENT), "[" + Mutants.entry(raised).replace(
                "（为什么这一改动不会改变任何结果）", "") + "]", StandardCharsets.UTF_8);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Mutants.equivalents(copied))
                .hasMessageContaining("reason");
    }

    /** A deleted rule is named in the mutant's line of the report (its name was once shown as blanks). */
    @Test
    void aDeletedRuleIsNamedByItsName() throws Exception {
        PolicyFiles set = PolicyFiles.resolve(Fixtures.SHANGJIE);
        java.util.Set<String> names = new java.util.HashSet<>();
        Fixtures.policy(Fixtures.SHANGJIE).rules().forEach(r -> names.add("“" + r.name() + "”"));
        List<Mutant> deletes = Mutants.of(set).stream().filter(m -> m.kind().equals("delete")).toList();
        assertThat(deletes).hasSizeGreaterThan(10);
        for (Mutant m : deletes) {
            assertThat(names).as(m.describe()).contains(m.original());
            assertThat(m.describe()).endsWith("rule deleted: " + m.original());
        }
    }

    @Test
    void numbersMoveByOneAndByOneStepOfTheirLastDecimalAndNeverBelowZero() {
        assertThat(neighbours("90")).containsExactlyInAnyOrder("91", "89");
        assertThat(neighbours("0")).containsExactly("1");
        assertThat(neighbours("0.5")).containsExactlyInAnyOrder("1.5", "0.6", "0.4");
        assertThat(neighbours("99.5")).containsExactlyInAnyOrder("100.5", "98.5", "99.6", "99.4");
    }

    @Test
    void everyComparatorOfAConditionIsFlippedAndStringsAndCommentsAreLeftAlone() throws Exception {
        PolicyFiles set = PolicyFiles.resolve(Fixtures.SHANGJIE);
        List<Mutant> all = Mutants.of(set);
        Mutant ge = find(all, "common/31-quantitative.drl", "actual.number >= target.number",
                "actual.number > target.number");
        assertThat(ge.kind()).isEqualTo("comparator");
        // numbers inside strings ("≥95%") and comments are never mutated
        assertThat(all).noneMatch(m -> m.kind().equals("number") && m.original().startsWith("//"));
        assertThat(all).noneMatch(m -> m.mutated().contains("“≥96%”") || m.mutated().contains("“≥94%”"));
        // a consequence's numbers and comparisons are, and a function's body (the order a 100 is stated in a finding,
        // the place a rate is rounded to, a deadline's comparison)
        assertThat(find(all, "common/40-totals.drl", "new BigDecimal(100), $sum", "new BigDecimal(101), $sum").kind())
                .isEqualTo("number");
        assertThat(find(all, "common/31-quantitative.drl", "score.signum() == 0", "score.signum() == 1").kind())
                .isEqualTo("number");
        assertThat(find(all, "common/01-functions.drl", "denominator.signum() <= 0", "denominator.signum() < 0").kind())
                .isEqualTo("comparator");
        assertThat(find(all, "common/01-functions.drl", "Num.round(x, 2)", "Num.round(x, 3)").kind())
                .isEqualTo("number");
    }

    /**
     * Order between rules is the phases': each rule is moved to the neighbouring phase, run first and then last there.
     * The department's declaration that zeroes a category not applicable, run before the merge of 可持续性指标 into
     * 效益指标 (first in 20), is noticed by the seed (可持续性指标 is zeroed instead of moved: 效益指标 20, not 30); run
     * last in 20 it keeps its order and changes nothing, which is what an equivalent entry then says.
     */
    @Test
    void eachRuleIsMovedAcrossItsPhaseBoundaryFirstAndLastAndAMoveThatChangesTheOrderIsKilled() throws Exception {
        PolicyFiles set = PolicyFiles.resolve(Fixtures.SHANGJIE);
        String zeroing = "“其他一级指标声明不适用的，分值清零并提示部门调整其他指标分值”";
        List<Mutant> moves = Mutants.of(set).stream()
                .filter(m -> m.kind().equals("phase") && m.original().startsWith(zeroing)).toList();
        assertThat(moves).extracting(Mutant::mutated).containsExactlyInAnyOrder(
                zeroing + " ruleflow-group \"20 分值调整\" salience 1000",
                zeroing + " ruleflow-group \"20 分值调整\" salience -1000");
        ScenarioRunner runner = new ScenarioRunner(new PolicyRegistry(Fixtures.RULES, null), new Scorer());
        List<Scenario> seedOnly = scenarios("shangjie-2021/seed.scenario.json");
        for (Mutant m : moves) {
            Status expected = m.mutated().endsWith(" 1000") ? Status.KILLED : Status.SURVIVED;
            assertThat(Mutants.run(set, m, seedOnly, runner, Map.of()).status()).as(m.describe()).isEqualTo(expected);
        }
        // a file of one phase has no boundary to move across
        assertThat(Mutants.of(set)).noneMatch(m -> m.kind().equals("phase") && m.file().endsWith("60-review.drl"));
    }

    /** A salience, where an analyst keeps one, is a mutant too: removed, and negated. */
    @Test
    void aSalienceIsRemovedAndNegated() throws Exception {
        Path copy = tmp.resolve("rules/shangjie-2021");
        Fixtures.copyTree(Fixtures.SHANGJIE, copy);
        Path f = copy.resolve("62-reasons.drl"); // the shared file, replaced in the notice's folder by a copy
        String text = Files.readString(Fixtures.RULES.resolve("common/62-reasons.drl"), StandardCharsets.UTF_8);
        Files.writeString(f, text.replaceFirst("(ruleflow-group \"60 复核\")", "$1\n    salience 5"),
                StandardCharsets.UTF_8);
        List<Mutant> sal = Mutants.of(PolicyFiles.resolve(copy)).stream()
                .filter(m -> m.kind().equals("salience")).toList();
        assertThat(sal).extracting(Mutant::mutated).containsExactlyInAnyOrder("", "salience -5");
        assertThat(sal).allMatch(m -> m.original().equals("salience 5"));
    }

    private static List<String> neighbours(String n) {
        return Mutants.neighbours(n);
    }

    private static int lineOf(Path f, String text) throws Exception {
        List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text);
    }
}
