package jixiao;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jixiao.cli.Main;
import jixiao.engine.PolicyException;
import jixiao.engine.PolicyLoader;
import jixiao.engine.PolicyRegistry;
import jixiao.engine.Scorer;
import jixiao.scenario.ScenarioReader;
import jixiao.scenario.ScenarioRunner;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A notice declares the columns its tables carry (扣分, 扣分说明, 核查分, 核查意见 in the test notice hecha-2023, built
 * on mof-2020-project with one rule file and no Java), and they reach its rules, from JSON, from scenario files and
 * from tables, with the same strictness as the built-in fields. Expected numbers are worked by hand in each scenario's
 * description and below.
 */
class DeclaredFieldsTest {

    private static final Path SYNTHETIC = Path.of("src/test/resources/synthetic");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;
    Path root;
    Path example;

    @BeforeEach
    void layOut() throws Exception {
        root = tmp.resolve("rules");
        Fixtures.copyTree(Fixtures.RULES.resolve("mof-2020-project"), root.resolve("mof-2020-project"));
        Fixtures.copyTree(SYNTHETIC.resolve("rules/hecha-2023"), root.resolve("hecha-2023"));
        Fixtures.copyTree(SYNTHETIC.resolve("scenarios/hecha-2023"), tmp.resolve("scenarios/hecha-2023"));
        Fixtures.pin(root, "hecha-2023");
        example = tmp.resolve("scenarios/hecha-2023/example-2023.json");
    }

    private Fixtures.Run cli(String command, String... args) {
        List<String> all = new ArrayList<>(List.of(command, "--rules-root", root.toString()));
        all.addAll(List.of(args));
        return Fixtures.cli(all.toArray(String[]::new));
    }

    private ObjectNode example() throws Exception {
        return (ObjectNode) JSON.readTree(Files.readString(example));
    }

    private static ObjectNode indicator(ObjectNode s, String name) {
        for (JsonNode i : s.get("indicators")) {
            if (i.get("name").asText().equals(name)) {
                return (ObjectNode) i;
            }
        }
        throw new AssertionError("no indicator " + name);
    }

    private Path write(String name, JsonNode s) throws Exception {
        Path f = tmp.resolve(name);
        Files.writeString(f, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(s), StandardCharsets.UTF_8);
        return f;
    }

    @Test
    void theVerificationNoticesScenariosPass() throws Exception {
        ScenarioRunner runner = new ScenarioRunner(new PolicyRegistry(root, null), new Scorer());
        List<Path> files = ScenarioReader.find(List.of(tmp.resolve("scenarios/hecha-2023")));
        assertThat(files).hasSize(10);
        List<String> failed = new ArrayList<>();
        for (Path f : files) {
            ScenarioRunner.Outcome o = runner.run(f);
            if (o.status() != ScenarioRunner.Status.PASSED) {
                failed.add(f.getFileName() + ": " + o.status() + " " + o.mismatches() + " " + o.error());
            }
        }
        assertThat(failed).isEmpty();
    }

    /** 人民调解员培训人次 95 of ≥100: 10 × 95 ÷ 100 = 9.50; 扣分 2 → 7.50. Total 96.49 − 8 + 7.50 = 95.99. */
    private ObjectNode deducted() throws Exception {
        ObjectNode s = example();
        indicator(s, "人民调解员培训人次").put("actual", "95人次").put("claimed", 9.5).put("扣分", 2)
                .put("扣分说明", "培训签到台账不全");
        return s;
    }

    @Test
    void aDeductionReachesTheRulesFromJsonAndIsTracedInTheReport() throws Exception {
        Fixtures.Run run = cli("score", write("deducted.json", deducted()).toString(), "--format", "json");
        assertThat(run.exit()).as(run.err()).isEqualTo(Main.OK);
        JsonNode r = JSON.readTree(run.out());
        assertThat(r.path("total").decimalValue()).isEqualByComparingTo("95.99");
        JsonNode i = null;
        for (JsonNode n : r.path("indicators")) {
            if (n.path("name").asText().equals("人民调解员培训人次")) {
                i = n;
            }
        }
        assertThat(i).isNotNull();
        assertThat(i.path("score").decimalValue()).isEqualByComparingTo("7.50");
        assertThat(i.path("rule").asText()).isEqualTo("第三条：三级指标得分扣除核查扣分，扣完为止");
        assertThat(i.path("fields").path("扣分").asText()).isEqualTo("2");
        assertThat(i.path("fields").path("扣分说明").asText()).isEqualTo("培训签到台账不全");
        // what it replaced: the proportional score 9.50 and the rule that gave it
        assertThat(i.path("replaces").get(0).path("score").decimalValue()).isEqualByComparingTo("9.50");
        assertThat(i.path("replaces").get(0).path("rule").asText()).isNotBlank()
                .isNotEqualTo("第三条：三级指标得分扣除核查扣分，扣完为止");
    }

    @Test
    void aFieldTheNoticeDoesNotDeclareIsRefusedNamingTheOnesItDoes() throws Exception {
        ObjectNode s = example();
        indicator(s, "当事人满意度").put("核查分数", 8); // a title of 核查分, not its name
        Fixtures.Run run = cli("score", write("undeclared.json", s).toString());
        assertThat(run.exit()).isEqualTo(Main.BAD_INPUT);
        assertThat(run.err()).contains("$.indicators[7].核查分数").contains("unknown field \"核查分数\"")
                .contains("扣分, 扣分说明, 核查分, 核查意见").doesNotContain("Exception");

        // the same column under a notice that declares none: refused, and said so
        s.put("notice", "mof-2020-project");
        indicator(s, "当事人满意度").remove("核查分数");
        indicator(s, "当事人满意度").put("核查分", 8);
        Fixtures.Run plain = cli("score", write("plain.json", s).toString());
        assertThat(plain.exit()).isEqualTo(Main.BAD_INPUT);
        assertThat(plain.err()).contains("unknown field \"核查分\"").contains("declares no further fields");
    }

    @Test
    void aDeclaredFieldIsReadByItsTypeOrRefusedByItsPath() throws Exception {
        ObjectNode s = example();
        indicator(s, "人民调解员培训人次").put("扣分", "两分").put("扣分说明", "x");
        Fixtures.Run run = cli("score", write("words.json", s).toString());
        assertThat(run.exit()).isEqualTo(Main.BAD_INPUT);
        assertThat(run.err()).contains("$.indicators[1].扣分").contains("两分");

        // written as clerks write it: 2分, full-width digits — read as 2
        indicator(s, "人民调解员培训人次").put("actual", "95人次").put("扣分", "２分").put("扣分说明", "台账不全");
        Fixtures.Run ok = cli("score", write("written.json", s).toString(), "--format", "json");
        assertThat(ok.exit()).as(ok.err()).isEqualTo(Main.OK);
        assertThat(JSON.readTree(ok.out()).path("total").decimalValue()).isEqualByComparingTo("95.99");

        // a list where a number belongs
        indicator(s, "人民调解员培训人次").set("扣分", JSON.createArrayNode().add(2));
        Fixtures.Run list = cli("score", write("list.json", s).toString());
        assertThat(list.exit()).isEqualTo(Main.BAD_INPUT);
        assertThat(list.err()).contains("$.indicators[1].扣分").contains("a list");
    }

    @Test
    void aRequiredFieldMissingIsRefused() throws Exception {
        Path folder = Fixtures.derive(root, "hecha-2023-required", "hecha-2023");
        Files.writeString(folder.resolve("notice.json"), """
                {"id": "hecha-2023-required", "title": "t",
                 "base": {"notice": "hecha-2023", "fingerprint": null},
                 "fields": [{"name": "核查组", "on": "submission", "type": "text", "required": true}]}
                """, StandardCharsets.UTF_8);
        Fixtures.pin(root, "hecha-2023-required");
        ObjectNode s = example();
        s.put("notice", "hecha-2023-required");
        Fixtures.Run run = cli("score", write("required.json", s).toString());
        assertThat(run.exit()).isEqualTo(Main.BAD_INPUT);
        assertThat(run.err()).contains("$.核查组").contains("required by notice hecha-2023-required");
        s.put("核查组", "第二核查组");
        Fixtures.Run ok = cli("score", write("required-ok.json", s).toString());
        assertThat(ok.exit()).as(ok.err()).isEqualTo(Main.OK);
    }

    @Test
    void rulesThatReadAFieldTheNoticeDoesNotDeclareAreRefusedWhenLoaded() throws Exception {
        Path drl = root.resolve("hecha-2023/35-verification.drl");
        String text = Files.readString(drl, StandardCharsets.UTF_8);
        Files.writeString(drl, text.replace("$d : number(\"扣分\")", "$d : number(\"扣份\")"), StandardCharsets.UTF_8);
        PolicyException e = null;
        try {
            PolicyLoader.load(root.resolve("hecha-2023"));
        } catch (PolicyException x) {
            e = x;
        }
        assertThat(e).isNotNull();
        assertThat(e.describe()).contains("35-verification.drl").contains("number(\"扣份\")").contains("扣分");

        Files.writeString(drl, text.replace("text(\"扣分说明\") == null", "number(\"扣分说明\") == null"),
                StandardCharsets.UTF_8);
        PolicyException typed = null;
        try {
            PolicyLoader.load(root.resolve("hecha-2023"));
        } catch (PolicyException x) {
            typed = x;
        }
        assertThat(typed).isNotNull();
        assertThat(typed.describe()).contains("declares it as text").contains("text(\"扣分说明\")");
    }

    /** notice.json with its first declared field's key set to a value (pinned notice.json is rewritten, so as JSON). */
    private void declareFirst(String key, String value) throws Exception {
        Path meta = root.resolve("hecha-2023/notice.json");
        ObjectNode n = (ObjectNode) JSON.readTree(meta.toFile());
        ((ObjectNode) n.get("fields").get(0)).put(key, value);
        Files.writeString(meta, JSON.writeValueAsString(n), StandardCharsets.UTF_8);
    }

    private PolicyException loadFails() {
        try {
            PolicyLoader.load(root.resolve("hecha-2023"));
        } catch (PolicyException x) {
            return x;
        }
        return null;
    }

    @Test
    void aDeclarationThatCannotBeReadIsRefusedWithItsPlace() throws Exception {
        declareFirst("on", "row");
        PolicyException e = loadFails();
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("\"fields\"[0]").contains("扣分").contains("\"on\" must be one of");

        declareFirst("on", "indicator");
        declareFirst("name", "reason");
        PolicyException builtIn = loadFails();
        assertThat(builtIn).isNotNull();
        assertThat(builtIn.getMessage()).contains("\"reason\" is a built-in field of indicator");
    }

    /**
     * JSON → table → JSON keeps every declared field and an evaluator's tier and score, for .xlsx and .docx; the table
     * scores as the JSON does. 当事人满意度 核查分 8 (with its opinion) replaces 10; 人民调解员培训人次 9.50 − 2 = 7.50;
     * 维护社会和谐稳定 (20 points, 显著 = 显著) with an evaluator's tier 达成 and score 18 — 达成 is 80%-100%, so 18 stands.
     * Total 8.8 + (15 + 7.50 + 15 + 5 + 4.69) + (18 + 10) + 8 = 91.99.
     */
    @Test
    void tablesCarryTheDeclaredColumnsBothWays() throws Exception {
        ObjectNode s = deducted();
        indicator(s, "当事人满意度").put("核查分", 8).put("核查意见", "抽查问卷有效份数不足");
        indicator(s, "维护社会和谐稳定").put("tier", "达成").put("evaluatorScore", 18);
        Path json = write("full.json", s);
        Fixtures.Run scored = cli("score", json.toString(), "--format", "json");
        assertThat(scored.exit()).as(scored.err()).isEqualTo(Main.OK);
        assertThat(JSON.readTree(scored.out()).path("total").decimalValue()).isEqualByComparingTo("91.99");

        for (String suffix : List.of(".xlsx", ".docx")) {
            Path table = tmp.resolve("full" + suffix);
            Fixtures.Run written = cli("table", json.toString(), "-o", table.toString());
            assertThat(written.exit()).as(written.err()).isEqualTo(Main.OK);
            Path back = tmp.resolve("back" + suffix + ".json");
            Fixtures.Run imported = cli("import", table.toString(), "-o", back.toString());
            assertThat(imported.exit()).as(imported.err()).isEqualTo(Main.OK);
            JsonNode b = JSON.readTree(back.toFile());
            for (String name : List.of("人民调解员培训人次", "当事人满意度", "维护社会和谐稳定")) {
                JsonNode before = indicator(s, name);
                JsonNode after = indicator((ObjectNode) b, name);
                for (String f : List.of("扣分", "扣分说明", "核查分", "核查意见", "tier", "evaluatorScore")) {
                    if (before.has(f)) {
                        assertThat(after.path(f).asText()).as(suffix + " " + name + " " + f)
                                .isEqualTo(before.get(f).asText());
                    } else {
                        assertThat(after.has(f)).as(suffix + " " + name + " " + f).isFalse();
                    }
                }
            }
            Fixtures.Run again = cli("score", table.toString(), "--format", "json");
            assertThat(again.exit()).as(again.err()).isEqualTo(Main.OK);
            assertThat(JSON.readTree(again.out()).path("total").decimalValue()).as(suffix)
                    .isEqualByComparingTo("91.99");
        }
    }

    @Test
    void aTableWithAVerificationColumnUnderANoticeThatDoesNotDeclareItIsRefusedByCell() throws Exception {
        ObjectNode s = deducted();
        Path json = write("deducted.json", s);
        Path table = tmp.resolve("deducted.xlsx");
        assertThat(cli("table", json.toString(), "-o", table.toString()).exit()).isEqualTo(Main.OK);
        Fixtures.Run run = cli("import", table.toString(), "--notice", "mof-2020-project");
        assertThat(run.exit()).isEqualTo(Main.BAD_INPUT);
        assertThat(run.err()).contains("扣分").contains("does not read");
    }

    /**
     * The reports show what the notice's columns held and what a replaced score was: 调处成功率 computed 15, 扣分 3 →
     * 12, then 核查分 13 replaces it.
     */
    @Test
    void theReportsShowTheColumnsAndTheScoresReplaced() throws Exception {
        ObjectNode s = example();
        indicator(s, "调处成功率").put("扣分", 3).put("扣分说明", "部分案卷未归档").put("核查分", 13)
                .put("核查意见", "补档后核定13分");
        Path f = write("both.json", s);
        Fixtures.Run text = cli("score", f.toString());
        assertThat(text.exit()).as(text.err()).isEqualTo(Main.OK);
        assertThat(text.out()).contains("本通知所加栏目：扣分 3；扣分说明 部分案卷未归档；核查分 13；核查意见 补档后核定13分")
                .contains("替代了 12分〔第三条：三级指标得分扣除核查扣分，扣完为止〕，其前为15分〔");
        Fixtures.Run html = cli("score", f.toString(), "--format", "html");
        assertThat(html.out()).contains("<div class=\"replaced\">替代了 12分").contains("<div class=\"fields\">");
    }
}
