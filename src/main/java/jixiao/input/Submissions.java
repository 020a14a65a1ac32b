package jixiao.input;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import jixiao.model.Submission;

/** Reads a submission from any file a department may send: JSON, or the self-evaluation table as .xlsx or .csv. */
public final class Submissions {
    private Submissions() {
    }

    public static boolean isTable(Path file) {
        String n = file.getFileName().toString().toLowerCase();
        return n.endsWith(".xlsx") || n.endsWith(".csv") || n.endsWith(".docx");
    }

    public static Submission read(Path file) throws InputException {
        return read(file, null);
    }

    /** Reads a submission file: JSON as it is, a table by the given layout, or (null) the layout its title names. */
    public static Submission read(Path file, TableLayout layout) throws InputException {
        return read(file, layout, FieldCatalog.NONE);
    }

    /** Reads a submission file, with the fields its notice declares (in JSON keys, or in a table's columns). */
    public static Submission read(Path file, TableLayout layout, FieldCatalog catalog) throws InputException {
        return read(file, layout, catalog, imported -> { });
    }

    /** The same, handing a table's account to {@code seen} (to say the cells nothing read) before it is checked. */
    public static Submission read(Path file, TableLayout layout, FieldCatalog catalog,
                                  java.util.function.Consumer<Imported> seen) throws InputException {
        if (!isTable(file)) {
            return SubmissionReader.read(file, catalog);
        }
        Imported imported = importWithAccount(file, null, layout, catalog);
        seen.accept(imported);
        return submissionOf(file.toString(), imported, imported.tree().path("id").asText(), catalog);
    }

    /**
     * The submission a table was read into, checked as JSON is; a problem found then is named by the table's cell
     * (or the row, for a cell left empty) as well as by its JSON path: {@code 自评表!E21（“排查调处矛盾纠纷数量”的一行）
     * $.indicators[7].target: required, but missing or empty}.
     */
    public static Submission submissionOf(String label, Imported imported, String defaultId, FieldCatalog catalog)
            throws InputException {
        try {
            return SubmissionReader.fromTree(label, imported.tree(), defaultId, catalog);
        } catch (InputException e) {
            String where = imported.cellOf(e.getJsonPath());
            if (where == null) {
                throw e;
            }
            throw new InputException(e.getFile(), where + " " + e.getJsonPath(), 0, 0, e.getProblem());
        }
    }

    /**
     * The submission JSON of a table file; layout null for the built-in layout whose title the table bears; notice
     * null for the table's or layout's own.
     */
    public static ObjectNode importTable(Path file, String notice, TableLayout layout) throws InputException {
        return importTable(file, notice, layout, FieldCatalog.NONE);
    }

    /** The same, with the columns titled as the notice's declared fields read into them. */
    public static ObjectNode importTable(Path file, String notice, TableLayout layout, FieldCatalog catalog)
            throws InputException {
        return importWithAccount(file, notice, layout, catalog).tree();
    }

    /** The submission JSON of a table sent as bytes (an upload), named {@code label} in messages. */
    public static ObjectNode importTable(String label, String fileName, byte[] bytes, String notice,
                                         TableLayout layout, FieldCatalog catalog) throws InputException {
        return importWithAccount(label, fileName, bytes, notice, layout, catalog).tree();
    }

    public static ObjectNode importTable(String label, String fileName, byte[] bytes, String notice,
                                         TableLayout layout) throws InputException {
        return importTable(label, fileName, bytes, notice, layout, FieldCatalog.NONE);
    }

    /** A table read: the submission JSON, and what became of each of the table's non-empty cells. */
    public record Imported(ObjectNode tree, List<TableImporter.Use> account, java.util.Map<String, String> places) {
        public Imported(ObjectNode tree, List<TableImporter.Use> account) {
            this(tree, account, java.util.Map.of());
        }

        /**
         * The cell a JSON path was read from; for a field left empty, the row it belongs to (by the cell of its name);
         * null when the path is not the table's.
         */
        public String cellOf(String jsonPath) {
            if (jsonPath == null) {
                return null;
            }
            String place = places.get(jsonPath); // a cell of a column the layout reads, empty or not
            if (place != null) {
                return place;
            }
            for (TableImporter.Use u : account) {
                if (u.use().equals("read") && u.what().equals(jsonPath)) {
                    return u.address();
                }
            }
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("^(\\$\\.[a-zA-Z.]+\\[\\d+])").matcher(jsonPath);
            if (!m.find()) {
                return null;
            }
            String row = m.group(1);
            for (TableImporter.Use u : account) {
                if (u.use().equals("read") && u.what().equals(row + ".name")) {
                    return u.address() + "（“" + u.text().strip() + "”的一行）";
                }
            }
            return null;
        }

        /** The cells nothing read or recognised. */
        public List<TableImporter.Use> notUsed() {
            return account.stream().filter(u -> u.use().equals("not used")).toList();
        }
    }

    /** A table file read with the account of its cells (import --explain). */
    public static Imported importWithAccount(Path file, String notice, TableLayout layout, FieldCatalog catalog)
            throws InputException {
        if (!java.nio.file.Files.isRegularFile(file)) {
            throw new InputException(file.toString(), null, 0, 0, "no such file");
        }
        return imported(file.toString(), file.getFileName().toString(), Grid.read(file), notice, layout, catalog);
    }

    /** A table sent as bytes (an upload) read with the account of its cells. */
    public static Imported importWithAccount(String label, String fileName, byte[] bytes, String notice,
                                             TableLayout layout, FieldCatalog catalog) throws InputException {
        return imported(label, fileName, Grid.read(label, fileName, bytes), notice, layout, catalog);
    }

    private static Imported imported(String label, String fileName, Grid workbook, String notice,
                                     TableLayout layout, FieldCatalog catalog) throws InputException {
        if (workbook.sheets().size() == 1) { // a CSV, a Word document, a one-sheet workbook: nothing to choose
            return importSheet(label, fileName, workbook, notice, layout, catalog);
        }
        // the sheet that holds the table: a cover sheet or a 填表说明 sheet before it is passed over, and said so
        Grid grid = workbook.sheets().stream().filter(sheet -> holdsTable(sheet, layout)).findFirst()
                .orElse(workbook);
        Imported one = importSheet(label, fileName, grid, notice, layout, catalog);
        List<TableImporter.Use> account = new java.util.ArrayList<>();
        for (Grid sheet : workbook.sheets()) {
            if (sheet != grid) {
                account.add(new TableImporter.Use(sheet.sheetName(), "", "skipped",
                        "a sheet without the table (the table is on sheet " + grid.sheetName() + ")"));
            }
        }
        account.addAll(one.account());
        return new Imported(one.tree(), account, one.places());
    }

    /** Whether a sheet bears the table: the layout's title (or a built-in one's) and the indicator block's titles. */
    private static boolean holdsTable(Grid sheet, TableLayout layout) {
        TableLayout l = layout;
        if (l == null) {
            try {
                l = detect(sheet, sheet.sheetName());
            } catch (InputException none) {
                return false;
            }
        }
        List<String> want = l.indicators().header();
        for (int r = 0; r < sheet.size(); r++) {
            int k = 0;
            for (String cell : sheet.row(r)) {
                if (k < want.size() && TableImporter.isTitle(cell, want.get(k))) {
                    k++;
                }
            }
            if (k == want.size()) {
                return true;
            }
        }
        return false;
    }

    private static Imported importSheet(String label, String fileName, Grid grid, String notice, TableLayout layout,
                                        FieldCatalog catalog) throws InputException {
        TableLayout l = layout != null ? layout : detect(grid, label);
        String id = fileName.replaceFirst("\\.[^.]*$", "");
        TableImporter importer = new TableImporter(grid, l, label);
        ObjectNode tree = importer.read(id, notice, catalog);
        return new Imported(tree, importer.account(), importer.places());
    }

    /** The built-in layout whose title stands in one of the table's first rows. */
    static TableLayout detect(Grid grid, String file) throws InputException {
        TableLayout l = TableLayout.forTitle(title -> {
            String want = TableImporter.norm(title);
            for (int r = 0; r < grid.size(); r++) { // a Word report may have pages of text before its table
                for (String cell : grid.row(r)) {
                    String c = TableImporter.norm(cell);
                    if (c.contains(want) && c.length() <= want.length() + 12) {
                        return true;
                    }
                }
            }
            return false;
        });
        if (l == null) {
            List<String> titles = new java.util.ArrayList<>();
            for (String name : TableLayout.BUILT_IN) {
                titles.add(TableLayout.builtIn(name).title());
            }
            throw new InputException(file, null, 0, 0, "the table's title is none of the known layouts ("
                    + String.join("、", titles) + "); for another table, write a layout file (copy one from "
                    + "src/main/resources/jixiao/layouts/ and change its titles) and name it with --layout FILE");
        }
        return l;
    }
}
