package jixiao;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jixiao.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tables as clerks really fill them: spellings of the budget block's total line, template rows left in. The project
 * example scores 8.8 + 47.69 + 30 + 10 = 96.49 (预算执行率 10 × 29.93 ÷ 34 = 8.80 from its 年度资金总额 line); each
 * spelling below must give the same, not 86.49 (the line unread: 预算执行率 0) and not a refusal.
 */
class TableSpellingsTest {

    private static final Path EXAMPLE = Fixtures.SCENARIOS.resolve("mof-2020-project/example-mediation-2021.json");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private List<String> exampleCsv() throws Exception {
        Path csv = tmp.resolve("example.csv");
        Fixtures.Run run = Fixtures.cli("table", EXAMPLE.toString(), "-o", csv.toString());
        assertThat(run.exit()).as(run.err()).isEqualTo(Main.OK);
        return new java.util.ArrayList<>(Files.readAllLines(csv, StandardCharsets.UTF_8));
    }

    private Fixtures.Run score(List<String> lines, String name, String... more) throws Exception {
        Path f = tmp.resolve(name + ".csv");
        Files.write(f, lines, StandardCharsets.UTF_8);
        List<String> args = new java.util.ArrayList<>(List.of("score", f.toString(), "--format", "json"));
        args.addAll(List.of(more));
        return Fixtures.cli(args.toArray(String[]::new));
    }

    private static int lineWith(List<String> lines, String text) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i;
            }
        }
        throw new AssertionError("no line with " + text);
    }

    @Test
    void theTotalLineIsReadHoweverItIsSpelled() throws Exception {
        for (String spelling : List.of("年度资金总额：", "年度资金总额:", "合计", "总额", "资金总额")) {
            List<String> lines = exampleCsv();
            int at = lineWith(lines, ",年度资金总额,");
            lines.set(at, lines.get(at).replace(",年度资金总额,", "," + spelling + ","));
            Fixtures.Run run = score(lines, "total-" + spelling.hashCode());
            assertThat(run.exit()).as(spelling + ": " + run.err()).isEqualTo(Main.OK);
            JsonNode r = JSON.readTree(run.out());
            assertThat(r.path("total").decimalValue()).as(spelling).isEqualByComparingTo("96.49");
        }
    }

    @Test
    void templateRowsLeftInAreSkipped() throws Exception {
        List<String> lines = exampleCsv();
        int at = lineWith(lines, ",当事人满意度,");
        // two template rows as the blank form has them, under the last indicator
        lines.add(at + 1, ",满意度指标,服务对象满意度指标,指标2：,,,,,");
        lines.add(at + 2, ",,,……,……,,,,");
        Fixtures.Run run = score(lines, "template");
        assertThat(run.exit()).as(run.err()).isEqualTo(Main.OK);
        JsonNode r = JSON.readTree(run.out());
        assertThat(r.path("total").decimalValue()).isEqualByComparingTo("96.49");
        assertThat(r.path("indicators")).hasSize(9); // 8 of the example and 预算执行率
    }

    private Fixtures.Run importCsv(List<String> lines, String name, String... more) throws Exception {
        Path f = tmp.resolve(name + ".csv");
        Files.write(f, lines, StandardCharsets.UTF_8);
        List<String> args = new java.util.ArrayList<>(List.of("import", f.toString(), "-o",
                tmp.resolve(name + ".json").toString()));
        args.addAll(List.of(more));
        return Fixtures.cli(args.toArray(String[]::new));
    }

    @Test
    void everyCellOfTheShippedExampleTablesIsAccountedFor() throws Exception {
        for (String t : List.of("example-mediation-2021.xlsx", "example-mediation-2021.docx")) {
            Path table = Fixtures.SCENARIOS.resolve("mof-2020-project").resolve(t);
            Fixtures.Run run = Fixtures.cli("import", table.toString(), "-o", tmp.resolve(t + ".json").toString(),
                    "--explain");
            assertThat(run.exit()).as(run.err()).isEqualTo(Main.OK);
            assertThat(run.err()).as(t).doesNotContain("not used").contains(" read").contains("$.indicators[7].actual");
        }
        Path seed = tmp.resolve("seed.xlsx");
        assertThat(Fixtures.cli("table", Fixtures.SEED.toString(), "-o", seed.toString()).exit()).isZero();
        Fixtures.Run run = Fixtures.cli("import", seed.toString(), "-o", tmp.resolve("seed.json").toString());
        assertThat(run.err()).doesNotContain("not used");
    }

    @Test
    void aCellNothingReadsIsListedWithItsAddress() throws Exception {
        List<String> lines = exampleCsv();
        int budget = lineWith(lines, "项目资金（万元）");
        lines.add(budget, "联系人,张三,,,,,,,"); // a labelled cell the layout does not know, above the budget block
        Fixtures.Run run = importCsv(lines, "signed");
        assertThat(run.exit()).as(run.err()).isEqualTo(Main.OK);
        assertThat(run.err()).contains("2 not used").contains("'联系人'").contains("'张三'");
        // the rows under the total are the table's notes: recognised, and said so
        assertThat(run.err()).contains("note");
    }

    @Test
    void aBudgetColumnTheLayoutDoesNotReadIsRefusedByItsCell() throws Exception {
        List<String> lines = exampleCsv();
        int header = lineWith(lines, ",年初预算数,");
        lines.set(header, lines.get(header) + ",调整数");
        int total = lineWith(lines, ",年度资金总额,");
        lines.set(total, lines.get(total) + ",2.0");
        Fixtures.Run run = importCsv(lines, "adjusted");
        assertThat(run.exit()).isEqualTo(Main.BAD_INPUT);
        assertThat(run.err()).contains("'调整数'").contains("does not read").contains("全年预算数");
    }

    @Test
    void aProblemFoundAfterReadingIsNamedByItsCellAndRow() throws Exception {
        List<String> lines = exampleCsv();
        int at = lineWith(lines, ",当事人满意度,");
        lines.set(at, lines.get(at).replace(",当事人满意度,≥90%,", ",当事人满意度,,"));
        Fixtures.Run empty = score(lines, "no-target");
        assertThat(empty.exit()).isEqualTo(Main.BAD_INPUT);
        // the empty cell itself (column E, the CSV's line), its row by name and its column by title, the JSON path,
        // and what to type
        assertThat(empty.err()).contains("!E" + (at + 1) + "（“当事人满意度”的一行，年度指标值栏） $.indicators[7].target")
                .contains("required").contains("write the target");

        lines = exampleCsv();
        lines.set(at, lines.get(at).replace(",100%,10,10,", ",100%,-10,10,"));
        Fixtures.Run negative = score(lines, "negative");
        assertThat(negative.exit()).isEqualTo(Main.BAD_INPUT);
        assertThat(negative.err()).contains("!G" + (at + 1) + "（“当事人满意度”的一行，分值栏） $.indicators[7].points")
                .contains("must not be negative");
    }

    /**
     * The table with its comparator, target and unit in columns of their own (指标性质 | 指标值 | 度量单位), read by a
     * layout that says so (src/test/resources/layouts/comparator-column.json): 反向 300 元 is ≤300元, so 件均调解经费
     * 320元 scores 5 × 300 ÷ 320 = 4.6875 → 4.69, and the table 96.49 as the example does. Read as a bare 300, it would
     * be ≥300 and full points: 96.80.
     */
    @Test
    void aComparatorInAColumnOfItsOwnIsRead() throws Exception {
        List<String> lines = exampleCsv();
        int header = lineWith(lines, "绩效指标,一级指标");
        lines.set(header, "绩效指标,一级指标,二级指标,三级指标,指标性质,指标值,度量单位,全年实际值,分值,得分,偏差原因分析及改进措施");
        java.util.regex.Pattern p = java.util.regex.Pattern.compile("^(≥|≤)?(\\d+(?:\\.\\d+)?)(.*)$");
        for (int i = header + 1; i < lines.size() && !lines.get(i).startsWith("总分"); i++) {
            String[] c = lines.get(i).split(",", -1); // 绩效指标,一级,二级,三级,指标值,实际完成值,分值,得分,偏差
            java.util.regex.Matcher t = p.matcher(c[4]);
            java.util.regex.Matcher a = p.matcher(c[5]);
            String nature = !t.matches() ? "定性" : "≤".equals(t.group(1)) ? "反向" : "正向";
            String target = t.matches() ? t.group(2) : c[4];
            String unit = t.matches() ? t.group(3) : "";
            String actual = a.matches() && a.group(3).equals(unit) ? a.group(2) : c[5];
            lines.set(i, String.join(",", c[0], c[1], c[2], c[3], nature, target, unit, actual, c[6], c[7], c[8]));
        }
        int cost = lineWith(lines, ",件均调解经费,");
        assertThat(lines.get(cost)).contains(",反向,300,元,320,");
        Path layout = Path.of("src/test/resources/layouts/comparator-column.json");
        Fixtures.Run run = score(lines, "nature", "--layout", layout.toString());
        assertThat(run.exit()).as(run.err()).isEqualTo(Main.OK);
        JsonNode r = JSON.readTree(run.out());
        assertThat(r.path("total").decimalValue()).isEqualByComparingTo("96.49");

        // the built-in layout of the 项目支出绩效自评表 knows the column too: the same 96.49 with no layout named
        Fixtures.Run builtIn = score(lines, "nature-built-in");
        assertThat(builtIn.exit()).as(builtIn.err()).isEqualTo(Main.OK);
        assertThat(JSON.readTree(builtIn.out()).path("total").decimalValue()).isEqualByComparingTo("96.49");

        // a comparator the layout does not know is refused by its cell, never read as a bare number
        lines.set(cost, lines.get(cost).replace(",反向,", ",越低越好,"));
        Fixtures.Run bad = score(lines, "nature-bad", "--layout", layout.toString());
        assertThat(bad.exit()).isEqualTo(Main.BAD_INPUT);
        assertThat(bad.err()).contains("!E" + (cost + 1)).contains("'越低越好'").contains("正向");
        Fixtures.Run plain = score(lines, "nature-plain");
        assertThat(plain.exit()).isEqualTo(Main.BAD_INPUT);
        assertThat(plain.err()).contains("!E" + (cost + 1)).contains("'越低越好'");
    }

    /** A workbook with a 填表说明 sheet before the table: the table's sheet is found, the other said to be passed over. */
    @Test
    void aCoverSheetBeforeTheTableIsPassedOver() throws Exception {
        Path xlsx = tmp.resolve("example.xlsx");
        assertThat(Fixtures.cli("table", EXAMPLE.toString(), "-o", xlsx.toString()).exit()).isZero();
        Path covered = tmp.resolve("covered.xlsx");
        try (var in = Files.newInputStream(xlsx);
             var wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook(in)) {
            var cover = wb.createSheet("填表说明");
            cover.createRow(0).createCell(0).setCellValue("填表说明：本表由项目实施单位填写，金额单位为万元。");
            cover.createRow(1).createCell(0).setCellValue("一、预算执行率按全年执行数除以全年预算数计算。");
            wb.setSheetOrder("填表说明", 0);
            wb.setActiveSheet(0);
            try (var out = Files.newOutputStream(covered)) {
                wb.write(out);
            }
        }
        Fixtures.Run scored = Fixtures.cli("score", covered.toString(), "--format", "json");
        assertThat(scored.exit()).as(scored.err()).isEqualTo(Main.OK);
        assertThat(JSON.readTree(scored.out()).path("total").decimalValue()).isEqualByComparingTo("96.49");
        Fixtures.Run imported = Fixtures.cli("import", covered.toString(), "-o", tmp.resolve("covered.json").toString());
        assertThat(imported.exit()).as(imported.err()).isEqualTo(Main.OK);
        assertThat(imported.err()).contains("1 skipped").doesNotContain("not used");
        Fixtures.Run explained = Fixtures.cli("import", covered.toString(), "-o", tmp.resolve("c2.json").toString(),
                "--explain");
        assertThat(explained.err()).contains("填表说明").contains("a sheet without the table");
    }

    /** Amounts of three and four decimals come back from every table format as they were written. */
    @Test
    void amountsWithMoreDecimalsRoundTripThroughEveryFormat() throws Exception {
        ObjectNode s = (ObjectNode) JSON.readTree(EXAMPLE.toFile());
        ObjectNode line = (ObjectNode) s.get("budget").get("lines").get(0);
        line.put("initial", new java.math.BigDecimal("34.125")).put("annual", new java.math.BigDecimal("34.1256"))
                .put("executed", new java.math.BigDecimal("29.934"));
        Path json = tmp.resolve("decimals.json");
        Files.writeString(json, s.toString(), StandardCharsets.UTF_8);
        for (String suffix : List.of(".xlsx", ".docx", ".csv")) {
            Path table = tmp.resolve("decimals" + suffix);
            assertThat(Fixtures.cli("table", json.toString(), "-o", table.toString()).exit()).isZero();
            Path back = tmp.resolve("decimals" + suffix + ".json");
            Fixtures.Run run = Fixtures.cli("import", table.toString(), "-o", back.toString());
            assertThat(run.exit()).as(run.err()).isEqualTo(Main.OK);
            JsonNode l = JSON.readTree(back.toFile()).get("budget").get("lines").get(0);
            assertThat(l.get("initial").decimalValue()).as(suffix).isEqualByComparingTo("34.125");
            assertThat(l.get("annual").decimalValue()).as(suffix).isEqualByComparingTo("34.1256");
            assertThat(l.get("executed").decimalValue()).as(suffix).isEqualByComparingTo("29.934");
        }
    }

    /**
     * Column titles as other provinces write them, read by what they mean: the budget block's 全年预算数(A)（万元）,
     * 实际执行数(B), 执行率(B/A), 自评得分 (the block's unit in its titles) and the indicators' 指标值, 全年实际值, 权重,
     * 自评得分, 偏差原因. The table scores 96.49 as the example does.
     */
    @Test
    void columnTitlesAreReadByWhatTheyMean() throws Exception {
        List<String> lines = exampleCsv();
        int budget = lineWith(lines, "项目资金（万元）,,,年初预算数");
        lines.set(budget, "项目资金,,,年初预算数（万元）,全年预算数(A)（万元）,实际执行数(B),分值,执行率(B/A),自评得分");
        int ind = lineWith(lines, "绩效指标,一级指标");
        lines.set(ind, "绩效指标,一级指标,二级指标,三级指标,指标值,全年实际值,权重,自评得分,偏差原因");
        Fixtures.Run run = score(lines, "titles");
        assertThat(run.exit()).as(run.err()).isEqualTo(Main.OK);
        assertThat(JSON.readTree(run.out()).path("total").decimalValue()).isEqualByComparingTo("96.49");
        Fixtures.Run imported = importCsv(lines, "titles-import");
        assertThat(imported.exit()).as(imported.err()).isEqualTo(Main.OK);
        assertThat(JSON.readTree(tmp.resolve("titles-import.json").toFile()).path("budget").path("unit").asText())
                .isEqualTo("万元");
    }
}
