package jixiao.model;

import java.math.BigDecimal;

/** The recomputed score of one indicator, with the rule that gave it and its reasoning in words. */
public class IndicatorScore extends RuleResult {
    private final Indicator indicator;
    private final BigDecimal score;
    private final String tier;
    private final String explanation;

    public IndicatorScore(Indicator indicator, BigDecimal score, String explanation) {
        this(indicator, score, null, explanation);
    }

    /** @param tier for a qualitative indicator, the tier the score falls in */
    public IndicatorScore(Indicator indicator, BigDecimal score, String tier, String explanation) {
        this.indicator = indicator;
        this.score = score;
        this.tier = tier;
        this.explanation = explanation;
    }

    public Indicator getIndicator() {
        return indicator;
    }

    public BigDecimal getScore() {
        return score;
    }

    public String getTier() {
        return tier;
    }

    public String getExplanation() {
        return explanation;
    }

    /** The sum of the scores of a list of indicator scores (exact; 0.00 for none). */
    public static BigDecimal sumOf(java.util.List<?> scores) {
        return Num.sum(scores, IndicatorScore.class, IndicatorScore::getScore);
    }
}
