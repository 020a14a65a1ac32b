package jixiao.model;

import java.math.BigDecimal;

/** The submission's recomputed total. */
public class TotalScore extends RuleResult {
    private final BigDecimal score;
    private final String explanation;

    public TotalScore(BigDecimal score, String explanation) {
        this.score = score;
        this.explanation = explanation;
    }

    public BigDecimal getScore() {
        return score;
    }

    public String getExplanation() {
        return explanation;
    }
}
