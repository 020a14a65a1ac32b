package jixiao.input;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.text.Normalizer;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jixiao.model.FieldDeclaration;
import jixiao.model.Num;
import jixiao.model.Value;

/**
 * Reads a self-evaluation table (a {@link Grid} from .xlsx or .csv) laid out as a {@link TableLayout} says, into a
 * submission JSON tree. A cell that cannot be read is reported with its address: {@code 自评表!F23: '１０２％%' is not a
 * number}.
 */
public final class TableImporter {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final Pattern UNIT_IN_LABEL = Pattern.compile("[（(]\\s*(元|千元|万元|亿元)\\s*[)）]");
    private static final Pattern YEAR = Pattern.compile("(\\d{4})\\s*年度");
    private static final Pattern BUDGET_LINE = Pattern.compile(
            "^(?:\\d+\\s*[、.．]\\s*)?(?:([^：:（(]+)[：:])?\\s*(?:[（(]\\s*\\d+\\s*[)）])?\\s*(.*)$");

    private final Grid grid;
    private final TableLayout layout;
    private final String source;

    public TableImporter(Grid grid, TableLayout layout, String source) {
        this.grid = grid;
        this.layout = layout;
        this.source = source;
    }

    // ---- the account of every cell ----

    /**
     * What became of one non-empty cell of the table: {@code read} into the submission (what: its JSON path),
     * {@code label} (a title, a field's label, a block's name), {@code copy} (a merged cell's copy of its neighbour),
     * {@code note} (the notes under the table), {@code skipped} (a template row left in), or {@code not used}.
     */
    public record Use(String address, String text, String use, String what) {
    }

    private final Map<Long, String[]> uses = new java.util.HashMap<>();

    private static long key(int r, int c) {
        return ((long) r << 20) | c;
    }

    /** Records what a cell was used for (the first use stands). */
    private void mark(int r, int c, String use, String what) {
        if (r >= 0 && c >= 0 && !grid.cell(r, c).isBlank()) {
            uses.putIfAbsent(key(r, c), new String[] {use, what});
        }
    }

    /** Each indicator field's cell (JSON path → address and row), empty cells too: where an error points. */
    private final Map<String, String> places = new java.util.HashMap<>();
    private int nameColumn = 0;
    private int headerRow = -1;

    /** Where each indicator field was (or would have been) read: JSON path → the cell, its row and column. */
    public Map<String, String> places() {
        return java.util.Collections.unmodifiableMap(places);
    }

    /** The title of column c in the block's header row, as the table writes it (without line breaks). */
    private String title(int r, int c) {
        return headerRow < 0 ? "" : grid.cell(headerRow, c).replaceAll("\\s+", "");
    }

    /** Every non-empty cell of the table, row by row, with what became of it (after {@link #read}). */
    public List<Use> account() {
        List<Use> out = new java.util.ArrayList<>();
        for (int r = 0; r < grid.size(); r++) {
            List<String> row = grid.row(r);
            for (int c = 0; c < row.size(); c++) {
                String v = row.get(c);
                if (v.isBlank()) {
                    continue;
                }
                String[] u = uses.get(key(r, c));
                if (u == null) {
                    u = copyOf(r, c);
                }
                out.add(new Use(grid.address(r, c), v, u == null ? "not used" : u[0], u == null ? "" : u[1]));
            }
        }
        return out;
    }

    /** A merged cell's copy: the same text as a neighbour to its left or above that was used. */
    private String[] copyOf(int r, int c) {
        String v = grid.cell(r, c);
        for (int k = c - 1; k >= 0 && grid.cell(r, k).equals(v); k--) {
            String[] u = uses.get(key(r, k));
            if (u != null) {
                return new String[] {"copy", "of " + grid.address(r, k)};
            }
        }
        for (int k = r - 1; k >= 0 && grid.cell(k, c).equals(v); k--) {
            String[] u = uses.get(key(k, c));
            if (u != null) {
                return new String[] {"copy", "of " + grid.address(k, c)};
            }
        }
        return null;
    }

    static String norm(String s) {
        return s == null ? "" : Normalizer.normalize(s, Normalizer.Form.NFKC).replaceAll("\\s+", "");
    }

    /** A column marker after a title, as tables write formulas: 全年预算数(A), 执行率(B/A). */
    private static final Pattern COLUMN_MARK = Pattern.compile("\\([A-Za-z](?:\\s*[-+*/×÷]\\s*[A-Za-z])*\\)$");

    /**
     * A column title as compared with a layout's: normalised, without a column marker such as (A) or (B/A), and
     * without a unit of money in brackets (全年预算数（万元）: the unit is the block's, read from the title).
     */
    static String title(String s) {
        String t = UNIT_IN_LABEL.matcher(norm(s)).replaceAll("");
        return COLUMN_MARK.matcher(t).replaceFirst("");
    }

    /**
     * Whether a cell bears a layout's column title: the title, or one of the other spellings the layout lists with it
     * ({@code "全年预算数|年度预算数|预算数"}).
     */
    static boolean isTitle(String cell, String layoutTitle) {
        String c = title(cell);
        for (String alternative : layoutTitle.split("\\|")) {
            if (c.equals(title(alternative))) {
                return true;
            }
        }
        return false;
    }

    /** A block's column titles for a message: each with its other spellings in brackets. */
    static String titles(List<String> header) {
        List<String> out = new java.util.ArrayList<>();
        for (String t : header) {
            String[] a = t.split("\\|");
            out.add(a.length == 1 ? a[0] : a[0] + "（或" + String.join("、", java.util.Arrays.copyOfRange(a, 1, a.length))
                    + "）");
        }
        return String.join(" | ", out);
    }

    /** The spelling a layout's column title is written with: its first. */
    static String written(String layoutTitle) {
        return layoutTitle == null ? null : layoutTitle.split("\\|")[0];
    }

    /**
     * @param id     the submission's id (e.g. the file name)
     * @param notice the notice to name, or null for the table's own "评分通知" cell, else the layout's default
     */
    public ObjectNode read(String id, String notice) throws InputException {
        return read(id, notice, FieldCatalog.NONE);
    }

    /**
     * @param catalog the fields each notice declares: a column (or a labelled cell) titled as one of the notice's
     *                declared fields is read into it
     */
    public ObjectNode read(String id, String notice, FieldCatalog catalog) throws InputException {
        ObjectNode s = F.objectNode();
        s.put("id", id);
        String tableNotice = field("notice");
        String noticeId = notice != null ? notice : tableNotice != null ? tableNotice : layout.defaultNotice();
        s.put("notice", noticeId);
        declared = catalog.fieldsOf(noticeId);
        labelled(s, "submission");
        s.put("kind", layout.kind());
        for (String key : layout.fields().keySet()) {
            if (key.equals("notice") || key.startsWith("budget")) {
                continue;
            }
            String v = field(key);
            if (v == null) {
                continue;
            }
            if (key.equals("claimedTotal")) {
                s.put(key, number(v, fieldAddress(key)));
            } else {
                s.put(key, v);
            }
        }
        if (layout.below() != null) {
            for (Map.Entry<String, String> e : layout.below().entrySet()) {
                String v = below(e.getKey(), e.getValue());
                if (v != null) {
                    s.put(e.getKey(), v);
                }
            }
        }
        Integer year = year();
        if (year != null) {
            s.put("year", year);
        }

        int[] indCols = new int[layout.indicators().header().size()];
        int indHeader = findHeader(layout.indicators().header(), indCols);
        if (indHeader < 0) {
            throw new InputException(source, null, 0, 0, "no indicator table: no row has the titles "
                    + titles(layout.indicators().header()) + " (the " + layout.title() + " layout)");
        }
        int taskHeader = -1;
        int[] taskCols = null;
        if (layout.tasks() != null) {
            taskCols = new int[layout.tasks().header().size()];
            taskHeader = findHeader(layout.tasks().header(), taskCols);
        }
        int budgetHeader = -1;
        int[] budgetCols = null;
        if (layout.budget() != null) {
            budgetCols = new int[layout.budget().header().size()];
            budgetHeader = findHeader(layout.budget().header(), budgetCols);
        }
        if (budgetHeader >= 0) {
            ObjectNode budget = budget(budgetHeader, budgetCols, indHeader);
            labelled(budget, "budget");
            s.set("budget", budget);
        } else if (layout.budget() != null) {
            int[] at = blockLabel(layout.budget().label());
            if (at != null) {
                throw new InputException(source, grid.address(at[0], at[1]), 0, 0, "the block '"
                        + grid.cell(at[0], at[1]) + "' is here, but no row has its column titles "
                        + titles(layout.budget().header()) + " (the " + layout.title() + " layout): its "
                        + "figures would be left unread; name a layout file with these columns (--layout FILE)");
            }
        }
        ArrayNode categories = s.putArray("categories");
        notApplicable(categories);
        if (taskHeader >= 0) {
            int stop = budgetHeader > taskHeader ? budgetHeader : indHeader;
            s.set("tasks", tasks(taskHeader, taskCols, stop));
        }
        ArrayNode indicators = indicators(indHeader, indCols, s);
        pointsWithNames(categories);
        if (categories.isEmpty()) {
            s.remove("categories");
        }
        s.set("indicators", indicators);
        markTitles();
        return s;
    }

    /** The table's title, and the notes from the end row on. */
    private void markTitles() {
        String title = norm(layout.title());
        for (int r = 0; r < grid.size(); r++) {
            for (int c = 0; c < grid.row(r).size(); c++) {
                String v = norm(grid.cell(r, c));
                if (!v.isEmpty() && v.contains(title) && v.length() <= title.length() + 12) {
                    mark(r, c, "label", "the table's title");
                }
            }
        }
        for (String caption : layout.labels()) {
            for (int r = 0; r < grid.size(); r++) {
                for (int c = 0; c < grid.row(r).size(); c++) {
                    if (isBlockLabel(grid.cell(r, c), caption)) {
                        mark(r, c, "label", "a caption of the form");
                    }
                }
            }
        }
        if (endRow >= 0) {
            for (int r = endRow; r < grid.size(); r++) {
                for (int c = 0; c < grid.row(r).size(); c++) {
                    mark(r, c, "note", "under the table");
                }
            }
        }
    }

    /** The row where the indicators end (the notes under the table), or -1. */
    private int endRow = -1;

    /** The cell under a label (past the label's own merged copies), or null. */
    private String below(String key, String label) {
        int[] at = find(label);
        if (at == null) {
            return null;
        }
        mark(at[0], at[1], "label", "of $." + key + ", in the cell below");
        String want = norm(label);
        for (int r = at[0] + 1; r < grid.size(); r++) {
            String v = grid.cell(r, at[1]);
            if (!norm(v).equals(want)) {
                mark(r, at[1], "read", "$." + key);
                return v.isBlank() ? null : v;
            }
        }
        return null;
    }

    // ---- fields ----

    private int[] find(String label) {
        String want = norm(label);
        for (int r = 0; r < grid.size(); r++) {
            for (int c = 0; c < grid.row(r).size(); c++) {
                if (norm(grid.cell(r, c)).equals(want)) {
                    return new int[] {r, c};
                }
            }
        }
        return null;
    }

    private String fieldAddress(String field) {
        int[] at = valueCell(field);
        return at == null ? null : grid.address(at[0], at[1]);
    }

    private int[] valueCell(String field) {
        String label = layout.fields().get(field);
        if (label == null) {
            return null;
        }
        int[] at = find(label);
        if (at == null) {
            return null;
        }
        String want = norm(label);
        List<String> row = grid.row(at[0]);
        for (int c = at[1] + 1; c < row.size(); c++) {
            String v = norm(row.get(c));
            if (v.isEmpty() || v.equals(want)) {
                continue; // an empty cell, or the label's own merged copy
            }
            // the next label ends the search: an empty 主管部门 must not take 实施单位's value two cells on
            return isLabel(v) ? null : new int[] {at[0], c};
        }
        return null;
    }

    private boolean isLabel(String normalized) {
        for (String l : layout.fields().values()) {
            if (norm(l).equals(normalized)) {
                return true;
            }
        }
        return false;
    }

    private String field(String field) {
        int[] at = valueCell(field);
        if (at == null) {
            int[] label = layout.fields().get(field) == null ? null : find(layout.fields().get(field));
            if (label != null) { // the label is there, its value cell empty: the field is left out, and said so
                mark(label[0], label[1], "label", "of " + pathOf(field) + " (its cell is empty: left out)");
            }
            return null;
        }
        int[] label = find(layout.fields().get(field));
        mark(label[0], label[1], "label", "of " + pathOf(field));
        mark(at[0], at[1], "read", pathOf(field));
        return grid.cell(at[0], at[1]);
    }

    private static String pathOf(String field) {
        return field.equals("budgetTarget") ? "$.budget.target" : field.equals("budgetUnit") ? "$.budget.unit"
                : "$." + field;
    }

    private Integer year() {
        for (int r = 0; r < Math.min(grid.size(), 10); r++) {
            for (String cell : grid.row(r)) {
                Matcher m = YEAR.matcher(cell);
                if (m.find()) {
                    mark(r, grid.row(r).indexOf(cell), "read", "$.year");
                    return Integer.valueOf(m.group(1));
                }
            }
        }
        return null;
    }

    private void notApplicable(ArrayNode categories) {
        if (layout.notApplicable() == null) {
            return;
        }
        String want = norm(layout.notApplicable());
        for (int r = 0; r < grid.size(); r++) {
            List<String> row = grid.row(r);
            for (int c = 0; c < row.size(); c++) {
                if (norm(row.get(c)).equals(want)) {
                    String name = null;
                    String note = null;
                    for (int k = c + 1; k < row.size(); k++) {
                        String v = row.get(k);
                        if (v.isBlank() || norm(v).equals(want)) {
                            continue;
                        }
                        if (name == null) {
                            name = v;
                        } else if (!v.equals(name)) {
                            note = v;
                            break;
                        }
                    }
                    if (name != null) {
                        mark(r, c, "label", "a category declared not applicable");
                        for (int k = c + 1; k < row.size(); k++) {
                            String v = row.get(k);
                            if (v.equals(name)) {
                                mark(r, k, "read", "$.categories[" + categories.size() + "].name");
                            } else if (v.equals(note)) {
                                mark(r, k, "read", "$.categories[" + categories.size() + "].note");
                            }
                        }
                        ObjectNode n = categories.addObject();
                        n.put("name", name);
                        n.put("applicable", false);
                        if (note != null) {
                            n.put("note", note);
                        }
                    }
                    break;
                }
            }
        }
    }

    // ---- blocks ----

    /** The cell holding a block's label (without a unit in brackets: 项目资金 for 项目资金（万元）), or null. */
    private int[] blockLabel(String label) {
        if (label == null || norm(label).isEmpty()) {
            return null;
        }
        for (int r = 0; r < grid.size(); r++) {
            for (int c = 0; c < grid.row(r).size(); c++) {
                if (isBlockLabel(grid.cell(r, c), label)) {
                    return new int[] {r, c};
                }
            }
        }
        return null;
    }

    /**
     * Whether a cell is a block's label: the layout's label or one of the other spellings it lists with it
     * ({@code "绩效指标|年度绩效指标完成情况"}), compared normalised and without a unit in brackets.
     */
    static boolean isBlockLabel(String cell, String label) {
        if (label == null || label.isEmpty()) {
            return false;
        }
        String v = UNIT_IN_LABEL.matcher(norm(cell)).replaceAll("");
        if (v.isEmpty()) {
            return false;
        }
        for (String one : label.split("\\|")) {
            if (v.equals(UNIT_IN_LABEL.matcher(norm(one)).replaceAll(""))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Every non-empty cell of a block's row stands in a column the layout reads, is a merged copy of such a cell, or
     * is the block's own label down its side: a column the layout does not know (指标性质 with its ≤, a reviewer's
     * 核查分) is an error naming the cell, never left unread in silence.
     */
    private void accountFor(int r, java.util.Set<Integer> mapped, String blockLabel) throws InputException {
        accountFor(r, mapped, blockLabel, layout.indicators(), false);
    }

    /**
     * @param header whether r is the block's header row (its titles are labels; a data row's cells are read by put)
     */
    private void accountFor(int r, java.util.Set<Integer> mapped, String blockLabel, TableLayout.Block block,
                            boolean header) throws InputException {
        List<String> row = grid.row(r);
        for (int c = 0; c < row.size(); c++) {
            String v = row.get(c);
            if (v.isBlank()) {
                continue;
            }
            if (isBlockLabel(v, blockLabel)) {
                mark(r, c, "label", "the block's name");
                continue;
            }
            if (mapped.contains(c)) {
                if (header) {
                    mark(r, c, "label", "a column title");
                }
                continue;
            }
            if (copyOfMapped(row, c, mapped)) {
                continue;
            }
            throw new InputException(source, grid.address(r, c), 0, 0, "'" + v + "' stands in a column the "
                    + layout.title() + " layout does not read (" + titles(block.header())
                    + "), so it would be left unread; name a layout file that reads this column (--layout FILE), or "
                    + "take the column out of the table");
        }
    }

    /** A header row: its titles in the block's columns, and the block's name beside them. */
    private void markHeader(int r, int[] cols, String blockLabel) {
        for (int c : cols) {
            mark(r, c, "label", "a column title");
        }
        markBlockLabel(r, blockLabel);
    }

    /** The block's name down its side (项目资金（万元）, 绩效指标, 年度主要任务). */
    private void markBlockLabel(int r, String blockLabel) {
        if (!blockLabel.isEmpty()) {
            List<String> row = grid.row(r);
            for (int c = 0; c < row.size(); c++) {
                if (isBlockLabel(row.get(c), blockLabel)) {
                    mark(r, c, "label", "the block's name");
                }
            }
        }
    }

    /** Where the cells put() reads go: the JSON path of the object being filled. */
    private String at = "$";

    /** A name cell that the blank form has as a placeholder: ……, 指标2：, (3); or 指标1：/ (the form's prefix and a dash: none). */
    private static final Pattern PLACEHOLDER = Pattern.compile("^(?:[…．.。]{2,}|…|指标\\d+[:：]?[/／—–-]*|[（(]\\d+[)）])$");

    /**
     * A row of the blank form left in: its name a placeholder and nothing else filled but the category and group it
     * repeats. Skipped, and listed in the account.
     */
    private boolean isTemplateRow(int r, int[] cols, List<String> fields) {
        if (!PLACEHOLDER.matcher(norm(grid.cell(r, cols[fields.indexOf("name")]))).matches()) {
            return false;
        }
        for (int k = 0; k < fields.size(); k++) {
            String f = fields.get(k);
            String v = norm(grid.cell(r, cols[k]));
            if (f.equals("category") || f.equals("group") || f.equals("name") || v.isEmpty() || isDash(v)
                    || PLACEHOLDER.matcher(v).matches()) {
                continue;
            }
            return false;
        }
        return true;
    }

    /** A cell that repeats its neighbour in a column the layout reads: a merged cell's copy. */
    private static boolean copyOfMapped(List<String> row, int c, java.util.Set<Integer> mapped) {
        for (int step : new int[] {-1, 1}) {
            for (int k = c + step; k >= 0 && k < row.size() && row.get(k).equals(row.get(c)); k += step) {
                if (mapped.contains(k)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The row holding all the header titles in order; fills cols with their columns. -1 if none. */
    private int findHeader(List<String> header, int[] cols) {
        for (int r = 0; r < grid.size(); r++) {
            List<String> row = grid.row(r);
            int k = 0;
            for (int c = 0; c < row.size() && k < header.size(); c++) {
                if (isTitle(row.get(c), header.get(k))) {
                    if (k > 0 && cols[k - 1] == c) {
                        continue;
                    }
                    cols[k++] = c;
                    // a merged title fills several cells: skip its copies
                    while (c + 1 < row.size() && row.get(c + 1).equals(row.get(c))
                            && (k >= header.size() || !isTitle(row.get(c + 1), header.get(k)))) {
                        c++;
                    }
                }
            }
            if (k == header.size()) {
                return r;
            }
        }
        return -1;
    }

    private ArrayNode tasks(int header, int[] cols, int stop) throws InputException {
        ArrayNode out = F.arrayNode();
        List<String> fields = layout.tasks().fields();
        String blockLabel = norm(grid.cell(header, 0));
        markHeader(header, cols, blockLabel);
        for (int r = header + 1; r < stop; r++) {
            if (leftBlock(r, blockLabel)) {
                break;
            }
            String name = grid.cell(r, cols[0]);
            if (name.isBlank()) {
                continue;
            }
            at = "$.tasks[" + out.size() + "]";
            ObjectNode t = out.addObject();
            for (int k = 0; k < fields.size(); k++) {
                put(t, fields.get(k), r, cols[k]);
            }
            markBlockLabel(r, blockLabel);
        }
        return out;
    }

    private ObjectNode budget(int header, int[] cols, int stop) throws InputException {
        ObjectNode b = F.objectNode();
        String target = field("budgetTarget");
        if (target != null) {
            b.put("target", target);
        }
        String unit = field("budgetUnit");
        if (unit == null) { // e.g. 项目资金（万元）: the unit in the block's own title, or in its columns' titles
            for (int c = 0; c < grid.row(header).size() && unit == null; c++) {
                Matcher m = UNIT_IN_LABEL.matcher(grid.cell(header, c));
                if (m.find()) {
                    unit = m.group(1);
                }
            }
        }
        if (unit != null) {
            b.put("unit", unit);
        }
        ArrayNode lines = b.putArray("lines");
        List<String> fields = layout.budget().fields();
        Map<Integer, String> extra = declaredColumns(header, "budgetLine", cols);
        String section = null;
        String blockLabel = norm(grid.cell(header, 0));
        java.util.Set<Integer> mapped = new java.util.HashSet<>(extra.keySet());
        for (int c : cols) {
            mapped.add(c);
        }
        for (int c = 0; c < cols[0]; c++) {
            mapped.add(c); // the line's name, in the columns before the figures
        }
        markHeader(header, cols, blockLabel);
        for (int c : extra.keySet()) {
            mark(header, c, "label", "a column title");
        }
        accountFor(header, mapped, blockLabel, layout.budget(), true);
        for (int r = header + 1; r < stop; r++) {
            if (leftBlock(r, blockLabel)) {
                break;
            }
            StringBuilder label = new StringBuilder();
            String previous = "";
            for (int c = 0; c < cols[0]; c++) {
                String v = grid.cell(r, c);
                if (!v.isBlank() && !v.equals(previous) && !norm(v).equals(blockLabel)) {
                    label.append(v);
                }
                previous = v;
            }
            if (label.length() == 0) {
                continue;
            }
            accountFor(r, mapped, blockLabel, layout.budget(), false);
            for (int c = 0; c < cols[0]; c++) {
                mark(r, c, "read", "$.budget.lines[" + lines.size() + "].name");
            }
            markBlockLabel(r, blockLabel);
            at = "$.budget.lines[" + lines.size() + "]";
            Matcher m = BUDGET_LINE.matcher(label.toString().strip());
            String name = label.toString().strip();
            if (m.matches() && !m.group(2).isBlank()) {
                if (m.group(1) != null) {
                    section = m.group(1).strip();
                } else if (!label.toString().matches("^\\s*[（(]\\s*\\d+.*")
                        && layout.budget().names().containsKey(layout.budget().lineName(m.group(2).strip()))) {
                    section = null; // the total line again; any other plain line goes on under 其中 (上年结转资金, 其他资金)
                }
                name = m.group(2).strip();
            } else if (m.matches()) { // 年度资金总额： — a line's name with a colon and nothing after it
                name = m.group(1) == null ? name : m.group(1).strip();
                section = null;
            }
            name = layout.budget().lineName(name);
            ObjectNode l = lines.addObject();
            l.put("name", name);
            if (section != null) {
                l.put("section", section);
            }
            for (int k = 0; k < fields.size(); k++) {
                String f = fields.get(k);
                if (f.equals("points") || f.equals("claimed")) {
                    String v = grid.cell(r, cols[k]);
                    if (!v.isBlank() && !isDash(v) && !b.has(f)) {
                        b.put(f, number(v, grid.address(r, cols[k])));
                        mark(r, cols[k], "read", "$.budget." + f);
                    } else if (isDash(v)) {
                        mark(r, cols[k], "label", "a dash: the form has no " + f + " on this line");
                    }
                } else {
                    put(l, f, r, cols[k]);
                }
            }
            putDeclared(l, extra, r);
        }
        return b;
    }

    /** A row whose first cell holds something other than the block's title has left the block. */
    private boolean leftBlock(int r, String blockLabel) {
        String first = norm(grid.cell(r, 0));
        return !blockLabel.isEmpty() && !first.isEmpty() && !first.equals(blockLabel);
    }

    private ArrayNode indicators(int header, int[] cols, ObjectNode submission) throws InputException {
        ArrayNode out = F.arrayNode();
        String label = layout.indicators().label() == null ? "" : norm(layout.indicators().label());
        java.util.Set<Integer> mapped = new java.util.HashSet<>();
        for (int c : cols) {
            mapped.add(c);
        }
        Map<Integer, String> extra = declaredColumns(header, "indicator", cols);
        mapped.addAll(extra.keySet());
        Map<Integer, String> optional = optionalColumns(header, layout.indicators(), mapped);
        mapped.addAll(optional.keySet());
        int comparatorCol = comparatorColumn(header, layout.indicators().comparator(), mapped);
        if (comparatorCol >= 0) {
            mapped.add(comparatorCol);
        }
        accountFor(header, mapped, label, layout.indicators(), true);
        List<String> fields = layout.indicators().fields();
        nameColumn = cols[fields.indexOf("name")];
        headerRow = header;
        List<String> repeat = layout.indicators().repeatDown() == null ? List.of() : layout.indicators().repeatDown();
        String end = layout.end() == null ? null : norm(layout.end());
        ObjectNode previous = null;
        String total = layout.indicators().total() == null ? null : norm(layout.indicators().total());
        for (int r = header + 1; r < grid.size(); r++) {
            List<String> row = grid.row(r);
            String first = row.isEmpty() ? "" : norm(row.get(0));
            if (total != null && first.equals(total)) { // 总分 | … | 100 | 96: the claimed total in the 得分 column
                int claimed = fields.indexOf("claimed");
                String v = claimed < 0 ? "" : grid.cell(r, cols[claimed]);
                if (!v.isBlank() && !isDash(v) && !submission.has("claimedTotal")) {
                    submission.put("claimedTotal", number(v, grid.address(r, cols[claimed])));
                    mark(r, cols[claimed], "read", "$.claimedTotal");
                }
                mark(r, 0, "label", "the total row");
                for (int c = 1; c < row.size(); c++) {
                    mark(r, c, "label", "the total row (the points are each row's, read above)");
                }
                endRow = r + 1;
                break;
            }
            if (end != null && !first.isEmpty() && first.startsWith(end)) {
                endRow = r;
                break;
            }
            int nameCol = cols[fields.indexOf("name")];
            if (grid.cell(r, nameCol).isBlank()) {
                continue;
            }
            if (isTemplateRow(r, cols, fields)) {
                for (int c = 0; c < row.size(); c++) {
                    mark(r, c, "skipped", "a row of the blank form left in (" + grid.cell(r, nameCol) + ")");
                }
                continue;
            }
            accountFor(r, mapped, label, layout.indicators(), false);
            markBlockLabel(r, label);
            at = "$.indicators[" + out.size() + "]";
            ObjectNode n = out.addObject();
            boolean notApplicable = markedNotApplicable(r, cols, fields);
            for (int k = 0; k < fields.size(); k++) {
                String f = fields.get(k);
                String v = grid.cell(r, cols[k]);
                if (notApplicable && f.equals("points")) { // 指标值 /, 实际完成值 /, 分值 /: a row of no points
                    n.put("points", 0);
                    mark(r, cols[k], "read", at + ".points (0: the row is marked not applicable, every cell a "
                            + "dash or 无; the rules decide what it scores)");
                    continue;
                }
                if (v.isBlank() && previous != null && repeat.contains(f) && previous.has(f)) {
                    n.set(f, previous.get(f));
                    continue;
                }
                if (!v.isBlank() && previous != null && repeat.contains(f) && previous.has(f)
                        && v.equals(grid.cell(r - 1, cols[k]))) {
                    mark(r, cols[k], "copy", "of " + grid.address(r - 1, cols[k])); // a merged cell's copy
                }
                put(n, f, r, cols[k]);
            }
            for (Map.Entry<Integer, String> e : optional.entrySet()) {
                put(n, e.getValue(), r, e.getKey());
            }
            if (comparatorCol >= 0) {
                compose(n, layout.indicators().comparator(), r, comparatorCol);
            }
            putDeclared(n, extra, r);
            previous = n;
        }
        return out;
    }

    // ---- fields the notice declares ----

    /** The notice's declared fields (扣分, 核查分…), known once the notice is. */
    private List<FieldDeclaration> declared = List.of();

    /**
     * The header's columns that no built-in field reads and whose title is one of a declared field's titles (on the
     * given owner): column → field name.
     */
    private Map<Integer, String> declaredColumns(int header, String owner, int[] builtIn) {
        Map<Integer, String> out = new java.util.LinkedHashMap<>();
        java.util.Set<Integer> taken = new java.util.HashSet<>();
        for (int c : builtIn) {
            taken.add(c);
        }
        List<String> row = grid.row(header);
        for (int c = 0; c < row.size(); c++) {
            if (taken.contains(c) || row.get(c).isBlank() || c > 0 && row.get(c).equals(row.get(c - 1))
                    && (out.containsKey(c - 1) || taken.contains(c - 1))) {
                continue; // a built-in column, an empty cell, or a merged title's copy
            }
            FieldDeclaration f = declaredTitled(row.get(c), owner);
            if (f != null) {
                out.put(c, f.name());
            }
        }
        return out;
    }

    private FieldDeclaration declaredTitled(String cell, String owner) {
        String t = title(cell);
        for (FieldDeclaration f : declared) {
            if (f.on().equals(owner)) {
                for (String title : f.columnTitles()) {
                    if (title(title).equals(t)) {
                        return f;
                    }
                }
            }
        }
        return null;
    }

    /** The header's column titled as the block's comparator column (指标性质), or -1. */
    private int comparatorColumn(int header, TableLayout.ComparatorColumn cc, java.util.Set<Integer> taken) {
        if (cc == null) {
            return -1;
        }
        List<String> row = grid.row(header);
        for (int c = 0; c < row.size(); c++) {
            String cell = title(row.get(c));
            if (!taken.contains(c) && cc.titles().stream().anyMatch(t -> title(t).equals(cell))) {
                return c;
            }
        }
        return -1;
    }

    /**
     * A row whose comparator stands in a column of its own: the comparator put before the target (正向 4 → ≥4), and,
     * when the layout says so, the 度量单位 column's unit after a target or actual written as a bare number (≥4个).
     */
    private void compose(ObjectNode n, TableLayout.ComparatorColumn cc, int r, int c) throws InputException {
        String written = grid.cell(r, c).strip();
        String symbol = null;
        for (Map.Entry<String, String> e : cc.values().entrySet()) {
            if (norm(e.getKey()).equals(norm(written))) {
                symbol = e.getValue();
            }
        }
        if (symbol == null && !written.isEmpty()) {
            throw new InputException(source, grid.address(r, c), 0, 0, "'" + written + "' is not a comparator this "
                    + "table's layout knows; expected one of: " + String.join(" ", cc.values().keySet()));
        }
        mark(r, c, "read", at + ".target (its comparator)");
        String unit = Boolean.TRUE.equals(cc.unitIntoValues()) && n.hasNonNull("unit") ? n.get("unit").asText().strip()
                : "";
        for (String f : List.of("target", "actual")) {
            if (!n.hasNonNull(f)) {
                continue;
            }
            String v = n.get(f).asText().strip();
            Value read;
            try {
                read = Cells.value(v);
            } catch (IllegalArgumentException e) {
                continue; // said when the value is read
            }
            if (read.isNumeric() && read.unit().isEmpty() && !unit.isEmpty()) {
                v = v + unit;
            }
            if (f.equals("target") && symbol != null && !symbol.isEmpty() && read.isNumeric()) {
                if (read.comparator().isEmpty()) {
                    v = symbol + v;
                } else if (!read.comparator().equals(symbol) && !read.isRange()) {
                    throw new InputException(source, grid.address(r, c), 0, 0, "'" + written + "' (" + symbol
                            + ") contradicts the target '" + n.get(f).asText() + "' written beside it");
                }
            }
            n.put(f, v);
        }
    }

    /** The header's columns titled as one of the block's optional fields (评价档次, 评价得分): column → field. */
    private Map<Integer, String> optionalColumns(int header, TableLayout.Block block, java.util.Set<Integer> taken) {
        Map<Integer, String> out = new java.util.LinkedHashMap<>();
        List<String> row = grid.row(header);
        for (int c = 0; c < row.size(); c++) {
            if (taken.contains(c) || row.get(c).isBlank()) {
                continue;
            }
            String cell = title(row.get(c));
            for (Map.Entry<String, List<String>> o : block.optional().entrySet()) {
                if (!block.fields().contains(o.getKey()) && !out.containsValue(o.getKey())
                        && o.getValue().stream().anyMatch(t -> title(t).equals(cell))) {
                    out.put(c, o.getKey());
                }
            }
        }
        return out;
    }

    /** A row's cells in declared columns, as written: the reader reads them by their declared types. */
    private void putDeclared(ObjectNode n, Map<Integer, String> columns, int r) {
        for (Map.Entry<Integer, String> e : columns.entrySet()) {
            String v = grid.cell(r, e.getKey());
            mark(r, e.getKey(), "read", at + "." + e.getValue());
            if (!v.isBlank() && !isDash(v)) {
                n.put(e.getValue(), v.strip());
            }
        }
    }

    /** Declared fields of the submission or its budget block written as a label with the value to its right. */
    private void labelled(ObjectNode into, String owner) {
        for (FieldDeclaration f : declared) {
            if (!f.on().equals(owner)) {
                continue;
            }
            for (String title : f.columnTitles()) {
                int[] at = find(title);
                if (at == null) {
                    continue;
                }
                List<String> row = grid.row(at[0]);
                for (int c = at[1] + 1; c < row.size(); c++) {
                    String v = row.get(c);
                    if (!v.isBlank() && !norm(v).equals(norm(title))) {
                        mark(at[0], at[1], "label", "of " + f.name());
                        if (!isDash(v)) {
                            into.put(f.name(), v.strip());
                            mark(at[0], c, "read", f.name());
                        }
                        break;
                    }
                }
                break;
            }
        }
    }

    // ---- cells ----

    private static final java.util.Set<String> NUMBERS = java.util.Set.of("points", "claimed", "budget",
            "fiscalBudget", "executed", "fiscalExecuted", "initial", "annual", "evaluatorScore");
    private static final java.util.Set<String> VALUES = java.util.Set.of("target", "actual", "rate");

    private void put(ObjectNode n, String field, int r, int c) throws InputException {
        String v = grid.cell(r, c);
        if (at.startsWith("$.indicators[")) { // where an error about this field points, even when it is empty
            String name = grid.cell(r, nameColumn);
            places.put(at + "." + field, grid.address(r, c) + (name.isBlank() ? ""
                    : "（“" + name.strip() + "”的一行" + (title(r, c).isEmpty() ? "" : "，" + title(r, c) + "栏") + "）"));
        }
        if (v.isBlank()) {
            return;
        }
        mark(r, c, "read", at + "." + field + (NUMBERS.contains(field) && isDash(v) ? " (a dash: nothing)" : ""));
        if (NUMBERS.contains(field)) {
            if (isDash(v)) {
                return; // "—" in a number column: nothing there
            }
            Cells.Amount a = amount(v, grid.address(r, c));
            if (a.unit() != null) {
                n.put(field, v); // a unit is kept as written, for the reader to check and convert to the table's
            } else {
                n.put(field, a.number());
            }
        } else if (VALUES.contains(field)) {
            try {
                Cells.value(v);
            } catch (IllegalArgumentException e) {
                throw new InputException(source, grid.address(r, c), 0, 0, e.getMessage());
            }
            n.put(field, v);
        } else if (field.equals("category")) {
            String name = withoutPoints(v);
            if (name.isEmpty()) {
                throw new InputException(source, grid.address(r, c), 0, 0, "'" + v.strip() + "' gives a first-level "
                        + "indicator's points but not its name: write the name before the points, as the notice "
                        + "names it (一级指标名" + v.strip() + ")");
            }
            if (!name.equals(v.strip())) { // 一级指标名(50分): the points are the category's, as categories[].weight says
                BigDecimal points = new BigDecimal(POINTS_IN_NAME.matcher(v.strip()).results().findFirst().orElseThrow()
                        .group(1));
                Object[] before = categoryPoints.get(name);
                if (before != null && ((BigDecimal) before[0]).compareTo(points) != 0) {
                    throw new InputException(source, grid.address(r, c), 0, 0, "'" + v.strip() + "' gives "
                            + name + " " + Num.fmt(points) + " points, but " + before[1] + " gave it "
                            + Num.fmt((BigDecimal) before[0]) + ": write one figure for a first-level indicator");
                }
                if (before == null) {
                    categoryPoints.put(name, new Object[] {points, grid.address(r, c)});
                }
                uses.put(key(r, c), new String[] {"read", at + "." + field + " and the category's points "
                        + "(categories[].weight, which the rules check against the notice's and the indicators' sum)"});
            }
            n.put(field, name);
        } else if (field.equals("group")) {
            String name = withoutPoints(v);
            if (!name.equals(v.strip())) { // the account says what became of the points written with the name
                uses.put(key(r, c), new String[] {"read", at + "." + field + " (the points written with a "
                        + "second-level name are not read: the rules add up the indicators' own points)"});
            }
            n.put(field, name);
        } else {
            n.put(field, v);
        }
    }

    /** Points written after a category's name, on its line or the next: 一级指标名(50分), or （50分） below it in the cell. */
    private static final Pattern POINTS_IN_NAME = Pattern.compile("\\s*[(（]\\s*(\\d+(?:\\.\\d+)?)\\s*分\\s*[)）]\\s*$");

    /** The points written with a category's name (一级指标名(50分)): name → {points, address}. */
    private final Map<String, Object[]> categoryPoints = new java.util.LinkedHashMap<>();

    /**
     * The points written with the first-level names become the categories' weights as the department gives them
     * (categories[].weight): the notice's rules decide what a weight means (kept, adjusted, refused) and check the
     * indicators' points against it.
     */
    private void pointsWithNames(ArrayNode categories) {
        for (Map.Entry<String, Object[]> e : categoryPoints.entrySet()) {
            ObjectNode into = null;
            for (JsonNode c : categories) {
                if (c.path("name").asText().equals(e.getKey())) {
                    into = (ObjectNode) c;
                }
            }
            if (into == null) {
                into = categories.addObject();
                into.put("name", e.getKey());
            }
            if (!into.has("weight")) {
                into.put("weight", (BigDecimal) e.getValue()[0]);
            }
        }
    }

    /**
     * A category's or group's name as the notice writes it: without the points a table may add after it (the points
     * are the indicators' own, which the rules add up and check against the category's weight).
     */
    static String withoutPoints(String name) {
        return POINTS_IN_NAME.matcher(name).replaceFirst("").strip();
    }

    /**
     * A row marked not applicable: its 分值 is a dash, a slash or 无, and its 指标值 and 实际完成值 are each one of
     * those, 不适用, 不涉及 or empty (not both empty). It is read with 0 points and the rest as written, for the rules
     * to decide.
     */
    private boolean markedNotApplicable(int r, int[] cols, List<String> fields) {
        int points = fields.indexOf("points");
        if (points < 0 || !isDash(grid.cell(r, cols[points]))) {
            return false; // an empty 分值 is a missing figure, said so by the reader, never 0 by default
        }
        boolean said = false;
        for (String f : List.of("target", "actual")) {
            int k = fields.indexOf(f);
            String v = k < 0 ? "" : grid.cell(r, cols[k]);
            if (!v.isBlank() && !isDash(v) && !norm(v).matches("不适用|不涉及")) {
                return false;
            }
            said |= !v.isBlank();
        }
        return said;
    }

    /** A dash or slash that tables write in a cell with nothing to say. */
    private static boolean isDash(String v) {
        return norm(v).matches("[-—–/／无]+");
    }

    private BigDecimal number(String v, String address) throws InputException {
        return amount(v, address).number();
    }

    private Cells.Amount amount(String v, String address) throws InputException {
        try {
            return Cells.amount(v);
        } catch (Cells.CellException e) {
            throw new InputException(source, address, 0, 0, e.getMessage());
        }
    }
}
