package jixiao.input;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Where things stand in a self-evaluation table: the titles of its fields, blocks and columns. It is data
 * (a JSON file), so that another region's table needs a layout file, not a code change. Two layouts are built in
 * (jixiao/layouts/): the 部门整体绩效自评表 and the 项目支出绩效自评表 of 财预〔2020〕10号; a table is matched to one by
 * its title.
 *
 * @param fields        a field's label; its value is the first other cell to the right of the label
 * @param below         a field's label; its value is the cell below the label
 * @param notApplicable the label of a row declaring a first-level category not applicable, or null
 * @param tasks         the 年度主要任务 block, or null when the table has none
 * @param end           text that the first cell of the row after the indicators starts with
 * @param labels        the form's own captions that carry no value (年度总体目标完成情况): recognised as labels in
 *                      the account, never listed as not used
 */
public record TableLayout(String description, String title, String kind, String defaultNotice,
                          Map<String, String> fields, Map<String, String> below, String notApplicable, Block tasks,
                          Block budget, Block indicators, String end, List<String> labels) {

    public TableLayout {
        labels = labels == null ? List.of() : List.copyOf(labels);
    }

    /**
     * A block of rows under a header row: the block's own title in its first column (for writing tables), the
     * header's titles in order, the field each column fills, the fields a blank cell repeats from the row above,
     * the label of a closing row whose 得分 column is the claimed total (总分), or null, columns a table may
     * have or not (an evaluator's tier and score): field → the titles it goes by, the first the one written, and for a
     * block of named lines (the budget), other spellings of a line's name: name → spellings (年度资金总额 → 总额, 合计),
     * and a column holding the target's comparator on its own (指标性质), or null.
     */
    public record Block(String label, List<String> header, List<String> fields, List<String> repeatDown,
                        String total, Map<String, List<String>> optional, Map<String, List<String>> names,
                        ComparatorColumn comparator) {
        public Block {
            optional = optional == null ? Map.of() : optional;
            names = names == null ? Map.of() : names;
        }

        /** A line's name as the layout's notice writes it: another spelling of it replaced, else as it is. */
        public String lineName(String written) {
            for (Map.Entry<String, List<String>> e : names.entrySet()) {
                for (String spelling : e.getValue()) {
                    if (TableImporter.norm(spelling).equals(TableImporter.norm(written))) {
                        return e.getKey();
                    }
                }
            }
            return written;
        }
    }

    /**
     * A column that holds the target's comparator by itself, as some provinces' tables do (指标性质: ≥ ≤ = or 正向 /
     * 反向, then 指标值 and 度量单位 in columns of their own).
     *
     * @param titles         the column's titles (指标性质, 指标方向)
     * @param values         what each spelling of the column means as a comparator (正向 → ≥, 反向 → ≤, 定性 → none);
     *                       a spelling not listed is an error naming the cell
     * @param unitIntoValues whether the 度量单位 column's unit goes after a target or actual written as a bare number
     */
    public record ComparatorColumn(List<String> titles, Map<String, String> values, Boolean unitIntoValues) {
        public ComparatorColumn {
            titles = titles == null ? List.of() : titles;
            values = values == null ? Map.of() : values;
        }
    }

    /** The names of the built-in layouts, in the order tables are matched against them. */
    public static final List<String> BUILT_IN = List.of("department-self-evaluation", "project-self-evaluation");

    public static TableLayout builtIn(String name) {
        try (InputStream in = TableLayout.class.getResourceAsStream("/jixiao/layouts/" + name + ".json")) {
            if (in == null) {
                throw new IllegalArgumentException("no built-in layout " + name);
            }
            return MAPPER.readValue(in, TableLayout.class);
        } catch (IOException e) {
            throw new IllegalStateException("the built-in table layout " + name + " cannot be read", e);
        }
    }

    /** The built-in layout for a submission's kind (项目支出绩效自评 …); the 部门整体 layout when none matches. */
    public static TableLayout forKind(String kind) {
        for (String name : BUILT_IN) {
            TableLayout l = builtIn(name);
            if (l.kind().equals(kind)) {
                return l;
            }
        }
        return builtIn();
    }

    /** The built-in layout a table's title names (the title in one of its first rows), or null. */
    public static TableLayout forTitle(java.util.function.Predicate<String> tableHasTitle) {
        for (String name : BUILT_IN) {
            TableLayout l = builtIn(name);
            if (tableHasTitle.test(l.title())) {
                return l;
            }
        }
        return null;
    }

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    /** The layout of the 部门整体绩效自评表. */
    public static TableLayout builtIn() {
        return builtIn("department-self-evaluation");
    }

    public static TableLayout read(Path file) throws InputException {
        try {
            return MAPPER.readValue(file.toFile(), TableLayout.class);
        } catch (IOException e) {
            throw new InputException(file.toString(), null, 0, 0, "cannot be read as a table layout: " + e.getMessage());
        }
    }
}
