package jixiao;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Data flows one way — read → facts → session → results → report — and the packages say so: each package uses only
 * the packages before it. The batch path streams items through them; the benchmark measures the batch path; the
 * command line, which wires everything together, may use all.
 */
class ArchitectureTest {

    private static final Map<String, Set<String>> MAY_USE = Map.of(
            "model", Set.of(),
            "input", Set.of("model"),
            "engine", Set.of("model"),
            "report", Set.of("model", "engine", "service"),
            "scenario", Set.of("model", "engine", "input"),
            "service", Set.of("model", "engine", "input"),
            "batch", Set.of("model", "engine", "input", "report", "scenario", "service"),
            "bench", Set.of("model", "engine", "input", "report", "scenario", "service", "batch", "server"),
            "publish", Set.of("model", "engine", "input", "scenario"),
            "server", Set.of("model", "engine", "input", "report", "scenario", "service", "batch", "publish"));
    private static final Pattern USE = Pattern.compile("\\bjixiao\\.([a-z]+)\\.[A-Z]");

    @Test
    void eachPackageUsesOnlyThePackagesBeforeIt() throws Exception {
        List<String> violations = new ArrayList<>();
        for (Map.Entry<String, Set<String>> e : MAY_USE.entrySet()) {
            Path dir = Path.of("src/main/java/jixiao", e.getKey());
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> s = Files.list(dir)) {
                for (Path f : s.filter(p -> p.toString().endsWith(".java")).toList()) {
                    int n = 0;
                    for (String line : Files.readAllLines(f)) {
                        n++;
                        String code = line.strip();
                        if (code.startsWith("*") || code.startsWith("//") || code.startsWith("/*")) {
                            continue;
                        }
                        Matcher m = USE.matcher(code);
                        while (m.find()) {
                            String used = m.group(1);
                            if (!used.equals(e.getKey()) && !e.getValue().contains(used)) {
                                violations.add(f + ":" + n + " uses jixiao." + used);
                            }
                        }
                    }
                }
            }
        }
        assertThat(violations).isEmpty();
    }
}
