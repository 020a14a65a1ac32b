package jixiao;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import jixiao.input.TableLayout;
import jixiao.input.TableWriter;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Spreadsheets in (the 自评表 as .xlsx or .csv), reports out (Excel and HTML). */
class TablesAndReportsTest {

    static final Path SEED_XLSX = Path.of("scenarios/shangjie-2021/justice-bureau-2021.xlsx");
    static final ObjectMapper M = new ObjectMapper();

    @TempDir
    Path tmp;

    /** A JSON tree with numbers compared by value (2.00 = 2), object keys in any order, and no "id". */
    static JsonNode normalized(JsonNode n) {
        if (n.isObject()) {
            ObjectNode o = M.createObjectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getKey().equals("id")) {
                    o.set(e.getKey(), normalized(e.getValue()));
                }
            }
            return o;
        }
        if (n.isArray()) {
            var a = M.createArrayNode();
            n.forEach(x -> a.add(normalized(x)));
            return a;
        }
        if (n.isNumber()) {
            BigDecimal d = n.decimalValue().stripTrailingZeros();
            return M.getNodeFactory().numberNode(d.scale() < 0 ? d.setScale(0) : d);
        }
        return n;
    }

    private JsonNode imported(Path table) throws Exception {
        Fixtures.Run run = Fixtures.cli("import", table.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        return M.readTree(run.out());
    }

    private JsonNode seedJson() throws Exception {
        return M.readTree(Fixtures.SEED.toFile());
    }

    @Test
    void theShippedWorkbookImportsAsTheSeedSubmission() throws Exception {
        assertThat(normalized(imported(SEED_XLSX))).isEqualTo(normalized(seedJson()));
    }

    @Test
    void csvImportsTheSameInUtf8WithAndWithoutBomAndInGbk() throws Exception {
        TableWriter w = new TableWriter(TableLayout.builtIn(), seedJson());
        for (String variant : new String[] {"UTF-8", "UTF-8-BOM", "GBK"}) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            if (variant.equals("UTF-8-BOM")) {
                bytes.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
            }
            w.csv(bytes, Charset.forName(variant.startsWith("UTF-8") ? "UTF-8" : variant));
            Path f = tmp.resolve("seed-" + variant + ".csv");
            Files.write(f, bytes.toByteArray());
            if (variant.equals("GBK")) {
                assertThat(new String(bytes.toByteArray(), StandardCharsets.UTF_8)).doesNotContain("司法局");
            }
            assertThat(normalized(imported(f))).as(variant).isEqualTo(normalized(seedJson()));
        }
    }

    @Test
    void scoreReadsTablesDirectly() throws Exception {
        Fixtures.Run run = Fixtures.cli("score", SEED_XLSX.toString(), "--format", "json");
        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode r = M.readTree(run.out());
        assertThat(r.get("total").decimalValue()).isEqualByComparingTo("99.11");
        assertThat(r.get("grade").asText()).isEqualTo("优");
    }

    @Test
    void anUnreadableCellIsReportedBySheetAndAddress() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new TableWriter(TableLayout.builtIn(), seedJson()).csv(bytes, StandardCharsets.UTF_8);
        String csv = bytes.toString(StandardCharsets.UTF_8);
        // the 分值 of 政府采购执行率: its row is the 12th indicator
        String broken = csv.replace(",政府采购执行率,≥90%,%,50%,2,1,", ",政府采购执行率,≥90%,%,50%,１０２％%,1,");
        assertThat(broken).isNotEqualTo(csv);
        Path f = tmp.resolve("自评表.csv");
        Files.writeString(f, broken, StandardCharsets.UTF_8);
        Fixtures.Run run = Fixtures.cli("import", f.toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).containsPattern("自评表!G\\d+: '１０２％%': cannot read '%' after the unit '%'");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void xlsxReportForOneSubmissionAndForABatch() throws Exception {
        Path one = tmp.resolve("one.xlsx");
        assertThat(Fixtures.cli("score", Fixtures.SEED.toString(), "--format", "xlsx", "--out", one.toString())
                .exit()).isZero();
        try (InputStream in = Files.newInputStream(one); Workbook wb = WorkbookFactory.create(in)) {
            assertThat(wb.getSheet("汇总").getRow(1).getCell(4).getNumericCellValue()).isEqualTo(99.11);
            assertThat(wb.getSheet("汇总").getRow(1).getCell(5).getStringCellValue()).isEqualTo("优");
            Sheet ind = wb.getSheet("三级指标");
            assertThat(ind.getLastRowNum()).isEqualTo(31);
            boolean found = false;
            for (int r = 1; r <= ind.getLastRowNum(); r++) {
                if (ind.getRow(r).getCell(3).getStringCellValue().equals("政府采购执行率")) {
                    assertThat(ind.getRow(r).getCell(7).getNumericCellValue()).isEqualTo(1.11);
                    assertThat(ind.getRow(r).getCell(9).getNumericCellValue()).isEqualTo(0.11);
                    assertThat(ind.getRow(r).getCell(11).getStringCellValue()).isNotBlank();
                    found = true;
                }
            }
            assertThat(found).isTrue();
            assertThat(wb.getSheet("复核提示").getLastRowNum()).isEqualTo(5);
        }
        Path batch = tmp.resolve("batch.xlsx");
        assertThat(Fixtures.cli("score", Fixtures.SEED.toString(), Fixtures.MINIMAL.toString(), "--format", "xlsx",
                "--out", batch.toString()).exit()).isZero();
        try (InputStream in = Files.newInputStream(batch); Workbook wb = WorkbookFactory.create(in)) {
            assertThat(wb.getSheet("汇总").getLastRowNum()).isEqualTo(2);
        }
        assertThat(Fixtures.cli("score", Fixtures.SEED.toString(), "--format", "xlsx").exit()).isEqualTo(2);
    }

    @Test
    void htmlReportIsSelfContainedAndABatchGetsAnIndex() throws Exception {
        Fixtures.Run one = Fixtures.cli("score", Fixtures.SEED.toString(), "--format", "html");
        assertThat(one.exit()).isZero();
        assertThat(one.out()).contains("<span id=\"total\" class=\"big\">总分 99.11</span>")
                .contains("<span id=\"grade\" class=\"big\">等级 优</span>").contains("<svg")
                .contains("政府采购执行率").contains("SELF_SCORE_DIFFERS")
                .doesNotContain("<script").doesNotContain("http://cdn").doesNotContain("https://");

        Path dir = tmp.resolve("pages");
        Fixtures.Run batch = Fixtures.cli("score", Fixtures.SEED.toString(), Fixtures.MINIMAL.toString(),
                "scenarios/mof-2020-project/example-mediation-2021.json", "--format", "html", "--out", dir.toString());
        assertThat(batch.exit()).as(batch.err()).isZero();
        String index = Files.readString(dir.resolve("index.html"));
        assertThat(index).contains("3 份已评分").contains("<a href=\"shangjie-justice-2021.html\">")
                .contains("<a href=\"minimal-2021.html\">").contains("<a href=\"example-mediation-2021.html\">");
        assertThat(dir.resolve("example-mediation-2021.html")).content(StandardCharsets.UTF_8).contains("总分 96.49");
        Fixtures.Run again = Fixtures.cli("score", Fixtures.SEED.toString(), Fixtures.MINIMAL.toString(), "--format",
                "html", "--out", dir.toString());
        assertThat(again.exit()).as("an existing folder is not overwritten").isEqualTo(2);
        assertThat(again.err()).contains("exists and is not an empty folder");
        Fixtures.Run nowhere = Fixtures.cli("score", Fixtures.SEED.toString(), "--format", "csv", "--out",
                "/proc/no-such-place/out.csv");
        assertThat(nowhere.exit()).isEqualTo(2);
        assertThat(nowhere.err()).contains("cannot write /proc/no-such-place/out.csv").doesNotContain("internal error");
    }

    @Test
    void theHtmlReportRendersInAHeadlessBrowser() throws Exception {
        Path chromium = Path.of("/usr/bin/chromium");
        assumeTrue(Files.isExecutable(chromium), "chromium is not installed (apt-get install chromium); "
                + ".ci/run installs it when it can — skipping the browser check");
        Path page = tmp.resolve("seed.html");
        assertThat(Fixtures.cli("score", Fixtures.SEED.toString(), "--format", "html", "--out", page.toString())
                .exit()).isZero();
        Process p = new ProcessBuilder(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + tmp.resolve("profile"), "--dump-dom",
                page.toUri().toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String dom = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(dom).contains("总分 99.11").contains("等级 优").contains("</svg>");
        Path png = tmp.resolve("seed.png");
        Process shot = new ProcessBuilder(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + tmp.resolve("profile2"), "--window-size=1200,900",
                "--screenshot=" + png, page.toUri().toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(shot.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(png).exists();
        assertThat(Files.size(png)).isGreaterThan(10_000);
    }
}
