package jixiao.model;

import java.math.BigDecimal;
import java.text.Normalizer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A target (指标值) or an actual value (实际完成值) as written in the table, read into a comparator, a number
 * and a unit: {@code "≥95%"} is (≥, 95, %), {@code "6个"} is ("", 6, 个), {@code "科学"} is a word with no number.
 *
 * <p>This is reading input, not policy: what a comparator or a missing one means for scoring is decided by the
 * rules. Full-width characters are folded (NFKC), so {@code "１０２．２７％"} reads as 102.27 %.
 *
 * @param text       the text as written (trimmed)
 * @param comparator one of "≥", "≤", "=", ">", "<", or "" when none is written
 * @param number     the number, or null for a qualitative word
 * @param unit       what follows the number ("%", "个", "万元", ...), "" when nothing does
 */
public record Value(String text, String comparator, BigDecimal number, String unit) {

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern NUMBER = Pattern.compile("^([+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+))(.*)$");

    /** Reads a cell; throws IllegalArgumentException with a readable reason when it cannot. */
    public static Value parse(String raw) {
        if (raw == null) {
            throw new IllegalArgumentException("expected text such as \"≥95%\", \"6个\" or a word, found null");
        }
        String text = raw.strip();
        String s = Normalizer.isNormalized(text, Normalizer.Form.NFKC) ? text
                : Normalizer.normalize(text, Normalizer.Form.NFKC);
        if (s.indexOf(' ') >= 0 || s.indexOf('\t') >= 0 || s.indexOf('\u3000') >= 0) {
            s = WHITESPACE.matcher(s).replaceAll("");
        }
        String comparator = "";
        String[][] comparators = {
            {">=", "≥"}, {"≥", "≥"}, {"≧", "≥"}, {"<=", "≤"}, {"≤", "≤"}, {"≦", "≤"},
            {"==", "="}, {"=", "="}, {">", ">"}, {"<", "<"}};
        for (String[] c : comparators) {
            if (s.startsWith(c[0])) {
                comparator = c[1];
                s = s.substring(c[0].length());
                break;
            }
        }
        Matcher m = NUMBER.matcher(s);
        if (m.matches()) {
            BigDecimal number = new BigDecimal(m.group(1));
            return new Value(text, comparator, number, m.group(2));
        }
        if (!comparator.isEmpty()) {
            throw new IllegalArgumentException("'" + text + "': a number was expected after '" + comparator + "'");
        }
        if (s.isEmpty()) {
            throw new IllegalArgumentException("expected text such as \"≥95%\", \"6个\" or a word, found an empty string");
        }
        return new Value(text, "", null, "");
    }

    /** A computed percentage, e.g. an execution rate worked out by a rule. */
    public static Value percent(BigDecimal number) {
        return new Value(Num.fmt(number) + "%", "", number, "%");
    }

    /** True when the cell holds a number (a quantitative indicator), false for a word (qualitative). */
    public boolean isNumeric() {
        return number != null;
    }

    @Override
    public String toString() {
        return text;
    }
}
