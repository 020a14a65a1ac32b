package jixiao.batch;

import java.io.PrintStream;

/** A one-line progress report on stderr (items, rate, time left), redrawn at most five times a second. */
public final class Progress {
    private final PrintStream err;
    private final long total;
    private final long start = System.nanoTime();
    private long done;
    private long lastDraw;

    /** @param err where to draw, or null to stay quiet; @param total items expected, or -1 if unknown */
    public Progress(PrintStream err, long total) {
        this.err = err;
        this.total = total;
    }

    public void step() {
        done++;
        if (err == null) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastDraw > 200_000_000L) {
            lastDraw = now;
            draw(now);
        }
    }

    private void draw(long now) {
        double seconds = Math.max(1e-3, (now - start) / 1e9);
        double rate = done / seconds;
        StringBuilder sb = new StringBuilder("\r").append(done);
        if (total > 0) {
            sb.append('/').append(total).append(String.format(" (%d%%)", done * 100 / total));
        }
        sb.append(String.format("  %.0f/s", rate));
        if (total > 0 && rate > 0) {
            long left = (long) ((total - done) / rate);
            sb.append(String.format("  ETA %d:%02d", left / 60, left % 60));
        }
        err.print(sb.append("   "));
        err.flush();
    }

    public void done() {
        if (err != null && done > 0) {
            draw(System.nanoTime());
            err.println();
        }
    }
}
