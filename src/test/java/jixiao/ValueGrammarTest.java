package jixiao;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import jixiao.input.Cells;
import jixiao.model.Value;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The value grammar of docs/values.md: a corpus of cell spellings from real tables (src/test/resources/values/cells.tsv)
 * each with its expected reading or error, and a property that every supported spelling of a generated number reads
 * back as that number.
 */
class ValueGrammarTest {

    static Stream<Arguments> corpus() throws IOException {
        List<Arguments> rows = new ArrayList<>();
        int line = 0;
        for (String l : Files.readAllLines(Path.of("src/test/resources/values/cells.tsv"), StandardCharsets.UTF_8)) {
            line++;
            if (l.startsWith("# ") || l.isEmpty()) {
                continue;
            }
            int tab = l.indexOf('\t');
            rows.add(Arguments.of(line, unescape(l.substring(0, tab)), l.substring(tab + 1)));
        }
        return rows.stream();
    }

    @Test
    void theCorpusHoldsAtLeast150Spellings() throws IOException {
        assertThat(corpus().count()).isGreaterThanOrEqualTo(150);
    }

    @ParameterizedTest(name = "line {0}: ''{1}'' → {2}")
    @MethodSource("corpus")
    void readsEachSpellingOfTheCorpus(int line, String text, String expected) {
        if (expected.startsWith("ERROR")) {
            String phrase = expected.substring("ERROR".length()).strip();
            assertThatThrownBy(() -> Cells.value(text)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(phrase);
            return;
        }
        Value v = Cells.value(text);
        if (expected.equals("WORD")) {
            assertThat(v.isNumeric()).as("a word, not a number").isFalse();
            assertThat(v.text()).isEqualTo(text.strip());
            return;
        }
        String[] f = expected.split("\\|", -1);
        assertThat(v.comparator()).as("comparator").isEqualTo(f[0]);
        assertThat(v.number()).as("number").isEqualByComparingTo(f[1]);
        if (f[2].isEmpty()) {
            assertThat(v.upper()).as("upper end").isNull();
        } else {
            assertThat(v.upper()).as("upper end").isEqualByComparingTo(f[2]);
        }
        assertThat(v.unit()).as("unit").isEqualTo(f[3]);
        assertThat(v.dimension()).as("dimension").isEqualTo(f[4]);
        assertThat(v.text()).as("text as typed").isEqualTo(text.strip().replaceAll("^\u200B|\u200B$", ""));
    }

    private static String unescape(String s) {
        Matcher m = Pattern.compile("\\\\u([0-9A-Fa-f]{4})").matcher(s);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, String.valueOf((char) Integer.parseInt(m.group(1), 16)));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    // ---- amounts: points, scores, money ----

    @ParameterizedTest(name = "''{0}'' → {1} {2}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
        "10|10|''", "１０|10|''", "2 分|2|分", "1,000.00|1000.00|''", "1，000|1000|''", "701.61万元|701.61|万元",
        "1000000元|1000000|元", "1e2|100|''"})
    void readsAmounts(String text, String number, String unit) {
        Cells.Amount a = Cells.amount(text);
        assertThat(a.number()).isEqualByComparingTo(number);
        assertThat(a.unitText()).isEqualTo(unit);
    }

    @ParameterizedTest(name = "''{0}'' is refused: {1}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
        "≥10|a comparison", "90-100|a range", "科学|is not a number", "''|empty string", "1e-999999999|exponent",
        "10星级|unknown unit"})
    void refusesAmountsThatAreNotOneNumber(String text, String phrase) {
        assertThatThrownBy(() -> Cells.amount(text)).hasMessageContaining(phrase);
    }

    // ---- the property: no spelling reads as another number ----

    record Written(BigDecimal number, String comparator, String unit, String text) {
    }

    @Property(tries = 2000)
    void everySupportedSpellingReadsBackAsTheNumberWritten(@ForAll("spellings") Written w) {
        Value v = Cells.value(w.text());
        assertThat(v.number()).as(w.text()).isEqualByComparingTo(w.number());
        assertThat(v.comparator()).as(w.text()).isEqualTo(w.comparator());
        assertThat(v.unit()).as(w.text()).isEqualTo(w.unit());
    }

    @Provide
    Arbitrary<Written> spellings() {
        Arbitrary<BigDecimal> numbers = Combinators.combine(
                Arbitraries.longs().between(0, 999_999_999_999L), Arbitraries.integers().between(0, 4),
                Arbitraries.of(true, false))
                .as((unscaled, scale, negative) -> BigDecimal.valueOf(negative ? -unscaled : unscaled, scale));
        Arbitrary<String[]> comparators = Arbitraries.of(
                new String[] {"", "", ""}, new String[] {"≥", "≥", ""}, new String[] {">=", "≥", ""},
                new String[] {"≤", "≤", ""}, new String[] {"<", "<", ""}, new String[] {"＞", ">", ""},
                new String[] {"=", "=", ""}, new String[] {"不低于", "≥", ""}, new String[] {"不超过", "≤", ""},
                new String[] {"", "≥", "以上"}, new String[] {"", "≤", "以内"});
        Arbitrary<String[]> units = Arbitraries.of(new String[] {"", ""}, new String[] {"%", "%"},
                new String[] {"％", "%"}, new String[] {"个", "个"}, new String[] {"万元", "万元"}, new String[] {"元", "元"},
                new String[] {"人次", "人次"}, new String[] {"公里", "千米"}, new String[] {"天", "天"});
        Arbitrary<Integer> styles = Arbitraries.integers().between(0, 5);
        return Combinators.combine(numbers, comparators, units, styles, Arbitraries.of(true, false))
                .as((n, c, u, style, spaced) -> {
                    String digits = spell(n, style);
                    String sp = spaced ? " " : "";
                    return new Written(n, c[1], u[1], c[0] + sp + digits + sp + u[0] + c[2]);
                });
    }

    /** 0 plain, 1 grouped with ',', 2 grouped with '，', 3 full-width digits, 4 exponent, 5 grouped full-width. */
    static String spell(BigDecimal n, int style) {
        String plain = n.toPlainString();
        switch (style) {
            case 1:
                return group(plain, ",");
            case 2:
                return group(plain, "，");
            case 3:
                return fullWidth(plain);
            case 4:
                return n.unscaledValue() + "e" + (-n.scale());
            case 5:
                return fullWidth(group(plain, ","));
            default:
                return plain;
        }
    }

    private static String group(String plain, String sep) {
        String sign = plain.startsWith("-") ? "-" : "";
        String body = sign.isEmpty() ? plain : plain.substring(1);
        int dot = body.indexOf('.');
        String intPart = dot < 0 ? body : body.substring(0, dot);
        String frac = dot < 0 ? "" : body.substring(dot);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < intPart.length(); i++) {
            if (i > 0 && (intPart.length() - i) % 3 == 0) {
                sb.append(sep);
            }
            sb.append(intPart.charAt(i));
        }
        return sign + sb + frac;
    }

    private static String fullWidth(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            sb.append(c >= '0' && c <= '9' ? (char) ('０' + (c - '0')) : c == '.' ? '．' : c == ',' ? '，' : c);
        }
        return sb.toString();
    }

    /** A cell of only slashes or dashes says nothing is there (the rules decide it marks a row not applicable). */
    @Test
    void aCellOfSlashesOrDashesIsADashAndNothingElseIs() {
        for (String dash : new String[] {"/", "／", "—", "——", "-", "－", "–", "//"}) {
            assertThat(jixiao.input.Cells.value(dash).isDash()).as(dash).isTrue();
        }
        for (String other : new String[] {"无", "不适用", "/个", "—5", "科学", "5"}) {
            assertThat(jixiao.input.Cells.value(other).isDash()).as(other).isFalse();
        }
    }
}
