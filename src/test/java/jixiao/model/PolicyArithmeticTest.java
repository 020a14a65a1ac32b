package jixiao.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The arithmetic the rules call on their facts (it was in common/01-functions.drl): ranges of a reading, sums of a
 * list, a band's nearest score, a budget column's total, names for a finding's text. Every expected value here is
 * worked out by hand in its comment.
 */
class PolicyArithmeticTest {

    private static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    @Test
    void anActualWrittenAsABoundIsWithinATargetWhenEveryNumberItAllowsIs() {
        // ≥266 lies within ≥266 ([266,∞) ⊆ [266,∞)) and within ≥200, not within ≥300
        assertThat(Range.of("≥", d("266"), null).within(Range.of("≥", d("266"), null))).isTrue();
        assertThat(Range.of("≥", d("266"), null).within(Range.of("≥", d("200"), null))).isTrue();
        assertThat(Range.of("≥", d("266"), null).within(Range.of("≥", d("300"), null))).isFalse();
        // <266 allows 265, which ≥266 does not: not within; it has no lower end at all
        assertThat(Range.of("<", d("266"), null).within(Range.of("≥", d("266"), null))).isFalse();
        // >95 is within ≥95 and within >95, but ≥95 is not within >95 (95 itself)
        assertThat(Range.of(">", d("95"), null).within(Range.of("≥", d("95"), null))).isTrue();
        assertThat(Range.of(">", d("95"), null).within(Range.of(">", d("95"), null))).isTrue();
        assertThat(Range.of("≥", d("95"), null).within(Range.of(">", d("95"), null))).isFalse();
        // the upper side mirrors it: ≤15 within ≤15 and <20; <15 within <15; ≤15 not within <15
        assertThat(Range.of("≤", d("15"), null).within(Range.of("≤", d("15"), null))).isTrue();
        assertThat(Range.of("≤", d("15"), null).within(Range.of("<", d("20"), null))).isTrue();
        assertThat(Range.of("<", d("15"), null).within(Range.of("<", d("15"), null))).isTrue();
        assertThat(Range.of("≤", d("15"), null).within(Range.of("<", d("15"), null))).isFalse();
    }

    @Test
    void aRangeIsWithinAnotherWhenBothItsEndsAre() {
        // 92~98 ⊆ 90~100; 85~98 is not (85 < 90); 92~101 is not (101 > 100); 92~98 ⊆ ≥90, not ⊆ ≤95
        Range target = Range.of("~", d("90"), d("100"));
        assertThat(Range.of("~", d("92"), d("98")).within(target)).isTrue();
        assertThat(Range.of("~", d("90"), d("100")).within(target)).isTrue();
        assertThat(Range.of("~", d("85"), d("98")).within(target)).isFalse();
        assertThat(Range.of("~", d("92"), d("101")).within(target)).isFalse();
        assertThat(Range.of("~", d("92"), d("98")).within(Range.of("≥", d("90"), null))).isTrue();
        assertThat(Range.of("~", d("92"), d("98")).within(Range.of("≤", d("95"), null))).isFalse();
        // ≥92 has no upper end: never within a closed range
        assertThat(Range.of("≥", d("92"), null).within(target)).isFalse();
    }

    @Test
    void aMeasuredNumberIsAPointAndAValueWithoutANumberHasNoRange() {
        assertThat(Range.of("", d("5"), null)).isEqualTo(new Range(d("5"), false, d("5"), false));
        assertThat(Range.of("=", d("5"), null).within(Range.of("≥", d("5"), null))).isTrue();
        assertThat(Value.word("科学").range()).isNull();
        assertThatThrownBy(() -> Range.of("≈", d("5"), null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("≈");
    }

    private Indicator row(String category, String points, String claimed) {
        return new Indicator(category, null, "x", null, null, null, points == null ? null : d(points),
                claimed == null ? null : d(claimed), null, null, null);
    }

    @Test
    void aListSumsExactlyAndABlankFigureIsNotCounted() {
        // 2.5 + 7.25 + (blank) = 9.75; claimed 2 + 0.333 = 2.333, exact
        List<Indicator> rows = List.of(row("a", "2.5", "2"), row("a", "7.25", "0.333"), row("a", null, null));
        assertThat(Indicator.pointsOf(rows)).isEqualByComparingTo("9.75");
        assertThat(Indicator.claimedOf(rows)).isEqualByComparingTo("2.333");
        // none at all is 0.00, written with two decimals as a score is
        assertThat(Indicator.pointsOf(List.of())).isEqualTo(d("0.00"));
    }

    @Test
    void scoresAndWeightsSumByTheirKind() {
        Indicator r = row("a", "10", null);
        // 1.11 + 8.89 = 10.00
        assertThat(IndicatorScore.sumOf(List.of(new IndicatorScore(r, d("1.11"), "e"),
                new IndicatorScore(r, d("8.89"), "e")))).isEqualByComparingTo("10");
        // 29.5 + 69.61 = 99.11
        assertThat(CategoryScore.sumOf(List.of(new CategoryScore("a", d("30"), d("29.5"), "e"),
                new CategoryScore("b", d("70"), d("69.61"), "e")))).isEqualByComparingTo("99.11");
        // 10 + 30 + 60 = 100
        assertThat(CategoryWeight.sumOf(List.of(new CategoryWeight("a", 1, 10, "w"),
                new CategoryWeight("b", 2, 30, "w"), new CategoryWeight("c", 3, 60, "w"))))
                .isEqualByComparingTo("100");
    }

    @Test
    void aListOfAnotherKindIsARulesMistakeNotAZero() {
        assertThatThrownBy(() -> IndicatorScore.sumOf(List.of(row("a", "1", null))))
                .isInstanceOf(ClassCastException.class);
    }

    // 80%（含）-100%（含）, 60%（含）-80%（不含）, 0（含）-60%（不含）
    private final Tier top = new Tier("甲", "甲档", 80, true, 100, true);
    private final Tier middle = new Tier("乙", "乙档", 60, true, 80, false);
    private final Tier bottom = new Tier("丙", "丙档", 0, true, 60, false);
    private final BigDecimal cent = d("0.01");

    @Test
    void aScoreOutsideTheBandTakesTheNearestEdgeAndAnEdgeLeftOutGivesWayByOneCent() {
        // 1.5 points: the middle band is [0.90, 1.20); 1.3 → 1.19, 0.5 → 0.90, 1.0 stays 1.0
        BigDecimal points = d("1.5");
        BigDecimal lo = d("0.90");
        BigDecimal hi = d("1.20");
        assertThat(middle.nearestInside(d("1.3"), lo, hi, cent)).isEqualByComparingTo("1.19");
        assertThat(middle.nearestInside(d("0.5"), lo, hi, cent)).isEqualByComparingTo("0.90");
        assertThat(middle.nearestInside(d("1.0"), lo, hi, cent)).isEqualByComparingTo("1.0");
        assertThat(middle.lowerScore(points)).isEqualByComparingTo("0.9");
        assertThat(middle.upperScore(points)).isEqualByComparingTo("1.2");
        // the top band includes both edges: 10 points, [8, 10]; 11 → 10, 7 → 8
        assertThat(top.nearestInside(d("11"), d("8"), d("10"), cent)).isEqualByComparingTo("10");
        assertThat(top.nearestInside(d("7"), d("8"), d("10"), cent)).isEqualByComparingTo("8");
        // the bottom band leaves its upper edge out: 10 points, [0, 6); 6 → 5.99; one decimal: 5.9
        assertThat(bottom.nearestInside(d("6"), d("0"), d("6"), cent)).isEqualByComparingTo("5.99");
        assertThat(bottom.nearestInside(d("6"), d("0"), d("6"), d("0.1"))).isEqualByComparingTo("5.9");
    }

    @Test
    void bandsAreNamedFromTheTopDown() {
        assertThat(Tier.quotedNamesFromTop(List.of(bottom, top, middle))).isEqualTo("“甲”、“乙”、“丙”");
    }

    @Test
    void categoriesAreNamedInTheNoticesOrder() {
        assertThat(CategoryWeight.namesInOrder(List.of(new CategoryWeight("丙", 3, 10, "w"),
                new CategoryWeight("甲", 1, 10, "w"), new CategoryWeight("乙", 2, 10, "w"))))
                .isEqualTo("甲、乙、丙");
    }

    private BudgetLine line(String initial, String annual, String executed) {
        return new BudgetLine("x", "s", initial == null ? null : d(initial), d(annual), d(executed), null);
    }

    @Test
    void eachBudgetColumnSumsItsOwnCellsAndSkipsBlankOnes() {
        // two lines: 年初 100 + blank = 100; 全年 120.5 + 30 = 150.5; 执行 110 + 29.99 = 139.99
        List<BudgetLine> lines = List.of(line("100", "120.5", "110"), line(null, "30", "29.99"));
        assertThat(BudgetColumn.INITIAL.sum(lines)).isEqualByComparingTo("100");
        assertThat(BudgetColumn.ANNUAL.sum(lines)).isEqualByComparingTo("150.5");
        assertThat(BudgetColumn.EXECUTED.sum(lines)).isEqualByComparingTo("139.99");
        assertThat(BudgetColumn.INITIAL.of(lines.get(1))).isNull();
        assertThat(BudgetColumn.EXECUTED.of(lines.get(0))).isEqualByComparingTo("110");
    }

    @Test
    void aTaskColumnSumsTasksAndIsMatchedWithItsBudgetColumn() {
        // tasks: 预算资金 12 + 8 = 20, matched with 全年预算数; 预算执行数 11.5 + (blank) = 11.5
        List<Task> tasks = List.of(new Task("t1", null, d("12"), null, null, d("11.5"), null, null),
                new Task("t2", null, d("8"), null, null, null, null, null));
        assertThat(TaskColumn.BUDGET.sum(tasks)).isEqualByComparingTo("20");
        assertThat(TaskColumn.EXECUTED.sum(tasks)).isEqualByComparingTo("11.5");
        assertThat(TaskColumn.BUDGET.budgetColumn()).isEqualTo(BudgetColumn.ANNUAL);
        assertThat(TaskColumn.EXECUTED.budgetColumn()).isEqualTo(BudgetColumn.EXECUTED);
    }

    @Test
    void aDateNamesItsDayOrOnlyItsMonth() {
        assertThat(Dates.writesDay("2023年10月8日")).isTrue();
        assertThat(Dates.writesDay("10月8号")).isTrue();
        assertThat(Dates.writesDay("2023-10-08")).isTrue();
        assertThat(Dates.writesDay("10月")).isFalse();
        assertThat(Dates.writesDay("2023年10月")).isFalse();
        assertThat(Dates.writesDay(null)).isFalse();
    }
}
