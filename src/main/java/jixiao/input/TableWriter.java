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
import jixiao.model.FieldDeclaration;

/**
 * Lays a submission out as the self-evaluation table of a {@link TableLayout} (the reverse of
 * {@link TableImporter}): as an .xlsx workbook with merged cells, or as CSV.
 */
public final class TableWriter {

    private final TableLayout layout;
    private final List<List<String>> rows = new ArrayList<>();
    private final List<int[]> merges = new ArrayList<>();   // {firstRow, lastRow, firstCol, lastCol}
    private final List<int[]> numberCells = new ArrayList<>();
    /** The fields the submission's notice declares: each gets its column (or labelled row), filled or not. */
    private final List<FieldDeclaration> declared;

    public TableWriter(TableLayout layout, JsonNode s) {
        this(layout, s, List.of());
    }

    public TableWriter(TableLayout layout, JsonNode s, List<FieldDeclaration> declared) {
        this.layout = layout;
        this.declared = declared;
        build(s);
    }

    private List<FieldDeclaration> declaredOn(String owner) {
        return declared.stream().filter(f -> f.on().equals(owner)).toList();
    }

    /** The layout's optional columns (an evaluator's tier and score) that some row of the submission fills. */
    private static List<String> optionalUsed(TableLayout.Block block, JsonNode rows) {
        List<String> out = new ArrayList<>();
        for (String field : block.optional().keySet()) {
            if (block.fields().contains(field)) {
                continue;
            }
            for (JsonNode r : rows) {
                if (r.hasNonNull(field)) {
                    out.add(field);
                    break;
                }
            }
        }
        out.sort(java.util.Comparator.naturalOrder());
        return out;
    }

    /**
     * What the submission holds that the layout has no column for (an indicator's or a task's field), as JSON paths
     * with the value: a table written without them would be read back as another submission — an evaluator's tier or
     * score dropped would score differently — so such a table must not be written.
     */
    public static List<String> unwritten(TableLayout layout, JsonNode s) {
        return unwritten(layout, s, List.of());
    }

    /** The same, with the notice's declared fields written (as columns, or labelled rows). */
    public static List<String> unwritten(TableLayout layout, JsonNode s, List<FieldDeclaration> declared) {
        List<String> out = new ArrayList<>();
        if (layout.indicators() != null) {
            List<String> columns = new ArrayList<>(layout.indicators().fields());
            columns.addAll(layout.indicators().optional().keySet());
            declared.stream().filter(f -> f.on().equals("indicator")).forEach(f -> columns.add(f.name()));
            unwritten(s.path("indicators"), "$.indicators", columns, out);
        }
        if (layout.tasks() != null) {
            unwritten(s.path("tasks"), "$.tasks", layout.tasks().fields(), out);
        }
        return out;
    }

    private static void unwritten(JsonNode rows, String path, List<String> columns, List<String> out) {
        for (int k = 0; k < rows.size(); k++) {
            JsonNode row = rows.get(k);
            for (java.util.Iterator<java.util.Map.Entry<String, JsonNode>> it = row.fields(); it.hasNext(); ) {
                java.util.Map.Entry<String, JsonNode> e = it.next();
                if (!e.getValue().isNull() && !columns.contains(e.getKey())) {
                    out.add(path + "[" + k + "]." + e.getKey() + " (" + text(e.getValue()) + ")");
                }
            }
        }
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
        title(s);
        fields(s);
        below(s);
        if (layout.tasks() != null && s.path("tasks").size() > 0) {
            tasks(s.path("tasks"));
        }
        JsonNode b = s.path("budget");
        if (layout.budget() != null && !b.isMissingNode() && !b.isNull()) {
            budget(b);
        }
        if (layout.notApplicable() != null) {
            for (JsonNode c : s.path("categories")) {
                if (c.has("applicable") && !c.get("applicable").asBoolean()) {
                    add(layout.notApplicable(), text(c.get("name")), text(c.get("note")));
                }
            }
        }
        indicators(s);
        add("注：本表由 jixiao 依提交文件生成。");
        int width = rows.stream().mapToInt(List::size).max().orElse(1);
        merges.add(new int[] {0, 0, 0, width - 1});
        merges.add(new int[] {1, 1, 0, width - 1});
    }

    private void title(JsonNode s) {
        add(layout.title());
        add(s.has("year") ? "(" + s.get("year").asText() + " 年度)" : "");
    }

    /** One row per labelled field the submission has: the label, then its value. */
    private void fields(JsonNode s) {
        JsonNode b = s.path("budget");
        for (java.util.Map.Entry<String, String> e : layout.fields().entrySet()) {
            String key = e.getKey();
            JsonNode v = key.equals("budgetTarget") ? b.get("target") : key.equals("budgetUnit") ? b.get("unit")
                    : s.get(key);
            if (v == null || v.isNull() || text(v).isEmpty()) {
                continue;
            }
            int r = add(e.getValue(), text(v), text(v), text(v));
            merges.add(new int[] {r, r, 1, 3});
            if (v.isNumber()) {
                number(r, 1);
            }
        }
        labelled(s, "submission");
        if (b.isObject()) {
            labelled(b, "budget");
        }
    }

    /** A declared field of the submission or its budget block: a row with its title, then its value. */
    private void labelled(JsonNode from, String owner) {
        for (FieldDeclaration f : declaredOn(owner)) {
            JsonNode v = from.get(f.name());
            if (v == null || v.isNull() || text(v).isEmpty()) {
                continue;
            }
            int r = add(f.columnTitles().get(0), text(v), text(v), text(v));
            merges.add(new int[] {r, r, 1, 3});
        }
    }

    /** Fields whose value stands under their label (年度总体目标: 预期目标 / 实际完成情况). */
    private void below(JsonNode s) {
        if (layout.below() == null || layout.below().isEmpty()) {
            return;
        }
        List<String> labels = new ArrayList<>(List.of(""));
        List<String> values = new ArrayList<>(List.of(""));
        for (java.util.Map.Entry<String, String> e : layout.below().entrySet()) {
            labels.add(e.getValue());
            values.add(text(s.get(e.getKey())));
        }
        rows.add(labels);
        rows.add(values);
    }

    private void tasks(JsonNode tasks) {
        List<String> th = layout.tasks().header();
        int first = rows.size();
        List<String> header = new ArrayList<>(List.of(TableImporter.written(layout.tasks().label())));
        th.forEach(t -> header.add(TableImporter.written(t)));
        rows.add(header);
        for (JsonNode t : tasks) {
            List<String> row = new ArrayList<>(List.of(TableImporter.written(layout.tasks().label())));
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
    }

    private void budget(JsonNode b) {
        String label = TableImporter.written(layout.budget().label());
        if (b.hasNonNull("unit") && label.matches(".*[（(](元|千元|万元|亿元)[)）].*")) {
            label = label.replaceFirst("[（(](元|千元|万元|亿元)[)）]", "（" + b.get("unit").asText() + "）");
        }
        int first = rows.size();
        List<String> header = new ArrayList<>(List.of(label, "", ""));
        layout.budget().header().forEach(t -> header.add(TableImporter.written(t)));
        List<FieldDeclaration> extra = declaredOn("budgetLine");
        extra.forEach(f -> header.add(f.columnTitles().get(0)));
        rows.add(header);
        String section = null;
        int sectionNo = 0;
        int lineNo = 0;
        boolean pointsWritten = false;
        for (JsonNode l : b.path("lines")) {
            String sec = l.hasNonNull("section") ? l.get("section").asText() : null;
            String name = text(l.get("name"));
            String lineLabel;
            if (sec == null) {
                lineLabel = name;
                section = null;
            } else if (!sec.equals(section)) {
                section = sec;
                sectionNo++;
                lineNo = 1;
                lineLabel = sectionNo + "、" + sec + "：（1）" + name;
            } else {
                lineNo++;
                lineLabel = "（" + lineNo + "）" + name;
            }
            List<String> row = new ArrayList<>(List.of(label, lineLabel, lineLabel));
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
            for (FieldDeclaration f : extra) {
                row.add(text(l.get(f.name())));
            }
            pointsWritten = true;
            rows.add(row);
        }
        merges.add(new int[] {first, rows.size() - 1, 0, 0});
    }

    private void indicators(JsonNode s) {
        TableLayout.Block block = layout.indicators();
        String label = TableImporter.written(block.label());
        int offset = label == null ? 0 : 1;
        int first = rows.size();
        List<String> header = new ArrayList<>();
        if (label != null) {
            header.add(label);
        }
        block.header().forEach(t -> header.add(TableImporter.written(t)));
        List<String> optional = optionalUsed(block, s.path("indicators"));
        optional.forEach(f -> header.add(block.optional().get(f).get(0)));
        List<FieldDeclaration> extra = declaredOn("indicator");
        extra.forEach(f -> header.add(f.columnTitles().get(0)));
        rows.add(header);
        int runStart = rows.size();
        String runCategory = null;
        String runGroup = null;
        int groupStart = rows.size();
        for (JsonNode i : s.path("indicators")) {
            String cat = text(i.get("category"));
            String grp = text(i.get("group"));
            int rr = rows.size();
            if (!cat.equals(runCategory)) {
                closeRun(runStart, rr, offset);
                closeRun(groupStart, rr, offset + 1);
                runStart = rr;
                groupStart = rr;
                runCategory = cat;
                runGroup = grp;
            } else if (!grp.equals(runGroup)) {
                closeRun(groupStart, rr, offset + 1);
                groupStart = rr;
                runGroup = grp;
            }
            List<String> row = new ArrayList<>();
            if (label != null) {
                row.add(label);
            }
            List<String> written = new ArrayList<>(block.fields());
            written.addAll(optional);
            extra.forEach(f -> written.add(f.name()));
            for (String field : written) {
                row.add(text(i.get(field)));
                if (i.path(field).isNumber()) {
                    number(rr, row.size() - 1);
                }
            }
            rows.add(row);
        }
        closeRun(runStart, rows.size(), offset);
        closeRun(groupStart, rows.size(), offset + 1);
        if (label != null) {
            merges.add(new int[] {first, rows.size() - 1, 0, 0});
        }
        if (block.total() != null) {
            List<String> row = new ArrayList<>(java.util.Collections.nCopies(header.size(), ""));
            row.set(0, block.total());
            int points = block.fields().indexOf("points");
            int claimed = block.fields().indexOf("claimed");
            if (points >= 0) {
                row.set(offset + points, "100");
            }
            if (claimed >= 0 && s.hasNonNull("claimedTotal")) {
                row.set(offset + claimed, text(s.get("claimedTotal")));
                if (s.get("claimedTotal").isNumber()) {
                    number(rows.size(), offset + claimed);
                }
            }
            rows.add(row);
        }
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
            // at least two decimals, as amounts are shown, and every further one the amount has: what Excel shows is
            // what import reads, so 89.974 must not be shown (and read back) as 89.97
            twoDecimals.setDataFormat(wb.createDataFormat().getFormat("0.00##########"));
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
            int width = rows.stream().mapToInt(List::size).max().orElse(1);
            for (int c = 0; c < width; c++) {
                sheet.setColumnWidth(c, c == 2 ? 40 * 256 : 16 * 256);
            }
            wb.write(out);
        }
    }

    /**
     * As a Word document holding the table, merged cells merged (gridSpan across columns, vMerge down rows), as
     * self-evaluations usually arrive.
     */
    public void docx(OutputStream out) throws IOException {
        int width = rows.stream().mapToInt(List::size).max().orElse(1);
        try (org.apache.poi.xwpf.usermodel.XWPFDocument doc = new org.apache.poi.xwpf.usermodel.XWPFDocument()) {
            org.apache.poi.xwpf.usermodel.XWPFTable table = doc.createTable();
            var grid = table.getCTTbl().getTblGrid() != null ? table.getCTTbl().getTblGrid()
                    : table.getCTTbl().addNewTblGrid();
            while (grid.sizeOfGridColArray() < width) {
                grid.addNewGridCol().setW(java.math.BigInteger.valueOf(1200));
            }
            for (int r = 0; r < rows.size(); r++) {
                org.apache.poi.xwpf.usermodel.XWPFTableRow row = table.insertNewTableRow(r);
                List<String> cells = rows.get(r);
                for (int c = 0; c < width; c++) {
                    int[] m = mergeAt(r, c);
                    if (m != null && c > m[2]) {
                        continue; // inside a merge across columns: its first cell spans it
                    }
                    org.apache.poi.xwpf.usermodel.XWPFTableCell cell = row.addNewTableCell();
                    var pr = cell.getCTTc().isSetTcPr() ? cell.getCTTc().getTcPr() : cell.getCTTc().addNewTcPr();
                    if (m != null && m[3] > m[2]) {
                        pr.addNewGridSpan().setVal(java.math.BigInteger.valueOf(m[3] - m[2] + 1L));
                    }
                    if (m != null && m[1] > m[0]) {
                        pr.addNewVMerge().setVal(r == m[0]
                                ? org.openxmlformats.schemas.wordprocessingml.x2006.main.STMerge.RESTART
                                : org.openxmlformats.schemas.wordprocessingml.x2006.main.STMerge.CONTINUE);
                    }
                    String v = m != null && r > m[0] ? "" : c < cells.size() ? cells.get(c) : "";
                    cell.setText(v);
                }
            }
            table.removeRow(rows.size()); // the empty row createTable() began with
            doc.write(out);
        }
    }

    /** The merge covering a cell, or null. */
    private int[] mergeAt(int r, int c) {
        for (int[] m : merges) {
            if (r >= m[0] && r <= m[1] && c >= m[2] && c <= m[3]) {
                return m;
            }
        }
        return null;
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
