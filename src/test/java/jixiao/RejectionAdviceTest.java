package jixiao;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import jixiao.engine.PolicyRegistry;
import jixiao.engine.Scorer;
import jixiao.scenario.ScenarioRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Advice in a rejection must work: for every code a notice rejects with (退回), a scenario follows the advice its
 * message gives ("advice": the last changes) and shows that the submission is then scored — and, run without those
 * changes, that it was rejected with that code.
 */
class RejectionAdviceTest {

    private static final Pattern REJECT = Pattern.compile("Finding\\(\"reject\",\\s*\"([A-Z_]+)\"");
    private static final Pattern TABLE_REJECT = Pattern.compile("(?m),([A-Z_]+),reject\\s*$");

    @ParameterizedTest
    @ValueSource(strings = {"shangjie-2021", "mof-2020-project"})
    void everyRejectionOfANoticeHasAScenarioFollowingItsAdvice(String notice) throws Exception {
        Set<String> codes = new TreeSet<>();
        // the notice's own files and those of its bases: a finding written as a rejection in DRL, or a row of the
        // notice's 提示级别 table that makes a code a rejection
        for (var f : jixiao.engine.PolicyFiles.resolve(Path.of("rules", notice)).files()) {
            Matcher m = (f.name().endsWith(".csv") ? TABLE_REJECT : REJECT).matcher(f.text());
            while (m.find()) {
                codes.add(m.group(1));
            }
        }
        assertThat(codes).hasSizeGreaterThanOrEqualTo(9).contains("POINTS_NOT_EQUAL_WEIGHT", "NOTICE_NOT_FOR_YEAR");
        Set<String> followed = new TreeSet<>();
        ObjectMapper mapper = new ObjectMapper();
        try (Stream<Path> s = Files.list(Path.of("scenarios", notice))) {
            for (Path f : s.filter(p -> p.getFileName().toString().startsWith("advice-")).toList()) {
                JsonNode sc = mapper.readTree(Files.readString(f));
                assertThat(sc.path("advice").asInt()).as(f + " says how many changes follow the advice").isPositive();
                sc.path("expect").path("noFindings").forEach(n -> followed.add(n.isTextual() ? n.asText()
                        : n.path("code").asText()));
            }
        }
        assertThat(followed).as("rejections of " + notice + " with a scenario following their advice")
                .containsAll(codes);
    }

    @Test
    void anAdviceScenarioFailsWhenItsChangesDoNotRemoveTheRejection() throws Exception {
        // the old advice of the project notice (declare adjusted weights) is ignored by that notice
        Path dir = Files.createTempDirectory("advice");
        Path sc = dir.resolve("wrong-advice.scenario.json");
        Files.writeString(sc, """
                {"submission": "%s",
                 "changes": [ {"indicator": "调处成功率", "set": {"points": 20, "claimed": 20}},
                              {"set": {"categories": [{"name": "产出指标", "weight": 55}, {"name": "效益指标", "weight": 25}]}} ],
                 "advice": 1,
                 "expect": {"noFindings": ["POINTS_NOT_EQUAL_WEIGHT"]}}
                """.formatted(Path.of("scenarios/mof-2020-project/example-mediation-2021.json").toAbsolutePath()));
        ScenarioRunner.Outcome o = new ScenarioRunner(new PolicyRegistry(Path.of("rules")), new Scorer()).run(sc);
        assertThat(o.status()).isEqualTo(ScenarioRunner.Status.FAILED);
    }
}
