package org.xbar.spice;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.xbar.circuit.Circuit;
import org.xbar.error.NetlistException;

/**
 * Reads the SPICE subset that resistive circuits need, and refuses the rest by file, line and
 * offending text: never silently wrong.
 *
 * <ul>
 *   <li>The first line is the title. {@code *} starts a comment line; {@code ;} and a
 *       whitespace-preceded {@code $} start an inline comment; {@code +} continues the previous
 *       card. Names and nodes are case-insensitive; ground is {@code 0} or {@code gnd}.</li>
 *   <li>{@code R<name> n1 n2 value}: value {@code > 0} with engineering suffixes
 *       ({@link SpiceNumber}). A 0-ohm resistor is refused: ngspice silently makes it 1 milliohm,
 *       so the two tools would disagree; use a 0 V source for an ideal short.</li>
 *   <li>{@code V<name> n+ n- [DC] value} and {@code I<name> n+ n- [DC] value}: the DC value (the
 *       {@code DC} keyword is optional). {@code AC} and transient specifications
 *       ({@code SIN(...)}, {@code PULSE(...)}, ...) are skipped with a warning; a source with
 *       only a transient specification is refused, since ngspice would take its value at time 0.
 *       A current source drives its current from {@code n+} through itself into {@code n-}.</li>
 *   <li>{@code M<name> d g s b model [W=] [L=] [M=] [AD=] [AS=] [PD=] [PS=] [NRD=] [NRS=] [OFF]}:
 *       a level-1 MOSFET; {@code .model <name> nmos|pmos [level=1] [params]} its model card
 *       ({@link MosfetModel}), anywhere in the file. Other device levels and model types are
 *       refused.</li>
 *   <li>{@code B<name> n+ n- V=<expression>}: a behavioral voltage source; the expression may use
 *       numbers, {@code v(node)}, {@code v(a,b)}, {@code + - * /}, parentheses, {@code tanh} and
 *       {@code exp}.</li>
 *   <li>{@code .op}, {@code .end}, {@code .title} are read; {@code .options} and {@code .temp}
 *       set the solver options that change an operating point ({@code reltol vntol abstol gmin
 *       itl1 itl2 gminsteps srcsteps noopiter temp tnom defl defw defad defas}) and skip the rest
 *       with a warning ({@code rshunt}, {@code gshunt} and {@code scale}, which change the circuit,
 *       are refused). Analysis and output cards ({@code .ac .tran .dc .noise .tf .sens .pz .disto
 *       .four .print .plot .probe .save .meas .width .ic .nodeset}) and {@code .control ... .endc}
 *       blocks are skipped with a warning.</li>
 *   <li>Refused: {@code .subckt}, {@code .param}, {@code .include}, {@code .lib} and any other dot
 *       card; resistor models and extra resistor parameters ({@code m=}, {@code tc1=}); every
 *       element other than R, V, I, M and B.</li>
 * </ul>
 */
public final class NetlistReader {
    private static final Set<String> SKIPPED_CARDS = Set.of(".ac", ".tran", ".dc", ".noise", ".tf", ".sens",
            ".pz", ".disto", ".four", ".print", ".plot", ".probe", ".save", ".meas", ".measure", ".width",
            ".ic", ".nodeset");
    private static final Set<String> SOLVER_OPTIONS = Set.of("reltol", "vntol", "abstol", "gmin", "itl1", "itl2",
            "gminsteps", "srcsteps", "noopiter", "temp", "tnom", "defl", "defw", "defad", "defas");
    private static final Set<String> CIRCUIT_OPTIONS = Set.of("rshunt", "gshunt", "scale");
    private static final Set<String> TRANSIENT = Set.of("sin", "pulse", "pwl", "exp", "sffm", "am", "trnoise",
            "trrandom");

    private final String file;
    private final List<String> warnings = new ArrayList<>();
    private final Set<String> names = new HashSet<>();
    private final Circuit.Builder builder = Circuit.builder();
    private final java.util.Map<String, Double> options = new java.util.HashMap<>();
    private final java.util.Map<String, org.xbar.circuit.MosfetModel> models = new java.util.HashMap<>();
    private final List<Card> transistors = new ArrayList<>();

    private NetlistReader(String file) {
        this.file = file;
    }

    /**
     * A card: one logical line (continuations joined), the line it starts on, and the line each
     * of its whitespace-separated tokens comes from.
     */
    private record Card(int line, String text, int[] tokenLines) {
        Card(int line, String text) {
            this(line, text, lines(line, text));
        }

        private static int[] lines(int line, String text) {
            int[] t = new int[text.split("\\s+").length];
            java.util.Arrays.fill(t, line);
            return t;
        }

        Card append(int continuationLine, String more) {
            int added = more.split("\\s+").length;
            int[] t = java.util.Arrays.copyOf(tokenLines, tokenLines.length + added);
            java.util.Arrays.fill(t, tokenLines.length, t.length, continuationLine);
            return new Card(line, text + " " + more, t);
        }

        int lineOf(int token) {
            return token < tokenLines.length ? tokenLines[token] : line;
        }
    }

    /**
     * @param file  the file name, for messages
     * @param lines the file's lines
     * @return the netlist
     * @throws NetlistException at the first card that cannot be read faithfully
     */
    public static Netlist read(String file, List<String> lines) {
        return new NetlistReader(file).parse(lines);
    }

    private Netlist parse(List<String> lines) {
        if (lines.isEmpty()) {
            throw new NetlistException(file, 0, "", "is empty: a netlist starts with a title line");
        }
        String title = lines.get(0).strip();
        List<Card> cards = cards(lines);
        boolean inControl = false;
        int controlStart = 0;
        for (Card card : cards) {
            String lower = card.text().toLowerCase(Locale.ROOT);
            String first = lower.split("\\s+", 2)[0];
            if (inControl) {
                if (first.equals(".endc")) {
                    inControl = false;
                    warnings.add(file + ":" + controlStart + ": .control block skipped (xbar runs no control scripts)");
                }
                continue;
            }
            if (first.equals(".end")) {
                break;
            }
            if (first.equals(".control")) {
                inControl = true;
                controlStart = card.line();
                continue;
            }
            if (first.equals(".title")) {
                title = card.text().length() > 6 ? card.text().substring(6).strip() : "";
                continue;
            }
            if (first.equals(".op")) {
                continue;
            }
            if (first.equals(".model")) {
                model(card);
                continue;
            }
            if (first.startsWith(".")) {
                dotCard(card, first, lower);
                continue;
            }
            element(card);
        }
        if (inControl) {
            throw new NetlistException(file, controlStart, ".control", "has no matching .endc");
        }
        for (Card card : transistors) {
            mosfet(card);
        }
        return new Netlist(file, title, builder.build(), options, warnings);
    }

    private void dotCard(Card card, String first, String lower) {
        if (first.startsWith(".option") || first.equals(".opt")) {
            options(card, lower);
            return;
        }
        if (first.equals(".temp")) {
            String[] t = lower.split("\\s+");
            if (t.length != 2) {
                throw new NetlistException(file, card.line(), card.text(), "needs one temperature in Celsius");
            }
            options.put("temp", number(card, t, 1));
            return;
        }
        if (SKIPPED_CARDS.contains(first)) {
            warnings.add(file + ":" + card.line() + ": " + first + " skipped (it does not change the DC operating point)");
            return;
        }
        String why = switch (first) {
            case ".subckt", ".ends" -> "subcircuits are not supported; flatten the netlist";
            case ".param" -> "parameters are not supported; write the values out";
            case ".include", ".inc", ".lib" -> "included files are not supported; paste their cards in";
            case ".func", ".global", ".csparam", ".if", ".else", ".endif" -> "this card is not supported";
            default -> "is an unknown card";
        };
        throw new NetlistException(file, card.line(), card.text(), why.startsWith("is ") ? why : "is not supported: " + why);
    }

    private List<Card> cards(List<String> lines) {
        List<Card> cards = new ArrayList<>();
        for (int n = 1; n < lines.size(); n++) {
            String text = stripComment(lines.get(n));
            String trimmed = text.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("*")) {
                continue;
            }
            if (trimmed.startsWith("+")) {
                if (cards.isEmpty()) {
                    throw new NetlistException(file, n + 1, trimmed, "continues no card (a '+' line must follow one)");
                }
                String more = trimmed.substring(1).strip();
                if (!more.isEmpty()) {
                    Card last = cards.remove(cards.size() - 1);
                    cards.add(last.append(n + 1, more));
                }
                continue;
            }
            cards.add(new Card(n + 1, trimmed));
        }
        return cards;
    }

    private static String stripComment(String line) {
        int semicolon = line.indexOf(';');
        if (semicolon >= 0) {
            line = line.substring(0, semicolon);
        }
        for (int k = 1; k < line.length(); k++) {
            if (line.charAt(k) == '$' && Character.isWhitespace(line.charAt(k - 1))) {
                return line.substring(0, k);
            }
        }
        return line;
    }

    private void element(Card card) {
        String[] tokens = card.text().split("\\s+");
        String name = tokens[0].toLowerCase(Locale.ROOT);
        char kind = name.charAt(0);
        if ("rvimb".indexOf(kind) < 0) {
            throw new NetlistException(file, card.line(), card.text(), "is not supported: element " + tokens[0]
                    + " is a " + describe(kind) + "; this reader takes resistors (R), voltage sources (V), current"
                    + " sources (I), level-1 MOSFETs (M) and behavioral voltage sources (B)");
        }
        if (!names.add(name)) {
            throw new NetlistException(file, card.line(), card.text(), "repeats the element name " + tokens[0]);
        }
        if (kind == 'm') {
            transistors.add(card);
            return;
        }
        if (kind == 'b') {
            behavioral(card, tokens);
            return;
        }
        if (tokens.length < 4) {
            throw new NetlistException(file, card.line(), card.text(),
                    "is incomplete: " + tokens[0] + " needs two nodes and a value");
        }
        int a = builder.node(tokens[1]);
        int b = builder.node(tokens[2]);
        if (kind == 'r') {
            resistor(card, name, tokens, a, b);
        } else {
            double value = sourceValue(card, tokens);
            if (kind == 'v') {
                builder.voltageSource(name, a, b, value);
            } else {
                builder.currentSource(name, a, b, value);
            }
        }
    }

    private void resistor(Card card, String name, String[] tokens, int a, int b) {
        if (tokens.length > 4) {
            String extra = tokens[4].toLowerCase(Locale.ROOT);
            String why = extra.startsWith("m=") ? "the multiplier m= is not supported; write the parallel resistors out"
                    : extra.contains("=") ? "resistor parameters (" + tokens[4] + ") are not supported"
                    : "resistor models are not supported";
            throw new NetlistException(file, card.lineOf(4), card.text(), "is not supported: " + why);
        }
        double ohms = number(card, tokens, 3);
        if (ohms == 0) {
            throw new NetlistException(file, card.line(), card.text(), "is a 0-ohm resistor, which ngspice silently"
                    + " turns into 1 milliohm; use a 0 V source for an ideal short, or a small resistance");
        }
        if (ohms < 0) {
            throw new NetlistException(file, card.line(), card.text(),
                    "is a negative resistance, which the nodal solver does not support");
        }
        builder.resistor(name, a, b, ohms);
    }

    private double sourceValue(Card card, String[] tokens) {
        Double value = null;
        boolean skipped = false;
        for (int k = 3; k < tokens.length; k++) {
            String t = tokens[k].toLowerCase(Locale.ROOT);
            String word = t.contains("(") ? t.substring(0, t.indexOf('(')) : t;
            if (word.equals("dc")) {
                if (k + 1 >= tokens.length) {
                    throw new NetlistException(file, card.line(), card.text(), "has DC without a value");
                }
                value = number(card, tokens, ++k);
            } else if (word.equals("ac")) {
                skipped = true;
                while (k + 1 < tokens.length && startsNumeric(tokens[k + 1])) {
                    k++;
                }
            } else if (TRANSIENT.contains(word)) {
                skipped = true;
                break;
            } else if (value == null && startsNumeric(t)) {
                value = number(card, tokens, k);
            } else {
                throw new NetlistException(file, card.lineOf(k), card.text(), "has \"" + tokens[k]
                        + "\" where a DC value, AC or a transient specification was expected");
            }
        }
        if (value == null) {
            throw new NetlistException(file, card.line(), card.text(), "has no DC value (ngspice would take a"
                    + " transient specification's value at time 0): write the operating value as DC <value>");
        }
        if (skipped) {
            warnings.add(file + ":" + card.line() + ": AC and transient parts of " + tokens[0] + " skipped; DC value "
                    + value + " used");
        }
        return value;
    }

    private static boolean startsNumeric(String t) {
        return !t.isEmpty() && (Character.isDigit(t.charAt(0)) || t.charAt(0) == '.' || t.charAt(0) == '-'
                || t.charAt(0) == '+');
    }

    private double number(Card card, String[] tokens, int k) {
        try {
            return SpiceNumber.parse(tokens[k]);
        } catch (NumberFormatException e) {
            throw new NetlistException(file, card.lineOf(k), card.text(), "has \"" + tokens[k]
                    + "\" where a number was expected (" + e.getMessage() + ")");
        }
    }

    /** Joins "key = value" into "key=value" and drops the parentheses of a card's parameter list. */
    private static String[] parameterTokens(String text) {
        return text.replaceAll("\\s*=\\s*", "=").replace('(', ' ').replace(')', ' ').strip().split("\\s+");
    }

    private void options(Card card, String lower) {
        String[] t = parameterTokens(lower);
        for (int k = 1; k < t.length; k++) {
            String[] kv = t[k].split("=", 2);
            String key = kv[0];
            if (CIRCUIT_OPTIONS.contains(key)) {
                throw new NetlistException(file, card.lineOf(k), card.text(), "is not supported: " + key
                        + " changes the circuit (it adds or scales elements)");
            }
            if (!SOLVER_OPTIONS.contains(key)) {
                warnings.add(file + ":" + card.lineOf(k) + ": option " + key + " skipped (it does not change the DC"
                        + " operating point)");
                continue;
            }
            if (kv.length == 1) {
                if (!key.equals("noopiter")) {
                    throw new NetlistException(file, card.lineOf(k), card.text(), "gives option " + key + " no value");
                }
                options.put(key, 1.0);
                continue;
            }
            options.put(key, number(card, new String[] {kv[1]}, 0));
        }
    }

    private void model(Card card) {
        String[] t = parameterTokens(card.text());
        if (t.length < 3) {
            throw new NetlistException(file, card.line(), card.text(), "needs a name and a type (nmos or pmos)");
        }
        String name = t[1].toLowerCase(Locale.ROOT);
        String type = t[2].toLowerCase(Locale.ROOT);
        if (!type.equals("nmos") && !type.equals("pmos")) {
            throw new NetlistException(file, card.line(), card.text(), "is not supported: " + type
                    + " models are not supported (only level-1 nmos and pmos)");
        }
        java.util.Map<String, Double> parameters = new java.util.HashMap<>();
        for (int k = 3; k < t.length; k++) {
            String[] kv = t[k].toLowerCase(Locale.ROOT).split("=", 2);
            if (kv.length != 2) {
                throw new NetlistException(file, card.lineOf(k), card.text(), "has \"" + t[k] + "\" where name=value was expected");
            }
            double value = number(card, new String[] {kv[1]}, 0);
            if (kv[0].equals("level")) {
                if (value != 1) {
                    throw new NetlistException(file, card.lineOf(k), card.text(), "is not supported: MOSFET level "
                            + kv[1] + " (only level 1, Shichman-Hodges)");
                }
                continue;
            }
            parameters.put(kv[0], value);
        }
        if (models.containsKey(name)) {
            throw new NetlistException(file, card.line(), card.text(), "repeats the model name " + t[1]);
        }
        try {
            models.put(name, org.xbar.circuit.MosfetModel.of(name, type.equals("pmos"), parameters));
        } catch (org.xbar.error.InvalidParameterException e) {
            throw new NetlistException(file, card.line(), card.text(), "is not supported: " + e.getMessage());
        }
    }

    private void mosfet(Card card) {
        String[] t = parameterTokens(card.text());
        if (t.length < 6) {
            throw new NetlistException(file, card.line(), card.text(), "is incomplete: " + t[0]
                    + " needs drain, gate, source and bulk nodes and a model name");
        }
        org.xbar.circuit.MosfetModel model = models.get(t[5].toLowerCase(Locale.ROOT));
        if (model == null) {
            throw new NetlistException(file, card.lineOf(5), card.text(), "uses the model " + t[5]
                    + ", which no .model card defines");
        }
        double width = option("defw", org.xbar.circuit.Mosfet.DEFAULT_SIZE);
        double length = option("defl", org.xbar.circuit.Mosfet.DEFAULT_SIZE);
        double multiplier = 1;
        double drainArea = option("defad", 0);
        double sourceArea = option("defas", 0);
        boolean off = false;
        for (int k = 6; k < t.length; k++) {
            String token = t[k].toLowerCase(Locale.ROOT);
            if (token.equals("off")) {
                off = true;
                continue;
            }
            String[] kv = token.split("=", 2);
            if (kv.length != 2) {
                throw new NetlistException(file, card.lineOf(k), card.text(), "has \"" + t[k] + "\" where name=value was expected");
            }
            double value = number(card, new String[] {kv[1]}, 0);
            switch (kv[0]) {
                case "w" -> width = value;
                case "l" -> length = value;
                case "m" -> multiplier = value;
                case "ad" -> drainArea = value;
                case "as" -> sourceArea = value;
                case "pd", "ps", "nrd", "nrs" -> {
                    // perimeters and squares change no DC current of a level-1 model without RSH
                }
                default -> throw new NetlistException(file, card.lineOf(k), card.text(), "is not supported: instance"
                        + " parameter " + kv[0] + (kv[0].equals("ic") ? " (initial conditions change the starting point)" : ""));
            }
        }
        try {
            builder.mosfet(new org.xbar.circuit.Mosfet(t[0].toLowerCase(Locale.ROOT), builder.node(t[1]), builder.node(t[2]),
                    builder.node(t[3]), builder.node(t[4]), model, width, length, multiplier, drainArea, sourceArea, off));
        } catch (org.xbar.error.InvalidParameterException e) {
            throw new NetlistException(file, card.line(), card.text(), "is out of range: " + e.getMessage());
        }
    }

    private double option(String name, double fallback) {
        Double v = options.get(name);
        return v == null ? fallback : v;
    }

    private void behavioral(Card card, String[] tokens) {
        String text = card.text();
        int afterNodes = 0;
        for (int k = 0; k < 3; k++) {
            afterNodes = text.indexOf(tokens[k], afterNodes) + tokens[k].length();
        }
        String rest = text.substring(afterNodes).strip();
        String lower = rest.toLowerCase(Locale.ROOT);
        if (lower.startsWith("i")) {
            throw new NetlistException(file, card.line(), card.text(), "is not supported: behavioral current sources"
                    + " (only B ... V=<expression>)");
        }
        if (!lower.matches("v\\s*=.*")) {
            throw new NetlistException(file, card.line(), card.text(), "needs V=<expression>");
        }
        String expression = rest.substring(rest.indexOf('=') + 1).strip();
        if (expression.startsWith("{") && expression.endsWith("}")) {
            expression = expression.substring(1, expression.length() - 1);
        }
        org.xbar.circuit.Expression value;
        try {
            value = ExpressionParser.parse(expression, builder::node);
        } catch (IllegalArgumentException e) {
            throw new NetlistException(file, card.line(), card.text(), "has an expression xbar cannot read: " + e.getMessage());
        }
        builder.behavioralVoltage(tokens[0].toLowerCase(Locale.ROOT), builder.node(tokens[1]), builder.node(tokens[2]), value);
    }

    private static String describe(char kind) {
        return switch (kind) {
            case 'c' -> "capacitor";
            case 'l' -> "inductor";
            case 'd' -> "diode";
            case 'q' -> "bipolar transistor";
            case 'm' -> "MOSFET";
            case 'j' -> "JFET";
            case 'e', 'f', 'g', 'h' -> "controlled source";
            case 'b' -> "behavioral source";
            case 'x' -> "subcircuit instance";
            case 'k' -> "mutual inductance";
            case 't', 'o', 'u' -> "transmission line";
            case 's', 'w' -> "switch";
            default -> "element of an unknown kind";
        };
    }
}
