package jixiao.report;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.util.List;
import jixiao.engine.ScoreResult;
import jixiao.model.CategoryScore;
import jixiao.model.CategoryWeight;
import jixiao.model.Finding;
import jixiao.model.Indicator;
import jixiao.model.IndicatorScore;
import jixiao.model.Num;
import jixiao.model.Submission;
import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * Results as an Excel workbook: a summary row per submission, the first-level categories, every indicator with
 * its points, recomputed score, self-score, difference and rule, and the review findings. One submission or many:
 * a sheet that reaches Excel's last row (1,048,576 rows; 三级指标 does at about 35,000 submissions) goes on in a
 * sheet of its own with the same header, "三级指标 (2)", and so on.
 */
public final class XlsxReport implements ResultWriter<Void> {

    /** Rows kept in memory per sheet; the rest are flushed to a compressed temp file (POI's SXSSF). */
    private static final int WINDOW = 200;

    private final OutputStream out;
    private final SXSSFWorkbook wb;
    private final CellStyle head;
    private final CellStyle num;
    /** The last row index a sheet may use; a part that reaches it goes on in a sheet of its own ("三级指标 (2)"). */
    private final int lastRow;
    private final Part summary;
    private final Part categories;
    private final Part indicators;
    private final Part findings;

    /** A workbook to be written to {@code out} when the batch is over; memory does not grow with the batch. */
    public XlsxReport(OutputStream out) {
        this(out, SpreadsheetVersion.EXCEL2007.getLastRowIndex());
    }

    /** As above, with sheets that end at row index {@code lastRow} (Excel's own limit, 1,048,575, or less in tests). */
    XlsxReport(OutputStream out, int lastRow) {
        this.out = out;
        this.lastRow = lastRow;
        this.wb = new SXSSFWorkbook(WINDOW);
        wb.setCompressTempFiles(true);
        head = wb.createCellStyle();
        Font bold = wb.createFont();
        bold.setBold(true);
        head.setFont(bold);
        num = wb.createCellStyle();
        num.setDataFormat(wb.createDataFormat().getFormat("0.00"));
        summary = part("汇总", "编号", "单位", "评分通知", "规则指纹", "总分", "等级", "自评总分", "自评结果", "提示数");
        categories = part("一级指标", "编号", "一级指标", "适用", "分值", "得分", "得分规则", "分值来源");
        indicators = part("三级指标", "编号", "一级指标", "二级指标", "三级指标", "指标值", "实际完成值", "分值",
                "重算得分", "自评得分", "差异", "档次", "计分规则", "说明");
        findings = part("复核提示", "编号", "级别", "代码", "对象", "说明", "自评", "重算", "规则", "提示名称");
    }

    /** One kind of row (summary, categories, indicators, findings): a sheet, and more when it is full. */
    private static final class Part {
        final String name;
        final String[] headers;
        Sheet sheet;
        int sheets = 1;

        Part(String name, String[] headers) {
            this.name = name;
            this.headers = headers;
        }
    }

    private Part part(String name, String... headers) {
        Part p = new Part(name, headers);
        p.sheet = sheet(wb, head, name, headers);
        return p;
    }

    /** All results at once (for one submission or a small set). */
    public static void write(List<ScoreResult> results, OutputStream out) throws IOException {
        XlsxReport x = new XlsxReport(out);
        for (ScoreResult r : results) {
            x.write(r, null);
        }
        x.finish(List.of());
    }

    @Override
    public Void render(ScoreResult r) {
        return null;
    }

    @Override
    public void write(ScoreResult r, Void rendered) {
        summaryRow(r);
        categoryRows(r);
        indicatorRows(r);
        findingRows(r);
    }

    private void summaryRow(ScoreResult r) {
        Submission s = r.submission();
        Row row = next(summary);
        text(row, 0, s.id());
        text(row, 1, s.department());
        text(row, 2, r.policy().id());
        text(row, 3, r.policy().fingerprint());
        number(row, 4, r.total() == null ? null : r.total().getScore(), num);
        text(row, 5, r.grade() == null ? null : r.grade().getName());
        number(row, 6, s.claimedTotal(), num);
        text(row, 7, s.claimedGrade());
        row.createCell(8).setCellValue(r.findings().size());
    }

    private void categoryRows(ScoreResult r) {
        Submission s = r.submission();
        for (CategoryWeight w : r.weights()) {
            CategoryScore c = r.category(w.getCategory());
            Row cr = next(categories);
            text(cr, 0, s.id());
            text(cr, 1, w.getCategory());
            text(cr, 2, w.isApplicable() ? "是" : "否");
            number(cr, 3, w.getWeight(), num);
            number(cr, 4, c == null ? null : c.getScore(), num);
            text(cr, 5, c == null ? null : c.getRule());
            text(cr, 6, Text.weightSteps(w));
        }
    }

    private void indicatorRows(ScoreResult r) {
        Submission s = r.submission();
        for (IndicatorScore is : r.indicators()) {
            Indicator i = is.getIndicator();
            Row ir = next(indicators);
            text(ir, 0, s.id());
            text(ir, 1, i.category());
            text(ir, 2, i.group());
            text(ir, 3, i.name());
            text(ir, 4, i.target() == null ? null : i.target().text());
            text(ir, 5, i.actual() == null ? null : i.actual().text());
            number(ir, 6, i.points(), num);
            number(ir, 7, is.getScore(), num);
            number(ir, 8, i.claimed(), num);
            number(ir, 9, i.claimed() == null ? null : is.getScore().subtract(i.claimed()), num);
            text(ir, 10, is.getTier());
            text(ir, 11, is.getRule());
            text(ir, 12, is.getExplanation());
        }
    }

    private void findingRows(ScoreResult r) {
        Submission s = r.submission();
        for (Finding f : r.findings()) {
            Row fr = next(findings);
            text(fr, 0, s.id());
            text(fr, 1, f.severity().word());
            text(fr, 2, f.getCode());
            text(fr, 8, r.policy().codeName(f.getCode()));
            text(fr, 3, f.getSubject());
            text(fr, 4, f.getMessage());
            number(fr, 5, f.getClaimed(), num);
            number(fr, 6, f.getRecomputed(), num);
            text(fr, 7, f.getRule());
        }
    }

    @Override
    public void finish(List<String> failures) throws IOException {
        try {
            wb.write(out);
        } finally {
            wb.close(); // also removes SXSSF's temp files
        }
    }

    private static Sheet sheet(Workbook wb, CellStyle head, String name, String... headers) {
        Sheet s = wb.createSheet(name);
        for (int c = 0; c < headers.length; c++) {
            s.setColumnWidth(c, 18 * 256);
        }
        s.createFreezePane(0, 1);
        Row r = s.createRow(0);
        for (int i = 0; i < headers.length; i++) {
            Cell c = r.createCell(i);
            c.setCellValue(headers[i]);
            c.setCellStyle(head);
        }
        return s;
    }

    /** The next row of a part; past the last row a sheet may have, the part goes on in a new sheet. */
    private Row next(Part p) {
        if (p.sheet.getLastRowNum() >= lastRow) {
            p.sheets++;
            int after = wb.getSheetIndex(p.sheet);
            p.sheet = sheet(wb, head, p.name + " (" + p.sheets + ")", p.headers);
            wb.setSheetOrder(p.sheet.getSheetName(), after + 1); // beside the sheet it continues
        }
        return p.sheet.createRow(p.sheet.getLastRowNum() + 1);
    }


    private static void text(Row r, int c, String v) {
        if (v != null) {
            r.createCell(c).setCellValue(Text.cellLimit(Text.printable(v)));
        }
    }

    private static void number(Row r, int c, BigDecimal v, CellStyle style) {
        if (v != null) {
            Cell cell = r.createCell(c);
            cell.setCellValue(new BigDecimal(Num.fmt(v)).doubleValue());
            cell.setCellStyle(style);
        }
    }
}
