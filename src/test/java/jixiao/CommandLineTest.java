package jixiao;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import jixiao.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as an analyst uses it, run in-process. */
class CommandLineTest {

    @TempDir
    Path tmp;

    @Test
    void scoreTextReportShowsTotalsRulesAndFindings() {
        Fixtures.Run run = Fixtures.cli("score", Fixtures.SEED.toString());
        assertThat(run.exit()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out())
                .contains("郑州市上街区司法局机关")
                .contains("总分  99.11 分（自评 99）")
                .contains("等级  优（自评 优）")
                .contains("〔越高越好的定量指标未达到指标值的，按完成值与指标值之比计分〕")
                .contains("2 × 50 ÷ 90 = 1.11")
                .contains("[提示 自评得分与重算不符 SELF_SCORE_DIFFERS] 投入管理指标/预算和财务管理/政府采购执行率")
                .contains("[提示 自评总分与重算不符 TOTAL_DIFFERS]")
                .contains("可持续性指标不适用，其10分并入效益指标");
    }

    @Test
    void scoreJsonHasTheFieldsLaterToolsRelyOn() throws Exception {
        Fixtures.Run run = Fixtures.cli("score", Fixtures.SEED.toString(), "--format", "json");
        assertThat(run.exit()).isZero();
        JsonNode j = new ObjectMapper().readTree(run.out());
        assertThat(j.get("notice").asText()).isEqualTo("shangjie-2021");
        assertThat(j.get("total").decimalValue()).isEqualByComparingTo("99.11");
        assertThat(j.get("grade").asText()).isEqualTo("优");
        assertThat(j.get("claimedTotal").decimalValue()).isEqualByComparingTo("99");
        JsonNode benefit = null;
        for (JsonNode c : j.get("categories")) {
            if (c.get("name").asText().equals("效益指标")) {
                benefit = c;
            }
        }
        assertThat(benefit.get("weight").asInt()).isEqualTo(30);
        assertThat(benefit.get("score").decimalValue()).isEqualByComparingTo("30");
        assertThat(benefit.get("rule").asText()).isNotBlank();
        JsonNode procurement = null;
        for (JsonNode i : j.get("indicators")) {
            if (i.get("name").asText().equals("政府采购执行率")) {
                procurement = i;
            }
        }
        assertThat(procurement.get("category").asText()).isEqualTo("投入管理指标");
        assertThat(procurement.get("group").asText()).isEqualTo("预算和财务管理");
        assertThat(procurement.get("points").asInt()).isEqualTo(2);
        assertThat(procurement.get("score").toString()).isEqualTo("1.11");
        assertThat(procurement.get("claimed").asInt()).isEqualTo(1);
        assertThat(procurement.get("rule").asText()).isNotBlank();
        assertThat(procurement.get("explanation").asText()).contains("1.11");
        assertThat(j.get("findings")).hasSize(5);
        for (JsonNode f : j.get("findings")) {
            assertThat(f.get("severity").asText()).isEqualTo("warning");
            assertThat(f.get("code").asText()).isIn("SELF_SCORE_DIFFERS", "TOTAL_DIFFERS", "TASK_RATE_INCONSISTENT",
                    "TASKS_NOT_PROJECT_TOTAL", "ADJUSTMENT_RATE_INCONSISTENT");
            assertThat(f.get("rule").asText()).isNotBlank();
            if (f.get("subject").isNull()) { // about the whole submission, e.g. TOTAL_DIFFERS
                assertThat(f.get("subjectKind").isNull()).isTrue();
                continue;
            }
            assertThat(f.get("subjectKind").asText()).isIn("indicator", "task", "budgetLine", "category");
            if (f.get("subjectKind").asText().equals("indicator")) {
                assertThat(f.get("indicator").asText()).isEqualTo(f.get("subject").asText());
            } else {
                assertThat(f.has("indicator")).as("indicator is only for indicators").isFalse();
            }
            assertThat(f.get("message").asText()).isNotBlank();
        }
        assertThat(j.get("findings").findValuesAsText("jsonPath")).contains("$.indicators[11]", "$.tasks[4]");
        assertThat(j.get("findings").findValuesAsText("subjectKind")).contains("indicator", "task");
    }

    @Test
    void theSameInputGivesByteIdenticalJson() {
        String a = Fixtures.cli("score", Fixtures.SEED.toString(), "--format", "json").out();
        String b = Fixtures.cli("score", Fixtures.SEED.toString(), "--format", "json").out();
        assertThat(a).isEqualTo(b);
    }

    @Test
    void outIsWrittenWholeAndABadFileInTheBatchDoesNotLoseTheOthers() throws Exception {
        Path bad = tmp.resolve("bad.json");
        Files.writeString(bad, "{\"notice\": \"shangjie-2021\", \"indicators\": [", StandardCharsets.UTF_8);
        Path out = tmp.resolve("out/results.jsonl");
        Fixtures.Run run = Fixtures.cli("score", Fixtures.SEED.toString(), bad.toString(), Fixtures.MINIMAL.toString(),
                "--format", "json", "--out", out.toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("bad.json").contains("2 scored, 1 failed").doesNotContain("\tat ");
        assertThat(Files.readAllLines(out)).hasSize(2).allSatisfy(l -> assertThat(l).startsWith("{\"id\":"));
        try (var files = Files.list(out.getParent())) {
            assertThat(files).hasSize(1); // no temp file left behind
        }
    }

    @Test
    void anUnknownNoticeListsTheKnownOnes() throws Exception {
        Path f = tmp.resolve("other.json");
        Files.writeString(f, Files.readString(Fixtures.MINIMAL).replace("\"shangjie-2021\"", "\"nowhere-1999\""));
        Fixtures.Run run = Fixtures.cli("score", f.toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("$.notice").contains("unknown notice \"nowhere-1999\"").contains("shangjie-2021");
        Files.writeString(f, Files.readString(Fixtures.MINIMAL).replace("\"shangjie-2021\"", "\"../rules\""));
        assertThat(Fixtures.cli("score", f.toString()).err()).contains("is not a notice id");
    }

    /** A run that names a command builds only that command (start-up); help and mistakes still see every command. */
    @Test
    void everyCommandIsListedAndANamedCommandKeepsTheSettingsOfTheWhole() {
        Fixtures.Run usage = Fixtures.cli("--help");
        assertThat(usage.exit()).isZero();
        String commands = usage.out().substring(usage.out().indexOf("Commands:"));
        java.util.List<String> names = java.util.List.of("score", "test", "compare", "notices", "check-rules", "pin",
                "serve", "import", "table", "draft", "publish", "history", "policy", "bench", "help");
        int at = 0;
        for (String n : names) { // all of them, in this order
            int i = commands.indexOf("\n  " + n + " ");
            assertThat(i).as(n).isGreaterThan(at);
            at = i;
        }
        assertThat(Fixtures.cli("help", "score").out()).startsWith("Usage: jixiao score ");
        Fixtures.Run typo = Fixtures.cli("scor", Fixtures.SEED.toString());
        assertThat(typo.exit()).isEqualTo(Main.BAD_INPUT);
        assertThat(typo.err()).contains("Did you mean: jixiao score");
        // enum values are read case-insensitively in the command added alone, as in the whole
        Fixtures.Run upper = Fixtures.cli("score", "--format", "JSONL", Fixtures.SEED.toString());
        assertThat(upper.exit()).isZero();
        assertThat(upper.out()).startsWith("{\"id\":\"shangjie-justice-2021\"");
    }

    @Test
    void noticesListsThePolicyFolders() {
        Fixtures.Run run = Fixtures.cli("notices", "--rules-root", "rules");
        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("shangjie-2021").contains("部门整体绩效自评");
    }

    @Test
    void checkRulesListsPhasesInOrder() {
        Fixtures.Run run = Fixtures.cli("check-rules", Fixtures.SHANGJIE.toString());
        assertThat(run.exit()).isZero();
        // every phase is there, and in this order (a missing phase fails: indexOf's -1 is never compared)
        assertThat(run.out()).containsSubsequence("10 通知参数", "20 分值调整", "30 指标计分", "40 一级指标得分",
                "45 总分", "50 等级", "60 复核");
    }
}
