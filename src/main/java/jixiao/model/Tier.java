package jixiao.model;

import java.math.BigDecimal;

/**
 * A band of a qualitative indicator's points, as a share of them in percent: e.g. 80 (inclusive) to 100
 * (inclusive). The policy inserts its tiers as facts; their names and bounds live in DRL.
 */
public class Tier extends RuleResult {
    private final String name;
    private final String description;
    private final BigDecimal lowerPercent;
    private final boolean lowerInclusive;
    private final BigDecimal upperPercent;
    private final boolean upperInclusive;

    public Tier(String name, String description, int lowerPercent, boolean lowerInclusive, int upperPercent,
                boolean upperInclusive) {
        this(name, description, BigDecimal.valueOf(lowerPercent), lowerInclusive, BigDecimal.valueOf(upperPercent),
                upperInclusive);
    }

    public Tier(String name, String description, BigDecimal lowerPercent, boolean lowerInclusive,
                BigDecimal upperPercent, boolean upperInclusive) {
        this.name = name;
        this.description = description;
        this.lowerPercent = lowerPercent;
        this.lowerInclusive = lowerInclusive;
        this.upperPercent = upperPercent;
        this.upperInclusive = upperInclusive;
    }

    /** The band's lower edge in points, for an indicator of the given points. */
    public BigDecimal lowerScore(BigDecimal points) {
        return points.multiply(lowerPercent).movePointLeft(2); // ÷ 100, exact and cheap (it is in every tier check)
    }

    /** The band's upper edge in points, for an indicator of the given points. */
    public BigDecimal upperScore(BigDecimal points) {
        return points.multiply(upperPercent).movePointLeft(2);
    }

    /** Whether a score lies in this band, edges counted as the band says. */
    public boolean contains(BigDecimal score, BigDecimal points) {
        int lo = score.compareTo(lowerScore(points));
        int hi = score.compareTo(upperScore(points));
        return (lowerInclusive ? lo >= 0 : lo > 0) && (upperInclusive ? hi <= 0 : hi < 0);
    }

    /**
     * The score in this band nearest to {@code score}, the band's edges given as a score is written
     * ({@code lowerEdge}, {@code upperEdge}: {@link #lowerScore} and {@link #upperScore} rounded as the notice rounds
     * a score): a score below the band takes its lower edge, one above it its upper edge; an edge the band leaves out
     * gives way by {@code step}, the smallest unit a score is written in (0.01 for two decimals).
     */
    public BigDecimal nearestInside(BigDecimal score, BigDecimal lowerEdge, BigDecimal upperEdge, BigDecimal step) {
        BigDecimal lower = lowerInclusive ? lowerEdge : lowerEdge.add(step);
        BigDecimal upper = upperInclusive ? upperEdge : upperEdge.subtract(step);
        return Num.min(upper, Num.max(lower, score));
    }

    /** The bands' names from the highest band down, each in quotation marks, joined by 、 (for a finding's text). */
    public static String quotedNamesFromTop(java.util.List<?> tiers) {
        return tiers.stream().map(Tier.class::cast)
                .sorted(java.util.Comparator.comparing(Tier::getLowerPercent).reversed())
                .map(t -> "“" + t.getName() + "”")
                .collect(java.util.stream.Collectors.joining("、"));
    }

    public String getName() {
        return name;
    }

    public String getDescription() {
        return description;
    }

    public BigDecimal getLowerPercent() {
        return lowerPercent;
    }

    public boolean isLowerInclusive() {
        return lowerInclusive;
    }

    public BigDecimal getUpperPercent() {
        return upperPercent;
    }

    public boolean isUpperInclusive() {
        return upperInclusive;
    }
}
