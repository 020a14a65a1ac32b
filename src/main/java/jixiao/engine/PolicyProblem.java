package jixiao.engine;

/**
 * One problem found in a policy folder: where it is and what is wrong.
 *
 * @param file    the file, relative to the policy folder where possible, or null
 * @param line    1-based line, or 0 when unknown
 * @param message what is wrong
 * @param primary false for errors that are most likely the echo of an earlier one (see {@link PolicyLoader})
 */
public record PolicyProblem(String file, int line, String message, boolean primary) {
    @Override
    public String toString() {
        String where = file == null ? "" : file + (line > 0 ? ":" + line : "") + ": ";
        return where + message;
    }
}
