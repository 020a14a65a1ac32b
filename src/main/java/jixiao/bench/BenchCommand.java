package jixiao.bench;

import jixiao.batch.Batch;
import jixiao.service.Exit;
import jixiao.batch.Inputs;
import jixiao.batch.Progress;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import jixiao.engine.Policy;
import jixiao.engine.PolicyRegistry;
import jixiao.engine.ScoreResult;
import jixiao.engine.Scorer;
import jixiao.input.SubmissionReader;
import jixiao.model.Submission;
import jixiao.report.JsonReport;
import picocli.CommandLine.Option;

/**
 * {@code jixiao bench}: measures, in one run on this machine, the cold start of a fresh process (with and without
 * the compiled-policy cache, against a JVM that prints hello), the product against a plain-Java reference of the
 * notice, batch throughput on a realistic mix and on the worst case over 1 to all cores (with the efficiency of each),
 * small and large batches from the command line, editing a rule, and peak memory for large batches under -Xmx512m.
 */
@picocli.CommandLine.Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measures start-up, throughput and memory. See docs/performance.md for what it reports.")
public final class BenchCommand implements Callable<Integer> {

    /** Runs the benchmark on its own (the memory probe starts a JVM with this, under a small heap). */
    public static void main(String[] args) {
        System.exit(new picocli.CommandLine(new BenchCommand()).execute(args));
    }


    @Option(names = "--template", paramLabel = "FILE", description = "the submission synthetic ones are made from "
            + "(default: ${DEFAULT-VALUE})")
    Path template = Path.of(System.getProperty("jixiao.home", "."), "scenarios/shangjie-2021/justice-bureau-2021.json");

    @Option(names = "--indicators", paramLabel = "N", description = "indicators per synthetic submission "
            + "(default: ${DEFAULT-VALUE})")
    int indicators = 35;

    @Option(names = "--count", paramLabel = "N", description = "submissions per throughput measurement "
            + "(default: ${DEFAULT-VALUE}; 0 to skip)")
    int count = 20_000;

    @Option(names = "--reference", paramLabel = "N", description = "submissions for the limit: the product against "
            + "a plain-Java reference of shangjie-2021 on one thread (default: ${DEFAULT-VALUE}; 0 to skip)")
    int referenceCount = 5_000;

    @Option(names = "--threads", paramLabel = "N", description = "the most threads of the batch path's scaling curve "
            + "(1, 2, 4 … up to N; default: cores)")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--memory-sizes", split = ",", paramLabel = "N,N", description = "batch sizes for the memory "
            + "measurement, each in a child JVM with -Xmx512m, for each of --memory-formats (default: 1000000; 0 to "
            + "skip)")
    List<Long> memorySizes = List.of(1_000_000L);

    @Option(names = "--memory-formats", split = ",", paramLabel = "F,F", description = "streaming output formats "
            + "measured for memory: jsonl, text, csv, html (pages rendered and dropped, the index written), xlsx "
            + "(default: all five; xlsx at 1,000,000 takes about an hour)")
    List<String> memoryFormats = List.of("jsonl", "text", "csv", "html", "xlsx");

    @Option(names = "--memory-format", hidden = true, description = "internal: the memory probe's output format")
    String memoryFormat = "jsonl";

    @Option(names = "--cold-runs", paramLabel = "N", description = "fresh processes per cold-start figure (median; "
            + "default: ${DEFAULT-VALUE}; 0 to skip)")
    int coldRuns = 5;

    @Option(names = "--cli-count", paramLabel = "N", description = "submissions the size of the template (not split) "
            + "scored from the command line as JSON Lines, start-up included (default: ${DEFAULT-VALUE}; 0 to skip)")
    int cliCount = 20_000;

    @Option(names = "--edit-runs", paramLabel = "N", description = "edit-one-rule measurements (score once after an "
            + "edit; test --watch re-running a notice's scenarios after a save), median of N (default: "
            + "${DEFAULT-VALUE}; 0 to skip)")
    int editRuns = 3;

    @Option(names = "--save-runs", paramLabel = "N", description = "workbench saves of a draft's rule file timed over "
            + "HTTP against a fresh jixiao serve, from the POST to the answer with the scenarios' results (default: "
            + "${DEFAULT-VALUE}; 0 to skip)")
    int saveRuns = 6;

    @Option(names = "--memory-probe", hidden = true, description = "internal: score N synthetic submissions in this JVM "
            + "through the batch path and print the peak heap")
    long memoryProbe;

    @Option(names = "--serve", arity = "0..1", fallbackValue = "10000", paramLabel = "N", description = "instead: a "
            + "bounded local load test of jixiao serve: N POST /api/v1/score requests (default 10000) of the template "
            + "from --clients concurrent clients on 127.0.0.1; prints requests/s and p50/p99 latency")
    Integer serve;

    @Option(names = "--clients", paramLabel = "N", description = "with --serve: concurrent clients (default: "
            + "${DEFAULT-VALUE})")
    int clients = 16;

    @Override
    public Integer call() throws Exception {
        if (serve != null) {
            return serveLoad(serve);
        }
        for (String f : memoryFormats) {
            if (!List.of("jsonl", "text", "csv", "html", "xlsx").contains(f)) {
                throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                        "--memory-formats: " + f + " is not one of jsonl, text, csv, html, xlsx");
            }
        }
        JsonNode tpl = Synthetic.read(template);
        Synthetic gen = new Synthetic(tpl, indicators);
        Path rules = PolicyRegistry.defaultRoot();
        Policy policy = new PolicyRegistry(rules).forNotice(tpl.path("notice").asText());
        if (memoryProbe > 0) {
            return probe(gen, policy);
        }
        System.out.println("jixiao bench — " + Runtime.getRuntime().availableProcessors() + " cores, Java "
                + System.getProperty("java.version") + ", max heap " + Runtime.getRuntime().maxMemory() / (1 << 20)
                + " MB; template " + template + " with " + indicators + " indicators a submission");
        if (coldRuns > 0) {
            cold();
        }
        ReferenceNotice reference = referenceCount > 0 ? ReferenceNotice.load() : null;
        if (reference != null && tpl.path("notice").asText().equals(reference.notice())) {
            limit(reference, gen, policy);
        }
        if (count > 0) {
            throughput(gen, policy);
        }
        boolean packaged = jar().endsWith(".jar");
        if (!packaged && (cliCount > 0 || editRuns > 0)) {
            System.out.println();
            System.out.println("(the command-line and edit measurements start target/jixiao.jar: run bench from the "
                    + "packaged jar, as bin/jixiao does, to see them)");
        }
        if (cliCount > 0 && packaged) {
            commandLine(tpl);
        }
        if (editRuns > 0 && packaged) {
            editCycle(tpl.path("notice").asText());
        }
        if (saveRuns > 0 && packaged) {
            inTempDir("jixiao-bench-saves", tmp -> saves(tpl.path("notice").asText(), tmp));
        }
        for (long n : memorySizes) {
            for (String f : n > 0 ? memoryFormats : List.<String>of()) {
                memory(n, f);
            }
        }
        return Exit.OK;
    }

    // ---- the API under load ----

    private int serveLoad(int requests) throws Exception {
        if (requests < 1 || clients < 1) {
            System.err.println("jixiao bench: --serve and --clients must be at least 1");
            return Exit.BAD_INPUT;
        }
        byte[] body = Files.readAllBytes(template);
        String token = jixiao.server.ApiServer.newToken();
        try (jixiao.server.ApiServer server = jixiao.server.ApiServer.start(PolicyRegistry.defaultRoot(), "127.0.0.1",
                0, token)) {
            java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder()
                    .version(java.net.http.HttpClient.Version.HTTP_1_1)
                    .executor(java.util.concurrent.Executors.newFixedThreadPool(clients)).build();
            java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                            "http://127.0.0.1:" + server.port() + "/api/v1/score"))
                    .header("Authorization", "Bearer " + token)
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body)).build();
            java.net.http.HttpResponse<String> first = http.send(request,
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            if (first.statusCode() != 200) {
                System.err.println("jixiao bench: POST /api/v1/score of " + template + " answered " + first.statusCode()
                        + ": " + first.body());
                return Exit.FAILED;
            }
            String expected = first.body();
            for (int i = 0; i < Math.min(500, requests); i++) { // warm the JIT and the session pool
                http.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
            }
            long[] latencies = new long[requests];
            java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
            java.util.concurrent.atomic.AtomicInteger wrong = new java.util.concurrent.atomic.AtomicInteger();
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(clients);
            long start = System.nanoTime();
            List<java.util.concurrent.Future<?>> workers = new java.util.ArrayList<>();
            for (int c = 0; c < clients; c++) {
                workers.add(pool.submit(() -> {
                    int i;
                    while ((i = next.getAndIncrement()) < requests) {
                        long t0 = System.nanoTime();
                        java.net.http.HttpResponse<String> r = http.send(request,
                                java.net.http.HttpResponse.BodyHandlers.ofString());
                        latencies[i] = System.nanoTime() - t0;
                        if (r.statusCode() != 200 || !r.body().equals(expected)) {
                            wrong.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (java.util.concurrent.Future<?> w : workers) {
                w.get();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            pool.shutdown();
            java.util.Arrays.sort(latencies);
            System.out.printf("jixiao serve under load — %d cores, %d requests of %s (%d bytes) from %d clients on "
                    + "127.0.0.1:%n", Runtime.getRuntime().availableProcessors(), requests, template, body.length, clients);
            System.out.printf("  %.0f requests/s; latency p50 %.1f ms, p99 %.1f ms, max %.1f ms; %d answers differed "
                    + "from the first%n", requests / seconds, latencies[requests / 2] / 1e6,
                    latencies[Math.min(requests - 1, (int) Math.ceil(requests * 0.99) - 1)] / 1e6,
                    latencies[requests - 1] / 1e6, wrong.get());
            return wrong.get() == 0 ? Exit.OK : Exit.FAILED;
        }
    }

    // ---- cold start ----

    private void cold() throws Exception {
        Path tmp = Files.createTempDirectory("jixiao-bench");
        try {
            cold(tmp);
        } finally {
            deleteTree(tmp);
        }
    }

    private void cold(Path tmp) throws Exception {
        Path hello = tmp.resolve("Hello.java");
        Files.writeString(hello, "public class Hello { public static void main(String[] a) { "
                + "System.out.println(\"hello\"); } }");
        int rc = javax.tools.ToolProvider.getSystemJavaCompiler().run(null, null, null, hello.toString());
        List<String> quick = quickOptions();
        // hello gets the same collector and compiler options, not jixiao's class-data archive: an archive made for
        // another class path only costs a JVM time to map and reject (0.16 s against 0.10 s here)
        List<String> helloOptions = quick.stream().filter(o -> !o.startsWith("-XX:SharedArchiveFile")).toList();
        double helloS = median(() -> time(cmd(helloOptions, "-cp", tmp.toString(), "Hello"), null));
        Path cacheDir = tmp.resolve("cache");
        List<String> score = cmd(quick, "-Djixiao.home=" + System.getProperty("jixiao.home", "."), "-jar", jar(),
                "score", "--format", "json", template.toString());
        double uncached = median(() -> time(score, "off"));
        time(score, cacheDir.toString()); // fills the cache
        double cached = median(() -> time(score, cacheDir.toString()));
        System.out.println();
        System.out.println("Cold start, one submission, fresh process (median of " + coldRuns + "; options "
                + String.join(" ", quick) + archiveSize(quick) + ")" + (rc == 0 ? "" : " [Hello did not compile]"));
        System.out.printf("  JVM printing hello           %6.3f s%n", helloS);
        System.out.printf("  score, rules compiled        %6.3f s  (%.1f× hello)%n", uncached, uncached / helloS);
        System.out.printf("  score, rules from the cache  %6.3f s  (%.1f× hello; target ≤ 8×: %s)%n", cached,
                cached / helloS, met(cached / helloS <= 8));
    }

    /**
     * The size of the class-data archive among the options: one made by a run that loaded few classes (it was once
     * made by a {@code help}) is a tenth of the usual size and slows every start, so the figure shows it.
     */
    private static String archiveSize(List<String> options) {
        for (String o : options) {
            if (o.startsWith("-XX:SharedArchiveFile=")) {
                Path f = Path.of(o.substring("-XX:SharedArchiveFile=".length()));
                try {
                    return String.format("; archive %.1f MB", Files.size(f) / 1048576.0);
                } catch (IOException e) {
                    return "; archive missing";
                }
            }
        }
        return "; no class-data archive";
    }

    /** The options bin/jixiao uses for a short run (it exports them), or the defaults without a CDS archive. */
    private static List<String> quickOptions() {
        String env = System.getenv("JIXIAO_QUICK_JAVA_OPTS");
        if (env != null && !env.isBlank()) {
            return Arrays.asList(env.trim().split("\\s+"));
        }
        return List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
    }

    private static String jar() {
        try {
            return new File(BenchCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getPath();
        } catch (Exception e) {
            return "target/jixiao.jar";
        }
    }

    private static List<String> cmd(List<String> opts, String... rest) {
        List<String> c = new ArrayList<>();
        c.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        c.addAll(opts);
        c.add("-Dfile.encoding=UTF-8");
        c.addAll(Arrays.asList(rest));
        return c;
    }

    private static double time(List<String> command, String cache) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        if (cache != null) {
            pb.environment().put("JIXIAO_CACHE", cache);
        }
        long t0 = System.nanoTime();
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException("failed: " + String.join(" ", command));
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    private interface Timed {
        double run() throws Exception;
    }

    private double median(Timed t) throws Exception {
        return median(t, coldRuns);
    }

    private static double median(Timed t, int runs) throws Exception {
        double[] v = new double[runs];
        for (int i = 0; i < runs; i++) {
            v[i] = t.run();
        }
        Arrays.sort(v);
        return v[runs / 2];
    }

    private static String met(boolean ok) {
        return ok ? "met" : "NOT MET";
    }

    // ---- the command line on a large JSON Lines file ----

    /**
     * Submissions the size of the template (its own indicators, budget and tasks), as JSON Lines, scored by a fresh
     * process to {@code --format jsonl --out}: wall clock from start to exit, as from a shell.
     */
    private void commandLine(JsonNode tpl) throws Exception {
        inTempDir("jixiao-bench-cli", tmp -> commandLine(tpl, tmp));
    }

    private interface InDir {
        void run(Path dir) throws Exception;
    }

    /** Runs {@code body} in a new temporary folder, deleted afterwards whatever happens. */
    private static void inTempDir(String prefix, InDir body) throws Exception {
        Path tmp = Files.createTempDirectory(prefix);
        try {
            body.run(tmp);
        } finally {
            deleteTree(tmp);
        }
    }

    private void commandLine(JsonNode tpl, Path tmp) throws Exception {
        Synthetic same = new Synthetic(tpl, 0);
        Path in = tmp.resolve("submissions.jsonl");
        long bytes;
        try (Writer w = Files.newBufferedWriter(in, StandardCharsets.UTF_8)) {
            for (int i = 0; i < cliCount; i++) {
                w.write(same.json(i));
                w.write('\n');
            }
        }
        bytes = Files.size(in);
        Path out = tmp.resolve("results.jsonl");
        String cache = tmp.resolve("cache").toString();
        List<String> score = cmd(List.of(), "-Djixiao.home=" + System.getProperty("jixiao.home", "."), "-jar", jar(),
                "score", "--format", "jsonl", "--out", out.toString(), in.toString());
        time(score, cache); // compiles the rules into the cache once, as any earlier run would have
        double s = time(score, cache);
        System.out.println();
        System.out.printf("Command line: %d submissions the size of the template (%.1f KB each) as JSON Lines → "
                + "--format jsonl --out, fresh process, start-up included%n", cliCount, bytes / 1024.0 / cliCount);
        System.out.printf("  %.2f s, %.0f /s (target ≥ 6,000/s: %s)%n", s, cliCount / s, met(cliCount / s >= 6000));

        // issue 27's small batch: the size analysts mostly run, where start-up and the JIT's warm-up dominate
        int small = Math.min(cliCount, 2_000);
        Path few = tmp.resolve("small.jsonl");
        try (java.util.stream.Stream<String> lines = Files.lines(in, StandardCharsets.UTF_8)) {
            Files.write(few, lines.limit(small).toList(), StandardCharsets.UTF_8);
        }
        List<String> scoreFew = cmd(List.of(), "-Djixiao.home=" + System.getProperty("jixiao.home", "."), "-jar",
                jar(), "score", "--format", "jsonl", "--out", tmp.resolve("small-results.jsonl").toString(),
                few.toString());
        double f = median(() -> time(scoreFew, cache), 5);
        System.out.printf("  a small batch of %,d the same way: %.2f s, median of 5 (target ≤ 3 s for 2,000: %s)%n",
                small, f, met(small == 2_000 && f <= 3));
    }

    // ---- editing a rule ----

    /**
     * An analyst's edit, timed twice on a copy of the notice: {@code score} once right after the edit (the rules
     * compile again), and {@code test --watch} from the save to the end of the re-run of the notice's scenarios.
     */
    private void editCycle(String notice) throws Exception {
        inTempDir("jixiao-bench-edit", tmp -> editCycle(notice, tmp));
    }

    // ---- a save in the workbench ----

    /**
     * What an analyst waits for in the workbench: a save of a draft's rule file (a comment added each time), from the
     * POST to the answer holding the compile result and every scenario of the draft run, over HTTP against a fresh
     * {@code jixiao serve} in its own process (so the first save is the one after a start). The draft is a working
     * copy of the notice, made as the page's 起草 button makes it ({@code jixiao draft}).
     */
    private void saves(String notice, Path tmp) throws Exception {
        Path home = Path.of(System.getProperty("jixiao.home", "."));
        Path rules = tmp.resolve("rules");
        copy(home.resolve("rules"), rules);
        copy(home.resolve("scenarios"), tmp.resolve("scenarios"));
        String cache = tmp.resolve("cache").toString();
        time(cmd(quickOptions(), "-Djixiao.home=" + home, "-jar", jar(), "draft", notice, "--rules-root",
                rules.toString()), cache);
        Path file;
        try (java.util.stream.Stream<Path> files = Files.list(rules.resolve("drafts").resolve(notice))) {
            file = files.filter(f -> f.getFileName().toString().endsWith(".drl")).sorted().reduce((a, b) -> b)
                    .orElseThrow();
        }
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            port = free.getLocalPort();
        }
        String token = jixiao.server.ApiServer.newToken();
        ProcessBuilder pb = new ProcessBuilder(cmd(List.of(), "-Djixiao.home=" + home, "-jar", jar(), "serve",
                "--port", String.valueOf(port), "--token", token, "--rules-root", rules.toString()))
                .redirectErrorStream(true).redirectOutput(tmp.resolve("serve.log").toFile());
        pb.environment().put("JIXIAO_CACHE", cache);
        Process server = pb.start();
        double[] times = new double[saveRuns];
        try {
            java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + port;
            String cookie = null;
            for (int i = 0; i < 300 && cookie == null; i++) { // the server is up when its link answers
                try {
                    cookie = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/?token="
                            + token)).build(), java.net.http.HttpResponse.BodyHandlers.discarding()).headers()
                            .firstValue("Set-Cookie").map(c -> c.split(";", 2)[0]).orElse(null);
                } catch (java.io.IOException notYet) {
                    Thread.sleep(100);
                }
            }
            if (cookie == null) {
                throw new IllegalStateException("jixiao serve did not start: see " + tmp.resolve("serve.log"));
            }
            String path = "/drafts/" + notice + "/files/" + file.getFileName();
            String editor = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + path))
                    .header("Cookie", cookie).build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body();
            java.util.regex.Matcher key = java.util.regex.Pattern.compile("data-edit-key=\"([0-9a-f]+)\"")
                    .matcher(editor);
            java.util.regex.Matcher from = java.util.regex.Pattern.compile("data-base=\"([0-9a-f]+)\"").matcher(editor);
            if (!key.find() || !from.find()) {
                throw new IllegalStateException("the editor page of " + path + " gave no edit key");
            }
            String fingerprint = from.group(1);
            String text = Files.readString(file, StandardCharsets.UTF_8);
            for (int i = 0; i < saveRuns; i++) {
                text += "\n// bench: save " + i + "\n";
                long t0 = System.nanoTime();
                java.net.http.HttpResponse<String> saved = http.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(base + path)).header("Cookie", cookie).header("X-Jixiao-Edit", key.group(1))
                        .header("X-Jixiao-Base", fingerprint).header("Content-Type", "text/plain; charset=utf-8")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8)).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                times[i] = (System.nanoTime() - t0) / 1e9;
                if (saved.statusCode() != 200) {
                    throw new IllegalStateException("save " + i + " answered " + saved.statusCode() + ": "
                            + saved.body());
                }
                fingerprint = new com.fasterxml.jackson.databind.ObjectMapper().readTree(saved.body()).path("base").asText();
            }
        } finally {
            server.destroy();
            server.waitFor(10, TimeUnit.SECONDS);
        }
        double[] warm = Arrays.copyOfRange(times, 1, times.length);
        Arrays.sort(warm);
        double median = warm.length == 0 ? times[0] : warm[warm.length / 2];
        System.out.println();
        System.out.println("A workbench save of " + file.getFileName() + " in a draft of " + notice + ", over HTTP to a "
                + "fresh jixiao serve, from the POST to the answer with every scenario's result");
        System.out.printf("  the first save after the server starts   %6.3f s%n", times[0]);
        System.out.printf("  the next %d, median                       %6.3f s  (target ≤ 1 s: %s)%n", warm.length,
                median, met(median <= 1));
        StringBuilder each = new StringBuilder();
        for (double t : times) {
            each.append(String.format(" %.2f", t));
        }
        System.out.println("  each, in order (s):" + each);
    }

    private void editCycle(String notice, Path tmp) throws Exception {
        Path home = Path.of(System.getProperty("jixiao.home", "."));
        Path rules = tmp.resolve("rules");
        copy(home.resolve("rules"), rules);
        Path scenarios = tmp.resolve("scenarios").resolve(notice);
        copy(home.resolve("scenarios").resolve(notice), scenarios);
        Path file;
        try (java.util.stream.Stream<Path> files = Files.list(rules.resolve(notice))) {
            file = files.filter(f -> f.getFileName().toString().endsWith(".drl")).sorted().reduce((a, b) -> b)
                    .orElseThrow();
        }
        String cache = tmp.resolve("cache").toString();
        List<String> score = cmd(quickOptions(), "-Djixiao.home=" + home, "-jar", jar(), "score", "--rules-root",
                rules.toString(), "--format", "json", template.toString());
        time(score, cache);
        double[] scoring = new double[editRuns];
        double[] watching = new double[editRuns];
        double[] watchingAtOnce = new double[editRuns];
        for (int i = 0; i < editRuns; i++) {
            Files.writeString(file, "\n// bench: edit " + i + " " + System.nanoTime() + "\n",
                    StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
            scoring[i] = time(score, cache);
            watching[i] = watch(rules, scenarios, file, cache, i, WATCH_PAUSE_MS);
            watchingAtOnce[i] = watch(rules, scenarios, file, cache, i, 300);
        }
        Arrays.sort(scoring);
        Arrays.sort(watching);
        Arrays.sort(watchingAtOnce);
        System.out.println();
        System.out.println("Editing one rule file of " + notice + " (" + file.getFileName() + "), median of " + editRuns);
        System.out.printf("  score once right after the edit (the rules compile again)  %6.3f s%n",
                scoring[editRuns / 2]);
        System.out.printf("  test --watch, a save %d s after the first run: from the save to the end of the re-run   %6.3f s  "
                + "(target ≤ 1 s: %s)%n", WATCH_PAUSE_MS / 1000, watching[editRuns / 2],
                met(watching[editRuns / 2] <= 1));
        System.out.printf("  test --watch, a save 0.3 s after the first run (the JIT still cold)                 %6.3f s%n",
                watchingAtOnce[editRuns / 2]);
    }

    /**
     * An analyst reads the first run's outcome, then edits a rule: seconds, not milliseconds. (The watch uses that time
     * to run the scenarios quietly, so that the Java code of the re-run is compiled by then.)
     */
    private static final long WATCH_PAUSE_MS = 5000;

    /**
     * One round of test --watch in a child process: the time from a save (made pauseMs after it started watching) to
     * the re-run's summary (the process then ends, --watch-limit 1; its exit is not timed).
     */
    private double watch(Path rules, Path scenarios, Path file, String cache, int round, long pauseMs)
            throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd(List.of(), "-Djixiao.home=" + System.getProperty("jixiao.home",
                "."), "-jar", jar(), "test", "--watch", "--watch-limit", "1", "--rules-root", rules.toString(),
                scenarios.toString())).redirectErrorStream(true);
        pb.environment().put("JIXIAO_CACHE", cache);
        Process p = pb.start();
        java.io.BufferedReader out = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(),
                StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null && !line.startsWith("watching ")) {
            // the first run of the scenarios
        }
        Thread.sleep(pauseMs);
        long t0 = System.nanoTime();
        Files.writeString(file, "\n// bench: watched edit " + round + "\n", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.APPEND);
        double seconds = Double.NaN;
        while ((line = out.readLine()) != null) {
            if (Double.isNaN(seconds) && line.contains(" passed, ")) { // the re-run's summary: the re-run is over
                seconds = (System.nanoTime() - t0) / 1e9;
            }
        }
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("test --watch did not end");
        }
        if (Double.isNaN(seconds)) {
            throw new IllegalStateException("test --watch printed no summary after the save");
        }
        return seconds;
    }

    /** Removes a temporary folder of the bench and everything in it (copies of rules, caches, generated input). */
    private static void deleteTree(Path dir) throws IOException {
        try (java.util.stream.Stream<Path> all = Files.walk(dir)) {
            for (Path f : (Iterable<Path>) all.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(f);
            }
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (java.util.stream.Stream<Path> all = Files.walk(from)) {
            for (Path f : (Iterable<Path>) all::iterator) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
    }

    // ---- throughput ----

    private void throughput(Synthetic gen, Policy policy) throws Exception {
        List<Integer> counts = threadCounts(threads);
        System.out.println();
        System.out.println("Throughput of the batch path (parse, score, render JSON Lines, in input order), " + count
                + " submissions after a warm-up of " + Math.min(count, 3_000) + ", on 1 to " + threads + " threads "
                + "(target: efficiency ≥ 0.8 at every count)");
        curve("a realistic mix (most indicators met and self-scored right, a few findings)", gen::realistic, policy,
                counts);
        curve("every figure varied (the worst case: ~70 findings a submission)", gen::json, policy, counts);
    }

    /** 1, 2, 4 … up to {@code max}, and {@code max} itself. */
    static List<Integer> threadCounts(int max) {
        List<Integer> out = new ArrayList<>();
        for (int n = 1; n < max; n *= 2) {
            out.add(n);
        }
        out.add(Math.max(1, max));
        return out;
    }

    /** One data set through the batch path on each thread count: rate, speed-up over one thread, efficiency. */
    private void curve(String what, java.util.function.LongFunction<String> make, Policy policy, List<Integer> counts)
            throws Exception {
        List<String> texts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            texts.add(make.apply(i));
        }
        int warm = Math.min(count, 3_000);
        parseOnly(texts.subList(0, warm));
        for (int n : counts) { // each thread count warmed up before any is timed
            batch(texts.subList(0, warm), policy, n);
        }
        double parse = count / seconds(() -> parseOnly(texts));
        System.out.println("  " + what + ", " + texts.stream().mapToLong(String::length).sum() / texts.size() / 1024
                + " KB a submission; parsing alone " + String.format("%.0f /s", parse));
        double one = 0;
        boolean allMet = true;
        for (int n : counts) {
            double rate = count / seconds(() -> batch(texts, policy, n));
            one = n == 1 ? rate : one;
            double efficiency = rate / (n * one);
            allMet &= efficiency >= 0.8;
            System.out.printf("    %2d thread%s %8.0f /s   %.2f× one thread, efficiency %.2f%n", n, n == 1 ? " " : "s",
                    rate, rate / one, efficiency);
        }
        System.out.println("    scaling: " + met(allMet));
    }

    /**
     * The limit: the same submissions read, scored and rendered by the product and by the hand-written Java reference
     * of the notice ({@link ReferenceNotice}), on one thread, each stage timed apart; first every result compared.
     */
    private void limit(ReferenceNotice reference, Synthetic gen, Policy policy) throws Exception {
        List<String> texts = new ArrayList<>(referenceCount);
        for (int i = 0; i < referenceCount; i++) {
            texts.add(gen.json(i));
        }
        // the scorer as `jixiao score` sets it up: no firing log (reports do not need it), the default time limit
        Scorer scorer = new Scorer(Scorer.DEFAULT_MAX_FIRINGS, false).withTimeout(java.time.Duration.ofSeconds(60));
        Reference.Agreement agreement = Reference.compare(reference, texts, policy, scorer);
        long[] ref = new long[3];
        long[] product = new long[3];
        for (int round = 0; round < 2; round++) { // the first round warms the JIT up; the second is measured
            java.util.Arrays.fill(ref, 0);
            java.util.Arrays.fill(product, 0);
            Reference.time(reference, texts, policy, scorer, ref, product);
        }
        double n = texts.size();
        double refTotal = (ref[0] + ref[1] + ref[2]) / n / 1e3;
        double productTotal = (product[0] + product[1] + product[2]) / n / 1e3;
        System.out.println();
        System.out.println("The limit: the rules against a plain-Java reference of " + reference.notice() + ", " + texts.size()
                + " submissions, 1 thread");
        System.out.println("  " + agreement);
        System.out.println("  per submission (µs)      read     score    render   end to end");
        System.out.printf("  reference (Java)     %8.1f  %8.1f  %8.1f  %8.1f%n", ref[0] / n / 1e3, ref[1] / n / 1e3,
                ref[2] / n / 1e3, refTotal);
        System.out.printf("  product (rules)      %8.1f  %8.1f  %8.1f  %8.1f%n", product[0] / n / 1e3,
                product[1] / n / 1e3, product[2] / n / 1e3, productTotal);
        System.out.printf("  product speed ÷ reference speed, end to end: %.2f× (target ≥ 0.5×: %s)%n",
                refTotal / productTotal, met(refTotal / productTotal >= 0.5 && agreement.allAgree()));
    }

    private interface Work {
        void run() throws Exception;
    }

    private static double seconds(Work w) throws Exception {
        long t0 = System.nanoTime();
        w.run();
        return (System.nanoTime() - t0) / 1e9;
    }

    private static void parseOnly(List<String> texts) throws Exception {
        int i = 0;
        for (String t : texts) {
            SubmissionReader.parse("bench", t, "bench-" + i++);
        }
    }

    /** The product's batch path: parse, score, render JSON Lines, in input order, on a pool of threads. */
    private static Batch.Summary batch(List<String> texts, Policy policy, int threads) throws Exception {
        Scorer scorer = new Scorer(Scorer.DEFAULT_MAX_FIRINGS, false);
        Path file = Path.of("bench.jsonl");
        Iterator<Inputs.Item> items = new Iterator<>() {
            int i;

            public boolean hasNext() {
                return i < texts.size();
            }

            public Inputs.Item next() {
                i++;
                return new Inputs.Item(file, i, texts.get(i - 1));
            }
        };
        return run(items, policy, scorer, threads, new jixiao.report.JsonResults(java.io.OutputStream.nullOutputStream(), false));
    }

    private static Batch.Summary run(Iterator<Inputs.Item> items, Policy policy, Scorer scorer, int threads,
                                     jixiao.report.ResultWriter<?> out) throws Exception {
        Batch.Summary s = new Batch(threads, item -> {
            try {
                Submission sub = SubmissionReader.parse(item.label(), item.text(), item.defaultId());
                ScoreResult r = scorer.score(policy, sub);
                return new Batch.Outcome(out.render(r), r.grade() == null ? null : r.grade().getName(),
                        null, Exit.OK, r);
            } catch (Exception e) {
                return new Batch.Outcome(null, null, item.label() + ": " + e.getMessage(), Exit.BAD_INPUT);
            }
        }).run(items, out, new Progress(null, -1));
        if (!s.failures().isEmpty()) {
            throw new IllegalStateException("synthetic submissions failed: " + s.failures().get(0));
        }
        return s;
    }

    // ---- memory ----

    private void memory(long n, String format) throws Exception {
        List<String> c = cmd(List.of("-Xmx512m"), "-Djixiao.home=" + System.getProperty("jixiao.home", "."),
                "-cp", jar(), BenchCommand.class.getName(), "--memory-probe", String.valueOf(n), "--memory-format",
                format, "--template", template.toString(), "--indicators", String.valueOf(indicators), "--threads",
                String.valueOf(threads));
        ProcessBuilder pb = new ProcessBuilder(c).redirectErrorStream(true);
        long t0 = System.nanoTime();
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        int rc = p.waitFor();
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.println();
        System.out.printf("Memory, %d submissions streamed through the batch path to --format %s in a child JVM with "
                + "-Xmx512m: %s (%s, %.0f s)%n", n, format, rc == 0 ? "completed" : "FAILED (exit " + rc + ")", output,
                s);
    }

    /** The writer of the probe's format, as {@code score --format F --out} makes it, into nothing (or {@code tmp}). */
    private jixiao.report.ResultWriter<?> probeWriter(Path tmp) {
        switch (memoryFormat) {
            case "jsonl":
                return new jixiao.report.JsonResults(java.io.OutputStream.nullOutputStream(), false);
            case "text":
                return new jixiao.report.TextResults(Writer.nullWriter());
            case "csv":
                return new jixiao.report.CsvResults(Writer.nullWriter());
            case "xlsx":
                return new jixiao.report.XlsxReport(java.io.OutputStream.nullOutputStream());
            case "html": // a page a submission would be 44 GB at 1,000,000: pages are rendered, then dropped
                return new jixiao.report.HtmlPagesResults(tmp, (name, html) -> { });
            default:
                throw new IllegalArgumentException("--memory-format " + memoryFormat);
        }
    }

    private int probe(Synthetic gen, Policy policy) throws Exception {
        Iterator<Inputs.Item> items = new Iterator<>() {
            long i;

            public boolean hasNext() {
                return i < memoryProbe;
            }

            public Inputs.Item next() {
                i++;
                return new Inputs.Item(Path.of("generated.jsonl"), (int) Math.min(i, Integer.MAX_VALUE), gen.json(i));
            }
        };
        Path tmp = Files.createTempDirectory("jixiao-bench-memory");
        long t0 = System.nanoTime();
        Batch.Summary s;
        try {
            s = run(items, policy, new Scorer(Scorer.DEFAULT_MAX_FIRINGS, false), threads, probeWriter(tmp));
        } finally {
            deleteTree(tmp);
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf("%d scored, peak heap %d MB, %.0f /s", s.scored(), peak >> 20, s.scored() / secs);
        return Exit.OK;
    }
}
