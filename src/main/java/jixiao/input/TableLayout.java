package jixiao.input;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Where things stand in a self-evaluation table: the titles of its fields, blocks and columns. It is data
 * (a JSON file), so that another region's table needs a layout file, not a code change. The layout of the
 * 部门整体绩效自评表 is built in (jixiao/layouts/department-self-evaluation.json).
 */
public record TableLayout(String description, String title, String kind, String defaultNotice,
                          Map<String, String> fields, String notApplicable, Block tasks, Block budget,
                          Block indicators, String end) {

    /**
     * A block of rows under a header row: the block's own title in its first column (for writing tables), the
     * header's titles in order, and the field each column fills.
     */
    public record Block(String label, List<String> header, List<String> fields, List<String> repeatDown) {
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    public static TableLayout builtIn() {
        try (InputStream in = TableLayout.class.getResourceAsStream("/jixiao/layouts/department-self-evaluation.json")) {
            return MAPPER.readValue(in, TableLayout.class);
        } catch (IOException e) {
            throw new IllegalStateException("the built-in table layout cannot be read", e);
        }
    }

    public static TableLayout read(Path file) throws InputException {
        try {
            return MAPPER.readValue(file.toFile(), TableLayout.class);
        } catch (IOException e) {
            throw new InputException(file.toString(), null, 0, 0, "cannot be read as a table layout: " + e.getMessage());
        }
    }
}
