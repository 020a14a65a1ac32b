package jixiao.model;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import java.util.function.Function;

/**
 * Exact arithmetic helpers for rules and reports. They do not round to any policy's precision: how many
 * decimals a score keeps, and how (half up, cut, half even), is written in the policy's DRL, which calls
 * {@link #halfUp}, {@link #cut} or {@link #halfEven}.
 *
 * <p><b>Precision.</b> Sums and products of table figures are exact (BigDecimal). A quotient keeps 34 significant
 * digits ({@link #EXACT}); before a score is rounded or cut it is first settled to {@value #GUARD_PLACES} decimals, so
 * that a quotient's last-digit error cannot land a cut on the wrong side: 3 × (1 − 2 ÷ 3) is 0.99…99 to 34 digits,
 * settles to 1 and cuts to 1.00, not 0.99. This is exact for every score a table can give: a value worked out from
 * figures of at most ten significant digits each is either on a rounding boundary or at least 10⁻²² away from it, far
 * more than the 10⁻³⁰ that 34 digits can be off by after a few steps.
 */
public final class Num {
    /** Precision of intermediate quotients: far more than any score needs, so that rounding happens once, in DRL. */
    public static final MathContext EXACT = MathContext.DECIMAL128;
    /** Decimals a value is settled to before it is rounded or cut (see the class comment). */
    public static final int GUARD_PLACES = 24;

    private Num() {
    }

    /** a × b ÷ c, exact to 34 significant digits; null when c is zero. */
    public static BigDecimal mulDiv(BigDecimal a, BigDecimal b, BigDecimal c) {
        if (c.signum() == 0) {
            return null;
        }
        return a.multiply(b).divide(c, EXACT);
    }

    public static BigDecimal min(BigDecimal a, BigDecimal b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    public static BigDecimal max(BigDecimal a, BigDecimal b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** Round half up to the given number of decimals (the same as {@link #halfUp}). */
    public static BigDecimal round(BigDecimal x, int decimals) {
        return halfUp(x, decimals);
    }

    /** 四舍五入: to the given number of decimals, a 5 rounded away from zero. 8.885 → 8.89. */
    public static BigDecimal halfUp(BigDecimal x, int decimals) {
        return settled(x).setScale(decimals, RoundingMode.HALF_UP);
    }

    /** 截断 (cut, 舍去): the decimals beyond the given number dropped. 8.889 → 8.88; 10 × 2 ÷ 3 → 6.66. */
    public static BigDecimal cut(BigDecimal x, int decimals) {
        return settled(x).setScale(decimals, RoundingMode.DOWN);
    }

    /** 四舍六入五成双 (half even, banker's rounding): a 5 rounded to the even neighbour. 8.885 → 8.88, 8.875 → 8.88. */
    public static BigDecimal halfEven(BigDecimal x, int decimals) {
        return settled(x).setScale(decimals, RoundingMode.HALF_EVEN);
    }

    /** The value settled to {@value #GUARD_PLACES} decimals, so that a quotient's last-digit error is gone. */
    private static BigDecimal settled(BigDecimal x) {
        return x.scale() > GUARD_PLACES ? x.setScale(GUARD_PLACES, RoundingMode.HALF_EVEN) : x;
    }

    /** Plain text without exponent or trailing zeros: 2.00 → "2", 1.10 → "1.1", null → "—". */
    public static String fmt(BigDecimal x) {
        if (x == null) {
            return "—";
        }
        BigDecimal s = x.stripTrailingZeros();
        if (s.scale() < 0) {
            s = s.setScale(0);
        }
        return s.toPlainString();
    }

    /** Equal as numbers, whatever their scale; two nulls are equal. */
    public static boolean same(BigDecimal a, BigDecimal b) {
        if (a == null || b == null) {
            return a == b;
        }
        return a.compareTo(b) == 0;
    }

    /**
     * The exact sum of one figure of each item of a list (a rule's {@code collect}): 0.00 when there is none, a
     * figure that is null not counted. Items of another kind than {@code kind} are a rule's mistake and refused.
     */
    public static <T> BigDecimal sum(List<?> items, Class<T> kind, Function<? super T, BigDecimal> figure) {
        BigDecimal sum = BigDecimal.ZERO.setScale(2);
        for (Object item : items) {
            BigDecimal v = figure.apply(kind.cast(item));
            if (v != null) {
                sum = sum.add(v);
            }
        }
        return sum;
    }
}
