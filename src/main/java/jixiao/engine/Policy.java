package jixiao.engine;

import java.nio.file.Path;
import java.util.List;
import org.kie.api.KieBase;

/**
 * A compiled policy folder: one KIE base shared by every submission it scores, the phases its rules run in
 * (in order), and a description of each rule. {@code fingerprint} identifies the rule files' contents;
 * {@code fromCache} says the rules were read compiled from the cache rather than compiled now.
 */
public record Policy(Notice notice, Path folder, KieBase kieBase, List<String> phases, List<RuleInfo> rules,
                     String fingerprint, boolean fromCache) {

    /** A rule of the policy: its name (a sentence), its phase, and the file it is written in. */
    public record RuleInfo(String name, String phase, String file) {
    }

    public String id() {
        return notice.id();
    }
}
