package jixiao.model;

import java.math.BigDecimal;

/**
 * A target (指标值) or an actual value (实际完成值) as read from the table: {@code "≥95%"} is (≥, 95, %),
 * {@code "6个"} is ("", 6, 个), {@code "90%-100%"} is (~, 90, upper 100, %), {@code "科学"} is a word with no number.
 * How a cell's text becomes a Value is written down in {@code docs/values.md} and done by {@code jixiao.input.Cells}.
 *
 * <p>This is reading, not policy: what a comparator, a range or a missing comparator means for points is decided by
 * the rules.
 *
 * @param text       the text as written (trimmed), for reports
 * @param comparator one of "≥", "≤", "=", ">", "<", "~" (a range from {@code number} to {@code upper}), or "" when
 *                   none is written
 * @param number     the number (the lower end of a range), or null for a word
 * @param upper      the upper end of a range, else null
 * @param unit       the unit as the units table spells it ("%", "个", "万元"), an unknown unit as written, or ""
 * @param dimension  what the unit measures: "money", "percent", "count", … from the units table; "" with no unit;
 *                   "unknown" for a unit the table does not know
 */
public record Value(String text, String comparator, BigDecimal number, BigDecimal upper, String unit,
                    String dimension) {

    /** The comparator of a range such as {@code 90%-100%}. */
    public static final String RANGE = "~";
    /** The dimension of a unit that the units table does not know. */
    public static final String UNKNOWN_DIMENSION = "unknown";

    /** A computed percentage, e.g. an execution rate worked out by a rule. */
    public static Value percent(BigDecimal number) {
        return new Value(Num.fmt(number) + "%", "", number, null, "%", "percent");
    }

    /** A word (a qualitative value) as written. */
    public static Value word(String text) {
        return new Value(text, "", null, null, "", "");
    }

    /** True when the cell holds a number (a quantitative indicator), false for a word (qualitative). */
    public boolean isNumeric() {
        return number != null;
    }

    /** True for a range such as {@code 90%-100%}. */
    public boolean isRange() {
        return RANGE.equals(comparator);
    }

    /**
     * True when the cell holds only slashes or dashes ({@code /}, {@code ／}, {@code —}, {@code ——}, {@code -}): a
     * cell that says nothing is there. What that means for points is the rules' to decide.
     */
    public boolean isDash() {
        if (number != null || text.isEmpty()) {
            return false;
        }
        for (int k = 0; k < text.length(); k++) {
            if (DASHES.indexOf(text.charAt(k)) < 0) {
                return false;
            }
        }
        return true;
    }

    private static final String DASHES = "/／—–-－";

    /** True when a number was written with no comparator (or "="): a measured value, not a bound. */
    public boolean isMeasured() {
        return number != null && (comparator.isEmpty() || comparator.equals("="));
    }

    /** The numbers this reading allows (see {@link Range#of}); null when it is no number. */
    public Range range() {
        return number == null ? null : Range.of(comparator, number, upper);
    }

    /** The same reading with the number (and upper end) expressed in another unit of the same dimension. */
    public Value in(BigDecimal newNumber, BigDecimal newUpper, String newUnit) {
        return new Value(text, comparator, newNumber, newUpper, newUnit, dimension);
    }

    @Override
    public String toString() {
        return text;
    }
}
