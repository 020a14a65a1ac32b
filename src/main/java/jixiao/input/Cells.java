package jixiao.input;

import java.math.BigDecimal;
import java.text.Normalizer;
import jixiao.model.Value;

/**
 * The value grammar of {@code docs/values.md}: how the text of a cell becomes a {@link Value}. A real parser, not a
 * leading-digits pattern: a cell is an optional comparator, a number (or a range of two), an optional unit and
 * optional words such as 以上 — and nothing else. What it cannot read exactly is refused with the reason, never read
 * as another number.
 *
 * <pre>
 *   cell     = word | [prefix] number ["余" | "多"] [unit] [range] [suffix]
 *   prefix   = "≥" | "≤" | "&gt;" | "&lt;" | "=" | "&gt;=" | … | "不低于" | "不超过" | "达到" | …
 *   number   = ["+" | "-"] digits ["." digits] [("e" | "E") ["+" | "-"] digits]   (digits may be grouped 1,000)
 *   range    = ("-" | "~" | "—" | "至" | "到") number [unit]      or the whole cell "[" number "," number "]" [unit]
 *   suffix   = "以上" | "及以上" | "以下" | "及以下" | "以内"     (optionally after "(含)")
 * </pre>
 */
public final class Cells {

    /** Numbers at or above this magnitude are refused: no table holds them, and they are usually typing errors. */
    static final int MAX_INTEGER_DIGITS = 15;
    /** More decimals than this are refused. */
    static final int MAX_DECIMALS = 10;

    private static final String[][] SYMBOLS = {
        {">=", "≥"}, {"=>", "≥"}, {"≥", "≥"}, {"≧", "≥"}, {"⩾", "≥"},
        {"<=", "≤"}, {"=<", "≤"}, {"≤", "≤"}, {"≦", "≤"}, {"⩽", "≤"},
        {"==", "="}, {"=", "="}, {">", ">"}, {"›", ">"}, {"<", "<"}, {"‹", "<"}, {"≮", "≥"}, {"≯", "≤"},
    };
    private static final String[][] WORDS = {
        {"大于或等于", "≥"}, {"大于等于", "≥"}, {"不低于", "≥"}, {"不少于", "≥"}, {"不小于", "≥"}, {"至少", "≥"},
        {"达到", "≥"}, {"小于或等于", "≤"}, {"小于等于", "≤"}, {"不高于", "≤"}, {"不超过", "≤"}, {"不大于", "≤"},
        {"不多于", "≤"}, {"至多", "≤"}, {"控制在", "≤"}, {"大于", ">"}, {"高于", ">"}, {"超过", ">"}, {"多于", ">"},
        {"小于", "<"}, {"低于", "<"}, {"少于", "<"}, {"不足", "<"}, {"等于", "="},
    };
    private static final String[][] SUFFIXES = {
        {"(含)以上", "≥"}, {"及以上", "≥"}, {"以上", "≥"}, {"(含)以下", "≤"}, {"及以下", "≤"}, {"以下", "≤"},
        {"以内", "≤"},
    };
    private static final String RANGE_SEPARATORS = "-~—–至到";

    private Cells() {
    }

    /** A cell that cannot be read; the message quotes the text and says what was expected. */
    public static final class CellException extends IllegalArgumentException {
        CellException(String message) {
            super(message);
        }
    }

    /** A number with the unit written after it (null when none): points, scores and amounts. */
    public record Amount(BigDecimal number, Units.Unit unit, String unitText) {
    }

    /** Reads a target or actual value cell. */
    public static Value value(String raw) {
        if (raw == null) {
            throw new CellException("expected text such as \"≥95%\", \"6个\" or a word, found null");
        }
        String text = trim(raw);
        if (text.isEmpty()) {
            throw new CellException("expected text such as \"≥95%\", \"6个\" or a word, found an empty string");
        }
        return new Parser(text).cell();
    }

    /** Reads a points, score or amount cell: a number with no comparator, optionally followed by a unit. */
    public static Amount amount(String raw) {
        String text = raw == null ? "" : trim(raw);
        if (text.isEmpty()) {
            throw new CellException("expected a number such as 10, found an empty string");
        }
        Value v = new Parser(text).cell();
        if (!v.isNumeric()) {
            throw new CellException("'" + text + "' is not a number");
        }
        if (!v.comparator().isEmpty() && !v.comparator().equals("=")) {
            throw new CellException("'" + text + "': expected a number, found " + (v.isRange() ? "a range"
                    : "a comparison (" + v.comparator() + ")"));
        }
        Units.Unit unit = v.unit().isEmpty() ? null : Units.standard().get(v.unit());
        if (!v.unit().isEmpty() && unit == null) {
            throw new CellException("'" + text + "': unknown unit '" + v.unit() + "' after the number");
        }
        return new Amount(v.number(), unit, v.unit());
    }

    /** Checks a number given as such (e.g. a JSON number) against the same limits as a typed one. */
    public static BigDecimal checkMagnitude(BigDecimal d, String text) {
        BigDecimal s = d.stripTrailingZeros();
        if (s.precision() - s.scale() > MAX_INTEGER_DIGITS) {
            throw new CellException("'" + shorten(text) + "' is too large: at most " + MAX_INTEGER_DIGITS
                    + " digits before the decimal point");
        }
        if (s.scale() > MAX_DECIMALS) {
            throw new CellException("'" + shorten(text) + "' has too many decimals: at most " + MAX_DECIMALS);
        }
        return d;
    }

    private static String shorten(String text) {
        return text.length() <= 40 ? text : text.substring(0, 37) + "…";
    }

    /** Strips white space and invisible format characters from both ends. */
    private static String trim(String raw) {
        int b = 0;
        int e = raw.length();
        while (b < e && blank(raw.charAt(b))) {
            b++;
        }
        while (e > b && blank(raw.charAt(e - 1))) {
            e--;
        }
        return raw.substring(b, e);
    }

    private static boolean blank(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.getType(c) == Character.FORMAT;
    }

    private static final class Parser {
        private final String text;
        private final String s;
        private int pos;

        Parser(String text) {
            this.text = text;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (Character.getType(c) == Character.FORMAT
                        || Character.isISOControl(c) && !Character.isWhitespace(c)) {
                    throw new CellException("'" + visible(text) + "' holds an invisible character (U+"
                            + String.format("%04X", (int) c) + ") at position " + (i + 1) + "; retype the cell");
                }
            }
            String n = Normalizer.normalize(text, Normalizer.Form.NFKC);
            this.s = squeeze(n);
        }

        /** Removes white space, except between two digits, which is refused (is "5 0" 50 or 5?). */
        private String squeeze(String n) {
            StringBuilder sb = new StringBuilder(n.length());
            for (int i = 0; i < n.length(); i++) {
                char c = n.charAt(i);
                if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                    int j = i;
                    while (j < n.length() && (Character.isWhitespace(n.charAt(j)) || Character.isSpaceChar(n.charAt(j)))) {
                        j++;
                    }
                    if (sb.length() > 0 && j < n.length() && isDigit(sb.charAt(sb.length() - 1)) && isDigit(n.charAt(j))) {
                        throw new CellException("'" + text + "': a space inside a number; write the number without it");
                    }
                    i = j - 1;
                    continue;
                }
                sb.append(c);
            }
            return sb.toString();
        }

        /** A spreadsheet's error values, as a formula cell shows them. */
        private static final java.util.regex.Pattern SPREADSHEET_ERROR = java.util.regex.Pattern.compile(
                "#(REF!|N/A|VALUE!|DIV/0!|NAME\\?|NUM!|NULL!|SPILL!|CALC!)");

        Value cell() {
            if (s.startsWith("#") && SPREADSHEET_ERROR.matcher(s).matches()) { // the test first: a matcher per cell costs
                throw new CellException("'" + text + "' is a spreadsheet error value, not a reading; correct the formula "
                        + "in the table");
            }
            if (s.startsWith("[")) {
                return bracketRange();
            }
            Value date = date();
            if (date != null) {
                return date;
            }
            String comparator = "";
            boolean symbol = false;
            String[] p = match(SYMBOLS);
            if (p != null) {
                comparator = p[1];
                symbol = true;
                pos += p[0].length();
            } else {
                p = match(WORDS);
                if (p != null) {
                    comparator = p[1];
                    pos += p[0].length();
                }
            }
            boolean yuan = false;
            if (at('¥') || at('$')) {
                yuan = at('¥');
                pos++;
            }
            if (!startsNumber()) {
                if (symbol || yuan) {
                    throw new CellException("'" + text + "': a number was expected after '"
                            + s.substring(0, pos) + "'");
                }
                return Value.word(text);
            }
            BigDecimal number = number();
            if (match(new String[][] {{"余", ""}, {"多", ""}}) != null) {
                pos++;
                if (comparator.isEmpty()) {
                    comparator = "≥";
                }
            }
            String unit = unit();
            if (yuan && unit.isEmpty()) {
                unit = "元";
            }
            BigDecimal upper = null;
            if (pos < s.length() && RANGE_SEPARATORS.indexOf(s.charAt(pos)) >= 0 && startsNumberAt(pos + 1)) {
                if (!comparator.isEmpty()) {
                    throw new CellException("'" + text + "': a range cannot also have a comparator ('"
                            + comparator + "')");
                }
                pos++;
                upper = number();
                String upperUnit = unit();
                unit = sameUnit(unit, upperUnit);
                if (upper.compareTo(number) < 0) {
                    throw new CellException("'" + text + "': the range runs from " + number.toPlainString() + " down to "
                            + upper.toPlainString() + "; write the smaller number first");
                }
                comparator = Value.RANGE;
            }
            String[] suffix = match(SUFFIXES);
            if (suffix != null) {
                pos += suffix[0].length();
                if (!comparator.isEmpty() && !comparator.equals(suffix[1])) {
                    throw new CellException("'" + text + "': '" + comparator + "' and '" + suffix[0]
                            + "' contradict each other");
                }
                comparator = suffix[1];
            }
            if (pos < s.length()) {
                String rest = s.substring(pos);
                if (!symbol && upper == null && allHan(rest)) {
                    return Value.word(text); // e.g. "12月底前完成": a sentence that starts with a number
                }
                throw new CellException("'" + text + "': cannot read '" + rest + "' after "
                        + (unit.isEmpty() ? "the number" : "the unit '" + unit + "'")
                        + "; expected a comparator, a number, a unit and nothing else");
            }
            return new Value(text, comparator, number, upper, unit, dimension(unit));
        }

        /** A month and day, a month, or the year's end, with or without its year (see docs/values.md, Dates). */
        private static final java.util.regex.Pattern MONTH_DAY = java.util.regex.Pattern.compile(
                "^(≤|<)?(?:(\\d{4})年)?(\\d{1,2})月(?:(\\d{1,2})[日号])?(底|末|上旬|中旬|下旬)?(前|以前|之前|内|以内)?(完成)?$");
        private static final java.util.regex.Pattern ISO_DAY = java.util.regex.Pattern.compile(
                "^(≤|<)?(\\d{4})[-/.](\\d{1,2})[-/.](\\d{1,2})(前|以前|之前)?(完成)?$");
        private static final java.util.regex.Pattern YEAR_END = java.util.regex.Pattern.compile(
                "^(?:(\\d{4})年)?年?(底|末|内)(前|以前|之前)?(完成)?$");

        /**
         * A date or deadline, or null when the cell is none. {@code 9月前} is before 1 September ({@code <} 0901);
         * {@code 9月底前}, {@code 9月内} and {@code ≤9月} by 30 September ({@code ≤}); {@code 2023年6月30日前} by that day;
         * {@code 年底前} by 31 December; an actual {@code 7月} is the month's last day (done by then), {@code 2023年5月20日}
         * that day. A number of months ({@code 3个月}) is a duration, not a date.
         */
        private Value date() {
            java.util.regex.Matcher m = ISO_DAY.matcher(s);
            if (m.matches()) {
                return dateValue(m.group(1), parseYear(m.group(2)), Integer.parseInt(m.group(3)),
                        Integer.parseInt(m.group(4)), null, m.group(5));
            }
            m = MONTH_DAY.matcher(s);
            if (m.matches() && !(m.group(2) == null && m.group(4) == null && m.group(5) == null && m.group(6) == null
                    && m.group(1) == null && Integer.parseInt(m.group(3)) > 12)) {
                return dateValue(m.group(1), parseYear(m.group(2)), Integer.parseInt(m.group(3)),
                        m.group(4) == null ? 0 : Integer.parseInt(m.group(4)), m.group(5), m.group(6));
            }
            m = YEAR_END.matcher(s);
            if (m.matches()) {
                return dateValue(null, parseYear(m.group(1)), 12, 31, null, "前");
            }
            return null;
        }

        private static int parseYear(String y) {
            return y == null ? 0 : Integer.parseInt(y);
        }

        private Value dateValue(String lead, int year, int month, int day, String part, String before) {
            if (month < 1 || month > 12) {
                return null; // 13月, 24月: not a month of the year (read as a number of months, as before)
            }
            java.time.YearMonth ym = java.time.YearMonth.of(year == 0 ? 2001 : year, month);
            if (day > ym.lengthOfMonth()) {
                throw new CellException("'" + text + "': " + month + "月 has no day " + day);
            }
            String comparator = "";
            if (day == 0) {
                // a month: its first day for "before the month", else a day of it (the last, unless 上旬/中旬)
                boolean beforeMonth = (before != null && before.endsWith("前") && part == null) || "<".equals(lead);
                if (beforeMonth) {
                    day = 1;
                    comparator = "<";
                } else {
                    day = "上旬".equals(part) ? 10 : "中旬".equals(part) ? 20 : ym.lengthOfMonth();
                    comparator = before != null || lead != null ? "≤" : "";
                }
            } else if (before != null || lead != null) {
                comparator = "<".equals(lead) ? "<" : "≤";
            }
            return new Value(text, comparator, jixiao.model.Dates.number(year, month, day), null, "日期",
                    jixiao.model.Dates.DIMENSION);
        }

        private Value bracketRange() {
            pos = 1;
            BigDecimal lower = number(false);
            String unit = unit();
            if (!at(',')) {
                throw new CellException("'" + text + "': expected a range such as [90,100]");
            }
            pos++;
            BigDecimal upper = number(false);
            unit = sameUnit(unit, unit());
            if (!at(']')) {
                throw new CellException("'" + text + "': expected ']' to close the range");
            }
            pos++;
            unit = sameUnit(unit, unit());
            if (pos < s.length()) {
                throw new CellException("'" + text + "': cannot read '" + s.substring(pos) + "' after the range");
            }
            if (upper.compareTo(lower) < 0) {
                throw new CellException("'" + text + "': the range runs from " + lower.toPlainString() + " down to "
                        + upper.toPlainString() + "; write the smaller number first");
            }
            return new Value(text, Value.RANGE, lower, upper, unit, dimension(unit));
        }

        private String sameUnit(String a, String b) {
            if (a.isEmpty()) {
                return b;
            }
            if (b.isEmpty() || a.equals(b)) {
                return a;
            }
            throw new CellException("'" + text + "': the two ends of the range have different units ('" + a
                    + "' and '" + b + "')");
        }

        private String dimension(String unit) {
            if (unit.isEmpty()) {
                return "";
            }
            Units.Unit u = Units.standard().get(unit);
            return u == null ? Value.UNKNOWN_DIMENSION : u.dimension();
        }

        /**
         * A unit: a known one (longest spelling); a compound of two (万元/公里, 元/人); else a short run of letters
         * (批次, 台套 when the units file lacks them) kept as written, its dimension unknown; else "". A run longer
         * by one letter than the known unit it starts with (项次 after 项) is the unit as written, not 项 with 次 left
         * over.
         */
        private String unit() {
            int start = pos;
            String first = part(pos, false);
            if (first.isEmpty()) {
                return "";
            }
            int end = pos + first.length();
            if (end < s.length() && s.charAt(end) == '/') {
                String second = part(end + 1, true);
                if (!second.isEmpty()) {
                    String spelled = s.substring(start, end + 1 + second.length());
                    pos = end + 1 + second.length();
                    Units.Unit u = Units.standard().get(spelled);
                    return u != null ? u.name() : spelled;
                }
            }
            pos = end;
            Units.Unit u = Units.standard().get(first);
            return u != null ? u.name() : first;
        }

        /**
         * The unit spelling at {@code from}: the known one, or a longer run of letters (without a 以上-like suffix);
         * after a '/', whatever letters follow are the unit (元/吨公里).
         */
        private String part(int from, boolean afterSlash) {
            String known = Units.standard().longestAt(s, from);
            int end = from;
            while (end < s.length() && Character.isLetter(s.charAt(end))) {
                end++;
            }
            String run = s.substring(from, end);
            for (String[] suffix : SUFFIXES) {
                if (run.endsWith(suffix[0])) {
                    run = run.substring(0, run.length() - suffix[0].length());
                    break;
                }
            }
            // a run one letter longer than the known unit is a unit of its own (项次 after 项); a longer one is words
            // after a unit (6个司法所: a word, not the unit 个司法所)
            if (known != null && (run.length() <= known.length() || Units.standard().get(run) == null
                    && run.length() > known.length() + 1 && !afterSlash)) {
                return known;
            }
            return run.length() > 6 ? "" : run;
        }

        private BigDecimal number() {
            return number(true);
        }

        /** A number; with {@code grouping}, commas may separate groups of three digits (inside [a,b] they may not). */
        private BigDecimal number(boolean grouping) {
            int start = pos;
            StringBuilder digits = new StringBuilder();
            if (at('+') || at('-')) {
                digits.append(s.charAt(pos++));
            }
            int groupStart = pos;
            int firstGroup = -1;
            while (pos < s.length() && (isDigit(s.charAt(pos)) || grouping && s.charAt(pos) == ',')) {
                char c = s.charAt(pos);
                if (c == ',') {
                    int group = pos - groupStart;
                    boolean ok = firstGroup < 0 ? group >= 1 && group <= 3 : group == 3;
                    int next = pos + 1;
                    int run = 0;
                    while (next + run < s.length() && isDigit(s.charAt(next + run))) {
                        run++;
                    }
                    if (!ok || run < 3) {
                        throw new CellException("'" + text + "': a comma inside a number must separate groups of three "
                                + "digits (1,000); found '" + s.substring(start, next + run) + "'");
                    }
                    firstGroup = group;
                    groupStart = pos + 1;
                    pos++;
                    continue;
                }
                digits.append(c);
                pos++;
            }
            if (firstGroup >= 0 && pos - groupStart != 3) {
                throw new CellException("'" + text + "': a comma inside a number must separate groups of three digits "
                        + "(1,000); found '" + s.substring(start, pos) + "'");
            }
            if (at('.')) {
                digits.append('.');
                pos++;
                int fraction = 0;
                while (pos < s.length() && isDigit(s.charAt(pos))) {
                    digits.append(s.charAt(pos++));
                    fraction++;
                }
                if (fraction == 0) {
                    throw new CellException("'" + text + "': a decimal point without digits");
                }
                if (at('.') || grouping && at(',')) {
                    throw new CellException("'" + text + "': '" + s.substring(start, pos + 1) + "…' is not a number");
                }
            }
            if ((at('e') || at('E')) && exponentFollows()) {
                pos++;
                StringBuilder exp = new StringBuilder();
                if (at('+') || at('-')) {
                    exp.append(s.charAt(pos++));
                }
                while (pos < s.length() && isDigit(s.charAt(pos))) {
                    exp.append(s.charAt(pos++));
                }
                String e = exp.toString().replace("+", "");
                String magnitude = e.replace("-", "").replaceFirst("^0+(?=.)", "");
                if (magnitude.length() > 2) {
                    throw new CellException("'" + shorten(text) + "': the exponent " + exp + " is out of range");
                }
                digits.append('E').append(e);
            }
            BigDecimal d;
            try {
                d = new BigDecimal(digits.toString());
            } catch (NumberFormatException e) {
                throw new CellException("'" + text + "' is not a number");
            }
            return checkMagnitude(d, text);
        }

        private boolean exponentFollows() {
            int i = pos + 1;
            if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            return i < s.length() && isDigit(s.charAt(i));
        }

        private boolean startsNumber() {
            return startsNumberAt(pos);
        }

        private boolean startsNumberAt(int i) {
            if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            if (i < s.length() && s.charAt(i) == '.') {
                i++;
            }
            return i < s.length() && isDigit(s.charAt(i));
        }

        private boolean at(char c) {
            return pos < s.length() && s.charAt(pos) == c;
        }

        private String[] match(String[][] table) {
            for (String[] e : table) {
                if (s.startsWith(e[0], pos)) {
                    return e;
                }
            }
            return null;
        }

        private static boolean allHan(String rest) {
            return rest.codePoints().allMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN);
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** The text with invisible characters shown as <U+200B>, for messages. */
    static String visible(String text) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.getType(c) == Character.FORMAT || Character.isISOControl(c)) {
                sb.append(String.format("<U+%04X>", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
