package jixiao.input;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.xssf.usermodel.XSSFCell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.apache.poi.ss.util.CellAddress;
import org.apache.poi.ss.util.CellRangeAddress;

/**
 * A sheet as rows of cell texts, the way a person sees it: merged cells carry their value in every cell they
 * cover, numbers are formatted as the sheet shows them. Knows each cell's address for messages
 * ({@code 自评表!F23}).
 */
public final class Grid {

    /** Table files larger than this are refused before they are opened: no self-evaluation table comes near it. */
    public static final long MAX_BYTES = 10L * 1024 * 1024;
    /** Rows and columns of a sheet read at most. */
    static final int MAX_ROWS = 10_000;
    static final int MAX_COLUMNS = 200;

    private final String sheet;
    private final List<List<String>> rows;
    /** For a Word document: where each row came from ("表2第5行", "第3段"); null for a sheet. */
    private final List<String> origins;
    /** A workbook's other sheets, in order (a cover or 填表说明 sheet may come before the table). */
    private List<Grid> otherSheets = List.of();

    Grid(String sheet, List<List<String>> rows) {
        this(sheet, rows, null);
    }

    Grid(String sheet, List<List<String>> rows, List<String> origins) {
        this.sheet = sheet;
        this.rows = rows;
        this.origins = origins;
    }

    public int size() {
        return rows.size();
    }

    /** The sheet's name (a workbook's), or the file's. */
    public String sheetName() {
        return sheet;
    }

    /** This sheet and the workbook's others, in order. */
    public List<Grid> sheets() {
        List<Grid> all = new ArrayList<>();
        all.add(this);
        all.addAll(otherSheets);
        return all;
    }

    public List<String> row(int r) {
        return rows.get(r);
    }

    public String cell(int r, int c) {
        List<String> row = rows.get(r);
        return c < row.size() ? row.get(c) : "";
    }

    /** The cell's address as a spreadsheet shows it, with the sheet: 自评表!F23. */
    public String address(int r, int c) {
        if (origins != null) {
            return sheet + " " + origins.get(r) + "第" + (c + 1) + "格";
        }
        return sheet + "!" + new CellAddress(r, c).formatAsString();
    }

    /**
     * Reads a .xlsx (its first sheet), a .csv (UTF-8, with or without BOM, or GBK: detected) or a .docx (its
     * paragraphs and tables in document order, merged cells spread over the cells they cover).
     */
    public static Grid read(Path file) throws InputException {
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw new InputException(file.toString(), null, 0, 0, "the table file is " + size + " bytes; a "
                        + "self-evaluation table may be at most " + MAX_BYTES + " bytes");
            }
            return read(file.toString(), file.getFileName().toString(), Files.readAllBytes(file));
        } catch (IOException e) {
            throw new InputException(file.toString(), null, 0, 0, "cannot be read: " + e.getMessage());
        }
    }

    /**
     * Reads a table from its bytes (an upload): {@code label} names it in messages, {@code fileName} says by its
     * suffix what it is (.xlsx, .csv or .docx).
     */
    public static Grid read(String label, String fileName, byte[] bytes) throws InputException {
        String name = fileName.toLowerCase(java.util.Locale.ROOT);
        if (bytes.length > MAX_BYTES) {
            throw new InputException(label, null, 0, 0, "the table file is " + bytes.length + " bytes; a "
                    + "self-evaluation table may be at most " + MAX_BYTES + " bytes");
        }
        try {
            if (name.endsWith(".csv")) {
                try {
                    return csv(fileName.replaceFirst("\\.[^.]*$", ""), bytes);
                } catch (Utf8.NotUtf8 e) {
                    throw new InputException(label, null, e.line, 0, e.getMessage());
                }
            }
            if (name.endsWith(".docx")) {
                return WordTables.grid(bytes, fileName);
            }
            try (InputStream in = new ByteArrayInputStream(bytes);
                 Workbook wb = WorkbookFactory.create(in)) {
                Grid first = sheet(wb.getSheetAt(0));
                List<Grid> others = new ArrayList<>();
                for (int k = 1; k < Math.min(wb.getNumberOfSheets(), 20); k++) {
                    if (!wb.isSheetHidden(k) && !wb.isSheetVeryHidden(k)) {
                        others.add(sheet(wb.getSheetAt(k)));
                    }
                }
                first.otherSheets = List.copyOf(others);
                return first;
            }
        } catch (Unreadable e) {
            throw new InputException(label, null, 0, 0, e.getMessage());
        } catch (IOException | RuntimeException e) {
            throw new InputException(label, null, 0, 0, "cannot be read as a spreadsheet: " + e.getMessage());
        }
    }

    private static Grid sheet(Sheet s) {
        if (s.getLastRowNum() >= MAX_ROWS) {
            throw new Unreadable(s.getSheetName() + ": the sheet has " + (s.getLastRowNum() + 1) + " rows; a "
                    + "self-evaluation table has at most " + MAX_ROWS);
        }
        DataFormatter fmt = new DataFormatter();
        fmt.setUseCachedValuesForFormulaCells(true); // a formula cell reads as the value Excel last computed
        List<List<String>> rows = new ArrayList<>();
        for (int r = 0; r <= s.getLastRowNum(); r++) {
            Row row = s.getRow(r);
            List<String> cells = new ArrayList<>();
            if (row != null) {
                for (int c = 0; c < Math.min(row.getLastCellNum(), MAX_COLUMNS); c++) {
                    Cell cell = row.getCell(c);
                    cells.add(cell == null ? "" : text(fmt, cell, s.getSheetName()));
                }
            }
            rows.add(cells);
        }
        int width = rows.stream().mapToInt(List::size).max().orElse(0);
        for (CellRangeAddress m : s.getMergedRegions()) {
            String v = get(rows, m.getFirstRow(), m.getFirstColumn());
            // a merged range reaches no further than the cells the sheet really has (J1:XFD1048576 is J1:J<last>)
            int lastRow = Math.min(m.getLastRow(), rows.size() - 1);
            int lastColumn = Math.min(m.getLastColumn(), width - 1);
            for (int r = m.getFirstRow(); r <= lastRow; r++) {
                for (int c = m.getFirstColumn(); c <= lastColumn; c++) {
                    set(rows, r, c, v);
                }
            }
        }
        return new Grid(s.getSheetName(), rows);
    }

    /** The cell as the sheet shows it; a formula by the value Excel last computed, which must be there. */
    private static String text(DataFormatter fmt, Cell cell, String sheet) {
        if (cell.getCellType() == CellType.FORMULA && cell instanceof XSSFCell x && !x.getCTCell().isSetV()) {
            throw new Unreadable(sheet + "!" + cell.getAddress().formatAsString() + ": the formula ="
                    + cell.getCellFormula() + " has no computed value in the file; open the table in Excel or WPS, "
                    + "save it, and try again");
        }
        return fmt.formatCellValue(cell).strip();
    }

    static void checkSize(int rows) {
        if (rows > MAX_ROWS) {
            throw new Unreadable("the document has " + rows + " rows of text and tables; a self-evaluation has at "
                    + "most " + MAX_ROWS);
        }
    }

    /** A sheet that cannot be read as a table: a formula saved without its value, a sheet far too large. */
    static final class Unreadable extends RuntimeException {
        Unreadable(String message) {
            super(message);
        }
    }

    private static String get(List<List<String>> rows, int r, int c) {
        if (r >= rows.size() || c >= rows.get(r).size()) {
            return "";
        }
        return rows.get(r).get(c);
    }

    private static void set(List<List<String>> rows, int r, int c, String v) {
        while (rows.size() <= r) {
            rows.add(new ArrayList<>());
        }
        List<String> row = rows.get(r);
        while (row.size() <= c) {
            row.add("");
        }
        row.set(c, v);
    }

    /** CSV text, in UTF-8 (with or without a byte-order mark) or, failing that, GBK as Excel writes it in China. */
    static Grid csv(String sheetName, byte[] bytes) throws Utf8.NotUtf8 {
        String text = Utf8.decodeTable(bytes);
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    cell.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                row.add(cell.toString().strip());
                cell.setLength(0);
            } else if (ch == '\n' || ch == '\r') {
                if (ch == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                row.add(cell.toString().strip());
                cell.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
            } else {
                cell.append(ch);
            }
        }
        if (cell.length() > 0 || !row.isEmpty()) {
            row.add(cell.toString().strip());
            rows.add(row);
        }
        return new Grid(sheetName, rows);
    }
}
