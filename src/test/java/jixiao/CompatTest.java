package jixiao;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jixiao.engine.PolicyRegistry;
import jixiao.engine.Scorer;
import jixiao.scenario.ScenarioReader;
import jixiao.scenario.ScenarioRunner;
import org.junit.jupiter.api.Test;

/**
 * Analysts' folders keep working: the shipped notices as they were before notices could build on a base (frozen
 * under src/test/resources/compat/), with their scenarios, still score the same with today's host.
 */
class CompatTest {

    private static final Path COMPAT = Path.of("src/test/resources/compat");

    @Test
    void foldersWrittenForTheHostBeforeLayeringStillPassTheirScenarios() throws Exception {
        PolicyRegistry registry = new PolicyRegistry(COMPAT.resolve("rules"), null);
        assertThat(registry.noticeIds()).containsExactly("mof-2020-project", "shangjie-2021");
        ScenarioRunner runner = new ScenarioRunner(registry, new Scorer());
        List<Path> files = ScenarioReader.find(List.of(COMPAT.resolve("scenarios")));
        assertThat(files).hasSizeGreaterThan(100);
        List<String> failed = new ArrayList<>();
        for (Path f : files) {
            ScenarioRunner.Outcome o = runner.run(f);
            assertThat(o.policy()).as(f.toString()).isNotNull();
            assertThat(o.policy().folder().toAbsolutePath().normalize())
                    .startsWith(COMPAT.resolve("rules").toAbsolutePath().normalize());
            if (o.status() != ScenarioRunner.Status.PASSED) {
                failed.add(f + ": " + o.status() + " " + o.mismatches() + " " + o.error());
            }
        }
        assertThat(failed).isEmpty();
    }
}
