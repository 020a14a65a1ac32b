package jixiao.model;

import java.math.BigDecimal;

/**
 * The numbers a reading allows, from {@code low} to {@code high}; an end is null when there is none, and open when
 * the number at it is not allowed. {@code ≥95} is [95, ∞), {@code <5} is (−∞, 5), {@code 90~100} is [90, 100].
 *
 * <p>This is reading, not policy: which comparator a target without one is read with, and what it means for points
 * that an actual written as a bound lies within its target, is the notice's.
 */
public record Range(BigDecimal low, boolean lowOpen, BigDecimal high, boolean highOpen) {

    /**
     * The range a comparator allows: {@code ≥ n} [n, ∞), {@code > n} (n, ∞), {@code ≤ n} (−∞, n], {@code < n}
     * (−∞, n), {@code ~} [n, upper], {@code =} or none [n, n].
     *
     * @throws IllegalArgumentException for any other comparator, or without a number
     */
    public static Range of(String comparator, BigDecimal number, BigDecimal upper) {
        if (number == null) {
            throw new IllegalArgumentException("a range needs a number");
        }
        return switch (comparator) {
            case "≥" -> new Range(number, false, null, false);
            case ">" -> new Range(number, true, null, false);
            case "≤" -> new Range(null, false, number, false);
            case "<" -> new Range(null, false, number, true);
            case Value.RANGE -> new Range(number, false, upper, false);
            case "=", "" -> new Range(number, false, number, false);
            default -> throw new IllegalArgumentException("no range for the comparator \"" + comparator + "\"");
        };
    }

    /** Whether every number this range allows is allowed by {@code other} too. */
    public boolean within(Range other) {
        return endWithin(low, lowOpen, other.low, other.lowOpen, 1)
                && endWithin(high, highOpen, other.high, other.highOpen, -1);
    }

    /**
     * One end of a range against the same end of another: an end the other lacks bounds nothing, an end this one
     * lacks is outside any; {@code inward} is 1 for the low end (a larger number lies inside), −1 for the high end.
     */
    private static boolean endWithin(BigDecimal mine, boolean mineOpen, BigDecimal theirs, boolean theirsOpen,
                                     int inward) {
        if (theirs == null) {
            return true;
        }
        if (mine == null) {
            return false;
        }
        int c = mine.compareTo(theirs) * inward;
        return c > 0 || c == 0 && (mineOpen || !theirsOpen);
    }
}
