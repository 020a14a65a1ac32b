package jixiao;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import jixiao.engine.ScoreResult;
import jixiao.engine.Scorer;
import jixiao.input.InputException;
import jixiao.input.SubmissionReader;
import jixiao.input.TableLayout;
import jixiao.input.TableWriter;
import jixiao.model.BudgetLine;
import jixiao.model.Indicator;
import jixiao.model.IndicatorScore;
import jixiao.model.Submission;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each row of the table in the issue "Read real tables right or refuse them by cell": the cell as a clerk typed it
 * must be read as the number typed, or refused with where it is — never read as another number with exit 0.
 */
class RealTablesTest {

    private static final ObjectMapper M = new ObjectMapper();

    @TempDir
    Path tmp;

    /** The minimal submission with one indicator's fields replaced. */
    private static String minimalWith(String indicator, String field, Object value) throws Exception {
        ObjectNode s = (ObjectNode) M.readTree(Files.readString(Fixtures.MINIMAL));
        for (JsonNode i : s.get("indicators")) {
            if (i.get("name").asText().equals(indicator)) {
                ((ObjectNode) i).set(field, M.valueToTree(value));
            }
        }
        return s.toString();
    }

    private static ScoreResult score(String json) throws Exception {
        Submission s = SubmissionReader.parse("t.json", json, "t");
        return new Scorer().score(Fixtures.policy(Fixtures.SHANGJIE), s);
    }

    private static IndicatorScore scoreOf(ScoreResult r, String name) {
        return r.indicators().stream().filter(x -> x.getIndicator().name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void aTargetWithAThousandsSeparatorIsAThousand() throws Exception {
        String json = minimalWith("完成任务数量", "target", "≥1,000个");
        json = json.replace("\"100个\"", "\"950个\"");
        ScoreResult r = score(json);
        // 30 × 950 ÷ 1000 = 28.5, not full points against a target of "1"
        assertThat(scoreOf(r, "完成任务数量").getScore()).isEqualByComparingTo("28.5");
    }

    @Test
    void amountsWithThousandsSeparatorsAreRead() throws Exception {
        String json = Files.readString(Fixtures.MINIMAL).replace("\"annual\": 100", "\"annual\": \"1,000.00\"")
                .replace("\"initial\": 100", "\"initial\": \"1，000\"");
        Submission s = SubmissionReader.parse("t.json", json, "t");
        BudgetLine l = s.budget().lines().get(0);
        assertThat(l.annual()).isEqualByComparingTo("1000");
        assertThat(l.initial()).isEqualByComparingTo("1000");
    }

    @Test
    void aRangeTargetIsARange() throws Exception {
        Submission s = SubmissionReader.parse("t.json", minimalWith("服务对象满意度", "target", "90%-100%"), "t");
        Indicator i = s.indicators().stream().filter(x -> x.name().equals("服务对象满意度")).findFirst().orElseThrow();
        assertThat(i.target().isRange()).isTrue();
        assertThat(i.target().number()).isEqualByComparingTo("90");
        assertThat(i.target().upper()).isEqualByComparingTo("100");
    }

    @Test
    void anActualCopiedFromTheTargetKeepsItsComparatorAndIsFlagged() throws Exception {
        ScoreResult r = score(minimalWith("完成任务数量", "actual", "≥100个"));
        assertThat(scoreOf(r, "完成任务数量").getIndicator().actual().comparator()).isEqualTo("≥");
        assertThat(r.findings()).anySatisfy(f -> assertThat(f.getCode()).isEqualTo("ACTUAL_IS_A_BOUND"));
    }

    @Test
    void anActualBelowTheTargetWrittenAsAnInequalityIsNotMet() throws Exception {
        for (String below : new String[] {"<100个", "‹100个"}) {
            ScoreResult r = score(minimalWith("完成任务数量", "actual", below));
            assertThat(scoreOf(r, "完成任务数量").getScore()).as(below).isEqualByComparingTo("0");
            assertThat(r.rejections()).as(below).isNotEmpty();
        }
    }

    @Test
    void aZeroWidthSpaceInsideANumberIsRefusedNeverReadAsAnotherNumber() {
        assertThatThrownBy(() -> score(minimalWith("服务对象满意度", "actual", "5\u200B0%")))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("$.indicators[4].actual").hasMessageContaining("U+200B");
    }

    @Test
    void exponentsAreReadAsTheNumberTheyWrite() throws Exception {
        String json = minimalWith("完成任务数量", "target", "@").replace("\"@\"", "1e2").replace("\"100个\"", "\"1e2\"");
        Submission s = SubmissionReader.parse("t.json", json, "t");
        Indicator i = s.indicators().stream().filter(x -> x.name().equals("完成任务数量")).findFirst().orElseThrow();
        assertThat(i.target().number()).isEqualByComparingTo("100");
        assertThat(i.actual().number()).isEqualByComparingTo("100");
        Submission p = SubmissionReader.parse("t.json", minimalWith("服务对象满意度", "actual", "1e5%"), "t");
        assertThat(p.indicators().get(4).actual().number()).isEqualByComparingTo("100000");
    }

    @Test
    void anAbsurdSelfScoreIsRefusedAtReadTimeWithItsPath() throws Exception {
        Path f = tmp.resolve("tiny.json");
        Files.writeString(f, minimalWith("服务对象满意度", "claimed", "@").replace("\"@\"", "1e-999999999"));
        Fixtures.Run run = Fixtures.cli("score", f.toString());
        assertThat(run.exit()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).contains("$.indicators[4].claimed").contains("too many decimals");
        Files.writeString(f, minimalWith("服务对象满意度", "claimed", "@").replace("\"@\"", "1e999999999"));
        run = Fixtures.cli("score", f.toString());
        assertThat(run.exit()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).contains("$.indicators[4].claimed").contains("too large");
    }

    @Test
    void anAmountInYuanIsConvertedToTheTablesWanYuan() throws Exception {
        String json = Files.readString(Fixtures.MINIMAL).replace("\"executed\": 100", "\"executed\": \"1000000元\"");
        Submission s = SubmissionReader.parse("t.json", json, "t");
        assertThat(s.budget().lines().get(0).executed()).isEqualByComparingTo("100");
        ScoreResult r = new Scorer().score(Fixtures.policy(Fixtures.SHANGJIE), s);
        assertThat(scoreOf(r, "预算执行率").getIndicator().actual().number()).isEqualByComparingTo("100");
    }

    @Test
    void anAmountInAUnitThatIsNotMoneyIsRefused() throws Exception {
        String json = Files.readString(Fixtures.MINIMAL).replace("\"executed\": 100", "\"executed\": \"100%\"");
        assertThatThrownBy(() -> SubmissionReader.parse("t.json", json, "t")).isInstanceOf(InputException.class)
                .hasMessageContaining("$.budget.lines[0].executed").hasMessageContaining("amount of money");
    }

    @Test
    void aBareCostTargetReadsAsNotMoreThan() throws Exception {
        String json = minimalWith("完成任务数量", "group", "成本指标");
        json = json.replace("\"≥100个\"", "\"20万元\"").replace("\"100个\"", "\"18万元\"");
        ScoreResult r = score(json);
        // 18 万元 spent against a cost ceiling of 20 万元: full points (read as ≥ it would be 30 × 18 ÷ 20 = 27)
        assertThat(scoreOf(r, "完成任务数量").getScore()).isEqualByComparingTo("30");
    }

    @Test
    void aFormulaCellReadsAsItsComputedValue() throws Exception {
        Path xlsx = tmp.resolve("formula.xlsx");
        Files.copy(Path.of("scenarios/shangjie-2021/justice-bureau-2021.xlsx"), xlsx);
        try (Workbook wb = WorkbookFactory.create(Files.newInputStream(Path.of(
                "scenarios/shangjie-2021/justice-bureau-2021.xlsx")))) {
            Sheet sh = wb.getSheetAt(0);
            Cell points = find(sh, "专职律师担任村（居）法律顾问比例", 6);
            points.setCellFormula("SUM(2,3)"); // 5 points, as the table has
            wb.getCreationHelper().createFormulaEvaluator().evaluateAll();
            try (OutputStream out = Files.newOutputStream(xlsx)) {
                wb.write(out);
            }
        }
        Fixtures.Run run = Fixtures.cli("score", xlsx.toString(), "--format", "json");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(M.readTree(run.out()).get("total").decimalValue()).isEqualByComparingTo("99.11");
    }

    private static Cell find(Sheet sh, String name, int column) {
        for (Row row : sh) {
            for (Cell c : row) {
                if (c.toString().equals(name)) {
                    return row.getCell(column);
                }
            }
        }
        throw new AssertionError("no row " + name);
    }

    @Test
    void aGbkCsvWithOneUtf8LineIsRefusedNamingTheLine() throws Exception {
        JsonNode seed = M.readTree(Files.readString(Fixtures.SEED));
        ByteArrayOutputStream gbk = new ByteArrayOutputStream();
        new TableWriter(TableLayout.builtIn(), seed).csv(gbk, Charset.forName("GBK"));
        String[] lines = gbk.toString(Charset.forName("GBK")).split("\n", -1);
        ByteArrayOutputStream mixed = new ByteArrayOutputStream();
        for (int i = 0; i < lines.length; i++) {
            mixed.write(lines[i].getBytes(i == 5 ? StandardCharsets.UTF_8 : Charset.forName("GBK")));
            if (i < lines.length - 1) {
                mixed.write('\n');
            }
        }
        Path f = tmp.resolve("mixed.csv");
        Files.write(f, mixed.toByteArray());
        Fixtures.Run run = Fixtures.cli("score", f.toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("line 6").contains("UTF-8").contains("GBK");
        assertThat(run.out()).isEmpty();
    }
}
