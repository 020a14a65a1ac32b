package jixiao.bench;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jixiao.model.BudgetLine;
import jixiao.model.CategoryDeclaration;
import jixiao.model.Indicator;
import jixiao.model.Num;
import jixiao.model.Submission;
import jixiao.model.Value;

/**
 * A notice of the seed's shape written by hand in plain Java, for the benchmark only: the limit the rules are measured
 * against ("keeping the policy in rules costs at most as much again as everything else"). It is never used to score
 * anything; the bench checks that it gives the same indicator scores, category scores, total and grade as the rules
 * on every submission it measures, and says so when it does not.
 *
 * <p>The arithmetic is here (default weights, one category's points moved to another when it does not apply, the
 * budget's execution rate scored as a ≥ target, proportional credit with its cap, the top qualitative tier with a
 * given score moved into its band, two-place half-up rounding, grade bands); the notice's words and numbers are in the
 * bench's own copy of them ({@code jixiao/bench/reference-shangjie-2021.json}), as policy words stay out of Java.
 * It covers what the bench's synthetic submissions hold; anything else is {@link Unsupported}, counted apart, never
 * guessed.
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

    /** The hand copy of the notice's parameters (see the resource's description). */
    record Parameters(String notice, List<Weight> weights, Merge mergeWhenNotApplicable, BudgetRow budget,
                      String lowerIsBetterGroup, String qualitativeUnitWord, BigDecimal topTierLowerPercent,
                      List<Band> grades) {
    }

    record Weight(String category, BigDecimal points) {
    }

    record Merge(String from, String into) {
    }

    record BudgetRow(String category, String totalLine) {
    }

    /** A grade from a total up (inclusive); null for the lowest band. Bands in descending order. */
    record Band(String grade, BigDecimal from) {
    }

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final String RESOURCE = "/jixiao/bench/reference-shangjie-2021.json";

    private final Parameters p;

    private ReferenceNotice(Parameters p) {
        this.p = p;
    }

    /** The reference of the seed's notice, from the bench's copy of its parameters. */
    static ReferenceNotice load() {
        try (java.io.InputStream in = ReferenceNotice.class.getResourceAsStream(RESOURCE)) {
            return new ReferenceNotice(new com.fasterxml.jackson.databind.ObjectMapper()
                    .configure(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                    .readValue(in, Parameters.class));
        } catch (java.io.IOException | RuntimeException e) {
            throw new IllegalStateException("the bench's reference parameters " + RESOURCE + " cannot be read: " + e, e);
        }
    }

    /** The notice these parameters are a copy of. */
    String notice() {
        return p.notice();
    }

    Result score(Submission s) {
        Map<String, BigDecimal> weights = new LinkedHashMap<>();
        p.weights().forEach(w -> weights.put(w.category(), w.points()));
        Map<String, Boolean> applicable = new LinkedHashMap<>();
        weights.keySet().forEach(c -> applicable.put(c, true));
        String moved = p.mergeWhenNotApplicable().from();
        String into = p.mergeWhenNotApplicable().into();
        boolean movedDeclared = false;
        for (CategoryDeclaration d : s.categories()) {
            if (d.name().equals(moved) && !d.applicable() && d.weight() == null) {
                movedDeclared = true;
            } else {
                throw new Unsupported("a category declaration other than the merged category's not applicable");
            }
        }
        boolean movedHasRows = s.indicators().stream().anyMatch(i -> moved.equals(i.category()));
        if (movedDeclared || !movedHasRows) { // its points go to the category the notice names
            weights.put(into, weights.get(into).add(weights.get(moved)));
            weights.put(moved, BigDecimal.ZERO);
            applicable.put(moved, false);
        }

        Map<String, BigDecimal> indicators = new LinkedHashMap<>();
        Map<String, BigDecimal> sums = new LinkedHashMap<>();
        // the execution rate = executed ÷ annual budget of the total line, scored as a ≥ target
        String budget = p.budget().category();
        BudgetLine total = s.budget() == null ? null : s.budget().lines().stream()
                .filter(l -> l.name().equals(p.budget().totalLine())).findFirst().orElse(null);
        if (total == null || total.annual() == null || total.annual().signum() <= 0 || total.executed() == null
                || s.budget().target() == null) {
            throw new Unsupported("no total line to compute the execution rate from, or no target");
        }
        BigDecimal rate = Num.round(Num.mulDiv(total.executed(), HUNDRED, total.annual()), 2);
        BigDecimal budgetPoints = s.budget().points() != null ? s.budget().points() : weights.get(budget);
        BigDecimal budgetScore = quantitative(s.budget().target(), rate, budgetPoints, false);
        indicators.put(budget, budgetScore);
        sums.merge(budget, budgetScore, BigDecimal::add);

        for (Indicator i : s.indicators()) {
            if (!weights.containsKey(i.category()) || !applicable.get(i.category())) {
                throw new Unsupported("an indicator outside the applicable categories: " + i.path());
            }
            BigDecimal score;
            Value t = i.target();
            if (t == null || i.actual() == null || i.tier() != null) {
                throw new Unsupported("an indicator without a target or actual, or with a tier: " + i.path());
            }
            if (t.isNumeric() && !"date".equals(t.dimension())
                    && (i.unit() == null || !i.unit().contains(p.qualitativeUnitWord()))) {
                if (!i.actual().isMeasured()) {
                    throw new Unsupported("an actual written as a bound, or not a number: " + i.path());
                }
                score = quantitative(t, i.actual().number(), i.points(), p.lowerIsBetterGroup().equals(i.group()));
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
        String grade = null;
        for (Band b : p.grades()) { // descending: the first band the total reaches
            if (b.from() == null || totalScore.compareTo(b.from()) >= 0) {
                grade = b.grade();
                break;
            }
        }
        return new Result(indicators, categories, totalScore, grade);
    }

    /** Quantitative: full points when the target is met, else in proportion (≥: actual ÷ target, ≤: the other way). */
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
     * Qualitative: an actual equal to its target is the top tier, from the notice's lower percent to 100% of the
     * points, both included; a score given in the band (the evaluator's, else the department's own) counts, one outside
     * it is moved to the band's edge; none given is full points.
     */
    private BigDecimal qualitative(Indicator i) {
        if (!i.actual().text().equals(i.target().text())) {
            throw new Unsupported("a qualitative actual other than its target: " + i.path());
        }
        BigDecimal lower = Num.halfUp(i.points().multiply(p.topTierLowerPercent()).divide(HUNDRED), 2);
        BigDecimal upper = Num.halfUp(i.points(), 2);
        BigDecimal given = i.evaluatorScore() != null ? i.evaluatorScore() : i.claimed();
        if (given == null) {
            return upper;
        }
        return Num.halfUp(given.max(lower).min(upper), 2);
    }
}
