package jixiao;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jixiao test}: what an analyst sees when scenarios pass, fail or are broken; recording; coverage. */
class ScenarioCommandTest {

    @TempDir
    Path tmp;

    private Path scenario(String name, String json) throws Exception {
        Path f = tmp.resolve(name + ".scenario.json");
        Files.writeString(f, json, StandardCharsets.UTF_8);
        return f;
    }

    private String seedRef() {
        return Fixtures.SEED.toAbsolutePath().toString().replace("\\", "/");
    }

    @Test
    void aFailingScenarioShowsFieldExpectedActualAndTheRulesThatFired() throws Exception {
        scenario("wrong", """
                { "description": "deliberately wrong", "submission": "%s",
                  "expect": { "total": 99.11, "indicators": { "政府采购执行率": 1.2 }, "grade": "良" } }
                """.formatted(seedRef()));
        scenario("right", """
                { "submission": "%s", "expect": { "total": 99.11, "grade": "优" } }
                """.formatted(seedRef()));
        Fixtures.Run run = Fixtures.cli("test", tmp.toString());
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out())
                .contains("FAIL")
                .contains("指标“政府采购执行率”的得分（indicators[\"政府采购执行率\"].score）：期望 1.2，实际 1.11")
                .contains("为它触发的规则：")
                .contains("越高越好的定量指标未达到指标值的，按完成值与指标值之比计分")
                .contains("等级（grade）：期望 良，实际 优")
                .contains("PASS")
                .endsWith("1 passed, 1 failed" + System.lineSeparator());
    }

    /**
     * What a result says for itself is checked too: an indicator's, a category's or the total's explanation, whole
     * ({@code explanation}) or in part ({@code says}); a finding's words and its two numbers. The seed's 政府采购执行率 is
     * 2 × 50 ÷ 90 = 1.11 (claimed 1): a finding SELF_SCORE_DIFFERS with claimed 1 and recomputed 1.11.
     */
    @Test
    void theWordsAndNumbersAResultGivesAreCheckedWhenAScenarioStatesThem() throws Exception {
        scenario("right", """
                { "submission": "%s", "expect": {
                    "total": { "score": 99.11, "explanation": "4个一级指标得分之和99.11分" },
                    "indicators": { "政府采购执行率": { "score": 1.11, "says": ["2 × 50 ÷ 90 = 1.11", "未达到指标值"] } },
                    "categories": { "效益指标": { "says": "5项三级指标得分之和30分" } },
                    "findings": [ { "code": "SELF_SCORE_DIFFERS", "claimed": 1, "recomputed": 1.11,
                                    "says": "自评得分1分，重算得分1.11分" } ] } }
                """.formatted(seedRef()));
        scenario("wrong", """
                { "submission": "%s", "expect": {
                    "total": { "explanation": "4个一级指标得分之和99.1分" },
                    "indicators": { "政府采购执行率": { "says": "2 × 50 ÷ 90 = 1.1（" } },
                    "findings": [ { "code": "SELF_SCORE_DIFFERS", "recomputed": 1.1 } ] } }
                """.formatted(seedRef()));
        scenario("misspelt", """
                { "submission": "%s", "expect": { "total": { "scroe": 99.11 } } }
                """.formatted(seedRef()));
        Fixtures.Run run = Fixtures.cli("test", tmp.toString());
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out())
                .contains("PASS    " + tmp.resolve("right.scenario.json"))
                .contains("总分的说明（total.explanation）：期望 4个一级指标得分之和99.1分，实际 4个一级指标得分之和99.11分")
                .contains("指标“政府采购执行率”的说明（indicators[\"政府采购执行率\"].says）：期望 说明中有“2 × 50 ÷ 90 = 1.1（”")
                .contains("一条提示 {\"code\":\"SELF_SCORE_DIFFERS\",\"recomputed\":1.1}")
                .contains("$.expect.total.scroe: unknown expectation \"scroe\"; expected one of: explanation, says, score")
                .contains("1 passed, 2 failed");
    }

    /**
     * A misspelt key inside an expectation ("weigth", "scroe", {"cod": …}) checked nothing, and the scenario passed;
     * it is now a broken scenario naming the key and the keys that are checked.
     */
    @Test
    void aMisspeltKeyInsideAnExpectationIsRefusedNotIgnored() throws Exception {
        scenario("weight", ("{ \"submission\": \"%s\", \"expect\": { \"categories\": { \"效益指标\": { \"weigth\": 99 } } } }")
                .formatted(seedRef()));
        scenario("score", ("{ \"submission\": \"%s\", \"expect\": { \"indicators\": { \"决算真实性\": { \"scroe\": 5 } } } }")
                .formatted(seedRef()));
        scenario("finding", "{ \"submission\": \"%s\", \"expect\": { \"findings\": [ { \"cod\": \"X\" } ] } }"
                .formatted(seedRef()));
        scenario("empty", "{ \"submission\": \"%s\", \"expect\": { \"noFindings\": [ {} ] } }".formatted(seedRef()));
        Fixtures.Run run = Fixtures.cli("test", tmp.toString());
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).contains("$.expect.categories[\"效益指标\"].weigth: unknown expectation \"weigth\"; "
                        + "expected one of: applicable, explanation, says, score, weight, weightRules")
                .contains("$.expect.indicators[\"决算真实性\"].scroe: unknown expectation \"scroe\"")
                .contains("$.expect.findings[0].cod: unknown expectation \"cod\"")
                .contains("$.expect.noFindings[0]: an empty object would match any finding")
                .contains("0 passed, 4 failed");
    }

    @Test
    void aBrokenScenarioIsReportedAndTheOthersStillRun() throws Exception {
        scenario("broken", "{ \"submission\": \"nowhere.json\", \"expect\": { \"total\": 1 } }");
        scenario("typo", "{ \"submission\": \"x.json\", \"expected\": {} }");
        scenario("right", "{ \"submission\": \"%s\", \"expect\": { \"grade\": \"优\" } }".formatted(seedRef()));
        Fixtures.Run run = Fixtures.cli("test", tmp.toString());
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).contains("BROKEN").contains("nowhere.json").contains("unknown field \"expected\"")
                .contains("1 passed, 2 failed");
    }

    @Test
    void changesEditTheSubmissionBeforeScoring() throws Exception {
        scenario("changed", """
                { "submission": "%s",
                  "changes": [ { "indicator": "政府采购执行率", "set": { "actual": "90%%" } },
                               { "set": { "claimedTotal": 100 } } ],
                  "expect": { "total": 100, "indicators": { "政府采购执行率": 2 },
                              "findings": [ "SELF_SCORE_DIFFERS" ], "noFindings": [ "TOTAL_DIFFERS" ] } }
                """.formatted(seedRef()));
        Fixtures.Run run = Fixtures.cli("test", tmp.toString());
        assertThat(run.out()).contains("1 passed, 0 failed");
        assertThat(run.exit()).isZero();
    }

    @Test
    void recordWritesAScenarioThatPasses() throws Exception {
        Path sub = tmp.resolve("dept.json");
        Files.copy(Fixtures.SEED, sub);
        Fixtures.Run rec = Fixtures.cli("test", "--record", sub.toString());
        assertThat(rec.exit()).isZero();
        Path written = tmp.resolve("dept.scenario.json");
        JsonNode j = new ObjectMapper().readTree(written.toFile());
        assertThat(j.get("submission").asText()).isEqualTo("dept.json");
        assertThat(j.at("/expect/total").decimalValue()).isEqualByComparingTo("99.11");
        assertThat(j.at("/expect/indicators/投入管理指标~1预算和财务管理~1政府采购执行率").decimalValue())
                .isEqualByComparingTo("1.11");
        assertThat(Fixtures.cli("test", "--record", sub.toString()).exit()).isEqualTo(2); // exists: not overwritten
        Fixtures.Run run = Fixtures.cli("test", written.toString());
        assertThat(run.out()).contains("1 passed, 0 failed");
    }

    @Test
    void coverageNamesTheRulesNoScenarioFired() throws Exception {
        scenario("only-seed", "{ \"submission\": \"%s\", \"expect\": { \"grade\": \"优\" } }".formatted(seedRef()));
        Fixtures.Run run = Fixtures.cli("test", "--coverage", tmp.toString());
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).contains("never fired: 预算执行率的分值不得调整").contains("1 passed, 0 failed");
        // the seed is 优: no scenario here is given 良, 中 or 差 (the bands' rows fire anyway, so they are asked apart)
        assertThat(run.out()).contains("grade never given: 良").contains("grade never given: 中")
                .contains("grade never given: 差").doesNotContain("grade never given: 优");
    }

    @Test
    void theShippedSuitePassesWithFullCoverage() throws Exception {
        // the shipped notices alone (an analyst's own folder under rules/ is no concern of this test)
        java.nio.file.Path root = tmp.resolve("shipped-rules");
        for (String n : Fixtures.SHIPPED) {
            Fixtures.copyTree(Fixtures.RULES.resolve(n), root.resolve(n));
        }
        Fixtures.Run run = Fixtures.cli(java.util.stream.Stream.concat(java.util.stream.Stream.of("test", "--coverage",
                "--rules-root", root.toString()), Fixtures.SHIPPED.stream().map(n -> "scenarios/" + n))
                .toArray(String[]::new));
        assertThat(run.out()).doesNotContain("never fired").contains(" 0 failed");
        assertThat(run.exit()).isZero();
    }

    @Test
    void aNoticeWithoutScenariosFailsTheWholeRunAndEachLineNamesThePolicyThatScoredIt() throws Exception {
        java.nio.file.Path root = tmp.resolve("rules");
        Fixtures.copyTree(Fixtures.SHANGJIE, root.resolve("shangjie-2021"));
        Fixtures.copyTree(Fixtures.RULES.resolve("mof-2020-project"), root.resolve("mof-2020-project"));
        java.nio.file.Path copied = root.resolve("draft-without-scenarios");
        Fixtures.copyTree(Fixtures.SHANGJIE, copied);
        java.nio.file.Path meta = copied.resolve("notice.json");
        java.nio.file.Files.writeString(meta, java.nio.file.Files.readString(meta)
                .replace("\"id\": \"shangjie-2021\"", "\"id\": \"draft-without-scenarios\""));
        Fixtures.Run run = Fixtures.cli("test", "--rules-root", root.toString());
        assertThat(run.exit()).as("the scenarios pass, but draft-without-scenarios has none").isEqualTo(1);
        assertThat(run.out()).contains("no scenario is scored by the notice draft-without-scenarios")
                .containsPattern("PASS +scenarios/shangjie-2021/seed.scenario.json +\\[shangjie-2021 [0-9a-f]{8}\\]");
        // last year's cases under the new notice: which does it change?
        Fixtures.Run under = Fixtures.cli("test", "--rules-root", root.toString(), "--rules", "draft-without-scenarios",
                "scenarios/shangjie-2021/seed.scenario.json");
        assertThat(under.exit()).as(under.out()).isZero();
        assertThat(under.out()).containsPattern("PASS .*\\[draft-without-scenarios [0-9a-f]{8}\\]");
    }
}
