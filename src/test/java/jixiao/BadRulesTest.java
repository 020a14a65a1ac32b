package jixiao;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Rules are edited by analysts: every mistake ends in a clear message naming the rule, never a hang or a trace. */
class BadRulesTest {

    @TempDir
    Path tmp;
    Path copy;

    @BeforeEach
    void copyPolicy() throws Exception {
        copy = tmp.resolve("shangjie-2021");
        Fixtures.copyTree(Fixtures.SHANGJIE, copy);
    }

    private void addRule(String drl) throws Exception {
        Files.writeString(copy.resolve("99-extra.drl"), "package jixiao.policy;\nimport jixiao.model.*;\n" + drl,
                StandardCharsets.UTF_8);
    }

    @Test
    void aRuleThatThrowsNamesTheRuleAndTheSubmissionAndOnlyThatSubmissionFails() throws Exception {
        addRule("""
                rule "坏单位的规则会出错"
                    ruleflow-group "30 指标计分"
                when
                    Submission( department == "坏单位" )
                then
                    Integer.parseInt("不是数字");
                end
                """);
        Path bad = tmp.resolve("bad-unit.json");
        Files.writeString(bad, Files.readString(Fixtures.MINIMAL).replace("测试单位（场景用的最小提交）", "坏单位"));
        Fixtures.Run run = Fixtures.cli("score", "--rules", copy.toString(), "--format", "json",
                Fixtures.SEED.toString(), bad.toString());
        assertThat(run.exit()).isEqualTo(4);
        assertThat(run.err()).contains("rule \"坏单位的规则会出错\"").contains("minimal-2021")
                .contains("bad-unit.json").contains("1 scored, 1 failed").doesNotContain("\tat ");
        assertThat(run.out()).contains("\"id\":\"shangjie-justice-2021\"").doesNotContain("minimal-2021");
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aRuleThatLoopsIsStoppedAndNamed() throws Exception {
        addRule("""
                rule "不断修改自己的规则"
                    ruleflow-group "20 分值调整"
                when
                    $w : CategoryWeight( category == "产出指标" )
                then
                    modify($w) { add(java.math.BigDecimal.ZERO, "再来一次") }
                end
                """);
        Fixtures.Run run = Fixtures.cli("score", "--rules", copy.toString(), Fixtures.SEED.toString());
        assertThat(run.exit()).isEqualTo(4);
        assertThat(run.err()).contains("were stopped").contains("\"不断修改自己的规则\"").contains("--max-firings")
                .doesNotContain("\tat ");
        assertThat(run.out()).isEmpty();

        Fixtures.Run limited = Fixtures.cli("score", "--rules", copy.toString(), "--max-firings", "300",
                Fixtures.SEED.toString());
        assertThat(limited.exit()).isEqualTo(4);
        // the limit grows with the submission: 300 plus 50 for each fact (the submission, its indicators, budget
        // lines, tasks and category declarations)
        jixiao.model.Submission seed = jixiao.input.SubmissionReader.read(Fixtures.SEED);
        int facts = 1 + seed.indicators().size() + seed.budget().lines().size() + seed.tasks().size()
                + seed.categories().size();
        assertThat(limited.err()).contains("fired " + (300 + 50 * facts) + " times");
    }

    @Test
    void aFieldThatDoesNotExistIsACompileErrorWithFileAndLine() throws Exception {
        addRule("""
                rule "用了不存在的字段"
                    ruleflow-group "30 指标计分"
                when
                    Indicator( weight > 3 )
                then
                end
                """);
        Fixtures.Run run = Fixtures.cli("check-rules", copy.toString());
        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.err()).contains("99-extra.drl:").contains("weight");
    }

    @Test
    void aCategoryNoRuleDefinesIsReportedByCheckRules() throws Exception {
        addRule("""
                rule "名字写错的一级指标"
                    ruleflow-group "40 一级指标得分"
                when
                    CategoryWeight( category == "产出指标s" )
                then
                end
                """);
        Fixtures.Run run = Fixtures.cli("check-rules", copy.toString());
        assertThat(run.exit()).as("a warning: the rules compile").isZero();
        assertThat(run.err()).contains("提示").contains("99-extra.drl:3").contains("规则“名字写错的一级指标”")
                .contains("\"产出指标s\"").contains("可能永远不会触发");
    }

    @Test
    void theShippedPoliciesHaveNoSuchProblems() throws Exception {
        // the shipped ones only: an analyst's own folder (or a draft) is held to its own checks, not the build's —
        // common is checked through the notices built on it, so through a copy that holds the shipped ones alone
        Path shipped = Files.createTempDirectory("jixiao-shipped");
        Fixtures.copyTree(Fixtures.RULES.resolve("common"), shipped.resolve("common"));
        List<Path> folders = new java.util.ArrayList<>(List.of(shipped.resolve("common")));
        for (String id : Fixtures.SHIPPED) {
            Fixtures.copyTree(Fixtures.RULES.resolve(id), shipped.resolve(id));
            folders.add(Fixtures.RULES.resolve(id));
        }
        for (Path folder : folders) {
            Fixtures.Run run = Fixtures.cli("check-rules", folder.toString());
            assertThat(run.err()).as(folder.toString()).isEmpty();
            assertThat(run.exit()).as(folder.toString()).isZero();
            assertThat(run.out()).contains(folder.getFileName().toString()).contains("编译无误");
        }
    }

    @Test
    void aRuleWithoutAPhaseIsRefused() throws Exception {
        addRule("""
                rule "没有阶段的规则"
                when
                    Submission()
                then
                end
                """);
        Fixtures.Run run = Fixtures.cli("score", "--rules", copy.toString(), Fixtures.SEED.toString());
        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.err()).contains("\"没有阶段的规则\"").contains("ruleflow-group");
    }

    @Test
    void aCopiedFolderMustHaveItsOwnId() throws Exception {
        Path other = tmp.resolve("shangjie-2022");
        Fixtures.copyTree(copy, other);
        Fixtures.Run run = Fixtures.cli("check-rules", other.toString());
        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.err()).contains("\"id\" is \"shangjie-2021\" but the folder is named \"shangjie-2022\"");
    }

    @Test
    void aGapBetweenGradeBandsIsNeverABlankGradeWithExit0() throws Exception {
        // 优 from 99.5, 良 still below 90: a total of 99.11 falls between them
        Path grades = copy.resolve("00-parameters.drl.csv");
        Files.writeString(grades, Files.readString(grades).replace("注4：等级优的总分区间,10 通知参数,优,90,",
                "注4：等级优的总分区间,10 通知参数,优,99.5,"));
        Path out = tmp.resolve("r.csv");
        Fixtures.Run run = Fixtures.cli("score", "--rules", copy.toString(), Fixtures.SEED.toString(), "--format",
                "csv", "--out", out.toString());
        assertThat(run.exit()).isEqualTo(4);
        assertThat(run.err()).contains("NO_GRADE").contains("99.11").contains("gap");
        assertThat(out).doesNotExist();
    }

    @Test
    void aMisspeltSeverityIsACompileErrorWithFileAndLine() throws Exception {
        addRule("""
                rule "严重程度拼错的规则"
                    ruleflow-group "60 复核"
                when
                    Submission()
                then
                    insert(new Finding("Reject", "X", null, "拼错"));
                end
                """);
        Fixtures.Run run = Fixtures.cli("check-rules", copy.toString());
        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.err()).contains("99-extra.drl:8").contains("\"Reject\"").contains("reject, error, warning, info");
    }

    @Test
    void aRuleNamingACategoryDefinedOnlyForRealSubmissionsIsNotTakenForDeadCode() throws Exception {
        // the category exists only for submissions of a year: an empty submission never defines it, the scenarios do
        addRule("""
                rule "2021年度另设专项指标（0分）"
                    ruleflow-group "10 通知参数"
                when
                    Submission( year == 2021 )
                then
                    insert(new CategoryWeight("专项指标", 9, 0, "试点"));
                end

                rule "专项指标的提示"
                    ruleflow-group "60 复核"
                when
                    CategoryWeight( category == "专项指标" )
                then
                end
                """);
        Fixtures.Run run = Fixtures.cli("check-rules", copy.toString());
        assertThat(run.exit()).isZero();
        assertThat(run.err()).as("judged on the scenarios' submissions too").doesNotContain("专项指标的提示");
    }

    @Test
    void checkRulesProbesTheTiersForGapsAndOverlapsWithTheScoresInThem() throws Exception {
        Path params = copy.resolve("00-parameters.drl.csv");
        // 部分达成 from 60% up to 75% (not 80%): 75%-79.99% is in no tier; 未达成 up to 60% inclusive: 60% is in two
        Files.writeString(params, Files.readString(params).replace(",部分达成预期指标并具有一定效果,60,含,80,不含",
                ",部分达成预期指标并具有一定效果,60,含,75,不含").replace(",未达成预期指标且效果较差,0,含,60,不含",
                ",未达成预期指标且效果较差,0,含,60,含"));
        Fixtures.Run run = Fixtures.cli("check-rules", copy.toString());
        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.err()).contains("得分占分值 75.00% 至 79.99% 的不在任何一档：档次之间有缺口")
                .contains("得分占分值 60.00% 至 60.00% 的同时在 [未达成, 部分达成] 几档：档次相互重叠");
    }

    @Test
    void checkRulesProbesTheGradeBandsForGapsAndOverlapsWithTheTotalsInThem() throws Exception {
        Path grades = copy.resolve("00-parameters.drl.csv");
        Files.writeString(grades, Files.readString(grades).replace("注4：等级优的总分区间,10 通知参数,优,90,",
                "注4：等级优的总分区间,10 通知参数,优,99.5,").replace(",10 通知参数,中,60,80,", ",10 通知参数,中,60,80.01,"));
        Fixtures.Run run = Fixtures.cli("check-rules", copy.toString());
        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.err()).contains("总分 90.00 至 99.49 没有等级：等级区间之间有缺口")
                .contains("总分 80.00 至 80.00 同时得到 [中, 良]：等级区间相互重叠");
    }

    /**
     * A missing ")" is blamed by Drools on the next line's {@code then}, in English; check-rules says it in Chinese, at
     * that line and column, with the likely cause.
     */
    @Test
    void aMissingBracketOrAMisspeltFactTypeIsSaidInChineseWithTheLikelyCause() throws Exception {
        addRule("""
                rule "少了右括号"
                    ruleflow-group "60 复核"
                when
                    Submission( claimedTotal != null
                then
                end
                """);
        Fixtures.Run run = Fixtures.cli("check-rules", copy.toString());
        assertThat(run.exit()).isEqualTo(3);
        // two header lines, then the rule: its "then" is line 7
        assertThat(run.err()).contains("的规则不能编译")
                .contains("99-extra.drl:7: 第7行第1列（规则“少了右括号”）：这里不该是“then”；常见原因：上一行（when 的最后一个条件）少了右括号“)”")
                .doesNotContain("mismatched input").doesNotContain("more errors");
    }

    /** A finding code no notice.json names: check-rules warns (the reports would show the bare code). */
    @Test
    void aFindingCodeWithoutAChineseNameIsAWarning() throws Exception {
        addRule("""
                rule "一条新提示"
                    ruleflow-group "60 复核"
                when
                    Submission( claimedTotal != null )
                then
                    insert(new Finding("info", "BRAND_NEW_CODE", null, "新的提示"));
                end
                """);
        Fixtures.Run run = Fixtures.cli("check-rules", copy.toString());
        assertThat(run.exit()).isZero();
        assertThat(run.err()).contains("提示").contains("99-extra.drl:8: 提示代码 BRAND_NEW_CODE 没有中文名称")
                .doesNotContain("SELF_SCORE_DIFFERS");
    }

    @Test
    void aMisspeltFactTypeIsNamed() throws Exception {
        addRule("""
                rule "类型写错"
                    ruleflow-group "60 复核"
                when
                    Submision( claimedTotal != null )
                then
                end
                """);
        Fixtures.Run run = Fixtures.cli("check-rules", copy.toString());
        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.err()).contains("找不到事实类型“Submision”：名字写错了，或少了 import")
                .doesNotContain("Unable to resolve");
    }

    /**
     * A full-width （ typed by a Chinese input method, and a zero-width space, in rule code: Drools says "no viable
     * alternative at input" or blames another line; check-rules names each character where it stands and what to write.
     * The same characters inside a string or a comment are left alone.
     */
    @Test
    void aFullWidthBracketOrAnInvisibleCharacterInRuleCodeIsNamedAtItsLineAndColumn() throws Exception {
        addRule("""
                // 注释里的（全角括号）不算
                rule "全角括号的规则"
                    ruleflow-group "60 复核"
                when
                    Submission（ claimedTotal != null )
                then
                    insert(new Finding("info", "X", null, "字符串里的（全角括号）不算"));
                end
                rule "看不见的字符"
                    ruleflow-group "60 复核"
                when
                    Submission(​)
                then
                end
                """);
        Fixtures.Run run = Fixtures.cli("check-rules", copy.toString());
        assertThat(run.exit()).isEqualTo(3);
        // line 7 of 99-extra.drl (two header lines, then the text above): column 15 is the （
        assertThat(run.err()).contains("99-extra.drl:7: 第7行第15列是全角左括号“（”（U+FF08）：规则代码里应写半角“(”")
                .contains("99-extra.drl:14: 第14行第16列是零宽空格（看不见）").contains("应删去它")
                .doesNotContain("第3行");
    }
}
