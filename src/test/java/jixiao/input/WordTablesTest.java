package jixiao.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.xwpf.usermodel.IBodyElement;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.junit.jupiter.api.Test;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTTcPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STMerge;

/**
 * The Word reader streams the document's XML once; it must read every document as POI's document model read it
 * (the reference below is the reader as it was), and refuse a document past the row limit as it goes.
 */
class WordTablesTest {

    /** What a document read as before: POI's model, cell by cell, with the same merges. */
    private static List<List<String>> reference(byte[] docx) throws Exception {
        List<List<String>> rows = new ArrayList<>();
        try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(docx))) {
            for (IBodyElement e : doc.getBodyElements()) {
                if (e instanceof XWPFParagraph p) {
                    String text = p.getText().strip();
                    if (!text.isEmpty()) {
                        rows.add(List.of(text));
                    }
                } else if (e instanceof XWPFTable t) {
                    List<String> above = null;
                    for (XWPFTableRow row : t.getRows()) {
                        List<String> cells = new ArrayList<>();
                        for (XWPFTableCell cell : row.getTableCells()) {
                            CTTcPr pr = cell.getCTTc().getTcPr();
                            int span = pr != null && pr.isSetGridSpan() ? pr.getGridSpan().getVal().intValue() : 1;
                            boolean continued = pr != null && pr.isSetVMerge() && (pr.getVMerge().getVal() == null
                                    || pr.getVMerge().getVal() == STMerge.CONTINUE);
                            int col = cells.size();
                            String v = continued ? (above != null && col < above.size() ? above.get(col) : "")
                                    : cell.getText().strip();
                            for (int k = 0; k < Math.max(1, span); k++) {
                                cells.add(v);
                            }
                        }
                        rows.add(cells);
                        above = cells;
                    }
                }
            }
        }
        return rows;
    }

    private static List<List<String>> read(byte[] docx) {
        Grid g = WordTables.grid(docx, "t.docx");
        List<List<String>> rows = new ArrayList<>();
        for (int r = 0; r < g.size(); r++) {
            rows.add(g.row(r));
        }
        return rows;
    }

    @Test
    void theShippedWordTableReadsAsPoiReadIt() throws Exception {
        byte[] docx = Files.readAllBytes(Path.of("scenarios/mof-2020-project/example-mediation-2021.docx"));
        List<List<String>> expected = reference(docx);
        assertThat(expected).hasSizeGreaterThan(20);
        assertThat(read(docx)).isEqualTo(expected);
    }

    @Test
    void tabsBreaksRunsMergesAndNestedTablesReadAsPoiReadThem() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (XWPFDocument doc = new XWPFDocument()) {
            XWPFParagraph title = doc.createParagraph();
            title.createRun().setText("项目支出");
            title.createRun().setText("绩效自评表");
            XWPFParagraph tabbed = doc.createParagraph();
            tabbed.createRun().setText("单位");
            tabbed.createRun().addTab();
            tabbed.createRun().setText("万元");
            tabbed.createRun().addBreak();
            tabbed.createRun().setText("第二行");
            XWPFTable t = doc.createTable(3, 3);
            t.getRow(0).getCell(0).setText("一级指标");
            t.getRow(0).getCell(1).setText("二级");
            t.getRow(0).getCell(1).addParagraph().createRun().setText("指标");
            t.getRow(1).getCell(0).setText("产出指标");
            t.getRow(1).getCell(0).getCTTc().addNewTcPr().addNewVMerge().setVal(STMerge.RESTART);
            t.getRow(2).getCell(0).getCTTc().addNewTcPr().addNewVMerge();
            t.getRow(1).getCell(1).getCTTc().addNewTcPr().addNewGridSpan().setVal(java.math.BigInteger.TWO);
            t.getRow(1).getCell(1).setText("跨两列");
            t.getRow(1).removeCell(2);
            t.getRow(2).getCell(2).setText(" ≥95% ");
            t.getRow(2).getCell(1).insertTable(0, new XWPFTable(
                    org.openxmlformats.schemas.wordprocessingml.x2006.main.CTTbl.Factory.newInstance(), t.getRow(2)
                    .getCell(1), 1, 1));
            doc.createParagraph().createRun().setText("注：");
            doc.write(out);
        }
        byte[] docx = out.toByteArray();
        List<List<String>> expected = reference(docx);
        assertThat(expected.get(1).get(0)).contains("\t").contains("\n");
        assertThat(expected.get(3).get(0)).isEqualTo("产出指标");
        assertThat(read(docx)).isEqualTo(expected);
    }

    @Test
    void aDocumentPastTheRowLimitIsRefusedAsItIsRead() {
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < Grid.MAX_ROWS + 5; i++) {
            rows.append("<w:tr><w:tc><w:p/></w:tc></w:tr>");
        }
        byte[] docx = zip("<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
                + "<w:body><w:tbl>" + rows + "</w:tbl></w:body></w:document>");
        assertThatThrownBy(() -> WordTables.grid(docx, "t.docx")).hasMessageContaining("at most " + Grid.MAX_ROWS);
        assertThatThrownBy(() -> WordTables.grid(new byte[] {1, 2, 3}, "t.docx"))
                .hasMessageContaining("cannot be read as a Word .docx document");
    }

    private static byte[] zip(String xml) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream z = new java.util.zip.ZipOutputStream(out)) {
            z.putNextEntry(new java.util.zip.ZipEntry("word/document.xml"));
            z.write(xml.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            z.closeEntry();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
