package jixiao.input;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import jixiao.model.Submission;

/** Reads a submission from any file a department may send: JSON, or the self-evaluation table as .xlsx or .csv. */
public final class Submissions {
    private Submissions() {
    }

    public static boolean isTable(Path file) {
        String n = file.getFileName().toString().toLowerCase();
        return n.endsWith(".xlsx") || n.endsWith(".csv");
    }

    public static Submission read(Path file) throws InputException {
        if (!isTable(file)) {
            return SubmissionReader.read(file);
        }
        ObjectNode tree = importTable(file, null, TableLayout.builtIn());
        return SubmissionReader.fromTree(file.toString(), tree, tree.path("id").asText());
    }

    /** The submission JSON of a table file, in the given layout; notice null for the table's or layout's own. */
    public static ObjectNode importTable(Path file, String notice, TableLayout layout) throws InputException {
        if (!java.nio.file.Files.isRegularFile(file)) {
            throw new InputException(file.toString(), null, 0, 0, "no such file");
        }
        Grid grid = Grid.read(file);
        String id = file.getFileName().toString().replaceFirst("\\.[^.]*$", "");
        return new TableImporter(grid, layout, file.toString()).read(id, notice);
    }
}
