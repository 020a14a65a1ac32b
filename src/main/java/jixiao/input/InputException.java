package jixiao.input;

/**
 * A submission that cannot be read: which file, where in it (a JSON path such as {@code $.indicators[3].points},
 * and the line and column when known), and what was expected.
 */
public class InputException extends Exception {
    private final String file;
    private final String jsonPath;
    private final int line;
    private final int column;
    private final String problem;

    public InputException(String file, String jsonPath, int line, int column, String problem) {
        super(format(file, jsonPath, line, column, problem));
        this.file = file;
        this.jsonPath = jsonPath;
        this.line = line;
        this.column = column;
        this.problem = problem;
    }

    private static String format(String file, String jsonPath, int line, int column, String problem) {
        StringBuilder sb = new StringBuilder(file == null ? "(input)" : file);
        if (jsonPath != null) {
            sb.append(": ").append(jsonPath);
        }
        if (line > 0) {
            sb.append(" (line ").append(line);
            if (column > 0) {
                sb.append(", column ").append(column);
            }
            sb.append(')');
        }
        return sb.append(": ").append(problem).toString();
    }

    public String getFile() {
        return file;
    }

    public String getJsonPath() {
        return jsonPath;
    }

    public int getLine() {
        return line;
    }

    public int getColumn() {
        return column;
    }

    public String getProblem() {
        return problem;
    }
}
