package jixiao.report;

/** Text for terminals and spreadsheets: padding where CJK characters take two columns, control characters shown. */
public final class Text {
    private Text() {
    }

    /** The notice-declared fields an indicator's row filled, as the table shows them: 扣分 2；扣分说明 台账不全. */
    public static String declaredFields(jixiao.model.Indicator i) {
        StringBuilder sb = new StringBuilder();
        for (java.util.Map.Entry<String, Object> f : i.fields().values().entrySet()) {
            if (sb.length() > 0) {
                sb.append("；");
            }
            Object v = f.getValue();
            sb.append(f.getKey()).append(' ').append(v instanceof java.math.BigDecimal d ? jixiao.model.Num.fmt(d)
                    : String.valueOf(v));
        }
        return sb.toString();
    }

    /** The scores a rule replaced to give this one, the latest first: 9.5〔rule〕 ← … ; empty when none. */
    public static String replaced(jixiao.model.IndicatorScore is) {
        StringBuilder sb = new StringBuilder();
        for (jixiao.model.RuleResult o = is.getReplaced(); o instanceof jixiao.model.IndicatorScore p;
             o = p.getReplaced()) {
            if (sb.length() > 0) {
                sb.append("，其前为");
            }
            sb.append(jixiao.model.Num.fmt(p.getScore())).append("分〔").append(p.getRule()).append("〕");
        }
        return sb.toString();
    }

    /**
     * The text with control characters (an escape sequence from a submission could rewrite the terminal) shown as
     * {@code \x1b}; line breaks and tabs are kept.
     */
    public static String printable(String s) {
        if (s == null) {
            return null;
        }
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean control = (c < 0x20 && c != '\n' && c != '\t' && c != '\r') || (c >= 0x7f && c <= 0x9f);
            if (control) {
                if (sb == null) {
                    sb = new StringBuilder(s.length() + 8).append(s, 0, i);
                }
                sb.append(String.format("\\x%02x", (int) c));
            } else if (sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? s : sb.toString();
    }

    /**
     * A cell that a spreadsheet must show as text: one beginning with = + - @, a tab or a carriage return is
     * prefixed with an apostrophe (OWASP's advice against CSV injection), and control characters are shown.
     */
    public static String spreadsheetText(String s) {
        if (s == null || s.isEmpty()) {
            return s;
        }
        char c = s.charAt(0);
        String v = c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' ? "'" + s : s;
        return printable(v);
    }

    /** Excel holds at most 32,767 characters in a cell: longer text is cut, with a marker saying so. */
    public static String cellLimit(String s) {
        int max = 32_767;
        if (s == null || s.length() <= max) {
            return s;
        }
        String marker = "…（以下" + (s.length() - (max - 40)) + "字略）";
        return s.substring(0, max - 40) + marker;
    }

    /** Where a category's points came from, step by step, joined with ；, as every report writes it. */
    static String weightSteps(jixiao.model.CategoryWeight w) {
        StringBuilder sb = new StringBuilder();
        for (jixiao.model.CategoryWeight.Step st : w.getSteps()) {
            sb.append(sb.length() == 0 ? "" : "；").append(st.getWhy());
        }
        return sb.toString();
    }

    /** Columns the text takes in a terminal: 2 for East Asian wide and full-width characters, 1 otherwise. */
    static int width(String s) {
        int w = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            w += isWide(cp) ? 2 : 1;
            i += Character.charCount(cp);
        }
        return w;
    }

    static String padRight(String s, int columns) {
        int pad = columns - width(s);
        return pad > 0 ? s + " ".repeat(pad) : s;
    }

    static String padLeft(String s, int columns) {
        int pad = columns - width(s);
        return pad > 0 ? " ".repeat(pad) + s : s;
    }

    private static boolean isWide(int cp) {
        return (cp >= 0x1100 && cp <= 0x115F)
                || (cp >= 0x2E80 && cp <= 0xA4CF)
                || (cp >= 0xAC00 && cp <= 0xD7A3)
                || (cp >= 0xF900 && cp <= 0xFAFF)
                || (cp >= 0xFE30 && cp <= 0xFE4F)
                || (cp >= 0xFF00 && cp <= 0xFF60)
                || (cp >= 0xFFE0 && cp <= 0xFFE6)
                || (cp >= 0x20000 && cp <= 0x3FFFD);
    }
}
