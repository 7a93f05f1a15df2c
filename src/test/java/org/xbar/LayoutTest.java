package org.xbar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package layout of DESIGN section 6, read from the sources: data flows one way (spec ->
 * circuit -> solve -> results -> network/train -> study -> report -> cli), and files, terminals,
 * charts, processes and the JVM's management beans are each touched in their own packages only.
 * A class that reaches across the lines fails here with the file and the package it reached.
 */
class LayoutTest {
    private static final Path SOURCES = Path.of("src/main/java/org/xbar");

    /** Which project packages each package may use (besides itself); every package may use error. */
    private static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
            Map.entry("error", Set.of()),
            Map.entry("io", Set.of()),
            Map.entry("spec", Set.of()),
            Map.entry("device", Set.of("spec")),
            Map.entry("circuit", Set.of("spec")),
            Map.entry("dense", Set.of("spec")),
            Map.entry("results", Set.of("spec", "circuit")),
            Map.entry("solve.parallel", Set.of()),
            Map.entry("solve.sparse", Set.of("spec", "circuit", "results")),
            Map.entry("solve.newton", Set.of("spec", "circuit", "results", "solve.sparse")),
            Map.entry("model", Set.of("spec", "circuit", "results", "solve.newton")),
            Map.entry("solve", Set.of("spec", "circuit", "results", "model", "solve.sparse", "solve.newton", "solve.parallel")),
            Map.entry("spice", Set.of("spec", "circuit", "results")),
            Map.entry("compare", Set.of("results")),
            Map.entry("data", Set.of("spec")),
            Map.entry("network", Set.of("spec", "device", "circuit", "dense", "results", "model", "solve", "io")),
            Map.entry("train", Set.of("spec", "device", "circuit", "dense", "results", "model", "solve", "network", "data")),
            Map.entry("study.runner", Set.of()),
            Map.entry("study.sweep", Set.of("spec", "device", "circuit", "results", "model", "solve", "compare", "data", "io",
                    "study.runner")),
            Map.entry("study", Set.of("spec", "device", "circuit", "dense", "results", "model", "solve", "solve.sparse",
                    "solve.newton", "spice", "compare", "data", "network", "train", "io", "study.runner")),
            Map.entry("report", Set.of("spec", "device", "circuit", "results", "model", "compare", "network", "train", "study",
                    "study.sweep", "io")));

    /** Constructs allowed in a few packages only: what they are, where they may appear. */
    private static final List<Rule> CONFINED = List.of(
            new Rule("files", Pattern.compile("\\bjava\\.nio\\.file\\.Files\\b|\\bjava\\.io\\.File(?:In|Out)putStream\\b|"
                    + "\\bjava\\.io\\.FileWriter\\b|\\bjava\\.io\\.RandomAccessFile\\b"), Set.of("io", "data", "report", "spice", "cli")),
            new Rule("the terminal", Pattern.compile("\\bSystem\\.(?:out|err|console)\\b"), Set.of("cli")),
            new Rule("external processes", Pattern.compile("\\bProcessBuilder\\b|\\.exec\\("), Set.of("spice", "cli")),
            new Rule("charts", Pattern.compile("\\borg\\.jfree\\."), Set.of("report")),
            new Rule("command-line parsing", Pattern.compile("\\bpicocli\\."), Set.of("cli")),
            new Rule("JVM management beans", Pattern.compile("\\b(?:java\\.lang|com\\.sun)\\.management\\b"), Set.of("cli")));

    private record Rule(String what, Pattern pattern, Set<String> packages) {
    }

    private record Source(Path file, String pkg, String code) {
    }

    private static List<Source> sources;

    @BeforeAll
    static void read() throws IOException {
        sources = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                String text = Files.readString(f);
                Matcher m = Pattern.compile("(?m)^package org\\.xbar\\.([\\w.]+);").matcher(text);
                assertTrue(m.find(), f + " has no package org.xbar.* line");
                sources.add(new Source(f, m.group(1), withoutComments(text)));
            }
        }
        assertTrue(sources.size() > 100, "read the library's sources from " + SOURCES.toAbsolutePath());
    }

    /** Comments and string literals removed: what the compiler resolves is what counts. */
    static String withoutComments(String text) {
        return text.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("//[^\\n]*", " ").replaceAll("\"(?:\\\\.|[^\"\\\\\\n])*\"", "\"\"");
    }

    /** @return every project package a source refers to, by import or by a qualified name */
    static Set<String> references(String code) {
        Set<String> used = new TreeSet<>();
        Matcher m = Pattern.compile("\\borg\\.xbar\\.((?:[a-z]\\w*\\.)*?[a-z]\\w*)\\.[A-Z]").matcher(code);
        while (m.find()) {
            used.add(m.group(1));
        }
        return used;
    }

    @Test
    void everyPackageIsKnownAndDocumented() {
        Set<String> packages = new TreeSet<>();
        for (Source s : sources) {
            packages.add(s.pkg());
        }
        packages.remove("cli");
        assertEquals(new TreeSet<>(ALLOWED.keySet()), packages, "a new package needs its place in the data flow here and in DESIGN section 6");
        for (Source s : sources) {
            Path info = s.file().resolveSibling("package-info.java");
            assertTrue(Files.exists(info), s.pkg() + " has no package-info.java");
        }
    }

    @Test
    void dataFlowsOneWay() {
        Map<String, Set<String>> violations = new TreeMap<>();
        for (Source s : sources) {
            if (s.pkg().equals("cli")) {
                continue;
            }
            for (String used : references(s.code())) {
                if (!used.equals(s.pkg()) && !used.equals("error") && !ALLOWED.get(s.pkg()).contains(used)) {
                    violations.computeIfAbsent(s.file().toString(), k -> new TreeSet<>()).add(used);
                }
            }
        }
        assertEquals(Map.of(), violations, "files that use packages their own may not use (DESIGN section 6)");
    }

    @Test
    void filesTerminalsChartsAndProcessesStayInTheirPackages() {
        List<String> violations = new ArrayList<>();
        for (Source s : sources) {
            for (Rule rule : CONFINED) {
                if (!rule.packages().contains(s.pkg()) && rule.pattern().matcher(expandImports(s.code())).find()) {
                    violations.add(s.file() + " touches " + rule.what() + " (allowed in " + new TreeSet<>(rule.packages()) + ")");
                }
            }
        }
        assertEquals(List.of(), violations);
    }

    /** Simple names of imported classes written out in full, so that {@code Files.write} counts as {@code java.nio.file.Files}. */
    private static String expandImports(String code) {
        StringBuilder out = new StringBuilder(code);
        Matcher m = Pattern.compile("(?m)^import ([\\w.]+)\\.(\\w+);").matcher(code);
        while (m.find()) {
            out.append('\n').append(m.group(1)).append('.').append(m.group(2));
        }
        return out.toString();
    }

    /** The scanner itself: a rule must be able to fail. */
    @Test
    void theScannerSeesImportsAndQualifiedNamesButNotComments() {
        String code = withoutComments("""
                package org.xbar.spec;
                import org.xbar.solve.sparse.SparseMatrix;
                // org.xbar.report.TextTable in a comment
                /* org.xbar.cli.Main */
                class X { Object o = org.xbar.study.sweep.SweepSpec.Size.class; String s = "org.xbar.train.Trainer"; }
                """);
        assertEquals(Set.of("solve.sparse", "study.sweep"), references(code));
        assertTrue(CONFINED.get(0).pattern().matcher(expandImports("import java.nio.file.Files;\nclass Y {}")).find());
        assertTrue(CONFINED.get(1).pattern().matcher("System.out.println(1);").find());
    }
}
