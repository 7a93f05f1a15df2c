package org.xbar.spice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.xbar.circuit.BehavioralSource;
import org.xbar.circuit.Circuit;
import org.xbar.circuit.Expression;
import org.xbar.error.Excerpt;
import org.xbar.error.XbarException;

/**
 * Seeded fuzzing of the netlist reader and the expression parser: the reference netlists of
 * {@code netlists/} mutated (characters replaced by random bytes, lines deleted, duplicated, swapped
 * and cut, random tokens and cards inserted, deeply nested and very long expressions added), and
 * random inputs. Every outcome must be a netlist or one of xbar's own exceptions, within a time
 * bound per input; a netlist must survive the trip to ngspice's text ({@link NetlistWriter#forNgspice}
 * reads back to the same circuit with no warning and holds no card ngspice would act on), and its
 * expressions must evaluate without overflowing the stack.
 */
class NetlistReaderFuzzTest {
    private static final long SEED = 20_011;
    private static final int MUTATED_CASES = 2_000;
    private static final int RANDOM_CASES = 500;
    private static final int EXPRESSION_CASES = 1_000;
    private static final Duration PER_INPUT = Duration.ofSeconds(5);

    /** Tokens and cards that exercise the reader's refusals and skips. */
    private static final String[] TOKENS = {"0", "gnd", "1k", "-1", "1e999", "1e-400", "0.0", ".5meg", "2mil", "1x5", "=",
        " = ", "(", ")", "{", "}", "'", "\"", ",", ";", "$", " $ ", "*", "+", "-", "/", "**", "v(", "v(a,b)", "i(v1)",
        "tanh(", "exp(", "sin(", "dc", "DC", "ac", "AC 1", "pulse(0 1 1n)", "sin(0 1 1k)", "ac=15k", "m=2", "tc1=1",
        "level=3", "W=1u", "L= 1u", "off", "IC=0.1", "nmos", "pmos", "\u0007", "\u001b[2J", "\u0000", "\u00ff", "\ufeff",
        "\u00ef\u00bb\u00bf", "\t", "  ", "", "..."};
    private static final String[] CARDS = {".include /etc/passwd", ".inc x", ".lib lib.l tt", ".libsave out.lib", ".endl",
        ".control", ".endc", "shell touch never", "*# shell touch never", "*ng_script", "@", "+ 1k", "+", ".end", ".op",
        ".title again", ".param r=1k", ".func f(x) {x}", ".csparam x=1", ".subckt c a b", ".ends", ".model m nmos level=3",
        ".model m nmos (vto=0.5 kp=100u)", ".model nch nmos", ".options gmin=1e-12 reltol=1e-4 noopiter acct",
        ".options rshunt=1e9", ".temp 50", ".temp", ".ac dec 10 1 1k", ".print dc v(a)", ".tran 1n 1u", "R9 a 0 1k",
        "R9 a a 1k", "R9 a 0 0", "V9 a 0", "I9 0 a 1m", "M9 d g 0 0 nch W=1u L=1u", "M9 d g s", "B9 a 0 V=v(b)*2",
        "B9 a 0 I=v(b)", "B9 a 0 V={v(a,b)/2}", "B9 a 0 V=", "C1 a 0 1p", "X1 a b c", "A1 a b filesrc"};

    private static List<List<String>> corpus() throws IOException {
        List<List<String>> corpus = new ArrayList<>();
        try (var files = Files.list(Path.of("netlists"))) {
            for (Path p : files.filter(f -> f.toString().endsWith(".cir")).sorted().toList()) {
                corpus.add(Files.readAllLines(p, StandardCharsets.ISO_8859_1));
            }
        }
        assertTrue(corpus.size() >= 6, "reference netlists present");
        return corpus;
    }

    @Test
    void mutatedReferenceNetlists() throws IOException {
        List<List<String>> corpus = corpus();
        SplittableRandom random = new SplittableRandom(SEED);
        int parsed = 0;
        for (int c = 0; c < MUTATED_CASES; c++) {
            List<String> lines = new ArrayList<>(corpus.get(random.nextInt(corpus.size())));
            int mutations = 1 + random.nextInt(4);
            for (int m = 0; m < mutations; m++) {
                mutate(lines, random, c % 200 == 0);
            }
            parsed += readOrRefuse("mutated case " + c, lines) ? 1 : 0;
        }
        assertTrue(parsed > MUTATED_CASES / 10, "some mutated netlists still read: " + parsed);
        assertTrue(parsed < MUTATED_CASES, "some mutated netlists are refused: " + parsed);
    }

    @Test
    void randomInputs() {
        SplittableRandom random = new SplittableRandom(SEED + 1);
        for (int c = 0; c < RANDOM_CASES; c++) {
            List<String> lines = new ArrayList<>();
            int count = random.nextInt(12);
            for (int n = 0; n < count; n++) {
                StringBuilder line = new StringBuilder();
                if (random.nextBoolean()) {
                    int length = random.nextInt(40);
                    for (int k = 0; k < length; k++) {
                        line.append((char) random.nextInt(256));
                    }
                } else {
                    line.append(random.nextInt(3) == 0 ? CARDS[random.nextInt(CARDS.length)] : "R" + n);
                    int tokens = random.nextInt(8);
                    for (int k = 0; k < tokens; k++) {
                        line.append(' ').append(TOKENS[random.nextInt(TOKENS.length)]);
                    }
                }
                lines.add(line.toString());
            }
            readOrRefuse("random case " + c, lines);
        }
    }

    /** The expression parser alone: a parsed expression, or its own refusal with a position in the text. */
    @Test
    void expressionParser() {
        SplittableRandom random = new SplittableRandom(SEED + 2);
        String[] parts = {"v(a)", "v(a, b)", "v(0)", "1", "2.5k", "1e-3", "-", "+", "*", "/", "(", ")", "tanh(", "exp(", " ",
            "**", ",", "v(", "sin(", "x", "\u0007", "1e999", "{", ".", "e", "^", "pow(", "sinh(", "log(", "sqrt(", "abs("};
        for (int c = 0; c < EXPRESSION_CASES; c++) {
            String text;
            if (c % 50 == 0) {
                text = nested(random.nextInt(3), 150 + random.nextInt(100 + 5 * c), random.nextBoolean());
            } else {
                StringBuilder sb = new StringBuilder();
                int length = 1 + random.nextInt(30);
                for (int k = 0; k < length; k++) {
                    sb.append(parts[random.nextInt(parts.length)]);
                }
                text = sb.toString();
            }
            String input = text;
            assertTimeoutPreemptively(PER_INPUT, () -> {
                try {
                    Expression e = ExpressionParser.parse(input, name -> name.hashCode() & 3);
                    double[] volts = {0, 0.1, -0.2, 0.3};
                    e.value(volts);
                    e.addGradient(volts, 1, new double[4]);
                    e.toSpice(n -> "n" + n);
                } catch (ExpressionParser.SyntaxException refused) {
                    assertTrue(refused.position() >= 0 && refused.position() <= input.length(), refused.getMessage());
                    assertNoControlCharacters(refused.getMessage());
                } catch (Throwable t) {
                    fail("expression case \"" + Excerpt.of(input) + "\": " + t, t);
                }
            }, () -> "expression case \"" + Excerpt.of(input) + "\" took longer than " + PER_INPUT);
        }
    }

    /**
     * @return whether the lines read as a netlist (false: refused by one of xbar's exceptions)
     */
    private static boolean readOrRefuse(String name, List<String> lines) {
        return assertTimeoutPreemptively(PER_INPUT, () -> {
            Netlist netlist;
            try {
                netlist = NetlistReader.read("fuzz.cir", lines);
            } catch (XbarException refused) {
                assertNoControlCharacters(refused.getMessage());
                assertTrue(refused.getMessage().length() < 2_000, name + ": a short message: " + Excerpt.of(refused.getMessage()));
                return false;
            } catch (Throwable t) {
                fail(name + ": not one of xbar's exceptions: " + t + "\n" + excerpt(lines), t);
                return false;
            }
            for (String w : netlist.warnings()) {
                assertNoControlCharacters(w);
            }
            try {
                checkRoundTrip(netlist);
            } catch (Throwable t) {
                fail(name + ": the netlist ngspice would receive is wrong: " + t + "\n" + excerpt(lines), t);
            }
            return true;
        }, () -> name + " took longer than " + PER_INPUT + ":\n" + excerpt(lines));
    }

    /** What ngspice would receive: no card it acts on, and it reads back to the same circuit. */
    private static void checkRoundTrip(Netlist netlist) {
        String text = NetlistWriter.forNgspice(netlist, List.of("fuzz \u0007\n.control"));
        List<String> written = text.lines().toList();
        String title = written.get(0).toLowerCase(Locale.ROOT);
        assertFalse(title.startsWith(".") || title.startsWith("@") || title.startsWith("*ng_script"), written.get(0));
        for (String line : written) {
            String lower = line.toLowerCase(Locale.ROOT);
            assertFalse(lower.startsWith(".inc") || lower.startsWith(".lib") || lower.startsWith(".control")
                    || lower.startsWith("*#") || lower.startsWith("@"), line);
            assertNoControlCharacters(line);
        }
        Netlist again = NetlistReader.read("written.cir", written);
        assertEquals(List.of(), again.warnings());
        Circuit a = netlist.circuit();
        Circuit b = again.circuit();
        for (int n = 0; n < b.nodeCount(); n++) {
            assertTrue(a.nodeIndex(b.nodeName(n)) >= 0, "node " + b.nodeName(n) + " was read");
        }
        // the writer leaves out a resistor whose two ends are one node (it carries no current)
        assertEquals(distinctEnds(a.resistors()), b.resistors().size());
        assertEquals(a.voltageSources().size(), b.voltageSources().size());
        assertEquals(a.currentSources().size(), b.currentSources().size());
        assertEquals(a.mosfets().size(), b.mosfets().size());
        assertEquals(a.behavioralSources().size(), b.behavioralSources().size());
        assertEquals(a.behavioralCurrents().size(), b.behavioralCurrents().size());
        double[] volts = new double[a.nodeCount()];
        for (int k = 0; k < volts.length; k++) {
            volts[k] = 0.01 * k;
        }
        for (BehavioralSource s : a.behavioralSources()) {
            s.value().value(volts);
            s.value().addGradient(volts, 1, new double[volts.length]);
        }
        for (org.xbar.circuit.BehavioralCurrentSource s : a.behavioralCurrents()) {
            s.value().value(volts);
            s.value().addGradient(volts, 1, new double[volts.length]);
        }
    }

    private static int distinctEnds(Circuit.ElementList elements) {
        int count = 0;
        for (int k = 0; k < elements.size(); k++) {
            count += elements.first(k) != elements.second(k) ? 1 : 0;
        }
        return count;
    }

    private static void mutate(List<String> lines, SplittableRandom random, boolean large) {
        if (lines.isEmpty()) {
            lines.add("");
        }
        int n = random.nextInt(lines.size());
        String line = lines.get(n);
        switch (large ? 7 + random.nextInt(2) : random.nextInt(7)) {
            case 0 -> {
                if (!line.isEmpty()) {
                    int k = random.nextInt(line.length());
                    lines.set(n, line.substring(0, k) + (char) random.nextInt(256) + line.substring(k + 1));
                }
            }
            case 1 -> lines.remove(n);
            case 2 -> lines.add(n, line);
            case 3 -> {
                int m = random.nextInt(lines.size());
                lines.set(n, lines.get(m));
                lines.set(m, line);
            }
            case 4 -> {
                int k = random.nextInt(line.length() + 1);
                lines.set(n, line.substring(0, k) + " " + TOKENS[random.nextInt(TOKENS.length)] + " " + line.substring(k));
            }
            case 5 -> lines.add(n, CARDS[random.nextInt(CARDS.length)]);
            case 6 -> lines.set(n, line.substring(0, random.nextInt(line.length() + 1)));
            case 7 -> lines.add(Math.max(1, n), "B" + random.nextInt(1000) + " a 0 V=" + nested(random.nextInt(3),
                    random.nextBoolean() ? 195 + random.nextInt(10) : 2_000 + random.nextInt(20_000), random.nextBoolean()));
            default -> {
                StringBuilder sum = new StringBuilder("B" + random.nextInt(1000) + " a 0 V=v(x)");
                int terms = random.nextBoolean() ? 20_000 : 1_000 + random.nextInt(4_000);
                for (int k = 1; k < terms; k++) {
                    sum.append(random.nextBoolean() ? " + " : "*").append(k % 7 == 0 ? "v(x" + (k % 13) + ")" : "1.0001");
                }
                lines.add(Math.max(1, n), sum.toString());
            }
        }
    }

    /**
     * @param kind     0: parentheses, 1: unary minus signs, 2: tanh calls
     * @param depth    how deep
     * @param balanced whether every opened level is closed
     * @return an expression of v(b) nested that deep
     */
    private static String nested(int kind, int depth, boolean balanced) {
        String open = switch (kind) {
            case 0 -> "(";
            case 1 -> "-";
            default -> "tanh(";
        };
        String close = kind == 1 ? "" : ")";
        return open.repeat(depth) + "v(b)" + (balanced ? close.repeat(depth) : close.repeat(depth / 2));
    }

    private static void assertNoControlCharacters(String message) {
        for (int k = 0; k < message.length(); k++) {
            char c = message.charAt(k);
            assertTrue(c == '\t' || !Character.isISOControl(c), "a raw control character in: " + Excerpt.of(message));
        }
    }

    private static String excerpt(List<String> lines) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < Math.min(lines.size(), 40); k++) {
            sb.append(k + 1).append(": ").append(Excerpt.of(lines.get(k))).append('\n');
        }
        return sb.toString();
    }
}
