package jixiao;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Collectors;
import jixiao.engine.Policy;
import jixiao.engine.ScoreResult;
import jixiao.engine.Scorer;
import jixiao.model.Budget;
import jixiao.model.BudgetLine;
import jixiao.model.CategoryDeclaration;
import jixiao.model.CategoryScore;
import jixiao.model.Indicator;
import jixiao.model.IndicatorScore;
import jixiao.model.Submission;
import jixiao.model.Value;
import jixiao.report.JsonReport;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Properties of scoring under rules/shangjie-2021 that hold for every valid submission, checked on generated
 * ones: every kind of target, actual values on both sides of them, qualitative tiers with and without scores,
 * redistributed and default weights.
 */
class ScoringPropertiesTest {

    static final Policy POLICY = Fixtures.policy(Fixtures.SHANGJIE);
    static final Scorer SCORER = new Scorer();
    static final List<String> GRADE_ORDER = List.of("差", "中", "良", "优");

    @Provide
    Arbitrary<Submission> submissions() {
        return Arbitraries.longs().map(ScoringPropertiesTest::generate);
    }

    /** A valid submission built from a seed: points add up to the weights, so that nothing is rejected. */
    static Submission generate(long seed) {
        Random r = new Random(seed);
        boolean sustainability = r.nextBoolean();
        Map<String, Integer> weights = new TreeMap<>(Map.of("投入管理指标", 30, "产出指标", 30,
                "效益指标", sustainability ? 20 : 30));
        if (sustainability) {
            weights.put("可持续性指标", 10);
        }
        List<Indicator> rows = new ArrayList<>();
        weights.forEach((category, weight) -> {
            int k = 1 + r.nextInt(5);
            int[] parts = split(r, weight, k);
            for (int i = 0; i < k; i++) {
                rows.add(indicator(r, category, "指标" + i, parts[i]));
            }
        });
        BigDecimal annual = BigDecimal.valueOf(1 + r.nextInt(100_000), 2);
        BigDecimal executed = BigDecimal.valueOf(r.nextInt(120_000), 2);
        Budget budget = new Budget(jixiao.input.Cells.value("≥" + (80 + r.nextInt(21)) + "%"), BigDecimal.TEN,
                BigDecimal.valueOf(r.nextInt(11)), "万元",
                List.of(new BudgetLine("部门预算总额", null, annual, annual, executed, null)), null);
        List<CategoryDeclaration> categories = sustainability ? List.of()
                : List.of(new CategoryDeclaration("可持续性指标", false, null, null));
        return new Submission("gen-" + seed, "shangjie-2021", "部门整体绩效自评", "生成的单位", 2021,
                BigDecimal.valueOf(r.nextInt(10_001), 2), GRADE_ORDER.get(r.nextInt(4)), null, null, budget,
                categories, List.of(), rows, null, null);
    }

    private static int[] split(Random r, int total, int k) {
        int[] parts = new int[k];
        java.util.Arrays.fill(parts, 1);
        for (int left = total - k; left > 0; left--) {
            parts[r.nextInt(k)]++;
        }
        return parts;
    }

    private static Indicator indicator(Random r, String category, String name, int points) {
        BigDecimal p = BigDecimal.valueOf(points);
        BigDecimal claimed = r.nextInt(5) == 0 ? null : BigDecimal.valueOf(r.nextInt(points * 100 + 1), 2);
        if (r.nextBoolean()) {
            String[] comparators = {"≥", "≤", "=", ">", "<", ""};
            String unit = r.nextBoolean() ? "%" : "个";
            String target = comparators[r.nextInt(comparators.length)] + r.nextInt(201) + unit;
            String actual = BigDecimal.valueOf(r.nextInt(40_001) - 5_000, 2).toPlainString() + unit;
            return new Indicator(category, "组", name, jixiao.input.Cells.value(target), unit, jixiao.input.Cells.value(actual), p, claimed,
                    null, null, null);
        }
        String[] tiers = {"达成", "部分达成", "未达成"};
        boolean met = r.nextBoolean();
        String tier = met && r.nextBoolean() ? null : tiers[r.nextInt(3)];
        BigDecimal evaluator = r.nextBoolean() ? null : BigDecimal.valueOf(r.nextInt(points * 120 + 1), 2);
        return new Indicator(category, "组", name, jixiao.input.Cells.value("完成"), "定性指标", jixiao.input.Cells.value(met ? "完成" : "未完成"),
                p, claimed, null, tier == null && !met ? "部分达成" : tier, evaluator);
    }

    private static ScoreResult score(Submission s) throws Exception {
        ScoreResult result = SCORER.score(POLICY, s);
        assertThat(result.rejections()).as("generated submissions are valid").isEmpty();
        return result;
    }

    @Property(tries = 200)
    void noIndicatorScoresAboveItsPointsOrBelowZero(@ForAll("submissions") Submission s) throws Exception {
        for (IndicatorScore is : score(s).indicators()) {
            assertThat(is.getScore()).as(is.getIndicator().path()).isBetween(BigDecimal.ZERO,
                    is.getIndicator().points());
            assertThat(is.getScore().scale()).isLessThanOrEqualTo(2);
        }
    }

    @Property(tries = 200)
    void theTotalIsTheSumOfTheCategoriesAndLiesWithin0And100(@ForAll("submissions") Submission s) throws Exception {
        ScoreResult r = score(s);
        BigDecimal sum = r.categories().stream().map(CategoryScore::getScore).reduce(BigDecimal.ZERO,
                BigDecimal::add);
        assertThat(r.total().getScore()).isEqualByComparingTo(sum);
        assertThat(r.total().getScore()).isBetween(BigDecimal.ZERO, BigDecimal.valueOf(100));
    }

    @Property(tries = 100)
    void theGradeIsMonotoneInTheTotal(@ForAll("submissions") Submission a, @ForAll("submissions") Submission b)
            throws Exception {
        ScoreResult ra = score(a);
        ScoreResult rb = score(b);
        int cmp = ra.total().getScore().compareTo(rb.total().getScore());
        int rankA = GRADE_ORDER.indexOf(ra.grade().getName());
        int rankB = GRADE_ORDER.indexOf(rb.grade().getName());
        if (cmp <= 0) {
            assertThat(rankA).isLessThanOrEqualTo(rankB);
        } else {
            assertThat(rankA).isGreaterThanOrEqualTo(rankB);
        }
    }

    @Property(tries = 100)
    void theResultDoesNotDependOnTheOrderOfIndicators(@ForAll("submissions") Submission s, @ForAll long shuffleSeed)
            throws Exception {
        List<Indicator> shuffled = new ArrayList<>(s.indicators());
        Collections.shuffle(shuffled, new Random(shuffleSeed));
        Submission t = new Submission(s.id(), s.notice(), s.kind(), s.department(), s.year(), s.claimedTotal(),
                s.claimedGrade(), null, null, s.budget(), s.categories(), s.tasks(), shuffled, null, null);
        ScoreResult a = score(s);
        ScoreResult b = score(t);
        assertThat(b.total().getScore()).isEqualByComparingTo(a.total().getScore());
        assertThat(b.grade().getName()).isEqualTo(a.grade().getName());
        assertThat(scores(b)).isEqualTo(scores(a));
        assertThat(findings(b)).isEqualTo(findings(a));
    }

    private static Map<String, String> scores(ScoreResult r) {
        Map<String, String> m = new TreeMap<>();
        r.indicators().forEach(i -> m.put(i.getIndicator().path(), i.getScore().toPlainString()));
        r.categories().forEach(c -> m.put("category " + c.getCategory(), c.getScore().toPlainString()));
        return m;
    }

    private static List<String> findings(ScoreResult r) {
        return r.findings().stream().map(f -> f.getCode() + " " + f.getSubject() + " " + f.getMessage()).sorted()
                .collect(Collectors.toList());
    }

    // ---- an independent reading of 注1-4, written here without the rules, to check the rules against ----

    @Property(tries = 300)
    void everyScoreIsWhatAnIndependentReadingOfTheNoticeGives(@ForAll("submissions") Submission s) throws Exception {
        ScoreResult r = score(s);
        BigDecimal total = BigDecimal.ZERO;
        Map<String, BigDecimal> byCategory = new TreeMap<>();
        for (Indicator i : s.indicators()) {
            BigDecimal expected = i.target().isNumeric() ? quantitative(i) : qualitative(i);
            assertThat(r.indicator(i.path()).getScore()).as(i.path() + " " + i.target() + " / " + i.actual() + " / "
                    + i.tier() + " / claimed " + i.claimed() + " / evaluator " + i.evaluatorScore())
                    .isEqualByComparingTo(expected);
            byCategory.merge(i.category(), expected, BigDecimal::add);
        }
        BigDecimal budget = budget(s);
        assertThat(r.indicator("预算执行率").getScore()).isEqualByComparingTo(budget);
        byCategory.put("预算执行率", budget);
        for (Map.Entry<String, BigDecimal> e : byCategory.entrySet()) {
            assertThat(r.category(e.getKey()).getScore()).as(e.getKey()).isEqualByComparingTo(e.getValue());
            total = total.add(e.getValue());
        }
        assertThat(r.total().getScore()).isEqualByComparingTo(total);
        // 注4: 90 and above 优, 80-89 良, 60-79 中, below 60 差, on the exact total
        String grade = total.compareTo(BigDecimal.valueOf(90)) >= 0 ? "优"
                : total.compareTo(BigDecimal.valueOf(80)) >= 0 ? "良"
                : total.compareTo(BigDecimal.valueOf(60)) >= 0 ? "中" : "差";
        assertThat(r.grade().getName()).isEqualTo(grade);
    }

    /** 注3: full points when the target is met, else points × the ratio, between 0 and the points, to 2 decimals. */
    static BigDecimal quantitative(Indicator i) {
        BigDecimal p = i.points();
        BigDecimal t = i.target().number();
        BigDecimal a = i.actual().number();
        String c = i.target().comparator().isEmpty() ? "≥" : i.target().comparator();
        int cmp = a.compareTo(t);
        boolean met = switch (c) {
            case "≥" -> cmp >= 0;
            case ">" -> cmp > 0;
            case "≤" -> cmp <= 0;
            case "<" -> cmp < 0;
            default -> cmp == 0;
        };
        if (met) {
            return p;
        }
        boolean higherIsBetter = c.equals("≥") || c.equals(">") || c.equals("=") && cmp < 0;
        return ratio(p, higherIsBetter ? a : t, higherIsBetter ? t : a);
    }

    static BigDecimal ratio(BigDecimal points, BigDecimal numerator, BigDecimal denominator) {
        if (denominator.signum() <= 0) {
            return BigDecimal.ZERO;
        }
        BigDecimal raw = points.multiply(numerator).divide(denominator, java.math.MathContext.DECIMAL64);
        return raw.max(BigDecimal.ZERO).min(points).setScale(2, java.math.RoundingMode.HALF_UP);
    }

    /** 注3's tiers: 达成 [80%,100%], 部分达成 [60%,80%), 未达成 [0,60%) of the points. */
    static BigDecimal qualitative(Indicator i) {
        BigDecimal p = i.points();
        String tier = i.tier() != null ? i.tier() : "达成"; // the generator leaves the tier blank only when met
        int lo = tier.equals("达成") ? 80 : tier.equals("部分达成") ? 60 : 0;
        int hi = tier.equals("达成") ? 100 : tier.equals("部分达成") ? 80 : 60;
        boolean hiInclusive = tier.equals("达成");
        BigDecimal exactLo = p.multiply(BigDecimal.valueOf(lo)).divide(BigDecimal.valueOf(100));
        BigDecimal exactHi = p.multiply(BigDecimal.valueOf(hi)).divide(BigDecimal.valueOf(100));
        BigDecimal given = i.evaluatorScore() != null ? i.evaluatorScore() : i.claimed();
        if (given == null) {
            return tier.equals("达成") ? p : exactLo.setScale(2, java.math.RoundingMode.HALF_UP);
        }
        boolean inside = given.compareTo(exactLo) >= 0
                && (hiInclusive ? given.compareTo(exactHi) <= 0 : given.compareTo(exactHi) < 0);
        if (inside) {
            return given.setScale(2, java.math.RoundingMode.HALF_UP);
        }
        BigDecimal lower = exactLo.setScale(2, java.math.RoundingMode.HALF_UP);
        BigDecimal upper = exactHi.setScale(2, java.math.RoundingMode.HALF_UP)
                .subtract(hiInclusive ? BigDecimal.ZERO : new BigDecimal("0.01"));
        return given.max(lower).min(upper);
    }

    /** 预算执行率 = 预算执行数 ÷ 全年预算数 (to 2 decimals, in percent), scored against the target by 注3. */
    static BigDecimal budget(Submission s) {
        BudgetLine l = s.budget().lines().get(0);
        BigDecimal rate = l.executed().multiply(BigDecimal.valueOf(100))
                .divide(l.annual(), java.math.MathContext.DECIMAL64).setScale(2, java.math.RoundingMode.HALF_UP);
        BigDecimal target = s.budget().target().number();
        BigDecimal points = s.budget().points();
        return rate.compareTo(target) >= 0 ? points : ratio(points, rate, target);
    }

    @Property(tries = 50)
    void theSameInputGivesByteIdenticalJson(@ForAll("submissions") Submission s) throws Exception {
        assertThat(JsonReport.render(score(s))).isEqualTo(JsonReport.render(score(s)));
    }
}
