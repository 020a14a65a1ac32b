package jixiao;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jixiao.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What Drools compiles from a decision table in silence is reported by check-rules, with the row and the column: an
 * ACTION cell left empty (the 部分达成 tier never inserted), a {@code $2} the cell does not have, a row that can never
 * match. The shipped notices have none.
 */
class DecisionTableTrapsTest {

    @TempDir
    Path tmp;

    private Path copyWith(String from, String to) throws Exception {
        Path rules = tmp.resolve("rules");
        Fixtures.copyTree(Fixtures.SHANGJIE, rules.resolve("shangjie-2021"));
        Path csv = rules.resolve("shangjie-2021/00-parameters.drl.csv");
        String text = Files.readString(csv, StandardCharsets.UTF_8);
        assertThat(text).contains(from);
        Files.writeString(csv, text.replace(from, to), StandardCharsets.UTF_8);
        Fixtures.pin(rules, "shangjie-2021");
        return rules.resolve("shangjie-2021");
    }

    @Test
    void theShippedNoticesHaveNone() {
        for (String id : Fixtures.SHIPPED) {
            Fixtures.Run run = Fixtures.cli("check-rules", Fixtures.RULES.resolve(id).toString());
            assertThat(run.exit()).as(id + run.err()).isEqualTo(Main.OK);
            assertThat(run.err()).doesNotContain("without a word");
        }
    }

    @Test
    void anEmptyActionCellIsNamed() throws Exception {
        Path folder = copyWith("部分达成,部分达成预期指标并具有一定效果,60,含,80,不含", "部分达成,部分达成预期指标并具有一定效果,60,含,80,");
        Fixtures.Run run = Fixtures.cli("check-rules", folder.toString());
        assertThat(run.exit()).isEqualTo(Main.BAD_RULES);
        int row = lineOf(folder.resolve("00-parameters.drl.csv"), "部分达成,部分达成预期指标并具有一定效果,60,含,80,");
        assertThat(run.err()).contains("00-parameters.drl.csv:" + row).contains("决策表 定性指标档次")
                .contains("“含上限否”一栏（ACTION）是空的").contains("insert(new Tier(");
    }

    @Test
    void aDollarTwoTheCellDoesNotHaveIsNamed() throws Exception {
        Path folder = copyWith("\"String 说明 = \"\"$param\"\";\"", "\"String 说明 = \"\"$2\"\";\"");
        Fixtures.Run run = Fixtures.cli("check-rules", folder.toString());
        assertThat(run.exit()).isEqualTo(Main.BAD_RULES);
        assertThat(run.err()).contains("用到 $2，而这一格只有 1 个值（“达成预期指标”）");
    }

    /** A table written with bounds as conditions (as older notices wrote their grades): a row no total can match. */
    @Test
    void aRowThatCanNeverMatchIsNamed() throws Exception {
        Path folder = copyWith("注4：等级良的总分区间,", "注4：等级良的总分区间,");
        Path csv = folder.resolve("00-parameters.drl.csv");
        Files.writeString(csv, Files.readString(csv, StandardCharsets.UTF_8) + String.join("\n",
                "RuleTable 旧式等级",
                "NAME,RULEFLOW-GROUP,CONDITION,CONDITION,ACTION",
                ",,$t : TotalScore,TotalScore,",
                ",,score >= $paramB,score < $paramB,\"insert(new Finding(\"\"info\"\", \"\"BAND\"\", null, \"\"$param\"\"));\"",
                "规则名称,阶段,总分不低于,总分低于,说明",
                "旧式：良,50 等级,95,90,良",
                ",", ""), StandardCharsets.UTF_8);
        Fixtures.Run run = Fixtures.cli("check-rules", folder.toString());
        assertThat(run.exit()).isEqualTo(Main.BAD_RULES);
        assertThat(run.err()).contains("决策表 旧式等级").contains("没有 score 能既不低于 95又小于 90")
                .contains("永远不会匹配");
    }

    /**
     * A misspelt code in the 提示级别 table compiles and changes nothing: TIER_REQURED at reject leaves TIER_REQUIRED a
     * mere error, so a table the notice sends back would be scored and graded. check-rules names the row and the code
     * it meant (it passed before: two scenarios happened to catch it).
     */
    @Test
    void aMisspeltCodeInTheLevelsTableIsNamedWithTheCodeItMeant() throws Exception {
        Path folder = copyWith(",10 通知参数,TIER_REQUIRED,reject", ",10 通知参数,TIER_REQURED,reject");
        Fixtures.Run run = Fixtures.cli("check-rules", folder.toString());
        assertThat(run.exit()).isEqualTo(Main.BAD_RULES);
        assertThat(run.err()).containsPattern("00-parameters\\.drl\\.csv:\\d+: 提示级别表写了代码 TIER_REQURED")
                .contains("是不是 TIER_REQUIRED？");
    }

    /**
     * A shared rule reads a notice's words (措辞) by name. A row misspelt, or left out, compiles and the rule never fires:
     * a 退回 for points that do not add up would never happen. check-rules refuses it, naming the rule's file and line, the
     * parameter, and the row that is likely the misspelt one.
     */
    @Test
    void aWordedParameterARuleReadsAndNoRowGivesIsRefusedNotSilentlySkipped() throws Exception {
        Path folder = copyWith(",10 通知参数,分值不符时的建议,", ",10 通知参数,分值不符的建议,");
        Fixtures.Run run = Fixtures.cli("check-rules", folder.toString());
        assertThat(run.exit()).isEqualTo(Main.BAD_RULES);
        assertThat(run.err()).contains("规则读的通知参数，本通知没有给出")
                .containsPattern("common/41-indicator-points\\.drl:\\d+: 规则读通知参数“分值不符时的建议”")
                .contains("是不是 分值不符的建议？");
        Fixtures.Run shipped = Fixtures.cli("check-rules", Fixtures.SHANGJIE.toString());
        assertThat(shipped.exit()).as(shipped.err()).isEqualTo(Main.OK);
        assertThat(shipped.err()).doesNotContain("规则读的通知参数");
    }

    /**
     * A weight edited in its cell while the rule's name still states the old one: the scores follow the cell, and the
     * reports show the stale name beside them. A warning (exit 0) naming the row and the number.
     */
    @Test
    void aRuleNameStatingANumberItsRowNoLongerHoldsIsAWarning() throws Exception {
        Path folder = copyWith(",产出指标,4,30,", ",产出指标,4,35,");
        Fixtures.Run run = Fixtures.cli("check-rules", folder.toString());
        assertThat(run.exit()).as(run.err()).isEqualTo(Main.OK);
        assertThat(run.err()).containsPattern("00-parameters\\.drl\\.csv:\\d+: 决策表 一级指标默认分值 的规则“注1：一级指标产出指标默认30分”："
                + "名称写的 30 不在这一行的任何一格里");
        Fixtures.Run shipped = Fixtures.cli("check-rules", Fixtures.SHANGJIE.toString());
        assertThat(shipped.err()).doesNotContain("名称写的数字");
    }

    /** A year in a name (注4（2022）) is not a figure the row should hold: an analyst's next notice was warned of it. */
    @Test
    void aYearInARuleNameIsNoStatedNumber() throws Exception {
        Fixtures.Run year = Fixtures.cli("check-rules", copyWith("注4：等级优的总分区间", "注4（2022）：等级优的总分区间")
                .toString());
        assertThat(year.exit()).as(year.err()).isZero();
        assertThat(year.err()).doesNotContain("名称写的");
    }

    /** The line (from 1) of the first line holding {@code text}. */
    private static int lineOf(Path file, String text) throws Exception {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text + " not in " + file);
    }
}
