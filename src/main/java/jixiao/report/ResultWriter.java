package jixiao.report;

import java.io.IOException;
import java.util.List;
import jixiao.engine.ScoreResult;

/**
 * One output format of {@code score}: given each result in input order, then told the batch is over. Adding a
 * format is one class implementing this; {@code T} is what its {@link #render} makes. Where the output goes (stdout, a temp file renamed at the end, a folder)
 * is the caller's business: a writer never decides whether a half-done output is kept.
 */
public interface ResultWriter<T> {

    /**
     * One result in this format (text, or the bytes to write), worked out on a scoring thread so that rendering runs
     * in parallel; null when the writer needs only the result itself.
     */
    T render(ScoreResult r);

    /** Writes one result (and what {@link #render} made of it), called in input order from one thread. */
    void write(ScoreResult r, T rendered) throws IOException;

    /** The batch is over: write what comes at the end (an index, the workbook), given the submissions that failed. */
    void finish(List<String> failures) throws IOException;
}
