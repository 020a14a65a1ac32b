package jixiao;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import jixiao.cli.Main;
import jixiao.engine.Policy;
import jixiao.engine.PolicyException;
import jixiao.engine.PolicyLoader;
import jixiao.engine.ScoreResult;
import jixiao.engine.Scorer;
import jixiao.input.SubmissionReader;

/** Shared test helpers: the checkout's folders, compiled policies (once per JVM), the command line in-process. */
public final class Fixtures {

    public static final Path RULES = Path.of("rules");
    public static final Path SHANGJIE = RULES.resolve("shangjie-2021");
    public static final Path SCENARIOS = Path.of("scenarios");
    public static final Path SEED = SCENARIOS.resolve("shangjie-2021/justice-bureau-2021.json");
    public static final Path MINIMAL = SCENARIOS.resolve("shangjie-2021/submissions/minimal-2021.json");

    private static final Map<Path, Policy> POLICIES = new ConcurrentHashMap<>();

    private Fixtures() {
    }

    public static Policy policy(Path folder) {
        return POLICIES.computeIfAbsent(folder.toAbsolutePath().normalize(), f -> {
            try {
                return PolicyLoader.load(f);
            } catch (PolicyException e) {
                throw new AssertionError(e.describe(), e);
            }
        });
    }

    public static ScoreResult score(Path submission) throws Exception {
        return new Scorer().score(policy(SHANGJIE), SubmissionReader.read(submission));
    }

    /** What the command line printed and returned. */
    public record Run(int exit, String out, String err) {
    }

    public static Run cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        System.setOut(o);
        System.setErr(e);
        try {
            int code = Main.run(args, o, e);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    public static void copyTree(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.copy(file, to.resolve(from.relativize(file).toString()));
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
