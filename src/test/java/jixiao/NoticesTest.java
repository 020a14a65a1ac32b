package jixiao;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jixiao.engine.ScoreResult;
import jixiao.engine.Scorer;
import jixiao.input.SubmissionReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several notices side by side; a new one made by copying a folder and editing DRL only; impact comparison. */
class NoticesTest {

    @TempDir
    Path tmp;

    @Test
    void bothShippedNoticesAreListedWithTheirMetadata() {
        Fixtures.Run run = Fixtures.cli("notices", "--rules-root", "rules");
        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("mof-2020-project\t2020\t项目支出绩效自评\t财政部《项目支出绩效评价管理办法》")
                .contains("shangjie-2021\t2021\t部门整体绩效自评");
    }

    @Test
    void eachSubmissionIsScoredByTheNoticeItNames() throws Exception {
        Fixtures.Run run = Fixtures.cli("score", "--format", "json", Fixtures.SEED.toString(),
                "scenarios/mof-2020-project/example-mediation-2021.json");
        assertThat(run.exit()).as(run.err()).isZero();
        String[] lines = run.out().split("\n");
        assertThat(lines[0]).contains("\"notice\":\"shangjie-2021\"").contains("\"total\":99.11");
        assertThat(lines[1]).contains("\"notice\":\"mof-2020-project\"").contains("\"total\":96.49")
                .contains("\"grade\":\"优\"");
    }

    @Test
    void theMofNoticeKeepsWeightsAndGradesInDecisionTables() throws Exception {
        Path folder = Path.of("rules/mof-2020-project");
        var policy = Fixtures.policy(folder);
        ScoreResult r = new Scorer().score(policy,
                SubmissionReader.read(Path.of("scenarios/mof-2020-project/example-mediation-2021.json")));
        // the weights 10/50/30/10 and the grade come from rows of the decision tables, not from DRL
        assertThat(r.weights()).extracting(w -> w.getCategory() + " " + w.getWeight().toPlainString())
                .containsExactly("预算执行率 10", "产出指标 50", "效益指标 30", "满意度指标 10");
        for (var w : r.weights()) {
            assertThat(policy.rules()).anySatisfy(rule -> {
                assertThat(rule.name()).isEqualTo(w.getLastRule());
                assertThat(rule.file()).isEqualTo("00-parameters.drl.csv");
            });
        }
        assertThat(r.total().getScore()).isEqualByComparingTo("96.49");
        assertThat(r.grade().getName()).isEqualTo("优");
        // the bands are rows of the 等级 table; the shared rule states the band it found from the row's numbers
        assertThat(policy.rules()).anySatisfy(rule -> {
            assertThat(rule.name()).isEqualTo("自评表：等级优的总分区间");
            assertThat(rule.file()).isEqualTo("00-parameters.drl.csv");
        });
        assertThat(r.grade().getExplanation()).isEqualTo("总分96.49分，90分（含）以上为优（自评表）");
    }

    @Test
    void aThirdNoticeBuiltOnLastYearsHoldsOnlyWhatChangedAndScoresWithoutAnyJavaChange() throws Exception {
        Path root = tmp.resolve("rules");
        Path third = Fixtures.derive(root, "shangjie-2022-draft", "shangjie-2021");
        Path base = root.resolve("shangjie-2021");
        // qualitative tiers 80% / 50% instead of 80% / 60%: the parameter table, two cells changed
        Files.copy(base.resolve("00-parameters.drl.csv"), third.resolve("00-parameters.drl.csv"));
        edit(third.resolve("00-parameters.drl.csv"), ",部分达成,部分达成预期指标并具有一定效果,60,含,80,不含",
                ",部分达成,部分达成预期指标并具有一定效果,50,含,80,不含");
        edit(third.resolve("00-parameters.drl.csv"), ",未达成,未达成预期指标且效果较差,0,含,60,不含",
                ",未达成,未达成预期指标且效果较差,0,含,50,不含");
        // a category that does not apply: its points are shared out in proportion, not moved to one category (the
        // shared rule that moves them by the 分值并入 table is dropped, a rule of its own added)
        Files.writeString(third.resolve("20-share-out.drl"), """
                package jixiao.policy;

                import java.math.BigDecimal;
                import jixiao.model.*;

                rule "不适用的一级指标，其分值按比例分给其他可调整的一级指标"
                    ruleflow-group "20 分值调整"
                when
                    CategoryDeclaration( applicable == false, $n : name, name != "预算执行率" )
                    $from : CategoryWeight( category == $n, applicable == true )
                    $others : java.util.List( size > 0 ) from collect(
                        CategoryWeight( category != $n, category != "预算执行率", applicable == true ) )
                then
                    BigDecimal moved = $from.getWeight();
                    BigDecimal base = CategoryWeight.sumOf($others);
                    modify($from) { notApplicable("部门声明不适用，分值按比例分给其他一级指标") }
                    for (Object o : $others) {
                        CategoryWeight w = (CategoryWeight) o;
                        BigDecimal share = 得分取舍(Num.mulDiv(w.getWeight(), moved, base));
                        modify(w) { add(share, "按比例分得" + 数(share) + "分") }
                    }
                end
                """, StandardCharsets.UTF_8);
        // category scores are scaled to the new weights (the common base's file of that name, replaced) ...
        Files.copy(root.resolve("common/40-totals.drl"), third.resolve("40-totals.drl"));
        replaceRule(third.resolve("40-totals.drl"), "一级指标得分为其下三级指标得分之和", """
                rule "一级指标得分为其下三级指标得分按分值折算"
                    ruleflow-group "40 一级指标得分"
                when
                    $w : CategoryWeight( applicable == true, $c : category )
                    $scores : List() from collect( IndicatorScore( indicator.category == $c ) )
                    $rows : List( size > 0 ) from collect( Indicator( category == $c ) )
                then
                    BigDecimal sum = 得分取舍(Num.mulDiv(IndicatorScore.sumOf($scores), $w.getWeight(),
                        Indicator.pointsOf($rows)));
                    insert(new CategoryScore($c, $w.getWeight(), sum, "三级指标得分之和按分值折算为" + 数(sum) + "分"));
                end
                """);
        // ... so points need no longer add up to them; and the notice has no 注2 of its own: the bases' files are dropped
        edit(third.resolve("notice.json"), "\"base\"", "\"drop\": [\"20-weight-transfer.drl\", \"41-indicator-points.drl\", "
                + "\"62-reasons.drl\"],\n  \"base\"");
        Fixtures.Run unpinned = Fixtures.cli("score", "--rules", third.toString(), Fixtures.SEED.toString());
        assertThat(unpinned.exit()).isEqualTo(3);
        assertThat(unpinned.err()).contains("does not pin its base shangjie-2021").contains("jixiao pin shangjie-2022-draft");
        Fixtures.pin(root, "shangjie-2022-draft");
        try (var files = Files.list(third)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder("notice.json",
                    "00-parameters.drl.csv", "20-share-out.drl", "40-totals.drl");
        }

        Fixtures.Run seed = Fixtures.cli("score", "--format", "json", "--rules", third.toString(),
                Fixtures.SEED.toString());
        assertThat(seed.exit()).as(seed.err()).isZero();
        JsonNode r = new ObjectMapper().readTree(seed.out());
        assertThat(r.get("notice").asText()).isEqualTo("shangjie-2022-draft");
        // 投入 30 → 33.75, 产出 30 → 33.75, 效益 20 → 22.5 (10 points shared as 30:30:20)
        // scores: 投入 29.11 × 33.75 ÷ 30 = 32.75; 产出 33.75; 效益 30 × 22.5 ÷ 30 = 22.5; 预算执行率 10
        assertThat(category(r, "投入管理指标").get("weight").decimalValue()).isEqualByComparingTo("33.75");
        assertThat(category(r, "效益指标").get("weight").decimalValue()).isEqualByComparingTo("22.5");
        assertThat(category(r, "投入管理指标").get("score").decimalValue()).isEqualByComparingTo("32.75");
        assertThat(r.get("total").decimalValue()).isEqualByComparingTo("99");

        // the new tier band: 5.5 of 10 points is inside 部分达成 [50%, 80%) now, where [60%, 80%) would give 6
        Path sub = tmp.resolve("partial.json");
        String minimal = Files.readString(Fixtures.MINIMAL, StandardCharsets.UTF_8);
        Files.writeString(sub, minimal.replace("\"actual\": \"显著\",", "\"actual\": \"较显著\", \"tier\": \"部分达成\", "
                + "\"evaluatorScore\": 5.5,"), StandardCharsets.UTF_8);
        JsonNode p = new ObjectMapper().readTree(Fixtures.cli("score", "--format", "json", "--rules",
                third.toString(), sub.toString()).out());
        JsonNode old = new ObjectMapper().readTree(Fixtures.cli("score", "--format", "json", sub.toString()).out());
        assertThat(indicator(p, "社会效益").get("score").decimalValue()).isEqualByComparingTo("5.5");
        assertThat(indicator(old, "社会效益").get("score").decimalValue()).isEqualByComparingTo("6");
        // the dropped file's rule is gone; the base's other rules are there, named by the folder they come from
        var policy = Fixtures.policy(third);
        assertThat(policy.rules()).noneMatch(x -> x.file().endsWith("62-reasons.drl"));
        assertThat(policy.rules()).anyMatch(x -> x.file().equals("shangjie-2021/61-consistency.drl"));
        assertThat(policy.rules()).anyMatch(x -> x.file().equals("common/31-quantitative.drl"));
        assertThat(policy.layers()).extracting(f -> f.getFileName().toString())
                .containsExactly("common", "shangjie-2021", "shangjie-2022-draft");
    }

    @Test
    void compareReportsTheSeedMovingFrom优To良WhenTheBandOf优StartsAt99_5() throws Exception {
        Path strict = tmp.resolve("shangjie-2021-strict");
        Fixtures.copyTree(Fixtures.SHANGJIE, strict);
        edit(strict.resolve("notice.json"), "\"id\": \"shangjie-2021\"", "\"id\": \"shangjie-2021-strict\"");
        edit(strict.resolve("00-parameters.drl.csv"), ",10 通知参数,优,90,不限,", ",10 通知参数,优,99.5,不限,");
        edit(strict.resolve("00-parameters.drl.csv"), ",10 通知参数,良,80,90,", ",10 通知参数,良,80,99.5,");

        Fixtures.Run text = Fixtures.cli("compare", "--rules", "shangjie-2021", "--rules", strict.toString(),
                "scenarios/shangjie-2021");
        assertThat(text.exit()).as(text.err()).isZero();
        // the folder holds the seed twice (as JSON and as the .xlsx table) and the minimal submission
        assertThat(text.out()).containsPattern("shangjie-justice-2021 +99\\.11 +优 +99\\.11 +良 +0 +优→良")
                .containsPattern("justice-bureau-2021 +99\\.11 +优 +99\\.11 +良 +0 +优→良")
                .contains("2 份等级改变（优→良 2 份）");

        Fixtures.Run json = Fixtures.cli("compare", "--format", "json", "--rules", "shangjie-2021", "--rules",
                strict.toString(), Fixtures.SEED.toString(), Fixtures.MINIMAL.toString());
        JsonNode j = new ObjectMapper().readTree(json.out());
        assertThat(j.at("/summary/gradeChanged").asInt()).isEqualTo(1);
        assertThat(j.at("/summary/transitions/优→良").asInt()).isEqualTo(1);
        assertThat(j.at("/submissions/0/id").asText()).isEqualTo("shangjie-justice-2021");
        assertThat(j.at("/submissions/0/a/grade").asText()).isEqualTo("优");
        assertThat(j.at("/submissions/0/b/grade").asText()).isEqualTo("良");
        assertThat(j.at("/submissions/1/gradeChanged").asBoolean()).isFalse();

        // the page draws it: one row per submission on the 0-100 axis, the grade moves counted A × B
        Fixtures.Run html = Fixtures.cli("compare", "--format", "html", "--rules", "shangjie-2021", "--rules",
                strict.toString(), Fixtures.SEED.toString(), Fixtures.MINIMAL.toString());
        assertThat(html.exit()).as(html.err()).isZero();
        org.jsoup.nodes.Document page = org.jsoup.Jsoup.parse(html.out());
        assertThat(page.select("svg#movement > g")).hasSize(2);
        assertThat(page.select("svg#movement > g").first().text()).contains("shangjie-justice-2021").contains("优→良");
        assertThat(page.select("#summary").text()).contains("2 份提交，1 份等级改变，0 份总分改变");
        // row 优 (A), column 良 (B): one submission; 优 → 优: the other
        var grades = page.select("table#grades tr");
        assertThat(grades.get(0).text()).isEqualTo("优 良");
        assertThat(grades.get(1).select("td").eachText()).containsExactly("1", "1");
        assertThat(Fixtures.cli("compare", "--format", "csv", "--rules", "shangjie-2021", "--rules", strict.toString(),
                Fixtures.SEED.toString()).exit()).isEqualTo(2);
    }

    @Test
    void compareShowsTotalsMovingAndRejectionsOnEitherSide() throws Exception {
        Fixtures.Run run = Fixtures.cli("compare", "--rules", "shangjie-2021", "--rules", "mof-2020-project",
                Fixtures.SEED.toString());
        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("B：退回").contains("UNKNOWN_CATEGORY");
        assertThat(Fixtures.cli("compare", "--rules", "shangjie-2021", Fixtures.SEED.toString()).exit()).isEqualTo(2);
    }

    @Test
    void aNoticeIdCannotReachOutsideTheRulesRoot() throws Exception {
        Path root = tmp.resolve("root");
        Files.createDirectories(root);
        Path outside = tmp.resolve("outside");
        Fixtures.copyTree(Fixtures.SHANGJIE, outside);
        Files.createSymbolicLink(root.resolve("linked"), outside.toAbsolutePath());
        for (String id : new String[] {"linked", "../outside", outside.toAbsolutePath().toString(), ".."}) {
            Path f = tmp.resolve("s.json");
            Files.writeString(f, Files.readString(Fixtures.MINIMAL).replace("\"shangjie-2021\"",
                    new ObjectMapper().writeValueAsString(id)), StandardCharsets.UTF_8);
            Fixtures.Run run = Fixtures.cli("score", "--rules-root", root.toString(), f.toString());
            assertThat(run.exit()).as(id).isEqualTo(2);
            assertThat(run.err()).as(id).contains("$.notice").containsAnyOf("unknown notice", "is not a notice id");
        }
    }

    private static JsonNode category(JsonNode r, String name) {
        for (JsonNode c : r.get("categories")) {
            if (c.get("name").asText().equals(name)) {
                return c;
            }
        }
        throw new AssertionError("no category " + name);
    }

    private static JsonNode indicator(JsonNode r, String name) {
        for (JsonNode c : r.get("indicators")) {
            if (c.get("name").asText().equals(name)) {
                return c;
            }
        }
        throw new AssertionError("no indicator " + name);
    }

    private static void edit(Path file, String from, String to) throws Exception {
        String s = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(s).contains(from);
        Files.writeString(file, s.replace(from, to), StandardCharsets.UTF_8);
    }

    private static void replaceRule(Path file, String name, String replacement) throws Exception {
        String s = Files.readString(file, StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("(?ms)^rule\\s+\"" + Pattern.quote(name) + "\".*?^end\\s*$").matcher(s);
        assertThat(m.find()).as("rule " + name).isTrue();
        Files.writeString(file, s.substring(0, m.start()) + replacement + s.substring(m.end()), StandardCharsets.UTF_8);
    }

    @Test
    void compareShowsWhichCategoriesAndIndicatorsMovedCountsRejectionsAndTakesScenarios() throws Exception {
        // B halves every proportional credit: 政府采购执行率 2 × 50 ÷ 90 × 0.5 = 0.56 (A: 1.11);
        // the scenario's 服务对象满意度 10 × 45 ÷ 90 × 0.5 = 2.5 (A: 5)
        Path root = tmp.resolve("rules");
        Path half = Fixtures.derive(root, "shangjie-2021-half", "shangjie-2021");
        Files.copy(root.resolve("common/01-functions.drl"), half.resolve("01-functions.drl"));
        edit(half.resolve("01-functions.drl"), "BigDecimal raw = Num.mulDiv(points, numerator, denominator);",
                "BigDecimal raw = Num.mulDiv(points, numerator, denominator).multiply(new BigDecimal(\"0.5\"));");
        Fixtures.pin(root, "shangjie-2021-half");
        Fixtures.Run run = Fixtures.cli("compare", "--format", "json", "--rules", "shangjie-2021", "--rules",
                half.toString(), Fixtures.SEED.toString(), "scenarios/shangjie-2021/quantitative-ge-missed.scenario.json",
                "scenarios/shangjie-2021/actual-inequality-below-target.scenario.json");
        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(run.out());
        JsonNode seed = j.at("/submissions/0/moved");
        assertThat(seed.get(0).get("what").asText()).isIn("投入管理指标", "投入管理指标/预算和财务管理/政府采购执行率");
        assertThat(seed.findValuesAsText("what")).containsExactlyInAnyOrder("投入管理指标",
                "投入管理指标/预算和财务管理/政府采购执行率");
        assertThat(seed.get(0).get("difference").decimalValue()).isEqualByComparingTo("-0.55");
        assertThat(j.at("/submissions/1/id").asText()).isEqualTo("quantitative-ge-missed");
        assertThat(j.at("/submissions/1/moved/0/difference").decimalValue()).isEqualByComparingTo("-2.5");
        assertThat(j.at("/summary/rejectedA").asInt()).isEqualTo(1);
        assertThat(j.at("/summary/rejectedB").asInt()).isEqualTo(1);
        assertThat(j.at("/summary/moved/0/what").asText()).isIn("效益指标", "效益指标/满意度/服务对象满意度");
    }
}
