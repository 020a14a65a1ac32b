package jixiao;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jixiao.input.Submissions;
import jixiao.input.TableLayout;
import jixiao.input.TableWriter;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The 项目支出绩效自评表 of 财预〔2020〕10号 beside the 部门整体 table: both read from and written to XLSX, CSV (UTF-8 and
 * GBK) and Word, a table matched to its layout by its title, Word reports with text around the table.
 */
class ProjectTableTest {

    private static final ObjectMapper M = new ObjectMapper();
    private static final Path PROJECT = Path.of("scenarios/mof-2020-project/example-mediation-2021.json");

    @TempDir
    Path tmp;

    private static ObjectNode json(Path p) throws Exception {
        return (ObjectNode) M.readTree(Files.readString(p));
    }

    private Path write(JsonNode submission, TableLayout layout, String ext, Charset charset) throws Exception {
        Path f = tmp.resolve("t-" + layout.kind() + "-" + charset.name() + "." + ext);
        TableWriter w = new TableWriter(layout, submission);
        try (OutputStream o = Files.newOutputStream(f)) {
            switch (ext) {
                case "csv" -> w.csv(o, charset);
                case "docx" -> w.docx(o);
                default -> w.xlsx(o);
            }
        }
        return f;
    }

    @ParameterizedTest(name = "{0} as {1} ({2})")
    @CsvSource({
        "scenarios/mof-2020-project/example-mediation-2021.json, xlsx, UTF-8",
        "scenarios/mof-2020-project/example-mediation-2021.json, csv, UTF-8",
        "scenarios/mof-2020-project/example-mediation-2021.json, csv, GBK",
        "scenarios/mof-2020-project/example-mediation-2021.json, docx, UTF-8",
        "scenarios/shangjie-2021/justice-bureau-2021.json, docx, UTF-8",
        "scenarios/shangjie-2021/justice-bureau-2021.json, csv, GBK"})
    void aSubmissionRoundTripsThroughItsTable(String file, String ext, String charset) throws Exception {
        ObjectNode original = json(Path.of(file));
        TableLayout layout = TableLayout.forKind(original.get("kind").asText());
        Path table = write(original, layout, ext, Charset.forName(charset));
        ObjectNode back = Submissions.importTable(table, null, null); // the layout found by the table's title
        back.remove("id");
        original.remove("id");
        assertThat(numbersAsDecimals(back)).isEqualTo(numbersAsDecimals(original));
    }

    /** The tree with every number as a decimal without trailing zeros: 34, 34.0 and 34.00 are one amount. */
    private static JsonNode numbersAsDecimals(JsonNode n) {
        if (n.isNumber()) {
            return com.fasterxml.jackson.databind.node.DecimalNode.valueOf(n.decimalValue().stripTrailingZeros());
        }
        if (n.isObject()) {
            ObjectNode o = M.createObjectNode();
            n.fields().forEachRemaining(e -> o.set(e.getKey(), numbersAsDecimals(e.getValue())));
            return o;
        }
        if (n.isArray()) {
            var a = M.createArrayNode();
            n.forEach(x -> a.add(numbersAsDecimals(x)));
            return a;
        }
        return n;
    }

    @ParameterizedTest
    @CsvSource({"xlsx", "docx"})
    void theShippedProjectExampleScoresTheSameAsItsJson(String ext) throws Exception {
        Fixtures.Run fromJson = Fixtures.cli("score", PROJECT.toString(), "--format", "json");
        Fixtures.Run fromTable = Fixtures.cli("score", PROJECT.toString().replace(".json", "." + ext), "--format",
                "json");
        assertThat(fromTable.exit()).as(fromTable.err()).isZero();
        ObjectNode a = (ObjectNode) M.readTree(fromJson.out());
        ObjectNode b = (ObjectNode) M.readTree(fromTable.out());
        assertThat(b).isEqualTo(a);
        // hand-worked: 预算执行率 10 × 88.03% = 8.8; 人民调解员培训人次 10 × 80 ÷ 100 = 8; 件均调解经费 (≤300元, 320元)
        // 5 × 300 ÷ 320 = 4.69; the rest full: 8.8 + (15 + 8 + 15 + 5 + 4.69) + (20 + 10) + 10 = 96.49
        assertThat(b.get("total").decimalValue()).isEqualByComparingTo("96.49");
    }

    @Test
    void aFolderOfJsonXlsxCsvAndDocxSubmissionsIsScoredWhole() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("region"));
        Files.copy(PROJECT, dir.resolve("a.json"));
        Files.copy(Path.of("scenarios/mof-2020-project/example-mediation-2021.xlsx"), dir.resolve("b.xlsx"));
        Files.copy(Path.of("scenarios/mof-2020-project/example-mediation-2021.docx"), dir.resolve("c.docx"));
        Files.copy(write(json(Fixtures.SEED), TableLayout.builtIn(), "csv", StandardCharsets.UTF_8), dir.resolve("d.csv"));
        Fixtures.Run run = Fixtures.cli("score", dir.toString(), "--format", "csv");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.err()).contains("4 scored, 0 failed");
        assertThat(run.out()).contains(",96.49,").contains(",99.11,");
    }

    @Test
    void aWordReportWithTextAroundTheTableIsRead() throws Exception {
        Path table = write(json(Fixtures.SEED), TableLayout.builtIn(), "docx", StandardCharsets.UTF_8);
        Path report = tmp.resolve("自评报告.docx");
        try (InputStream in = Files.newInputStream(table); XWPFDocument doc = new XWPFDocument(in)) {
            var cursor = doc.getTables().get(0).getCTTbl().newCursor();
            XWPFParagraph p = doc.insertNewParagraph(cursor);
            p.createRun().setText("2021 年度上街区司法局部门整体绩效自评报告");
            cursor = doc.getTables().get(0).getCTTbl().newCursor();
            XWPFParagraph q = doc.insertNewParagraph(cursor);
            q.createRun().setText("我单位 2021 年度严格执行年初部门预算，部门整体绩效评价得分为 99 分，自评结果为优。附件：");
            doc.createParagraph().createRun().setText("五、发现的主要问题和改进措施");
            try (OutputStream o = Files.newOutputStream(report)) {
                doc.write(o);
            }
        }
        Fixtures.Run run = Fixtures.cli("score", report.toString(), "--format", "json");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(M.readTree(run.out()).get("total").decimalValue()).isEqualByComparingTo("99.11");
    }

    @Test
    void aBadCellInAWordTableIsNamedByTableRowAndCell() throws Exception {
        ObjectNode s = json(Fixtures.SEED);
        ((ObjectNode) s.get("indicators").get(11)).put("points", "2分分");
        Path table = write(s, TableLayout.builtIn(), "docx", StandardCharsets.UTF_8);
        Fixtures.Run run = Fixtures.cli("score", table.toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).containsPattern("表1第\\d+行第\\d+格: '2分分'");
    }

    @Test
    void aTableOfNoKnownLayoutSaysWhichLayoutsExistAndHowToAddOne() throws Exception {
        Path f = tmp.resolve("other.csv");
        Files.writeString(f, "某某专项资金绩效评价表\n项目,得分\n", StandardCharsets.UTF_8);
        Fixtures.Run run = Fixtures.cli("score", f.toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("部门整体绩效自评表").contains("项目支出绩效自评表").contains("--layout");
    }

    @Test
    void scoreTakesALayoutFile() throws Exception {
        Path layout = tmp.resolve("my-layout.json");
        try (InputStream in = TableLayout.class.getResourceAsStream("/jixiao/layouts/project-self-evaluation.json")) {
            Files.write(layout, in.readAllBytes());
        }
        Path xlsx = Path.of("scenarios/mof-2020-project/example-mediation-2021.xlsx");
        Fixtures.Run run = Fixtures.cli("score", xlsx.toString(), "--layout", layout.toString(), "--format", "csv");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains(",96.49,");
        // the department layout on a project table finds no indicator table, and says so
        Path wrong = tmp.resolve("dept.json");
        try (InputStream in = TableLayout.class.getResourceAsStream("/jixiao/layouts/department-self-evaluation.json")) {
            Files.write(wrong, in.readAllBytes());
        }
        Fixtures.Run bad = Fixtures.cli("score", xlsx.toString(), "--layout", wrong.toString());
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("no indicator table");
    }

    @Test
    void theTableCommandWritesTheLayoutOfTheSubmissionsKind() throws Exception {
        Path out = tmp.resolve("p.xlsx");
        assertThat(Fixtures.cli("table", PROJECT.toString(), "--out", out.toString()).exit()).isZero();
        ByteArrayOutputStream csv = new ByteArrayOutputStream();
        new TableWriter(TableLayout.forKind("项目支出绩效自评"), json(PROJECT)).csv(csv, StandardCharsets.UTF_8);
        assertThat(csv.toString(StandardCharsets.UTF_8)).contains("项目支出绩效自评表").contains("项目资金（万元）")
                .contains("年度资金总额").contains("总分");
    }

    /**
     * An evaluator's tier and score: the built-in layouts have optional columns for them (评价档次, 评价得分), written
     * when a submission has them and read back. A layout without such columns (an analyst's own) cannot write them: a
     * table written without them is read back as a submission without them, which scores differently (the qualitative
     * indicator is sent back, or scored by the department's own word). So that table is not written, and the fields
     * are named.
     */
    @Test
    void aSubmissionWithFieldsTheLayoutHasNoColumnForIsNotWrittenAsATable() throws Exception {
        com.fasterxml.jackson.databind.node.ObjectNode seed = (com.fasterxml.jackson.databind.node.ObjectNode)
                json(Fixtures.SEED);
        com.fasterxml.jackson.databind.node.ObjectNode first = (com.fasterxml.jackson.databind.node.ObjectNode)
                seed.get("indicators").get(0);
        first.put("tier", "部分达成");
        first.put("evaluatorScore", 0.7);
        Path in = tmp.resolve("with-tier.json");
        Files.writeString(in, seed.toString(), StandardCharsets.UTF_8);

        // the built-in layout writes them in its optional columns, and reads them back
        Path written = tmp.resolve("with-tier-builtin.xlsx");
        Fixtures.Run ok = Fixtures.cli("table", in.toString(), "--out", written.toString());
        assertThat(ok.exit()).as(ok.err()).isZero();
        Path back = tmp.resolve("back.json");
        assertThat(Fixtures.cli("import", written.toString(), "-o", back.toString()).exit()).isZero();
        JsonNode b = json(back).get("indicators").get(0);
        assertThat(b.path("tier").asText()).isEqualTo("部分达成");
        assertThat(b.path("evaluatorScore").decimalValue()).isEqualByComparingTo("0.7");

        // a layout without those columns refuses to write them
        com.fasterxml.jackson.databind.node.ObjectNode layout = (com.fasterxml.jackson.databind.node.ObjectNode)
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(getClass().getResourceAsStream(
                        "/jixiao/layouts/department-self-evaluation.json"));
        ((com.fasterxml.jackson.databind.node.ObjectNode) layout.get("indicators")).remove("optional");
        Path layoutFile = tmp.resolve("no-optional.json");
        Files.writeString(layoutFile, layout.toString(), StandardCharsets.UTF_8);
        Path out = tmp.resolve("with-tier.xlsx");
        Fixtures.Run r = Fixtures.cli("table", in.toString(), "--layout", layoutFile.toString(), "--out",
                out.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("$.indicators[0].tier (部分达成)").contains("$.indicators[0].evaluatorScore (0.7)")
                .contains("nothing was written");
        assertThat(out).doesNotExist();
        // without them, the same submission is written
        first.remove("tier");
        first.remove("evaluatorScore");
        Files.writeString(in, seed.toString(), StandardCharsets.UTF_8);
        assertThat(Fixtures.cli("table", in.toString(), "--layout", layoutFile.toString(), "--out", out.toString())
                .exit()).isZero();
        assertThat(out).exists();
    }

    /** The project example as a CSV table, its lines changed by {@code change}; null when nothing changed. */
    private Path csvChanged(java.util.function.UnaryOperator<List<String>> change) throws Exception {
        Path csv = write(json(PROJECT), TableLayout.forKind("项目支出绩效自评"), "csv", StandardCharsets.UTF_8);
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        List<String> changed = change.apply(new java.util.ArrayList<>(lines));
        assertThat(changed).isNotEqualTo(lines);
        Files.write(csv, changed, StandardCharsets.UTF_8);
        return csv;
    }

    /**
     * 全年预算数(A) / 全年执行数(B) / 执行率(B/A), a common spelling of the budget titles, is read as the titles
     * without their marks (it used to drop the whole 项目资金 block without a word: 0 of 10 points, 良 instead of 优);
     * budget titles the layout does not know at all are an error naming the block, never a block left unread.
     */
    @Test
    void budgetTitlesWithColumnMarksAreReadAndABudgetBlockWithOtherTitlesIsAnError() throws Exception {
        Fixtures.Run plain = Fixtures.cli("score", PROJECT.toString(), "--format", "json");
        assertThat(plain.exit()).isZero();
        String total = M.readTree(plain.out()).get("total").decimalValue().toPlainString();
        Path marked = csvChanged(lines -> lines.stream().map(l -> l.replace(",全年预算数,全年执行数,分值,执行率,得分",
                ",全年预算数(A),全年执行数(B),分值,执行率(B/A),得分")).toList());
        Fixtures.Run r = Fixtures.cli("score", marked.toString(), "--format", "json");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(M.readTree(r.out()).get("total").decimalValue()).isEqualByComparingTo(total);

        Path other = csvChanged(lines -> lines.stream().map(l -> l.replace(",全年预算数,全年执行数,分值,执行率,得分",
                ",全年预算数,实际支出数,分值,执行率,得分")).toList());
        Fixtures.Run refused = Fixtures.cli("score", other.toString());
        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.out()).isEmpty();
        assertThat(refused.err()).contains("项目资金（万元）").contains("left unread");
    }

    /** Each indicator row of the example, with {@code cell} put in after its 三级指标 (the header row gets {@code title}). */
    private static List<String> withColumnAfterName(List<String> lines, String title, String cell) {
        List<String> out = new java.util.ArrayList<>();
        boolean inBlock = false;
        for (String l : lines) {
            if (l.startsWith("绩效指标,")) {
                inBlock = true;
                out.add(l.replace(",三级指标,", ",三级指标," + title + ","));
                continue;
            }
            if (l.startsWith("总分")) {
                inBlock = false;
            }
            if (inBlock) {
                assertThat(l).doesNotContain("\"");
                String[] c = l.split(",", -1);
                List<String> row = new java.util.ArrayList<>(List.of(c));
                row.add(4, c[3].contains("经费") ? cell : "");
                out.add(String.join(",", row));
            } else {
                out.add(l);
            }
        }
        return out;
    }

    /**
     * A table with its comparator in a column of its own (指标性质, as some provinces' exports do) is read by the
     * built-in layout: a comparator that agrees with the target (≤ beside ≤300元) changes nothing (96.49 as the
     * example), one that contradicts it (≥ beside ≤300元) is refused by its cell — never read as a bare number. A
     * reviewer's 核查分 column the layout does not know is refused naming the cell, where it used to be ignored with
     * exit 0.
     */
    @Test
    void aComparatorColumnIsReadAndAColumnTheLayoutDoesNotKnowIsAnErrorNamingItsCell() throws Exception {
        Path comparator = csvChanged(lines -> withColumnAfterName(lines, "指标性质", "≤"));
        Fixtures.Run r = Fixtures.cli("score", comparator.toString(), "--format", "json");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.out()).path("total").decimalValue())
                .isEqualByComparingTo("96.49");
        Path contradicts = csvChanged(lines -> withColumnAfterName(lines, "指标性质", "≥"));
        Fixtures.Run wrong = Fixtures.cli("score", contradicts.toString());
        assertThat(wrong.exit()).isEqualTo(2);
        assertThat(wrong.out()).isEmpty();
        assertThat(wrong.err()).contains("'≥' (≥) contradicts the target '≤300元'").containsPattern("!E\\d+");

        Path reviewer = csvChanged(lines -> lines.stream().map(l -> l.startsWith("绩效指标,") ? l + ",核查分"
                : l.contains("件均调解经费") ? l + ",3" : l).toList());
        Fixtures.Run checked = Fixtures.cli("score", reviewer.toString());
        assertThat(checked.exit()).isEqualTo(2);
        assertThat(checked.err()).contains("'核查分' stands in a column");
    }

    /** An amount with three decimals comes back from the table as written: the sheet shows every decimal it has. */
    @Test
    void anAmountWithMoreThanTwoDecimalsRoundTripsThroughTheWorkbook() throws Exception {
        ObjectNode p = json(PROJECT);
        ObjectNode line = (ObjectNode) p.get("budget").get("lines").get(0);
        line.put("executed", new java.math.BigDecimal("29.934"));
        Path xlsx = write(p, TableLayout.forKind("项目支出绩效自评"), "xlsx", StandardCharsets.UTF_8);
        ObjectNode back = Submissions.importTable(xlsx, null, null);
        assertThat(back.get("budget").get("lines").get(0).get("executed").decimalValue())
                .isEqualByComparingTo("29.934");
    }

    /** A label with an empty value cell, and the next label on the same row: the value is missing, not the next one's. */
    @Test
    void anEmptyCellBesideALabelIsEmptyNotTheNextLabelsValue() throws Exception {
        Path csv = csvChanged(lines -> {
            List<String> out = new java.util.ArrayList<>();
            for (String l : lines) {
                if (l.startsWith("主管部门,")) {
                    continue;
                }
                out.add(l.startsWith("实施单位,") ? "主管部门,,实施单位," + l.split(",")[1] + ",," : l);
            }
            return out;
        });
        ObjectNode back = Submissions.importTable(csv, null, null);
        assertThat(back.path("department").asText()).isEqualTo(json(PROJECT).get("department").asText());
        assertThat(back.has("supervisor")).as(back.path("supervisor").asText()).isFalse();
    }

    /**
     * 产出指标(50分), or 产出指标 and (50分) on the next line of the cell, is the category 产出指标: the table scores as
     * the one without the points (it was refused: no category of that name).
     */
    @Test
    void aCategoryWrittenWithItsPointsIsTheCategory() throws Exception {
        Fixtures.Run plain = Fixtures.cli("score", PROJECT.toString(), "--format", "json");
        String total = M.readTree(plain.out()).get("total").decimalValue().toPlainString();
        Path csv = csvChanged(lines -> lines.stream().map(l -> l.replace(",产出指标,", ",产出指标(50分),")
                .replace(",效益指标,", ",\"效益指标\n（30分）\",")).toList());
        Fixtures.Run r = Fixtures.cli("score", csv.toString(), "--format", "json");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(M.readTree(r.out()).get("total").decimalValue()).isEqualByComparingTo(total);
    }

    /**
     * The points written with a first-level name are read as the category's points (categories[].weight), for the
     * notice to judge: this notice fixes 产出指标 at 50, so 50 passes without a word and 45 is a declaration it does not
     * take (CATEGORY_DECLARATION_IGNORED, the total unchanged: 8.8 + 47.69 + 30 + 10 = 96.49). Before, the points were
     * dropped with only a line in the account.
     */
    @Test
    void thePointsWrittenWithACategoryNameAreItsDeclaredPoints() throws Exception {
        Path fifty = csvChanged(lines -> lines.stream().map(l -> l.replace(",产出指标,", ",产出指标(50分),")).toList());
        ObjectNode read = Submissions.importTable(fifty, null, null);
        assertThat(read.path("categories").toString()).contains("\"name\":\"产出指标\",\"weight\":50");
        Fixtures.Run same = Fixtures.cli("score", fifty.toString(), "--format", "json");
        assertThat(same.exit()).as(same.err()).isZero();
        assertThat(same.out()).doesNotContain("CATEGORY_DECLARATION_IGNORED");

        Path other = csvChanged(lines -> lines.stream().map(l -> l.replace(",产出指标,", ",产出指标（45分）,")).toList());
        Fixtures.Run r = Fixtures.cli("score", other.toString(), "--format", "json");
        JsonNode out = M.readTree(r.out());
        assertThat(out.get("total").decimalValue()).isEqualByComparingTo("96.49");
        assertThat(out.get("findings").toString()).contains("CATEGORY_DECLARATION_IGNORED").contains("45");
    }

    /** Two figures for one first-level indicator (产出指标(50分) on one row, 产出指标(45分) on the next) are an error naming the cell. */
    @Test
    void twoFiguresForOneCategoryAreAnErrorNamingTheCell() throws Exception {
        Path csv = csvChanged(lines -> lines.stream().map(l -> l.replace(",产出指标,", ",产出指标(50分),")
                .replace(",,,人民调解员培训人次,", ",产出指标(45分),,人民调解员培训人次,")).toList());
        Fixtures.Run r = Fixtures.cli("import", csv.toString());
        assertThat(r.exit()).isNotZero();
        assertThat(r.err()).contains("'产出指标(45分)' gives 产出指标 45 points").contains("gave it 50");
    }

    /**
     * A row marked not applicable (指标值 /, 实际完成值 无, 分值 /, 得分 /) is read with 0 points and passed to the rules,
     * which score it 0 of 0 with a note (its 10 points moved to 维护社会和谐稳定 by the department). Before, the row was
     * refused for its missing points; and "/" against "/" scored full marks as a qualitative match.
     */
    @Test
    void aRowMarkedNotApplicableIsReadWithNoPointsForTheRulesToJudge() throws Exception {
        Path csv = csvChanged(lines -> lines.stream().map(l -> l.replace(
                ",人民调解工作机制长效运行,长期,长期,10,10,", ",人民调解工作机制长效运行,/,无,/,/,")
                .replace(",维护社会和谐稳定,显著,显著,20,20,", ",维护社会和谐稳定,显著,显著,30,30,")).toList());
        ObjectNode read = Submissions.importTable(csv, null, null);
        JsonNode row = null;
        for (JsonNode n : read.get("indicators")) {
            if (n.path("name").asText().equals("人民调解工作机制长效运行")) {
                row = n;
            }
        }
        assertThat(row).isNotNull();
        assertThat(row.get("points").decimalValue()).isEqualByComparingTo("0");
        assertThat(row.get("target").asText()).isEqualTo("/");
        assertThat(row.has("claimed")).isFalse();
        Fixtures.Run r = Fixtures.cli("score", csv.toString(), "--format", "json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode out = M.readTree(r.out());
        assertThat(out.get("findings").toString()).contains("INDICATOR_MARKED_NOT_APPLICABLE");
        // 8.8 + 47.69 + (30 + 0) + 10: the row of no points scores 0 of 0, 维护社会和谐稳定 now carries 效益指标's 30
        assertThat(out.get("total").decimalValue()).isEqualByComparingTo("96.49");
    }

    /** An empty 分值 beside "/" cells is a missing figure, never 0 by default. */
    @Test
    void anEmptyPointsCellIsNotReadAsNoPoints() throws Exception {
        Path csv = csvChanged(lines -> lines.stream().map(l -> l.replace(
                ",人民调解工作机制长效运行,长期,长期,10,10,", ",人民调解工作机制长效运行,/,/,,,")).toList());
        Fixtures.Run r = Fixtures.cli("import", csv.toString());
        assertThat(r.exit()).isNotZero();
        assertThat(r.err()).contains("人民调解工作机制长效运行").contains("points: required");
    }

    /**
     * A cell beside the table that nothing reads (a contact person written under the project's name) is said by
     * `score` as `import` says it, by its address; the table still scores (it was scored without a word).
     */
    @Test
    void aCellNothingReadsIsSaidWhenATableIsScored() throws Exception {
        Path csv = csvChanged(lines -> {
            List<String> out = new java.util.ArrayList<>(lines);
            out.add(3, "联系人,张三,,");
            return out;
        });
        Fixtures.Run r = Fixtures.cli("score", csv.toString(), "--format", "json");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).contains("2 cell(s) of the table nothing read").containsPattern("!A4 '联系人', \\S+!B4 '张三'");
        assertThat(M.readTree(r.out()).get("total").decimalValue()).isEqualByComparingTo("96.49");
    }
}

