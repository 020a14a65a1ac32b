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
     * The band as text, e.g. "80%（含）-100%（含）".
     *
     * @deprecated how a band is written is the notice's: the shipped notices write it with their DRL function 区间.
     *     Kept so that notice folders written against earlier versions still compile and read the same.
     */
    @Deprecated
    public String band() {
        return Num.fmt(lowerPercent) + "%" + (lowerInclusive ? "（含）" : "（不含）") + "-"
                + Num.fmt(upperPercent) + "%" + (upperInclusive ? "（含）" : "（不含）");
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
