package jixiao;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import jixiao.engine.ScoreResult;
import jixiao.model.Finding;
import jixiao.model.Indicator;
import jixiao.model.IndicatorScore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The first real case: 郑州市上街区司法局 2021, scored by rules/shangjie-2021. Expected values are worked by hand. */
class SeedTest {

    static ScoreResult result;

    @BeforeAll
    static void score() throws Exception {
        result = Fixtures.score(Fixtures.SEED);
    }

    @Test
    void totalIs99_11AndGradeIs优() {
        assertThat(result.total().getScore()).isEqualByComparingTo("99.11");
        assertThat(result.grade().getName()).isEqualTo("优");
        assertMadeBy(result.total().getRule(), "common/40-totals.drl");
        // the grade by the shared rule, the band it states from the notice's 等级 table (注4: 90 and above)
        assertMadeBy(result.grade().getRule(), "common/50-grades.drl");
        assertThat(result.grade().getExplanation()).isEqualTo("总分99.11分，90分（含）以上为优（注4）");
    }

    @Test
    void categoriesHaveTheirWeightsAndScores() {
        assertCategory("预算执行率", "10", "10");
        assertCategory("投入管理指标", "30", "29.11");
        assertCategory("产出指标", "30", "30");
        assertCategory("效益指标", "30", "30");
        assertThat(result.weight("可持续性指标").isApplicable()).isFalse();
        assertThat(result.weight("可持续性指标").getWeight()).isEqualByComparingTo("0");
        assertThat(result.category("可持续性指标")).isNull();
        // 效益指标: its default 20 (00-parameters.drl.csv), then the 10 of 可持续性指标 moved to it (the shared rule that
        // moves points as the notice's 分值并入 table says)
        assertThat(result.weight("效益指标").getSteps()).extracting(s -> s.getWeightAfter().toPlainString())
                .containsExactly("20", "30");
        assertMadeBy(result.weight("效益指标").getSteps().get(0).getRule(), "00-parameters.drl.csv");
        assertMadeBy(result.weight("效益指标").getSteps().get(1).getRule(), "common/20-weight-transfer.drl");
        assertThat(result.weights()).extracting(w -> w.getCategory())
                .containsExactly("预算执行率", "投入管理指标", "可持续性指标", "产出指标", "效益指标");
    }

    private static void assertCategory(String name, String weight, String score) {
        assertThat(result.category(name).getWeight()).as(name + " weight").isEqualByComparingTo(weight);
        assertThat(result.category(name).getScore()).as(name + " score").isEqualByComparingTo(score);
        assertMadeBy(result.category(name).getRule(), "common/40-totals.drl");
    }

    @Test
    void everyIndicatorIsScoredOnceWithFullPointsExceptGovernmentProcurement() {
        List<Indicator> rows = result.submission().indicators();
        assertThat(rows).hasSize(30);
        for (Indicator row : rows) {
            IndicatorScore s = result.indicator(row.path());
            assertThat(s).as(row.path()).isNotNull();
            BigDecimal expected = row.name().equals("政府采购执行率") ? new BigDecimal("1.11") : row.points();
            assertThat(s.getScore()).as(row.path()).isEqualByComparingTo(expected);
            assertMadeBy(s.getRule(), row.target().isNumeric() ? "common/31-quantitative.drl" : "common/32-qualitative.drl");
            assertThat(s.getExplanation()).as(row.path()).isNotBlank();
        }
        // 30 rows of the table plus the first-level 预算执行率 worked out from the budget table
        assertThat(result.indicators()).hasSize(31);
    }

    @Test
    void governmentProcurementIsProportional() {
        IndicatorScore s = result.indicator("投入管理指标/预算和财务管理/政府采购执行率");
        assertThat(s.getScore()).isEqualTo(new BigDecimal("1.11"));
        assertMadeBy(s.getRule(), "common/31-quantitative.drl");
        assertThat(s.getExplanation()).contains("2 × 50 ÷ 90 = 1.11");
    }

    @Test
    void budgetExecutionIsWorkedOutFromTheBudgetTableAndKeptApartFromTheIndicatorOfTheSameName() {
        IndicatorScore first = result.indicator("预算执行率");
        assertThat(first.getIndicator().actual().number()).isEqualByComparingTo("102.27");
        assertThat(first.getIndicator().reason()).as("the department's own reason (budget.reason), none in the seed").isNull();
        assertThat(first.getScore()).isEqualByComparingTo("10");
        IndicatorScore third = result.indicator("投入管理指标/预算和财务管理/预算执行率");
        assertThat(third.getIndicator().actual().text()).isEqualTo("102%");
        assertThat(third.getScore()).isEqualByComparingTo("2");
    }

    @Test
    void findingsAreTheProcurementSelfScoreTheTotalAndThreeInconsistenciesOfTheTable() {
        assertThat(result.findings()).extracting(Finding::getCode)
                .containsExactlyInAnyOrder("SELF_SCORE_DIFFERS", "TOTAL_DIFFERS", "TASK_RATE_INCONSISTENT",
                        "TASKS_NOT_PROJECT_TOTAL", "ADJUSTMENT_RATE_INCONSISTENT");
        assertThat(result.rejections()).isEmpty();
        Finding ind = result.findings().stream().filter(f -> f.getCode().equals("SELF_SCORE_DIFFERS")).findFirst()
                .orElseThrow();
        assertThat(ind.getSubject()).isEqualTo("投入管理指标/预算和财务管理/政府采购执行率");
        assertThat(ind.getClaimed()).isEqualByComparingTo("1");
        assertThat(ind.getRecomputed()).isEqualByComparingTo("1.11");
        assertMadeBy(ind.getRule(), "common/60-review.drl");
        for (Finding f : result.findings()) {
            assertMadeBy(f.getRule(), f.getCode().endsWith("INCONSISTENT") || f.getCode().startsWith("TASKS")
                    ? "61-consistency.drl" : f.getCode().equals("REASON_MISSING") ? "common/62-reasons.drl" : "common/60-review.drl");
        }
        Finding total = result.findings().stream().filter(f -> f.getCode().equals("TOTAL_DIFFERS")).findFirst()
                .orElseThrow();
        assertThat(total.getClaimed()).isEqualByComparingTo("99");
        assertThat(total.getRecomputed()).isEqualByComparingTo("99.11");
        assertThat(total.getMessage()).contains("99").contains("99.11");
    }

    @Test
    void consistencyChecksFindTheTasksOwnNumbersDisagree() {
        Finding rate = finding("TASK_RATE_INCONSISTENT");
        assertThat(rate.getSubject()).isEqualTo("普法宣传");
        assertThat(rate.getMessage()).contains("0.09 ÷ 预算资金2.00 = 4.50%").contains("5%");
        assertThat(rate.getRecomputed()).isEqualByComparingTo("4.50");
        Finding sum = finding("TASKS_NOT_PROJECT_TOTAL");
        assertThat(sum.getRecomputed()).isEqualByComparingTo("105.34");
        assertThat(sum.getClaimed()).isEqualByComparingTo("95.64");
        assertThat(sum.getMessage()).contains("105.34").contains("95.64");
        Finding adjustment = finding("ADJUSTMENT_RATE_INCONSISTENT");
        assertThat(adjustment.getRecomputed()).isEqualByComparingTo("0");
        assertThat(adjustment.getClaimed()).isEqualByComparingTo("2.27");
    }

    /**
     * A result names the rule that made it: a rule that exists in the policy, in the file of the notice's clause.
     * (Checking the file rather than the rule's wording lets an analyst reword a rule without breaking the tests.)
     */
    static void assertMadeBy(String rule, String file) {
        assertThat(rule).as("the rule that made a result").isNotBlank();
        assertThat(result.policy().rules()).as("a rule named \"" + rule + "\" exists in the policy")
                .anySatisfy(r -> {
                    assertThat(r.name()).isEqualTo(rule);
                    assertThat(r.file()).endsWith(file);
                });
    }

    private static Finding finding(String code) {
        return result.findings().stream().filter(f -> f.getCode().equals(code)).findFirst().orElseThrow();
    }
}
