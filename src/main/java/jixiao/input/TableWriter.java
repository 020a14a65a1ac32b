package jixiao.input;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Lays a submission out as the self-evaluation table of a {@link TableLayout} (the reverse of
 * {@link TableImporter}): as an .xlsx workbook with merged cells, or as CSV.
 */
public final class TableWriter {

    private final TableLayout layout;
    private final List<List<String>> rows = new ArrayList<>();
    private final List<int[]> merges = new ArrayList<>();   // {firstRow, lastRow, firstCol, lastCol}
    private final List<int[]> numberCells = new ArrayList<>();

    public TableWriter(TableLayout layout, JsonNode s) {
        this.layout = layout;
        build(s);
    }

    private String f(String field) {
        return layout.fields().get(field);
    }

    private int add(String... cells) {
        rows.add(new ArrayList<>(List.of(cells)));
        return rows.size() - 1;
    }

    private static String text(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return "";
        }
        if (n.isNumber()) {
            return n.decimalValue().toPlainString();
        }
        return n.asText();
    }

    private void build(JsonNode s) {
        int r = add(layout.title());
        merges.add(new int[] {r, r, 0, 8});
        r = add(s.has("year") ? "(" + s.get("year").asText() + " 年度)" : "");
        merges.add(new int[] {r, r, 0, 8});
        String dept = text(s.get("department"));
        r = add(f("department"), dept, dept, dept, dept, f("claimedTotal"), text(s.get("claimedTotal")));
        merges.add(new int[] {r, r, 1, 4});
        number(r, 6);
        add("", "", "", "", "", f("claimedGrade"), text(s.get("claimedGrade")));
        add(f("notice"), text(s.get("notice")));
        String goal = text(s.get("overallGoal"));
        r = add(f("overallGoal"), goal, goal, goal, f("overallGoalCompletion"), text(s.get("overallGoalCompletion")));
        merges.add(new int[] {r, r, 1, 3});

        List<String> th = layout.tasks().header();
        int first = rows.size();
        List<String> header = new ArrayList<>(List.of(layout.tasks().label()));
        header.addAll(th);
        rows.add(header);
        for (JsonNode t : s.path("tasks")) {
            List<String> row = new ArrayList<>(List.of(layout.tasks().label()));
            for (String field : layout.tasks().fields()) {
                row.add(text(t.get(field)));
                if (t.path(field).isNumber()) {
                    number(rows.size(), row.size() - 1);
                }
            }
            rows.add(row);
        }
        if (rows.size() - 1 > first) {
            merges.add(new int[] {first, rows.size() - 1, 0, 0});
        }

        JsonNode b = s.path("budget");
        if (!b.isMissingNode() && !b.isNull()) {
            if (b.has("target")) {
                add(f("budgetTarget"), text(b.get("target")));
            }
            if (b.has("unit")) {
                add(f("budgetUnit"), text(b.get("unit")));
            }
            first = rows.size();
            header = new ArrayList<>(List.of(layout.budget().label(), "", ""));
            header.addAll(layout.budget().header());
            rows.add(header);
            String section = null;
            int sectionNo = 0;
            int lineNo = 0;
            boolean pointsWritten = false;
            for (JsonNode l : b.path("lines")) {
                String sec = l.hasNonNull("section") ? l.get("section").asText() : null;
                String name = text(l.get("name"));
                String label;
                if (sec == null) {
                    label = name;
                    section = null;
                } else if (!sec.equals(section)) {
                    section = sec;
                    sectionNo++;
                    lineNo = 1;
                    label = sectionNo + "、" + sec + "：（1）" + name;
                } else {
                    lineNo++;
                    label = "（" + lineNo + "）" + name;
                }
                List<String> row = new ArrayList<>(List.of(layout.budget().label(), label, label));
                int rr = rows.size();
                merges.add(new int[] {rr, rr, 1, 2});
                for (String field : layout.budget().fields()) {
                    String v;
                    boolean isNumber;
                    if (field.equals("points") || field.equals("claimed")) {
                        v = pointsWritten ? "" : text(b.get(field));
                        isNumber = !pointsWritten && b.path(field).isNumber();
                    } else {
                        v = text(l.get(field));
                        isNumber = l.path(field).isNumber();
                    }
                    row.add(v);
                    if (isNumber) {
                        number(rr, row.size() - 1);
                    }
                }
                pointsWritten = true;
                rows.add(row);
            }
            merges.add(new int[] {first, rows.size() - 1, 0, 0});
        }
        for (JsonNode c : s.path("categories")) {
            if (c.has("applicable") && !c.get("applicable").asBoolean()) {
                add(layout.notApplicable(), text(c.get("name")), text(c.get("note")));
            }
        }

        rows.add(new ArrayList<>(layout.indicators().header()));
        int runStart = rows.size();
        String runCategory = null;
        String runGroup = null;
        int groupStart = rows.size();
        for (JsonNode i : s.path("indicators")) {
            String cat = text(i.get("category"));
            String grp = text(i.get("group"));
            int rr = rows.size();
            if (!cat.equals(runCategory)) {
                closeRun(runStart, rr, 0);
                closeRun(groupStart, rr, 1);
                runStart = rr;
                groupStart = rr;
                runCategory = cat;
                runGroup = grp;
            } else if (!grp.equals(runGroup)) {
                closeRun(groupStart, rr, 1);
                groupStart = rr;
                runGroup = grp;
            }
            List<String> row = new ArrayList<>();
            for (String field : layout.indicators().fields()) {
                row.add(text(i.get(field)));
                if (i.path(field).isNumber()) {
                    number(rr, row.size() - 1);
                }
            }
            rows.add(row);
        }
        closeRun(runStart, rows.size(), 0);
        closeRun(groupStart, rows.size(), 1);
        add(layout.end() + "本表由 jixiao 依提交文件生成。");
    }

    private void closeRun(int start, int end, int col) {
        if (end - start > 1) {
            merges.add(new int[] {start, end - 1, col, col});
        }
    }

    private void number(int r, int c) {
        numberCells.add(new int[] {r, c});
    }

    /** As CSV, in the given charset (UTF-8 or GBK); merged cells keep their value only in the first cell. */
    public void csv(OutputStream out, Charset charset) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int r = 0; r < rows.size(); r++) {
            List<String> row = rows.get(r);
            for (int c = 0; c < row.size(); c++) {
                if (c > 0) {
                    sb.append(',');
                }
                String v = covered(r, c) ? "" : row.get(c);
                if (v.contains(",") || v.contains("\"") || v.contains("\n")) {
                    v = "\"" + v.replace("\"", "\"\"") + "\"";
                }
                sb.append(v);
            }
            sb.append("\r\n");
        }
        out.write(sb.toString().getBytes(charset));
    }

    private boolean covered(int r, int c) {
        for (int[] m : merges) {
            if (r >= m[0] && r <= m[1] && c >= m[2] && c <= m[3] && !(r == m[0] && c == m[2])) {
                return true;
            }
        }
        return false;
    }

    /** As an .xlsx workbook of one sheet, "自评表". */
    public void xlsx(OutputStream out) throws IOException {
        try (Workbook wb = new XSSFWorkbook()) {
            Sheet sheet = wb.createSheet("自评表");
            CellStyle plain = wb.createCellStyle();
            plain.setVerticalAlignment(org.apache.poi.ss.usermodel.VerticalAlignment.CENTER);
            CellStyle twoDecimals = wb.createCellStyle();
            twoDecimals.cloneStyleFrom(plain);
            twoDecimals.setDataFormat(wb.createDataFormat().getFormat("0.00"));
            CellStyle wrap = wb.createCellStyle();
            wrap.cloneStyleFrom(plain);
            wrap.setWrapText(true);
            sheet.getPrintSetup().setLandscape(true);
            sheet.setFitToPage(true);
            sheet.getPrintSetup().setFitWidth((short) 1);
            sheet.getPrintSetup().setFitHeight((short) 0);
            for (int r = 0; r < rows.size(); r++) {
                Row row = sheet.createRow(r);
                List<String> cells = rows.get(r);
                for (int c = 0; c < cells.size(); c++) {
                    if (covered(r, c)) {
                        continue;
                    }
                    Cell cell = row.createCell(c);
                    String v = cells.get(c);
                    if (isNumber(r, c) && !v.isEmpty()) {
                        BigDecimal d = new BigDecimal(v);
                        cell.setCellValue(d.doubleValue());
                        cell.setCellStyle(d.scale() > 0 ? twoDecimals : plain);
                    } else {
                        cell.setCellValue(v);
                        cell.setCellStyle(v.length() > 20 ? wrap : plain);
                    }
                }
            }
            for (int[] m : merges) {
                sheet.addMergedRegion(new CellRangeAddress(m[0], m[1], m[2], m[3]));
            }
            for (int c = 0; c < 9; c++) {
                sheet.setColumnWidth(c, c == 2 ? 40 * 256 : 16 * 256);
            }
            wb.write(out);
        }
    }

    private boolean isNumber(int r, int c) {
        for (int[] n : numberCells) {
            if (n[0] == r && n[1] == c) {
                return true;
            }
        }
        return false;
    }
}
