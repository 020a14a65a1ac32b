package jixiao.batch;

import java.io.IOException;
import jixiao.service.Exit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * The batch path: submissions are taken from a stream into a sliding window scored in parallel on a fixed pool of
 * threads, and the results written in input order as each oldest one is done. Memory is bounded by the window,
 * whatever the batch's size.
 */
public final class Batch {

    /** What became of one submission: its rendered result, or why there is none (with the exit code it calls for). */
    public record Outcome(Object output, String grade, String failure, int exitCode, Object result) {
        public Outcome(Object output, String grade, String failure, int exitCode) {
            this(output, grade, failure, exitCode, null);
        }
    }

    /**
     * The outcome of a submission that failed with something unforeseen (an OutOfMemoryError on a pathological
     * value, a bug): it fails alone, named, and the exit code says at which stage.
     */
    public static Outcome failed(String label, String stage, Throwable t) {
        String what = t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
        String message = label + ": " + stage + " it failed (" + what + "); the other submissions are still scored";
        System.err.println("jixiao: " + message);
        int exit = stage.startsWith("reading") ? Exit.BAD_INPUT : stage.startsWith("scoring") ? Exit.SCORING_FAILED
                : Exit.INTERNAL;
        return new Outcome(null, null, message, exit);
    }

    /** Counts at the end of a run. */
    public record Summary(long scored, List<String> failures, Map<String, Integer> grades, int exit) {
    }

    private final int threads;
    private final Function<Inputs.Item, Outcome> work;

    public Batch(int threads, Function<Inputs.Item, Outcome> work) {
        this.threads = threads;
        this.work = work;
    }

    /** Scores the items and hands each result, in input order, to the writer. */
    public Summary run(Iterator<Inputs.Item> items, jixiao.report.ResultWriter<?> out, Progress bar)
            throws IOException, InterruptedException {
        List<String> failures = new ArrayList<>();
        jixiao.report.GradeCounts grades = new jixiao.report.GradeCounts();
        int exit = Exit.OK;
        long scored = 0;
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "jixiao-score");
            t.setDaemon(true);
            return t;
        });
        try {
            // a sliding window of submissions in flight: the oldest is written as soon as it is done while the
            // threads go on with the next ones (no barrier at the end of a chunk); memory stays bounded by the window
            int window = Math.max(64, threads * 64);
            java.util.ArrayDeque<Future<Outcome>> inFlight = new java.util.ArrayDeque<>(window);
            while (items.hasNext() || !inFlight.isEmpty()) {
                while (inFlight.size() < window && items.hasNext()) {
                    Inputs.Item item = items.next();
                    inFlight.add(pool.submit(() -> {
                        try {
                            return work.apply(item);
                        } catch (Throwable t) {
                            return failed(item.label(), "reading", t);
                        }
                    }));
                }
                Outcome o;
                try {
                    o = inFlight.poll().get();
                } catch (ExecutionException e) {
                    o = failed("a submission", "scoring", e.getCause());
                }
                if (o.failure() != null) {
                    failures.add(o.failure());
                    exit = Exit.worse(exit, o.exitCode());
                } else {
                    scored++;
                    grades.add(o.grade() == null ? "-" : o.grade(),
                            o.result() instanceof jixiao.engine.ScoreResult r && r.total() != null
                                    ? r.total().getScore() : null);
                    write(out, (jixiao.engine.ScoreResult) o.result(), o.output());
                }
                bar.step();
            }
        } finally {
            pool.shutdownNow();
        }
        return new Summary(scored, failures, grades.inPolicyOrder(), exit);
    }

    /** What the writer's own {@code render} made, handed back to it. */
    @SuppressWarnings("unchecked")
    private static <T> void write(jixiao.report.ResultWriter<T> out, jixiao.engine.ScoreResult r, Object rendered)
            throws IOException {
        out.write(r, (T) rendered);
    }
}
