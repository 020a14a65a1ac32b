package jixiao;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jixiao.cli.Main;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Memory does not grow with the batch: 10,000 submissions are scored in a JVM limited to 128 MB of heap (the rules compiled in it too, the cache off), in every
 * output format (XLSX streams through POI's SXSSF, HTML pages are written as they are scored).
 */
class SmallHeapTest {

    static final int COUNT = 10_000;

    @TempDir
    static Path tmp;

    static Path batch() throws Exception {
        Path f = tmp.resolve("region.jsonl");
        if (!Files.exists(f)) {
            ObjectMapper m = new ObjectMapper();
            ObjectNode s = (ObjectNode) m.readTree(Files.readString(Fixtures.MINIMAL));
            try (BufferedWriter w = Files.newBufferedWriter(f, StandardCharsets.UTF_8)) {
                for (int i = 0; i < COUNT; i++) {
                    s.put("id", "s" + i);
                    w.write(m.writeValueAsString(s));
                    w.write('\n');
                }
            }
        }
        return f;
    }

    @ParameterizedTest
    @ValueSource(strings = {"text", "json", "jsonl", "csv", "xlsx", "html"})
    void tenThousandSubmissionsInA128MegabyteHeap(String format) throws Exception {
        Path out = tmp.resolve("out-" + format);
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-XX:+UseSerialGC", "-Dfile.encoding=UTF-8", "-Djixiao.cache=off", "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "score", batch().toString(),
                "--format", format, "--out", out.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(output).isZero();
        assertThat(output).contains(COUNT + " scored, 0 failed");
        if (format.equals("html")) {
            try (var s = Files.list(out)) {
                assertThat(s.count()).isEqualTo(COUNT + 1L); // a page each and the index
            }
        } else {
            assertThat(Files.size(out)).isPositive();
        }
    }
}
