package jixiao.engine;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.drools.base.definitions.rule.impl.RuleImpl;
import org.drools.decisiontable.InputType;
import org.drools.decisiontable.SpreadsheetCompiler;
import java.util.Collection;
import org.drools.kiesession.rulebase.InternalKnowledgeBase;
import org.drools.kiesession.rulebase.KnowledgeBaseFactory;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.kie.api.io.Resource;
import org.kie.api.io.ResourceType;
import org.kie.internal.builder.CompositeKnowledgeBuilder;

import org.kie.internal.builder.KnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilderError;
import org.kie.internal.builder.KnowledgeBuilderFactory;
import org.kie.internal.io.ResourceFactory;

/**
 * Compiles every {@code .drl} file under a policy folder into one KIE base, at run time.
 *
 * <p>Every rule must name its phase with {@code ruleflow-group "NN name"}; phases run in the order of their
 * leading number. Compile errors are returned with their file and line; when there are parse errors, the
 * "unable to resolve" errors that they set off in other files are marked as follow-on errors.
 */
public final class PolicyLoader {

    public static final String METADATA_FILE = "notice.json";
    private static final Pattern PHASE_NUMBER = Pattern.compile("^\\s*(\\d+)");
    private static final Pattern DECLARE = Pattern.compile("(?m)^\\s*declare\\s+\\S");

    private PolicyLoader() {
    }

    public static Policy load(Path folder) throws PolicyException {
        return load(folder, null);
    }

    /** Loads a policy folder, from the cache when it holds this exact folder's compiled rules. */
    public static Policy load(Path folder, PolicyCache cache) throws PolicyException {
        return load(PolicyFiles.resolve(folder), cache);
    }

    /**
     * Compiles a resolved set of rule files (a folder laid over its bases). The files were read once: the hash and
     * the compiled rules come from the same bytes, so an edit made while this runs can never be stored under the hash
     * of what was there before.
     */
    public static Policy load(PolicyFiles set, PolicyCache cache) throws PolicyException {
        Path folder = set.folder();
        String hash = set.hash();
        KieBase kieBase = null;
        boolean fromCache = false;
        if (cache != null) {
            Collection<KiePackage> packages = cache.read(hash);
            if (packages != null) {
                InternalKnowledgeBase kb = KnowledgeBaseFactory.newKnowledgeBase();
                kb.addPackages(packages);
                kieBase = kb;
                fromCache = true;
            }
        }
        if (kieBase == null) {
            kieBase = compile(folder, set.files());
            // types declared in DRL are classes generated with the compiled rules; Drools cannot read them back from a
            // stored package, so such a policy is compiled each run rather than stored only to be thrown away
            boolean declaresTypes = set.files().stream().anyMatch(f -> f.name().endsWith(".drl")
                    && DECLARE.matcher(PolicyLinter.withoutComments(f.text())).find());
            if (cache != null && !declaresTypes) {
                cache.write(hash, kieBase);
            }
        }

        return policyOf(set, kieBase, fromCache);
    }

    /** The policy around a compiled KIE base: its phases and rules, each rule in a phase. */
    private static Policy policyOf(PolicyFiles set, KieBase kieBase, boolean fromCache) throws PolicyException {
        Path folder = set.folder();
        List<RuleImpl> compiledRules = new ArrayList<>();
        for (KiePackage p : kieBase.getKiePackages()) {
            for (Rule r : p.getRules()) {
                compiledRules.add((RuleImpl) r);
            }
        }
        List<PolicyProblem> noPhase = new ArrayList<>();
        List<Policy.RuleInfo> rules = new ArrayList<>();
        compiledRules.sort(Comparator.comparing((RuleImpl r) -> phaseKey(String.valueOf(r.getRuleFlowGroup())))
                .thenComparing(r -> String.valueOf(sourceOf(r))).thenComparingInt(RuleImpl::getLoadOrder));
        for (RuleImpl r : compiledRules) {
            String phase = r.getRuleFlowGroup();
            if (phase == null || phase.isBlank() || !PHASE_NUMBER.matcher(phase).find()) {
                noPhase.add(new PolicyProblem(sourceOf(r), 0, "rule \"" + r.getName() + "\" names no phase: add "
                        + "ruleflow-group \"NN name\" (NN, a number, fixes the order in which phases run)", true));
            }
            rules.add(new Policy.RuleInfo(r.getName(), phase, sourceOf(r)));
        }
        if (!noPhase.isEmpty()) {
            throw new PolicyException("the rules of " + folder + " are not all in a phase:", noPhase);
        }
        Set<String> phaseSet = new TreeSet<>(Comparator.comparing(PolicyLoader::phaseKey));
        rules.forEach(r -> phaseSet.add(r.phase()));
        FieldUses.check(set);
        return new Policy(set.notice(), folder, kieBase, List.copyOf(phaseSet), List.copyOf(rules),
                set.fingerprint(), fromCache, set.files(), set.layers(), set.fields(), set.codes());
    }

    /**
     * The policy after an edit of one rule file, compiled again only where it changed: when {@code now} differs from
     * the files {@code old} was compiled from in exactly one rule file (the notice and the other files the same), and
     * the edit changed only that file's rules (its package, imports, functions, globals, declared types and queries as
     * they were), the file's old rules are taken out of {@code old}'s KIE base and its rules as they are now compiled
     * into it. Anything else — a function or a declared type edited, a file added or removed, the notice changed, a
     * compile error — compiles {@code now} whole, as {@link #load(PolicyFiles, PolicyCache)} does (and reports errors
     * as it does). Either way the result scores as a whole compile of {@code now} would ({@code IncrementalReloadTest}
     * holds the two to the same bytes over every scenario).
     *
     * <p>{@code old}'s KIE base is changed in place: {@code old} must not score anything after this (its sessions
     * released first). The result is not stored in the cache; the next run that needs it there compiles it whole.
     */
    public static Policy reload(Policy old, PolicyFiles now, PolicyCache cache) throws PolicyException {
        PolicyFiles.Source before = null;
        PolicyFiles.Source after = null;
        java.util.Map<String, PolicyFiles.Source> was = new java.util.HashMap<>();
        old.sources().forEach(f -> was.put(f.name(), f));
        int changed = 0;
        for (PolicyFiles.Source f : now.files()) {
            PolicyFiles.Source w = was.remove(f.name());
            if (w == null || !w.label().equals(f.label())) {
                changed += 2; // a file added, or now from another layer
            } else if (!java.util.Arrays.equals(w.bytes(), f.bytes())) {
                changed++;
                before = w;
                after = f;
            }
        }
        boolean same = was.isEmpty() && old.notice().equals(now.notice()) && old.folder().equals(now.folder());
        if (same && changed == 0) {
            return old; // saved without a change
        }
        if (!same || changed != 1 || !(old.kieBase() instanceof InternalKnowledgeBase)) {
            return load(now, cache);
        }
        String[] then = rulesAndRest(drlOf(before));
        String newText = drlOf(after);
        String[] nowParts = rulesAndRest(newText);
        if (!then[1].equals(nowParts[1])) {
            return load(now, cache); // more than rules changed
        }
        checkSeverities(now.folder(), java.util.Map.of(after, newText));
        InternalKnowledgeBase kb = (InternalKnowledgeBase) old.kieBase();
        for (KiePackage p : kb.getKiePackages()) {
            for (Rule r : List.copyOf(p.getRules())) {
                if (before.label().equals(sourceOf((RuleImpl) r))) {
                    kb.removeRule(p.getName(), r.getName());
                }
            }
        }
        KnowledgeBuilder builder = KnowledgeBuilderFactory.newKnowledgeBuilder(kb);
        Resource r = ResourceFactory.newByteArrayResource(nowParts[0].getBytes(StandardCharsets.UTF_8));
        r.setSourcePath(after.label());
        try {
            builder.add(r, ResourceType.DRL);
        } catch (RuntimeException e) {
            return load(now, cache); // compiled whole, it reports the problem as a full compile does
        }
        if (builder.hasErrors()) {
            return load(now, cache);
        }
        return policyOf(now, kb, false);
    }

    private static String drlOf(PolicyFiles.Source f) throws PolicyException {
        return f.name().endsWith(".drl") ? f.text() : decisionTableToDrl(f.path(), f.label(), f.bytes());
    }

    private static final Pattern RULE_START = Pattern.compile("^\\s*rule\\b.*");
    private static final Pattern BLOCK_END = Pattern.compile("^\\s*end\\s*$");
    private static final Pattern HEADER = Pattern.compile("^\\s*(package|import)\\b.*");

    /**
     * A rule file split in two, comments left out and line numbers kept: [0] its package, imports and rules, other
     * lines blank (what an edit of rules compiles); [1] everything else, blank lines dropped (what must not have
     * changed for that to be enough).
     */
    static String[] rulesAndRest(String drl) {
        StringBuilder rules = new StringBuilder();
        StringBuilder rest = new StringBuilder();
        boolean inRule = false;
        for (String line : PolicyLinter.withoutComments(drl).split("\n", -1)) {
            boolean keep = inRule || RULE_START.matcher(line).matches() || HEADER.matcher(line).matches();
            if (!inRule && RULE_START.matcher(line).matches()) {
                inRule = true;
            }
            if (inRule && BLOCK_END.matcher(line).matches()) {
                inRule = false;
            }
            rules.append(keep ? line : "").append('\n');
            if (!keep && !line.isBlank()) {
                rest.append(line.strip()).append('\n');
            }
            if (HEADER.matcher(line).matches()) {
                rest.append(line.strip()).append('\n');
            }
        }
        return new String[] {rules.toString(), rest.toString()};
    }

    private static String sourceOf(RuleImpl r) {
        return r.getResource() == null ? null : r.getResource().getSourcePath();
    }

    /** The severities a finding may have; the report ranks them in this order. */
    public static final List<String> SEVERITIES = jixiao.model.Severity.codes();
    private static final java.util.regex.Pattern FINDING = java.util.regex.Pattern.compile(
            "new\\s+Finding\\s*\\(\\s*\"([^\"]*)\"|new\\s+FindingLevel\\s*\\([^,]*,\\s*\"([^\"]*)\"");

    /**
     * A finding's severity misspelt in DRL ("Reject") would silently rank lowest and never send the submission back:
     * it is refused like a compile error, with file and line.
     */
    private static void checkSeverities(Path folder, java.util.Map<PolicyFiles.Source, String> texts)
            throws PolicyException {
        List<PolicyProblem> problems = new ArrayList<>();
        for (java.util.Map.Entry<PolicyFiles.Source, String> e : texts.entrySet()) {
            PolicyFiles.Source f = e.getKey();
            boolean table = !f.name().endsWith(".drl");
            String[] lines = e.getValue().split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                java.util.regex.Matcher m = FINDING.matcher(lines[i]);
                while (m.find()) {
                    String severity = m.group(1) != null ? m.group(1) : m.group(2);
                    if (!SEVERITIES.contains(severity)) {
                        // a table's generated DRL has no lines of the file: name the row by its value instead
                        problems.add(new PolicyProblem(f.label(), table ? 0 : i + 1, (table ? "a 级别 cell " : "a finding's "
                                + "severity ") + "is \"" + severity + "\"; it must be one of "
                                + String.join(", ", SEVERITIES), true));
                    }
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new PolicyException(folder + " 的规则不能编译：", problems);
        }
    }

    private static KieBase compile(Path folder, List<PolicyFiles.Source> files) throws PolicyException {
        java.util.Map<PolicyFiles.Source, String> texts = new java.util.LinkedHashMap<>();
        for (PolicyFiles.Source f : files) {
            texts.put(f, drlOf(f));
        }
        checkSeverities(folder, texts);
        KnowledgeBuilder builder = KnowledgeBuilderFactory.newKnowledgeBuilder();
        CompositeKnowledgeBuilder batch = builder.batch();
        for (java.util.Map.Entry<PolicyFiles.Source, String> e : texts.entrySet()) {
            Resource r = e.getKey().name().endsWith(".drl") ? ResourceFactory.newByteArrayResource(e.getKey().bytes())
                    : ResourceFactory.newByteArrayResource(e.getValue().getBytes(StandardCharsets.UTF_8));
            r.setSourcePath(e.getKey().label());
            batch.add(r, ResourceType.DRL);
        }
        try {
            batch.build();
        } catch (RuntimeException e) {
            throw new PolicyException("the rules of " + folder + " could not be compiled: " + rootMessage(e));
        }
        if (builder.hasErrors()) {
            List<PolicyProblem> found = new ArrayList<>();
            for (PolicyFiles.Source f : files) { // a full-width （ or an invisible character: named first, where it is
                if (f.name().endsWith(".drl")) {
                    found.addAll(LookAlikes.in(f.label(), f.text()));
                }
            }
            found.addAll(problems(builder));
            throw new PolicyException(folder + " 的规则不能编译：", found);
        }
        return builder.newKieBase();
    }

    /**
     * The rules a decision table generates, as DRL text. Compiled here rather than by Drools' decision table
     * provider, which caches the result by file name for the life of the JVM: an edited table (under
     * {@code test --watch}, or a copied policy folder) would otherwise keep its old rules.
     */
    public static String decisionTableToDrl(Path table, String rel) throws PolicyException {
        try {
            return decisionTableToDrl(table, rel, Files.readAllBytes(table));
        } catch (IOException e) {
            throw new PolicyException("the decision table " + rel + " cannot be read: " + e.getMessage());
        }
    }

    static String decisionTableToDrl(Path table, String rel, byte[] bytes) throws PolicyException {
        InputType type = table.getFileName().toString().endsWith(".csv") ? InputType.CSV : InputType.XLS;
        try (InputStream in = new java.io.ByteArrayInputStream(bytes)) {
            return new SpreadsheetCompiler().compile(in, type);
        } catch (IOException | RuntimeException e) {
            throw new PolicyException("the decision table " + rel + " cannot be read: " + rootMessage(e),
                    List.of(new PolicyProblem(rel, 0, rootMessage(e), true)));
        }
    }

    /** DRL files, and decision tables written as spreadsheets (*.drl.csv, *.drl.xlsx). */
    public static boolean isRuleFile(String fileName) {
        return fileName.endsWith(".drl") || fileName.endsWith(".drl.csv") || fileName.endsWith(".drl.xlsx");
    }

    /** Sort key of a phase: its leading number, zero-padded, then its name. */
    public static String phaseKey(String phase) {
        Matcher m = PHASE_NUMBER.matcher(phase);
        long n = m.find() ? Long.parseLong(m.group(1)) : Long.MAX_VALUE;
        return String.format("%019d %s", n, phase);
    }

    /** The rule files of a policy folder: at its top level and one folder down (never a walk of a whole disk). */
    static List<Path> ruleFiles(Path folder) throws PolicyException {
        try (Stream<Path> s = Files.walk(folder, 2)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> isRuleFile(p.getFileName().toString()))
                    .sorted()
                    .collect(Collectors.toList());
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new PolicyException("cannot read policy folder " + folder + ": " + e.getMessage());
        }
    }

    public static Notice readNotice(Path folder) throws PolicyException {
        Path name = folder.toAbsolutePath().normalize().getFileName();
        if (name == null) {
            throw new PolicyException(folder + " is the root of the file system, not a policy folder");
        }
        String folderName = name.toString();
        Path meta = folder.resolve(METADATA_FILE);
        if (!Files.exists(meta)) {
            return new Notice(folderName, null, null, null, null, null, null);
        }
        Notice n;
        try {
            n = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue(meta.toFile(), Notice.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new PolicyException(meta + " cannot be read: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"));
        } catch (IOException e) {
            throw new PolicyException(meta + " cannot be read: " + e.getMessage());
        }
        if (n.id() == null || !n.id().equals(folderName)) {
            throw new PolicyException(meta + ": \"id\" is \"" + n.id() + "\" but the folder is named \"" + folderName
                    + "\"; they must be the same (a copied folder needs its id changed)");
        }
        return n;
    }

    private static List<PolicyProblem> problems(KnowledgeBuilder builder) {
        List<PolicyProblem> all = new ArrayList<>();
        boolean anyParseError = false;
        for (KnowledgeBuilderError e : builder.getErrors()) {
            anyParseError |= isParseError(e);
        }
        for (KnowledgeBuilderError e : builder.getErrors()) {
            String file = e.getResource() == null ? null : e.getResource().getSourcePath();
            int[] lines = e.getLines();
            int line = lines != null && lines.length > 0 ? lines[0] : 0;
            String msg = e.getMessage() == null ? e.toString() : e.getMessage().strip();
            // "Parser returned a null Package" only repeats that the file did not parse
            boolean primary = (!anyParseError || isParseError(e)) && !msg.contains("returned a null Package");
            all.add(new PolicyProblem(file, line, DroolsMessages.inChinese(msg), primary));
        }
        all.sort(Comparator.comparing((PolicyProblem p) -> !p.primary())
                .thenComparing(p -> String.valueOf(p.file())).thenComparingInt(PolicyProblem::line));
        return all;
    }

    private static boolean isParseError(KnowledgeBuilderError e) {
        String cls = e.getClass().getSimpleName();
        String msg = String.valueOf(e.getMessage());
        return cls.contains("Parser") || msg.startsWith("[ERR 1");
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }
}
