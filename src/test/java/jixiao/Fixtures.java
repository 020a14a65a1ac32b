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
    /**
     * The notices this repository ships, which the tests hold to full coverage and a 100% mutation score. Any other
     * folder under rules/ is an analyst's own (next year's draft, say): the tests never assume it is absent, and hold
     * it to nothing but its own scenarios — its coverage and mutants are `jixiao test --coverage` and `--mutants`.
     */
    public static final java.util.List<String> SHIPPED = java.util.List.of("mof-2020-project", "shangjie-2021");
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

    /**
     * The seed with 政府采购执行率's actual written as words (基本完成): its rules send it back (退回, with
     * ACTUAL_NOT_A_NUMBER) — a submission no report may show with a total or a grade.
     */
    public static com.fasterxml.jackson.databind.node.ObjectNode sentBackSeed() throws IOException {
        com.fasterxml.jackson.databind.node.ObjectNode seed = (com.fasterxml.jackson.databind.node.ObjectNode)
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(Files.readString(SEED));
        for (com.fasterxml.jackson.databind.JsonNode i : seed.get("indicators")) {
            if (i.get("name").asText().equals("政府采购执行率")) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) i).put("actual", "基本完成");
            }
        }
        return seed;
    }

    /**
     * A copy of the checkout's rules/ and scenarios/ under {@code home}, to change on disk: the notices, not the drafts
     * an analyst may have under rules/drafts/ and scenarios/drafts/ (the tests start drafts of their own).
     */
    public static Path copyHome(Path home) throws IOException {
        // the shipped notices and their base alone: an analyst's own notice (a draft, next year's, one whose pin a
        // change of common has made stale) is never what a test is about, and must never break it
        java.util.Set<String> rules = new java.util.HashSet<>(SHIPPED);
        rules.add("common");
        copyFolder(RULES, home.resolve("rules"), rules);
        copyFolder(SCENARIOS, home.resolve("scenarios"), new java.util.HashSet<>(SHIPPED));
        return home;
    }

    /** A home (rules/, scenarios/) of the shipped notices alone, in a new temporary folder (deleted at exit). */
    public static Path shippedHome() throws IOException {
        Path home = Files.createTempDirectory("jixiao-shipped");
        home.toFile().deleteOnExit();
        return copyHome(home);
    }

    /**
     * Copies a folder. A policy folder built on a base (notice.json "base") takes its bases with it: each is copied
     * beside the copy, unless a folder of that name is there already.
     */
    public static void copyTree(Path from, Path to) throws IOException {
        copyFolder(from, to);
        Path meta = from.resolve("notice.json");
        if (Files.exists(meta)) {
            com.fasterxml.jackson.databind.JsonNode base = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(meta.toFile()).path("base").path("notice");
            if (base.isTextual() && to.toAbsolutePath().getParent() != null) {
                Path target = to.toAbsolutePath().getParent().resolve(base.asText());
                if (!Files.exists(target)) {
                    copyTree(from.toAbsolutePath().getParent().resolve(base.asText()), target);
                }
            }
        }
    }

    /**
     * A notice built on another, as an analyst makes one: a folder under {@code root} holding only notice.json (naming
     * the base) and whatever files are then added to it; pinned with {@code jixiao pin}. The base (and its bases) are
     * copied into {@code root} first when they are not there.
     */
    public static Path derive(Path root, String id, String baseId) throws IOException {
        if (!Files.exists(root.resolve(baseId))) {
            copyTree(RULES.resolve(baseId), root.resolve(baseId));
        }
        Path folder = root.resolve(id);
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("notice.json"), "{\n  \"id\": \"" + id + "\",\n  \"title\": \"" + id
                + "\",\n  \"base\": {\"notice\": \"" + baseId + "\", \"fingerprint\": null}\n}\n", StandardCharsets.UTF_8);
        return folder;
    }

    /** The 优 band of a copy of the Shangjie notice raised to start at 99.5 (良 up to it): the seed's 99.11 is 良. */
    public static void raiseBandOf优(Path folder) throws IOException {
        Path grades = folder.resolve("00-parameters.drl.csv");
        String csv = Files.readString(grades, StandardCharsets.UTF_8);
        String edited = csv.replace(",10 通知参数,优,90,不限,", ",10 通知参数,优,99.5,不限,").replace(",10 通知参数,良,80,90,", ",10 通知参数,良,80,99.5,");
        if (edited.equals(csv)) {
            throw new AssertionError("the grade bands of " + grades + " are not where they were");
        }
        Files.writeString(grades, edited, StandardCharsets.UTF_8);
    }

    /** Pins a derived notice to its base as the base is now. */
    public static void pin(Path root, String id) {
        Run run = cli("pin", "--rules-root", root.toString(), id);
        if (run.exit() != 0) {
            throw new AssertionError("pin " + id + " failed: " + run.err());
        }
    }

    private static void copyFolder(Path from, Path to) throws IOException {
        copyFolder(from, to, null);
    }

    /** Copies a folder; with {@code onlyTop}, of its sub-folders only those named there. */
    private static void copyFolder(Path from, Path to, java.util.Set<String> onlyTop) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (onlyTop != null && dir.getParent() != null && dir.getParent().equals(from)
                        && !onlyTop.contains(dir.getFileName().toString())) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
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
