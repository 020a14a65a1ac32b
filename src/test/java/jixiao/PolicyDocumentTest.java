package jixiao;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The 评分细则 generated from each shipped notice states every weight, tier and grade band of the notice — the
 * figures below are the notices' own (上街 注1, 注3, 注4; 财预〔2020〕10号's 自评表 and 填报说明), written by hand — in
 * HTML (read as a browser's parser reads it) and in Word (read back with POI), and explains the proportional rule
 * with a worked example from a scenario.
 */
class PolicyDocumentTest {

    @TempDir
    Path tmp;

    /** 一级指标 → 分值, as the notices set them. */
    private static final Map<String, Map<String, String>> WEIGHTS = Map.of(
            "shangjie-2021", ordered("预算执行率", "10", "投入管理指标", "30", "可持续性指标", "10", "产出指标", "30",
                    "效益指标", "20"),
            "mof-2020-project", ordered("预算执行率", "10", "产出指标", "50", "效益指标", "30", "满意度指标", "10"));
    /** 等级 → [总分不低于, 总分低于]: the same four bands in both notices. */
    private static final Map<String, List<String>> BANDS = Map.of("优", List.of("90", "不限"), "良", List.of("80", "90"),
            "中", List.of("60", "80"), "差", List.of("不限", "60"));
    /** 档次 → [下限, 上限] (% of the indicator's points). */
    private static final Map<String, List<String>> TIERS = Map.of("达成", List.of("80", "100"),
            "部分达成", List.of("60", "80"), "未达成", List.of("0", "60"));

    private static Map<String, String> ordered(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    /** The rows of the HTML table under the heading that names it, each as column title → cell. */
    private static List<Map<String, String>> table(Document doc, String name) {
        Element heading = doc.select("h3").stream().filter(h -> h.text().contains(name)).findFirst().orElseThrow(
                () -> new AssertionError("no table " + name));
        Element table = heading.nextElementSibling();
        assertThat(table.tagName()).isEqualTo("table");
        List<String> header = table.select("tr").get(0).select("th").eachText();
        return table.select("tr").stream().skip(1).map(tr -> {
            Map<String, String> row = new LinkedHashMap<>();
            List<String> cells = tr.select("td").eachText();
            for (int c = 0; c < header.size(); c++) {
                row.put(header.get(c), cells.get(c));
            }
            return row;
        }).toList();
    }

    @Test
    void theHtmlStatesEveryWeightTierAndBandAndExplainsTheProportionalRuleWithAnExample() throws Exception {
        for (String notice : Fixtures.SHIPPED) {
            Fixtures.Run run = Fixtures.cli("policy", notice);
            assertThat(run.exit()).as(run.err()).isZero();
            Document doc = Jsoup.parse(run.out());
            assertThat(doc.select("h1").text()).contains("评分细则");

            Map<String, String> weights = new LinkedHashMap<>();
            table(doc, "一级指标默认分值").forEach(r -> weights.put(r.get("一级指标"), r.get("分值")));
            assertThat(weights).as(notice).containsExactlyEntriesOf(WEIGHTS.get(notice));

            Map<String, List<String>> bands = new LinkedHashMap<>();
            for (Map<String, String> r : table(doc, "等级")) {
                List<String> cells = List.copyOf(r.values());
                bands.put(r.get("等级"), List.of(cells.get(3), cells.get(4)));
            }
            assertThat(bands).as(notice).isEqualTo(BANDS);

            Map<String, List<String>> tiers = new LinkedHashMap<>();
            table(doc, "定性指标档次").forEach(r -> tiers.put(r.get("档次"),
                    List.of(r.get("下限（占分值的%）"), r.get("上限（占分值的%）"))));
            assertThat(tiers).as(notice).isEqualTo(TIERS);

            // the most fired rule, in words, with the clause it cites and a worked example from a scenario
            Element proportional = doc.select("li").stream()
                    .filter(li -> li.select("strong").text().equals("越高越好的定量指标未达到指标值的，按完成值与指标值之比计分"))
                    .findFirst().orElseThrow();
            assertThat(proportional.select("p.clause").text()).contains("完成值 ÷ 指标值");
            assertThat(proportional.select("p.example").text()).startsWith("例：").contains(" × ").contains(" ÷ ");
            // the codes its rules write, each with its Chinese name (common's, and the notice's own)
            assertThat(doc.select("#codes tr:contains(SELF_SCORE_DIFFERS)").text()).contains("自评得分与重算不符");
            assertThat(doc.select("#codes tr:contains(UNKNOWN_CATEGORY)").text()).contains("一级指标不在通知之列");
            // every rule of the policy that is not a table row is there, in its phase
            assertThat(doc.select("li strong").eachText()).contains("总分落在通知所定等级区间之内的，为该等级");
        }
    }

    @Test
    void theWordDocumentReadBackHoldsTheSameTables() throws Exception {
        for (String notice : Fixtures.SHIPPED) {
            Path out = tmp.resolve(notice + ".docx");
            Fixtures.Run run = Fixtures.cli("policy", notice, "--format", "docx", "--out", out.toString());
            assertThat(run.exit()).as(run.err()).isZero();
            try (InputStream in = Files.newInputStream(out); XWPFDocument doc = new XWPFDocument(in)) {
                Map<String, String> weights = new LinkedHashMap<>();
                Map<String, List<String>> bands = new LinkedHashMap<>();
                for (XWPFTable t : doc.getTables()) {
                    List<String> header = t.getRow(0).getTableCells().stream().map(c -> c.getText()).toList();
                    for (XWPFTableRow row : t.getRows().subList(1, t.getRows().size())) {
                        List<String> cells = row.getTableCells().stream().map(c -> c.getText()).toList();
                        if (header.contains("一级指标") && header.contains("分值")) {
                            weights.put(cells.get(header.indexOf("一级指标")), cells.get(header.indexOf("分值")));
                        }
                        if (header.contains("等级")) {
                            int at = header.indexOf("等级");
                            bands.put(cells.get(at), List.of(cells.get(at + 1), cells.get(at + 2)));
                        }
                    }
                }
                assertThat(weights).as(notice).containsExactlyEntriesOf(WEIGHTS.get(notice));
                assertThat(bands).as(notice).isEqualTo(BANDS);
                String text = String.join("\n", doc.getParagraphs().stream().map(p -> p.getText()).toList());
                assertThat(text).contains("评分细则").contains("越低越好的定量指标超过指标值的，按指标值与完成值之比计分");
            }
        }
    }

    @Test
    void aBandEditedInTheTableIsWhatTheDocumentSays() throws Exception {
        Fixtures.copyHome(tmp);
        Path params = tmp.resolve("rules/shangjie-2021/00-parameters.drl.csv");
        Files.writeString(params, Files.readString(params).replace(",10 通知参数,优,90,不限,", ",10 通知参数,优,92,不限,")
                .replace(",10 通知参数,良,80,90,", ",10 通知参数,良,80,92,"));
        Fixtures.Run run = Fixtures.cli("policy", "shangjie-2021", "--format", "md", "--rules-root",
                tmp.resolve("rules").toString());
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("| 优 | 92 | 不限 |").contains("| 良 | 80 | 92 |").doesNotContain("| 优 | 90 |");
        // and the example of the grade rule, scored now, says 92 too
        assertThat(run.out()).contains("92分（含）以上为优");
    }
}
