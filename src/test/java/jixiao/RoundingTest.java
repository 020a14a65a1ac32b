package jixiao;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import jixiao.engine.PolicyLoader;
import jixiao.engine.ScoreResult;
import jixiao.engine.Scorer;
import jixiao.input.SubmissionReader;
import jixiao.model.Num;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rounding is the notice's: the places and the mode (四舍五入, 截断, 四舍六入五成双) of indicator scores, category
 * scores and the total are parameters in its table, and the arithmetic before them is exact enough that a cut never
 * lands on the wrong side. Every expected number below is worked out by hand in its comment.
 */
class RoundingTest {

    @TempDir
    Path tmp;

    private static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    // ---- the arithmetic (Num) ----

    @Test
    void aCutAfterTwoStepsOfDivisionDoesNotLoseACent() {
        // 3 × (1 − 2 ÷ 3) = 3 × 1/3 = 1 exactly; two steps of 34-digit division give 0.99…99, which must cut to 1.00
        BigDecimal twoThirds = Num.mulDiv(d("2"), BigDecimal.ONE, d("3"));
        BigDecimal x = d("3").multiply(BigDecimal.ONE.subtract(twoThirds));
        assertThat(x).isLessThan(BigDecimal.ONE); // the trap is real
        assertThat(Num.cut(x, 2)).isEqualByComparingTo("1.00");
        assertThat(Num.cut(x, 2).toPlainString()).isEqualTo("1.00");
    }

    @Test
    void cutHalfUpAndHalfEvenOnTheIssuesCases() {
        // 10 × 2 ÷ 3 = 6.666…: cut 6.66, half up 6.67
        BigDecimal tenTwoThirds = Num.mulDiv(d("10"), d("2"), d("3"));
        assertThat(Num.cut(tenTwoThirds, 2).toPlainString()).isEqualTo("6.66");
        assertThat(Num.halfUp(tenTwoThirds, 2).toPlainString()).isEqualTo("6.67");
        // 80 ÷ 9 = 8.888…: cut 8.88, half up 8.89
        BigDecimal eights = Num.mulDiv(d("80"), BigDecimal.ONE, d("9"));
        assertThat(Num.cut(eights, 2).toPlainString()).isEqualTo("8.88");
        assertThat(Num.halfUp(eights, 2).toPlainString()).isEqualTo("8.89");
        // 89.95 to one place: half up 90.0, cut 89.9, half even 90.0 (9 is odd: 89.95 → 90.0)
        assertThat(Num.halfUp(d("89.95"), 1).toPlainString()).isEqualTo("90.0");
        assertThat(Num.cut(d("89.95"), 1).toPlainString()).isEqualTo("89.9");
        assertThat(Num.halfEven(d("89.95"), 1).toPlainString()).isEqualTo("90.0");
        // half even: 8.885 → 8.88 (8 even), 8.875 → 8.88 (7 odd → up), 8.886 → 8.89
        assertThat(Num.halfEven(d("8.885"), 2).toPlainString()).isEqualTo("8.88");
        assertThat(Num.halfEven(d("8.875"), 2).toPlainString()).isEqualTo("8.88");
        assertThat(Num.halfEven(d("8.886"), 2).toPlainString()).isEqualTo("8.89");
        // half up of a quotient that is exactly on the 5: 2.345 = 469 ÷ 200, computed as a quotient
        assertThat(Num.halfUp(Num.mulDiv(d("469"), BigDecimal.ONE, d("200")), 2).toPlainString()).isEqualTo("2.35");
    }

    @Test
    void halfUpOfAThirdComputedInStepsLandsOnTheRightSide() {
        // 7 × (1 − 2 ÷ 3) × 3 ÷ 2 = 3.5 exactly; to whole points half up: 4, never 3
        BigDecimal third = BigDecimal.ONE.subtract(Num.mulDiv(d("2"), BigDecimal.ONE, d("3")));
        BigDecimal x = Num.mulDiv(d("7").multiply(third), d("3"), d("2"));
        assertThat(Num.halfUp(x, 0).toPlainString()).isEqualTo("4");
    }

    // ---- the notice's parameters ----

    /**
     * A copy of the Shangjie notice whose Functions row (the rounding parameters) is replaced by the given one: the
     * only file an analyst changes.
     */
    private ScoreResult scoreWith(String functions, ObjectNode submission) throws Exception {
        Path rules = tmp.resolve("rules-" + Math.abs(functions.hashCode()));
        Fixtures.copyTree(Fixtures.SHANGJIE, rules.resolve("shangjie-2021"));
        Path params = rules.resolve("shangjie-2021/00-parameters.drl.csv");
        String csv = Files.readString(params, StandardCharsets.UTF_8);
        String edited = csv.replaceFirst("(?m)^Functions,.*$", java.util.regex.Matcher.quoteReplacement(
                "Functions,\"" + functions.replace("\"", "\"\"") + "\""));
        assertThat(edited).contains(functions.replace("\"", "\"\""));
        Files.writeString(params, edited, StandardCharsets.UTF_8);
        Fixtures.pin(rules, "shangjie-2021");
        return new Scorer().score(PolicyLoader.load(rules.resolve("shangjie-2021")),
                SubmissionReader.fromTree("test", submission, "test"));
    }

    private static String params(int indicatorPlaces, String indicatorMode, int categoryPlaces, String categoryMode,
                                 int totalPlaces, String totalMode) {
        return "function int 得分小数位数() { return " + indicatorPlaces + "; } "
                + "function String 得分取舍方式() { return \"" + indicatorMode + "\"; } "
                + "function int 一级指标得分小数位数() { return " + categoryPlaces + "; } "
                + "function String 一级指标得分取舍方式() { return \"" + categoryMode + "\"; } "
                + "function int 总分小数位数() { return " + totalPlaces + "; } "
                + "function String 总分取舍方式() { return \"" + totalMode + "\"; }";
    }

    /** The seed with some indicators' actual values (and self-scores) changed. */
    private static ObjectNode seedWith(Map<String, String[]> actualAndClaimed) throws Exception {
        ObjectNode seed = (ObjectNode) new ObjectMapper().readTree(Files.readString(Fixtures.SEED));
        for (JsonNode i : seed.get("indicators")) {
            String[] change = actualAndClaimed.get(i.get("name").asText());
            if (change != null) {
                ((ObjectNode) i).put("actual", change[0]);
                ((ObjectNode) i).put("claimed", new BigDecimal(change[1]));
            }
        }
        seed.remove("claimedTotal");
        seed.remove("claimedGrade");
        return seed;
    }

    private static final String PURCHASE = "政府采购执行率"; // 2 points, target ≥90%

    @Test
    void theIndicatorModeDecidesBetweenCuttingAndRounding() throws Exception {
        // 政府采购执行率 80% of ≥90%: 2 × 80 ÷ 90 = 1.777…: half up 1.78, cut 1.77, half even 1.78.
        // Every other indicator of the seed is full: total 100 − 2 + that score.
        ObjectNode s = seedWith(Map.of(PURCHASE, new String[] {"80%", "1.77"}));
        String path = "投入管理指标/预算和财务管理/" + PURCHASE;

        ScoreResult halfUp = scoreWith(params(2, "四舍五入", 2, "四舍五入", 2, "四舍五入"), s);
        assertThat(halfUp.indicator(path).getScore()).isEqualByComparingTo("1.78");
        assertThat(halfUp.total().getScore()).isEqualByComparingTo("99.78");

        ScoreResult cut = scoreWith(params(2, "截断", 2, "截断", 2, "截断"), s);
        assertThat(cut.indicator(path).getScore()).isEqualByComparingTo("1.77");
        assertThat(cut.total().getScore()).isEqualByComparingTo("99.77");

        ScoreResult halfEven = scoreWith(params(2, "四舍六入五成双", 2, "四舍六入五成双", 2, "四舍六入五成双"), s);
        assertThat(halfEven.indicator(path).getScore()).isEqualByComparingTo("1.78");
    }

    /**
     * Total exactly 89.95: 政府采购执行率 50% → 2 × 50 ÷ 90 = 1.11 (−0.89); 受援群众满意度 0% → 0 (−6);
     * 专职律师担任村（居）法律顾问比例 33.12% of ≥90% → 5 × 33.12 ÷ 90 = 1.84 (−3.16). 100 − 0.89 − 6 − 3.16 = 89.95.
     */
    private static ObjectNode total8995() throws Exception {
        return seedWith(Map.of(PURCHASE, new String[] {"50%", "1.11"},
                "受援群众满意度", new String[] {"0", "0"},
                "专职律师担任村（居）法律顾问比例", new String[] {"33.12%", "1.84"}));
    }

    @Test
    void onlyTheTotalRoundedToOnePlace() throws Exception {
        // indicators at two places half up (1.11, 0, 1.84), the total 89.95 to one place half up: 90.0, which is 优
        ScoreResult r = scoreWith(params(2, "四舍五入", 2, "四舍五入", 1, "四舍五入"), total8995());
        assertThat(r.indicator("投入管理指标/预算和财务管理/" + PURCHASE).getScore()).isEqualByComparingTo("1.11");
        assertThat(r.total().getScore().toPlainString()).isEqualTo("90.0");
        assertThat(r.total().getExplanation()).contains("89.95").contains("90");
        assertThat(r.grade().getName()).isEqualTo("优");

        // the same total cut to one place: 89.9, 良
        ScoreResult cut = scoreWith(params(2, "四舍五入", 2, "四舍五入", 1, "截断"), total8995());
        assertThat(cut.total().getScore().toPlainString()).isEqualTo("89.9");
        assertThat(cut.grade().getName()).isEqualTo("良");

        // and as the shipped notice has it (two places everywhere): 89.95, 良
        ScoreResult shipped = new Scorer().score(Fixtures.policy(Fixtures.SHANGJIE),
                SubmissionReader.fromTree("test", total8995(), "test"));
        assertThat(shipped.total().getScore()).isEqualByComparingTo("89.95");
        assertThat(shipped.grade().getName()).isEqualTo("良");
    }

    @Test
    void aModeTheNoticeDoesNotKnowIsNamedWhenScoring() throws Exception {
        ScoreResult r = null;
        Exception failure = null;
        try {
            r = scoreWith(params(2, "四舍五人", 2, "四舍五入", 2, "四舍五入"), seedWith(Map.of()));
        } catch (Exception e) {
            failure = e;
        }
        assertThat(r).isNull();
        assertThat(failure).isNotNull();
        assertThat(String.valueOf(failure.getMessage()) + failure.getCause()).contains("四舍五人").contains("截断");
    }
}
