package jixiao.batch;

import java.io.BufferedInputStream;
import java.io.InputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.TreeSet;
import java.util.stream.Stream;
import jixiao.input.InputException;
import jixiao.input.SubmissionReader;
import jixiao.input.Submissions;
import jixiao.model.Submission;
import jixiao.scenario.ScenarioReader;

/**
 * The submissions named on the command line, one at a time: files as they are, folders searched for *.json
 * (scenario files left out), and JSON Lines files (*.jsonl) one submission a line. Nothing is read before it is
 * needed, so a batch of any size takes the same memory.
 */
public final class Inputs implements Iterator<Inputs.Item> {

    /**
     * One submission to read: a whole file, or one line of a JSON Lines file; {@code problem} says why a line could
     * not even be taken as text (bytes that are not UTF-8, a line too long).
     */
    public record Item(Path file, int line, String text, String problem, jixiao.input.TableLayout layout,
                       List<String> notes) implements jixiao.service.Input {
        public Item(Path file, int line, String text, String problem, jixiao.input.TableLayout layout) {
            this(file, line, text, problem, layout, new java.util.ArrayList<>());
        }

        public Item(Path file, int line, String text) {
            this(file, line, text, null, null);
        }

        public Item(Path file, int line, String text, String problem) {
            this(file, line, text, problem, null);
        }

        /**
         * Reads the submission, or says exactly why it cannot be read. A table's cells that nothing read (a stray
         * figure beside the table, a contact person's name) are listed in {@link #notes()}: never left in silence.
         */
        @Override
        public Submission read(jixiao.input.FieldCatalog fields) throws InputException {
            if (problem != null) {
                throw new InputException(label(), null, 0, 0, problem);
            }
            notes.clear();
            return text == null ? Submissions.read(file, layout, fields, imported -> imported.notUsed()
                    .forEach(u -> notes.add(u.address() + " '" + u.text().strip() + "'")))
                    : SubmissionReader.parse(label(), text, defaultId(), fields);
        }

        /** How messages name it: the file, with ":line" for a JSON Lines line. */
        @Override
        public String label() {
            return line > 0 ? file + ":" + line : file.toString();
        }

        /** The submission's id when it gives none: the file name, with "#line" for a JSON Lines line. */
        public String defaultId() {
            String base = file.getFileName().toString().replaceFirst("\\.[^.]*$", "");
            return line > 0 ? base + "#" + line : base;
        }
    }

    /** A line of a JSON Lines file may be as long as a submission file may be large. */
    static final int MAX_LINE = (int) SubmissionReader.MAX_BYTES;

    private final Deque<Path> files = new ArrayDeque<>();
    private final Deque<Path> unreadable = new ArrayDeque<>();
    private InputStream lines;
    /** Read-ahead from the JSON Lines file, and the line being put together (reused from line to line). */
    private final byte[] chunk = new byte[1 << 16];
    private int chunkPos;
    private int chunkLength;
    private byte[] line = new byte[1 << 14];
    private int lineLength;
    private Path linesFile;
    private int lineNumber;
    private Item next;

    private jixiao.input.TableLayout layout;

    /** Tables are read by this layout rather than the built-in one their title names. */
    public Inputs withLayout(jixiao.input.TableLayout tableLayout) {
        this.layout = tableLayout;
        return this;
    }

    private Inputs() {
    }

    /**
     * The submissions of a JSON Lines stream (a request body), one a line, read as a JSON Lines file is: a line that is
     * not UTF-8 or is too long fails alone with its number; {@code label} names the stream in messages.
     */
    public static Inputs jsonLines(Path label, InputStream in) {
        Inputs i = new Inputs();
        i.lines = in;
        i.linesFile = label;
        return i;
    }

    public Inputs(List<Path> inputs) throws IOException {
        for (Path in : inputs) {
            if (Files.isDirectory(in)) {
                TreeSet<Path> found = new TreeSet<>();
                List<Path> unreadable = new java.util.ArrayList<>();
                Files.walkFileTree(in, new java.nio.file.SimpleFileVisitor<>() {
                    @Override
                    public java.nio.file.FileVisitResult visitFile(Path p,
                            java.nio.file.attribute.BasicFileAttributes attrs) {
                        if (attrs.isRegularFile() && isSubmissionFile(p.getFileName().toString())) {
                            found.add(p);
                        }
                        return java.nio.file.FileVisitResult.CONTINUE;
                    }

                    @Override
                    public java.nio.file.FileVisitResult visitFileFailed(Path p, IOException e) {
                        unreadable.add(p); // reported as a failed item; the rest of the folder is still scored
                        return java.nio.file.FileVisitResult.CONTINUE;
                    }
                });
                files.addAll(found);
                unreadable.forEach(p -> this.unreadable.add(p));
            } else {
                files.add(in);
            }
        }
    }

    /** Files a folder is searched for: JSON and JSON Lines submissions, and tables (not scenarios or decision tables). */
    public static boolean isSubmissionFile(String name) {
        String n = name.toLowerCase(java.util.Locale.ROOT);
        if (n.startsWith(".") || n.startsWith("~$") || n.endsWith(ScenarioReader.SUFFIX) || n.contains(".drl.")) {
            return false; // hidden and Office lock files, scenarios, decision tables
        }
        return n.endsWith(".json") || n.endsWith(".jsonl") || Submissions.isTable(Path.of(name));
    }

    public static boolean isJsonLines(Path p) {
        return p.getFileName().toString().endsWith(".jsonl");
    }

    /** How many submissions there are, counting the lines of JSON Lines files (a quick pass, for progress). */
    public static long count(List<Path> inputs) throws IOException {
        long n = 0;
        Inputs it = new Inputs(inputs);
        for (Path f : it.files) {
            if (isJsonLines(f) && Files.isRegularFile(f)) {
                try (Stream<String> s = Files.lines(f, StandardCharsets.UTF_8)) {
                    n += s.filter(l -> !l.isBlank()).count();
                } catch (UncheckedIOException e) {
                    n++;
                }
            } else {
                n++;
            }
        }
        return n;
    }

    @Override
    public boolean hasNext() {
        if (next == null) {
            next = advance();
        }
        return next != null;
    }

    @Override
    public Item next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Item i = next;
        next = null;
        return i;
    }

    private Item advance() {
        while (true) {
            if (lines != null) {
                try {
                    Item item;
                    while ((item = nextLine()) != null) {
                        if (item.problem() != null || !item.text().isBlank()) {
                            return item;
                        }
                    }
                } catch (IOException e) {
                    closeLines();
                    return new Item(linesFile, Math.max(1, lineNumber), null, "cannot be read further: "
                            + e.getMessage());
                }
                closeLines();
            }
            Path f = files.poll();
            if (f == null) {
                Path bad = unreadable.poll();
                return bad == null ? null : new Item(bad, 0, null, "cannot be read (a folder or file without read "
                        + "permission?); the rest of the folder was scored");
            }
            if (isJsonLines(f) && Files.isRegularFile(f)) {
                try {
                    lines = Files.newInputStream(f);
                    chunkPos = 0;
                    chunkLength = 0;
                    linesFile = f;
                    lineNumber = 0;
                    continue;
                } catch (IOException e) {
                    return new Item(f, 0, null, "cannot be read: " + e.getMessage());
                }
            }
            return new Item(f, 0, null, null, layout); // a whole file: read by the worker that parses it
        }
    }

    /**
     * The next line of the JSON Lines file, decoded on its own: a line that is not UTF-8 or is too long fails alone,
     * with its number, and the lines after it are still read. A byte-order mark before the first line is skipped.
     */
    private Item nextLine() throws IOException {
        lineLength = 0;
        boolean any = false;
        boolean tooLong = false;
        boolean ended = false;
        // scan the read-ahead chunk for the end of the line, copying what belongs to the line (at most MAX_LINE)
        while (!ended) {
            if (chunkPos == chunkLength) {
                chunkLength = lines.read(chunk);
                chunkPos = 0;
                if (chunkLength <= 0) {
                    chunkLength = 0;
                    break;
                }
            }
            any = true;
            int end = chunkPos;
            while (end < chunkLength && chunk[end] != '\n') {
                end++;
            }
            int n = end - chunkPos;
            if (lineLength + n > MAX_LINE) {
                tooLong = true;
                n = Math.max(0, MAX_LINE - lineLength);
            }
            if (lineLength + n > line.length) {
                line = java.util.Arrays.copyOf(line, Math.max(lineLength + n, line.length * 2));
            }
            System.arraycopy(chunk, chunkPos, line, lineLength, n);
            lineLength += n;
            ended = end < chunkLength;
            chunkPos = ended ? end + 1 : chunkLength;
        }
        if (!any) {
            return null;
        }
        lineNumber++;
        if (tooLong) {
            return new Item(linesFile, lineNumber, null, "the line is longer than " + MAX_LINE
                    + " bytes; a submission may be at most that");
        }
        byte[] bytes = line;
        int from = lineNumber == 1 ? jixiao.input.SubmissionReader.bomLength(java.util.Arrays.copyOf(bytes,
                Math.min(lineLength, 3))) : 0;
        int to = lineLength > from && bytes[lineLength - 1] == '\r' ? lineLength - 1 : lineLength;
        try {
            return new Item(linesFile, lineNumber, jixiao.input.SubmissionReader.utf8(bytes, from, to - from));
        } catch (java.nio.charset.CharacterCodingException e) {
            return new Item(linesFile, lineNumber, null, "the line is not UTF-8 text (perhaps GBK); save the file "
                    + "as UTF-8");
        }
    }

    private void closeLines() {
        try {
            lines.close();
        } catch (IOException ignored) {
            // read to the end or failed: nothing more to do with it
        }
        lines = null;
    }
}
