package jixiao.cli;

import java.io.BufferedReader;
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
import jixiao.scenario.ScenarioReader;

/**
 * The submissions named on the command line, one at a time: files as they are, folders searched for *.json
 * (scenario files left out), and JSON Lines files (*.jsonl) one submission a line. Nothing is read before it is
 * needed, so a batch of any size takes the same memory.
 */
final class Inputs implements Iterator<Inputs.Item> {

    /** One submission to read: a whole file, or one line of a JSON Lines file. */
    record Item(Path file, int line, String text) {
        /** How messages name it: the file, with ":line" for a JSON Lines line. */
        String label() {
            return line > 0 ? file + ":" + line : file.toString();
        }

        /** The submission's id when it gives none: the file name, with "#line" for a JSON Lines line. */
        String defaultId() {
            String base = file.getFileName().toString().replaceFirst("\\.[^.]*$", "");
            return line > 0 ? base + "#" + line : base;
        }
    }

    private final Deque<Path> files = new ArrayDeque<>();
    private BufferedReader lines;
    private Path linesFile;
    private int lineNumber;
    private Item next;

    Inputs(List<Path> inputs) throws IOException {
        for (Path in : inputs) {
            if (Files.isDirectory(in)) {
                TreeSet<Path> found = new TreeSet<>();
                try (Stream<Path> s = Files.walk(in)) {
                    s.filter(Files::isRegularFile).filter(p -> isSubmissionFile(p.getFileName().toString()))
                            .forEach(found::add);
                }
                files.addAll(found);
            } else {
                files.add(in);
            }
        }
    }

    static boolean isSubmissionFile(String name) {
        return (name.endsWith(".json") && !name.endsWith(ScenarioReader.SUFFIX)) || name.endsWith(".jsonl");
    }

    static boolean isJsonLines(Path p) {
        return p.getFileName().toString().endsWith(".jsonl");
    }

    /** How many submissions there are, counting the lines of JSON Lines files (a quick pass, for progress). */
    static long count(List<Path> inputs) throws IOException {
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
                    String l;
                    while ((l = lines.readLine()) != null) {
                        lineNumber++;
                        if (!l.isBlank()) {
                            return new Item(linesFile, lineNumber, l);
                        }
                    }
                } catch (IOException e) {
                    closeLines();
                    return new Item(linesFile, Math.max(1, lineNumber), null);
                }
                closeLines();
            }
            Path f = files.poll();
            if (f == null) {
                return null;
            }
            if (isJsonLines(f) && Files.isRegularFile(f)) {
                try {
                    lines = Files.newBufferedReader(f, StandardCharsets.UTF_8);
                    linesFile = f;
                    lineNumber = 0;
                    continue;
                } catch (IOException e) {
                    return new Item(f, 0, null);
                }
            }
            return new Item(f, 0, null); // a whole file: read by the worker that parses it
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
