package jixiao.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.ToIntBiFunction;
import jixiao.engine.PolicyRegistry;
import jixiao.scenario.Scenario;
import jixiao.scenario.ScenarioReader;
import jixiao.scenario.ScenarioRunner;
import jixiao.scenario.ScenarioRunner.Outcome;

/**
 * {@code jixiao test --watch}: watches the rules and scenario folders and, when a file is saved, recompiles the
 * policy it belongs to (in this JVM) and re-runs the scenarios it affects. A save that breaks the rules shows the
 * compile error as broken scenarios, and watching goes on.
 */
final class Watcher {

    private static final long SETTLE_MS = 150;
    /** Quiet runs of the scenarios after each run, while the analyst reads and edits, so that the next re-run is quick. */
    private static final int WARM_UP_ROUNDS = 3;

    private final PolicyRegistry registry;
    private final ScenarioRunner runner;
    private final List<Path> scenarioRoots;
    private final Path rulesRoot;
    private final Map<Path, Outcome> last = new LinkedHashMap<>();
    private final BiConsumer<PrintStream, Outcome> print;
    private final ToIntBiFunction<PrintStream, List<Outcome>> summary;
    private final int limit;
    private final Map<WatchKey, Path> keys = new HashMap<>();
    private final ScenarioRunner warmRunner;
    private volatile boolean stopWarming;
    private final Object warmLock = new Object();
    private boolean compilerReady;

    /**
     * @param warmRunner a runner like {@code runner} with a scorer of its own: it runs the scenarios quietly between
     *                   saves (the Java code they run is then compiled, and the first re-run after a save is not slow)
     */
    Watcher(PolicyRegistry registry, ScenarioRunner runner, ScenarioRunner warmRunner, List<Path> scenarioRoots,
            Path rulesRoot, List<Outcome> first, BiConsumer<PrintStream, Outcome> print,
            ToIntBiFunction<PrintStream, List<Outcome>> summary, int limit) {
        this.registry = registry;
        this.runner = runner;
        this.warmRunner = warmRunner;
        this.scenarioRoots = scenarioRoots;
        this.rulesRoot = rulesRoot;
        first.forEach(o -> last.put(o.file().toAbsolutePath().normalize(), o));
        this.print = print;
        this.summary = summary;
        this.limit = limit;
    }

    void run() throws IOException, InterruptedException {
        PrintStream o = System.out;
        try (WatchService ws = FileSystems.getDefault().newWatchService()) {
            Set<Path> dirs = new LinkedHashSet<>();
            dirs.add(rulesRoot);
            for (Path r : scenarioRoots) {
                dirs.add(Files.isDirectory(r) ? r : r.toAbsolutePath().getParent());
            }
            for (Outcome x : last.values()) {
                inputsOf(x.file()).forEach(p -> dirs.add(p.getParent()));
            }
            for (Path d : dirs) {
                registerTree(ws, d);
            }
            o.println("watching " + dirs + " (Ctrl-C to stop)");
            o.flush();
            int rounds = 0;
            warmUp();
            while (rounds < limit) {
                WatchKey key = ws.take();
                stopWarmUp(); // before any policy is compiled again: the quiet runs use the same KIE bases
                Set<Path> changed = new LinkedHashSet<>();
                collect(ws, key, changed);
                // let the editor finish writing, and gather the other events of the same save
                WatchKey more;
                while ((more = ws.poll(SETTLE_MS, TimeUnit.MILLISECONDS)) != null) {
                    collect(ws, more, changed);
                }
                List<Path> affected = affected(changed);
                if (affected.isEmpty()) {
                    warmUp();
                    continue;
                }
                rounds++;
                o.println();
                o.println("[" + LocalTime.now().format(DateTimeFormatter.ofPattern("HH:mm:ss")) + "] changed: "
                        + changed.stream().map(Path::getFileName).toList() + "; re-running " + affected.size()
                        + " scenario(s)");
                List<Outcome> now = new ArrayList<>();
                for (Path f : affected) {
                    Outcome x = runner.run(f);
                    last.put(f, x);
                    print.accept(o, x);
                    now.add(x);
                }
                summary.applyAsInt(o, now);
                o.flush();
                if (rounds < limit) {
                    warmUp();
                }
            }
        } finally {
            stopWarmUp();
        }
    }

    /**
     * Runs the scenarios quietly a few times on a thread of low priority, until the next save stops it; the first time,
     * it also compiles one of the policies whole and throws it away, so that the compiler is ready for the first save
     * (the policies themselves may have come from the cache, compiling nothing).
     */
    private void warmUp() {
        List<Path> files = new ArrayList<>(last.keySet());
        jixiao.engine.Policy sample = compilerReady ? null : last.values().stream().map(Outcome::policy)
                .filter(java.util.Objects::nonNull).findFirst().orElse(null);
        compilerReady = true;
        stopWarming = false;
        Thread warming = new Thread(() -> {
            if (sample != null) {
                try {
                    jixiao.engine.PolicyLoader.load(jixiao.engine.PolicyFiles.resolve(sample.folder()), null);
                } catch (jixiao.engine.PolicyException | RuntimeException e) {
                    // only a warm-up: the real compile after a save reports what is wrong
                }
            }
            for (int round = 0; round < WARM_UP_ROUNDS; round++) {
                for (Path f : files) {
                    synchronized (warmLock) {
                        if (stopWarming) {
                            return;
                        }
                        try {
                            warmRunner.run(f);
                        } catch (RuntimeException | StackOverflowError e) {
                            // a quiet run reports nothing: the real run after the next save does
                        }
                    }
                }
            }
        }, "jixiao-watch-warm-up");
        warming.setDaemon(true);
        warming.setPriority(Thread.MIN_PRIORITY);
        warming.start();
    }

    /**
     * Stops the quiet runs: waits for the one under way (a few milliseconds), not for the compile of the first warm-up,
     * which touches nothing the watch uses and may finish on its own.
     */
    private void stopWarmUp() {
        stopWarming = true;
        synchronized (warmLock) {
            // empty on purpose: taking the lock is the wait for the quiet run under way; the next one sees the flag
        }
    }

    private void collect(WatchService ws, WatchKey key, Set<Path> changed) throws IOException {
        Path dir = keys.get(key);
        for (WatchEvent<?> e : key.pollEvents()) {
            if (e.kind() == StandardWatchEventKinds.OVERFLOW || dir == null) {
                continue;
            }
            Path p = dir.resolve((Path) e.context()).toAbsolutePath().normalize();
            if (e.kind() == StandardWatchEventKinds.ENTRY_CREATE && Files.isDirectory(p)) {
                registerTree(ws, p);
            }
            String name = p.getFileName().toString();
            if (name.endsWith(".drl") || name.endsWith(".json") || name.endsWith(".csv")) {
                changed.add(p);
            }
        }
        key.reset();
    }

    /** Scenarios to re-run: those whose policy holds a changed file, those that read a changed file, new ones. */
    private List<Path> affected(Set<Path> changed) throws IOException {
        Set<Path> out = new LinkedHashSet<>();
        Path root = rulesRoot.toAbsolutePath().normalize();
        Set<Path> folders = new LinkedHashSet<>();
        for (Path c : changed) {
            if (c.startsWith(root)) {
                folders.add(root.resolve(root.relativize(c).getName(0)));
            }
        }
        for (Path folder : folders) {
            for (Outcome x : last.values()) { // the folder's own scenarios, and those of notices built on it
                if (x.policy() == null || x.policy().layers().contains(folder)) {
                    out.add(x.file().toAbsolutePath().normalize());
                }
            }
            List<jixiao.engine.Policy> old = registry.invalidate(folder);
            old.forEach(runner::release); // their pooled sessions go with them
            old.forEach(warmRunner::release);
            registry.reload(old); // only the edited rules compiled again, when that is all that changed
        }
        for (Path c : changed) {
            for (Outcome x : last.values()) {
                if (inputsOf(x.file()).contains(c)) {
                    out.add(x.file().toAbsolutePath().normalize());
                }
            }
        }
        for (Path f : ScenarioReader.find(scenarioRoots)) {
            Path abs = f.toAbsolutePath().normalize();
            if (changed.contains(abs) || !last.containsKey(abs)) {
                out.add(abs);
            }
        }
        out.removeIf(p -> !Files.exists(p));
        return new ArrayList<>(out);
    }

    private static Set<Path> inputsOf(Path scenarioFile) {
        try {
            Scenario s = ScenarioReader.read(scenarioFile);
            return s.inputs();
        } catch (Exception e) { // an unreadable scenario is reported as BROKEN when it runs; here it is only itself
            return Set.of(scenarioFile.toAbsolutePath().normalize());
        }
    }

    private void registerTree(WatchService ws, Path start) throws IOException {
        if (!Files.isDirectory(start)) {
            return;
        }
        Files.walkFileTree(start, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Path abs = dir.toAbsolutePath().normalize();
                if (!keys.containsValue(abs)) {
                    keys.put(abs.register(ws, StandardWatchEventKinds.ENTRY_CREATE,
                            StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE), abs);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
