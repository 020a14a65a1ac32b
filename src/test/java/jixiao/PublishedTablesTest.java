package jixiao;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import jixiao.input.Submissions;
import jixiao.input.TableImporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Self-evaluation tables as departments published them (src/test/resources/real-tables/, each with its SOURCE.md):
 * each is read right, every cell accounted for, or refused by the cell with advice that works when followed.
 */
class PublishedTablesTest {
    private static final ObjectMapper M = new ObjectMapper();
    private static final Charset GBK = Charset.forName("GBK");
    private static final Path TIANCHANG = Path.of("src/test/resources/real-tables/anhui-tianchang-2022-water/table.csv");

    @TempDir
    Path dir;

    private Path changed(Path table, Map<String, String> edits) throws Exception {
        String text = Files.readString(table, GBK);
        for (Map.Entry<String, String> e : edits.entrySet()) {
            assertThat(text).contains(e.getKey());
            text = text.replace(e.getKey(), e.getValue());
        }
        Path out = dir.resolve(table.getFileName());
        Files.write(out, text.getBytes(GBK));
        return out;
    }

    private static final Map<String, String> NAMES = Map.of(
            ",（50分）,", ",产出指标（50分）,",
            ",（30分）,", ",效益指标（30分）,");

    /** As published: the first-level cell （50分） names no category; refused there, with what to write. */
    @Test
    void tianchangAsPublishedIsRefusedAtTheFirstLevelCellWithoutAName() {
        Fixtures.Run r = Fixtures.cli("import", TIANCHANG.toString());
        assertThat(r.exit()).isNotZero();
        assertThat(r.err()).contains("table!B13").contains("'（50分）'").contains("not its name")
                .doesNotContain("Exception");
    }

    /** With the names written as advised: refused at E16, the empty 年度指标值 of 工程质量合格, naming row and column. */
    @Test
    void tianchangWithNamesIsRefusedAtTheFirstEmptyTarget() throws Exception {
        Fixtures.Run r = Fixtures.cli("import", changed(TIANCHANG, NAMES).toString());
        assertThat(r.exit()).isNotZero();
        assertThat(r.err()).contains("table!E16（“指标1：工程质量合格”的一行，年度指标值栏）")
                .contains("required").contains("write the target");
    }

    /**
     * With the targets and actuals written (the advice followed), every cell is accounted for and the table scores as
     * a hand computation under mof-2020-project gives: 预算执行率 10 × 880 ÷ 880 = 10; 产出指标 five rows met, 5 × 10 =
     * 50; 效益指标 three rows met (the 生态效益 row 指标1：/ is the form's placeholder), 3 × 10 = 30; 满意度指标 100% ≥ 90%,
     * 10; total 100, 优, as published.
     */
    @Test
    void tianchangWithTargetsWrittenIsReadWholeAndScoresAsPublished() throws Exception {
        Map<String, String> edits = new java.util.LinkedHashMap<>(NAMES);
        edits.put(",指标1：工程质量合格,,,", ",指标1：工程质量合格,合格,合格,");
        edits.put(",指标1：年度资金支付完成率100%,,,", ",指标1：年度资金支付完成率100%,=100%,100%,");
        edits.put(",指标1：资金执行在预算范围内,,,", ",指标1：资金执行在预算范围内,≤880万元,880万元,");
        edits.put(",指标1：全市安全度汛,,,", ",指标1：全市安全度汛,安全度汛,安全度汛,");
        edits.put(",指标1：保护全市人口财产不受损失,,,", ",指标1：保护全市人口财产不受损失,无损失,无损失,");
        edits.put(",指标1：已建工程良性运行,,,", ",指标1：已建工程良性运行,良性运行,良性运行,");
        Path table = changed(TIANCHANG, edits);

        Submissions.Imported read = Submissions.importWithAccount(table, null, null, jixiao.input.FieldCatalog.NONE);
        assertThat(read.notUsed()).as("cells nothing read or recognised").isEmpty();
        assertThat(read.account().stream().filter(u -> u.use().equals("skipped")).map(TableImporter.Use::text))
                .contains("指标2：", "……", "指标1：/");
        JsonNode tree = read.tree();
        assertThat(tree.get("indicators")).hasSize(9);
        assertThat(tree.path("supervisor").isMissingNode()).as("主管部门 is empty").isTrue();
        JsonNode lines = tree.path("budget").path("lines");
        assertThat(lines.get(0).path("name").asText()).isEqualTo("年度资金总额");
        assertThat(lines.get(0).path("annual").decimalValue()).isEqualByComparingTo("880");
        for (int i = 1; i < lines.size(); i++) { // 上年结转资金 and 其他资金 go on under 其中, not as totals
            assertThat(lines.get(i).path("section").asText()).as(lines.get(i).toString()).isEqualTo("其中");
        }

        Fixtures.Run r = Fixtures.cli("score", table.toString(), "--format", "json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode out = M.readTree(r.out());
        assertThat(out.get("total").decimalValue()).isEqualByComparingTo("100");
        assertThat(out.get("grade").asText()).isEqualTo("优");
        assertThat(out.get("findings")).isEmpty();
    }
}
