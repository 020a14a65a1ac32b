package jixiao.engine;

import java.nio.file.Path;
import java.util.List;
import org.kie.api.KieBase;

/**
 * A compiled policy folder: one KIE base shared by every submission it scores, the phases its rules run in
 * (in order), and a description of each rule. {@code fingerprint} identifies the rule files' contents;
 * {@code fromCache} says the rules were read compiled from the cache rather than compiled now; {@code sources} are the
 * effective rule files (the folder's own over its bases') and {@code layers} the folders they come from, the deepest
 * base first. {@code fields} are the fields its submissions carry besides the built-in ones, its bases' included;
 * {@code codes} the finding codes its rules write, with their Chinese names.
 */
public record Policy(Notice notice, Path folder, KieBase kieBase, List<String> phases, List<RuleInfo> rules,
                     String fingerprint, boolean fromCache, List<PolicyFiles.Source> sources, List<Path> layers,
                     List<jixiao.model.FieldDeclaration> fields, java.util.Map<String, Notice.CodeName> codes) {

    /** A rule of the policy: its name (a sentence), its phase, and the file it is written in. */
    public record RuleInfo(String name, String phase, String file) {
    }

    /**
     * Puts the phases on the session's agenda so that they run in the order of their numbers: the agenda is a stack,
     * so the last phase is focused first and the first phase last.
     */
    public void focusPhases(org.kie.api.runtime.KieSession session) {
        List<String> reversed = new java.util.ArrayList<>(phases);
        java.util.Collections.reverse(reversed);
        reversed.forEach(p -> session.getAgenda().getAgendaGroup(p).setFocus());
    }

    public String id() {
        return notice.id();
    }

    /**
     * Whether these are a draft's rules ({@code rules/drafts/ID/}): not in force, scored with only when named. Every
     * report of a result they give says so.
     */
    public boolean isDraft() {
        Path parent = folder == null ? null : folder.toAbsolutePath().normalize().getParent();
        return parent != null && parent.getFileName() != null
                && parent.getFileName().toString().equals(PolicyRegistry.DRAFTS);
    }

    /** The Chinese name of a finding code, as the notice (or its bases) names it in notice.json; null when unnamed. */
    public String codeName(String code) {
        Notice.CodeName n = codes == null ? null : codes.get(code);
        return n == null ? null : n.name();
    }
}
