package jixiao;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import jixiao.engine.PolicyRegistry;
import jixiao.engine.Scorer;
import jixiao.scenario.ScenarioReader;
import jixiao.scenario.ScenarioRunner;
import jixiao.scenario.ScenarioRunner.Outcome;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every analyst scenario under scenarios/ is a test; and together they make every rule fire. */
class ScenarioSuiteTest {

    static final ScenarioRunner RUNNER = new ScenarioRunner(new PolicyRegistry(Fixtures.RULES), new Scorer());

    @TestFactory
    Stream<DynamicTest> everyScenarioPasses() throws Exception {
        List<Path> files = ScenarioReader.find(List.of(Fixtures.SCENARIOS));
        assertThat(files).hasSizeGreaterThanOrEqualTo(20);
        return files.stream().map(f -> DynamicTest.dynamicTest(Fixtures.SCENARIOS.relativize(f).toString(), () -> {
            Outcome o = RUNNER.run(f);
            assertThat(o.status()).as(() -> o.error() != null ? o.error() : o.mismatches().stream()
                    .map(m -> m.field() + ": expected " + m.expected() + ", actual " + m.actual())
                    .collect(Collectors.joining("\n"))).isEqualTo(ScenarioRunner.Status.PASSED);
        }));
    }

    @Test
    void theScenariosMakeEveryRuleOfEveryPolicyFire() throws Exception {
        List<Outcome> outcomes = new ArrayList<>();
        for (Path f : ScenarioReader.find(List.of(Fixtures.SCENARIOS))) {
            outcomes.add(RUNNER.run(f));
        }
        List<ScenarioRunner.Coverage> coverage = ScenarioRunner.coverage(outcomes);
        assertThat(coverage).isNotEmpty();
        for (ScenarioRunner.Coverage c : coverage) {
            if (!Fixtures.SHIPPED.contains(c.policy().id())) {
                continue; // an analyst's own notice: its coverage is `jixiao test --coverage`, not this test's
            }
            assertThat(c.unfired()).as("rules of " + c.policy().folder() + " that no scenario makes fire").isEmpty();
        }
    }
}
