package jixiao.model;

import java.math.BigDecimal;

/** The score of a first-level category (一级指标). */
public class CategoryScore extends RuleResult {
    private final String category;
    private final BigDecimal weight;
    private final BigDecimal score;
    private final String explanation;

    public CategoryScore(String category, BigDecimal weight, BigDecimal score, String explanation) {
        this.category = category;
        this.weight = weight;
        this.score = score;
        this.explanation = explanation;
    }

    public String getCategory() {
        return category;
    }

    public BigDecimal getWeight() {
        return weight;
    }

    public BigDecimal getScore() {
        return score;
    }

    public String getExplanation() {
        return explanation;
    }

    /** The sum of the scores of a list of category scores (exact; 0.00 for none). */
    public static BigDecimal sumOf(java.util.List<?> scores) {
        return Num.sum(scores, CategoryScore.class, CategoryScore::getScore);
    }
}
