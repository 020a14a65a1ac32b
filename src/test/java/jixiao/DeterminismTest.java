package jixiao;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jixiao.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same input gives byte-identical output — across processes, with the compiled-policy cache off, cold and warm,
 * and on one thread or several.
 */
class DeterminismTest {

    @TempDir
    Path tmp;

    private byte[] run(String cache, int threads, String format) throws Exception {
        Path out = tmp.resolve("out-" + cache.hashCode() + "-" + threads + "-" + System.nanoTime() + "." + format);
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dfile.encoding=UTF-8", "-Djixiao.cache=" + cache, "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "score"));
        Fixtures.SHIPPED.forEach(n -> cmd.add("scenarios/" + n)); // the shipped submissions, not an analyst's drafts
        cmd.addAll(List.of("--threads", String.valueOf(threads), "--format", format, "--out", out.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(log).isZero();
        return Files.readAllBytes(out);
    }

    @Test
    void outputIsByteIdenticalAcrossProcessesCacheAndThreads() throws Exception {
        String cache = tmp.resolve("cache").toString();
        byte[] noCache = run("off", 1, "jsonl");
        byte[] cold = run(cache, 2, "jsonl");   // compiles and stores the policies
        byte[] warm = run(cache, 2, "jsonl");   // reads them from the cache
        byte[] oneThreadWarm = run(cache, 1, "jsonl");
        assertThat(noCache.length).isGreaterThan(10_000);
        assertThat(cold).as("cache cold").isEqualTo(noCache);
        assertThat(warm).as("cache warm").isEqualTo(noCache);
        assertThat(oneThreadWarm).as("one thread, cache warm").isEqualTo(noCache);
        assertThat(run(cache, 2, "csv")).as("csv, cache warm").isEqualTo(run("off", 1, "csv"));
        try (var s = Files.list(Path.of(cache))) {
            assertThat(s.filter(p -> p.toString().endsWith(".kpkg"))).as("the cache was used").isNotEmpty();
        }
    }
}
