package jixiao.model;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Exact arithmetic helpers for rules and reports. They do not round to any policy's precision: how many
 * decimals a score keeps, and how, is written in the policy's DRL.
 */
public final class Num {
    /** Precision of intermediate quotients: far more than any score needs, so that rounding happens once, in DRL. */
    public static final MathContext EXACT = MathContext.DECIMAL64;

    private Num() {
    }

    /** a × b ÷ c, exact to 16 significant digits; null when c is zero. */
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

    /** Round half up to the given number of decimals. */
    public static BigDecimal round(BigDecimal x, int decimals) {
        return x.setScale(decimals, RoundingMode.HALF_UP);
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
}
