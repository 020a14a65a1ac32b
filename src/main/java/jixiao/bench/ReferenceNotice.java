package jixiao.bench;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;
import jixiao.model.BudgetLine;
import jixiao.model.CategoryDeclaration;
import jixiao.model.Indicator;
import jixiao.model.Num;
import jixiao.model.Submission;
import jixiao.model.Value;

/**
 * The notice shangjie-2021 written by hand in plain Java, for the benchmark only: the limit the rules are measured
 * against ("keeping the policy in rules costs at most as much again as everything else"). It is never used to score
 * anything; the bench checks that it gives the same indicator scores, category scores, total and grade as the rules
 * on every submission it measures, and says so when it does not.
 *
 * <p>It covers what the bench's synthetic submissions hold (the seed's shape: quantitative ≥ ≤ = targets, qualitative
 * targets matched or scored by an evaluator, the budget's execution rate, 可持续性指标 not applicable); anything else
 * is {@link Unsupported}, counted apart, never guessed. This is the one Java file that names a notice's categories:
 * it is a copy of a notice, not the host (PolicyAgnosticHostTest leaves it out, and says why).
 */
final class ReferenceNotice {

    /** A submission of a shape this reference does not cover. */
    static final class Unsupported extends RuntimeException {
        Unsupported(String what) {
            super(what, null, false, false);
        }
    }

    /** What the notice gives: each indicator's score by path, each category's score, the total and the grade. */
    record Result(Map<String, BigDecimal> indicators, Map<String, BigDecimal> categories, BigDecimal total,
                  String grade) {
    }

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final String BUDGET = "预算执行率";
    private static final String MOVED = "可持续性指标";
    private static final String INTO = "效益指标";

    private ReferenceNotice() {
    }

    /** 注1: the default weights, in the notice's order. */
    private static Map<String, BigDecimal> weights() {
        Map<String, BigDecimal> w = new LinkedHashMap<>();
        w.put(BUDGET, BigDecimal.valueOf(10));
        w.put("投入管理指标", BigDecimal.valueOf(30));
        w.put(MOVED, BigDecimal.valueOf(10));
        w.put("产出指标", BigDecimal.valueOf(30));
        w.put(INTO, BigDecimal.valueOf(20));
        return w;
    }

    static Result score(Submission s) {
        Map<String, BigDecimal> weights = weights();
        Map<String, Boolean> applicable = new LinkedHashMap<>();
        weights.keySet().forEach(c -> applicable.put(c, true));
        boolean movedDeclared = false;
        for (CategoryDeclaration d : s.categories()) {
            if (d.name().equals(MOVED) && !d.applicable() && d.weight() == null) {
                movedDeclared = true;
            } else {
                throw new Unsupported("a category declaration other than 可持续性指标 not applicable");
            }
        }
        boolean movedHasRows = s.indicators().stream().anyMatch(i -> MOVED.equals(i.category()));
        if (movedDeclared || !movedHasRows) { // 报告 四（二）2: its points go to 效益指标
            weights.put(INTO, weights.get(INTO).add(weights.get(MOVED)));
            weights.put(MOVED, BigDecimal.ZERO);
            applicable.put(MOVED, false);
        }

        Map<String, BigDecimal> indicators = new LinkedHashMap<>();
        Map<String, BigDecimal> sums = new LinkedHashMap<>();
        // 注1 and the report: 预算执行率 = 预算执行数 ÷ 全年预算数 of 部门预算总额, scored as a ≥ target
        BudgetLine total = s.budget() == null ? null : s.budget().lines().stream()
                .filter(l -> l.name().equals("部门预算总额")).findFirst().orElse(null);
        if (total == null || total.annual() == null || total.annual().signum() <= 0 || total.executed() == null
                || s.budget().target() == null) {
            throw new Unsupported("no 部门预算总额 line to compute the execution rate from, or no target");
        }
        BigDecimal rate = Num.round(Num.mulDiv(total.executed(), HUNDRED, total.annual()), 2);
        BigDecimal budgetPoints = s.budget().points() != null ? s.budget().points() : weights.get(BUDGET);
        BigDecimal budgetScore = quantitative(s.budget().target(), rate, budgetPoints, false);
        indicators.put(BUDGET, budgetScore);
        sums.merge(BUDGET, budgetScore, BigDecimal::add);

        for (Indicator i : s.indicators()) {
            if (!weights.containsKey(i.category()) || !applicable.get(i.category())) {
                throw new Unsupported("an indicator outside the applicable categories: " + i.path());
            }
            BigDecimal score;
            Value t = i.target();
            if (t == null || i.actual() == null || i.tier() != null) {
                throw new Unsupported("an indicator without a target or actual, or with a tier: " + i.path());
            }
            if (t.isNumeric() && !"date".equals(t.dimension()) && (i.unit() == null || !i.unit().contains("定性"))) {
                if (!i.actual().isMeasured()) {
                    throw new Unsupported("an actual written as a bound, or not a number: " + i.path());
                }
                score = quantitative(t, i.actual().number(), i.points(), "成本指标".equals(i.group()));
            } else if (!t.isNumeric()) {
                score = qualitative(i);
            } else {
                throw new Unsupported("a deadline or a quantitative target read as qualitative: " + i.path());
            }
            indicators.put(i.path(), score);
            sums.merge(i.category(), score, BigDecimal::add);
        }

        Map<String, BigDecimal> categories = new LinkedHashMap<>();
        BigDecimal sum = BigDecimal.ZERO;
        for (String c : weights.keySet()) {
            if (applicable.get(c)) {
                if (!sums.containsKey(c)) {
                    throw new Unsupported("an applicable category without indicators: " + c);
                }
                BigDecimal score = sums.get(c).setScale(2, RoundingMode.HALF_UP);
                categories.put(c, score);
                sum = sum.add(score);
            }
        }
        BigDecimal totalScore = sum.setScale(2, RoundingMode.HALF_UP);
        // 注4: 90 and above 优, 80 to below 90 良, 60 to below 80 中, below 60 差
        String grade = totalScore.compareTo(BigDecimal.valueOf(90)) >= 0 ? "优"
                : totalScore.compareTo(BigDecimal.valueOf(80)) >= 0 ? "良"
                : totalScore.compareTo(BigDecimal.valueOf(60)) >= 0 ? "中" : "差";
        return new Result(indicators, categories, totalScore, grade);
    }

    /** 注3, quantitative: full points when the target is met, else in proportion (≥: actual ÷ target, ≤: the other way). */
    private static BigDecimal quantitative(Value target, BigDecimal actual, BigDecimal points, boolean cost) {
        String c = target.comparator().isEmpty() ? (cost ? "≤" : "≥") : target.comparator();
        BigDecimal t = target.number();
        return switch (c) {
            case "≥" -> actual.compareTo(t) >= 0 ? full(points) : proportion(points, actual, t);
            case "≤" -> actual.compareTo(t) <= 0 ? full(points) : proportion(points, t, actual);
            case "=" -> actual.compareTo(t) == 0 ? full(points)
                    : actual.compareTo(t) < 0 ? proportion(points, actual, t) : proportion(points, t, actual);
            default -> throw new Unsupported("the comparator " + c);
        };
    }

    private static BigDecimal full(BigDecimal points) {
        return points.setScale(2, RoundingMode.HALF_UP);
    }

    private static BigDecimal proportion(BigDecimal points, BigDecimal numerator, BigDecimal denominator) {
        if (denominator.signum() <= 0) {
            return BigDecimal.ZERO.setScale(2);
        }
        BigDecimal raw = Num.mulDiv(points, numerator, denominator);
        return Num.halfUp(raw.max(BigDecimal.ZERO).min(points), 2);
    }

    /**
     * 注3, qualitative: an actual equal to its target is the top tier, 80%-100% of the points both included; a score
     * given in the band (the evaluator's, else the department's own) counts, one outside it is moved to the band's edge;
     * none given is full points.
     */
    private static BigDecimal qualitative(Indicator i) {
        if (!i.actual().text().equals(i.target().text())) {
            throw new Unsupported("a qualitative actual other than its target: " + i.path());
        }
        BigDecimal lower = Num.halfUp(i.points().multiply(BigDecimal.valueOf(80)).divide(HUNDRED), 2);
        BigDecimal upper = Num.halfUp(i.points(), 2);
        BigDecimal given = i.evaluatorScore() != null ? i.evaluatorScore() : i.claimed();
        if (given == null) {
            return upper;
        }
        return Num.halfUp(given.max(lower).min(upper), 2);
    }
}
