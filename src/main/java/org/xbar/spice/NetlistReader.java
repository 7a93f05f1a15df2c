package org.xbar.spice;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.xbar.circuit.Circuit;
import org.xbar.circuit.Diode;
import org.xbar.circuit.DiodeModel;
import org.xbar.circuit.Expression;
import org.xbar.circuit.Mosfet;
import org.xbar.circuit.MosfetModel;
import org.xbar.error.Excerpt;
import org.xbar.error.InvalidParameterException;
import org.xbar.error.NetlistException;

/**
 * Reads the SPICE subset that resistive circuits need, and refuses the rest by file, line and
 * offending text: never silently wrong. It is also the gate to ngspice: {@code xbar check} and
 * {@code xbar ngspice} hand ngspice the circuit this reader built, written anew by
 * {@link NetlistWriter}, never the file itself, so nothing in a netlist can run a command or open
 * another file.
 *
 * <ul>
 *   <li>The first line is the title. It is refused where ngspice would not take it as one: a first
 *       line that starts with {@code .} (ngspice acts on {@code .include}, {@code .control}, ...
 *       even there; {@code .title} is read as the title card), with {@code @} (ngspice stops
 *       reading) or with {@code *ng_script} (ngspice runs the file as a command script). A UTF-8
 *       byte order mark at the start of a line is dropped, as ngspice drops it.</li>
 *   <li>{@code *} starts a comment line; {@code ;} and a whitespace-preceded {@code $} start an
 *       inline comment; {@code +} continues the previous card. A {@code *#} line, which ngspice
 *       runs as a control command, is skipped with a warning. Names and nodes are
 *       case-insensitive; ground is {@code 0} or {@code gnd}. Element, node and model names are
 *       letters, digits and {@code _ . : # [ ] < > / + - !}; any other character is refused.</li>
 *   <li>{@code R<name> n1 n2 value [ac=value] [noisy=0|1]}: value {@code > 0} with engineering
 *       suffixes ({@link SpiceNumber}); an AC resistance ({@code ac=}) and the noise switch
 *       ({@code noisy=}) are skipped with a warning. A 0-ohm
 *       resistor is refused: ngspice silently makes it 1 milliohm, so the two tools would
 *       disagree; use a 0 V source for an ideal short.</li>
 *   <li>{@code V<name> n+ n- [DC] value} and {@code I<name> n+ n- [DC] value}: the DC value (the
 *       {@code DC} keyword is optional). {@code AC} and transient specifications
 *       ({@code SIN(...)}, {@code PULSE(...)}, ...) are skipped with a warning; a source with
 *       only a transient specification takes its value at time 0, as ngspice's operating point does
 *       (PULSE, SIN, EXP, PWL and SFFM; {@link #timeZero}), with a warning; other specifications
 *       without a DC value (AM, TRNOISE, ...) are refused. A current source drives its current from
 *       {@code n+} through itself into {@code n-}.</li>
 *   <li>{@code D<name> anode cathode model [area] [area=value] [off]}: a junction diode, and
 *       {@code .model <name> D(is n rs bv ibv nbv ...)} its model card, anywhere in the file
 *       (capacitance, transit-time, noise and temperature parameters are skipped with a warning;
 *       others, such as {@code ikf}, and levels other than 1 are refused).</li>
 *   <li>{@code C<name> n1 n2 value ...} is open at DC and {@code L<name> n1 n2 value ...} a short (a
 *       0 V branch that carries the inductor's current, named after it), each with a warning; their
 *       other parameters ({@code ic=}, ...) are skipped.</li>
 *   <li>{@code M<name> d g s b model [W=] [L=] [M=] [AD=] [AS=] [PD=] [PS=] [NRD=] [NRS=] [OFF]}:
 *       a level-1 MOSFET; {@code .model <name> nmos|pmos [level=1] [params]} its model card
 *       ({@link MosfetModel}), anywhere in the file. Other device levels and model types are
 *       refused.</li>
 *   <li>{@code B<name> n+ n- V=<expression>}: a behavioral voltage source;
 *       {@code B<name> n+ n- I=<expression>}: a behavioral current source, its current flowing from
 *       {@code n+} through the source into {@code n-} (a nonlinear device between two nodes is one
 *       that reads {@code v(n+,n-)}). The expression may use numbers, {@code v(node)},
 *       {@code v(a,b)}, {@code + - * /}, the power {@code ^} (or {@code **}), parentheses, and the
 *       functions {@code tanh exp sinh cosh log ln sqrt abs pow}, nested at most
 *       {@value ExpressionParser#MAX_NESTING} levels deep ({@link ExpressionParser}); a deeper one
 *       is refused with its line and column. Braces around it ({@code I={...}}) are dropped.</li>
 *   <li>{@code .op}, {@code .end}, {@code .title} are read; {@code .options} and {@code .temp}
 *       set the solver options that change an operating point ({@code reltol vntol abstol gmin
 *       itl1 itl2 gminsteps srcsteps noopiter temp tnom defl defw defad defas}) and skip the rest
 *       with a warning ({@code rshunt}, {@code gshunt} and {@code scale}, which change the circuit,
 *       are refused). Analysis and output cards ({@code .ac .tran .dc .noise .tf .sens .pz .disto
 *       .four .print .plot .probe .save .meas .width .ic .nodeset}) and {@code .control ... .endc}
 *       blocks are skipped with a warning: xbar runs no control script.</li>
 *   <li>Refused: {@code .include}, {@code .lib} and every card ngspice reads as one of them
 *       ({@code .inc...}, {@code .lib...}, {@code .libsave}, {@code .endl}: xbar opens and writes no
 *       other file); {@code .subckt}, {@code .param}, {@code .func}, {@code .csparam}, {@code .if}
 *       and any other dot card; resistor models and other resistor parameters ({@code m=},
 *       {@code tc1=}); every element other than R, C, L, V, I, D, M and B.</li>
 * </ul>
 *
 * <p>Reading takes time and memory in proportion to the file: cards are joined and split in one
 * pass, and nothing in it recurses to a depth the input chooses.
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
    /** The characters a name may hold besides ASCII letters and digits. */
    static final String NAME_PUNCTUATION = "_.:#[]<>/+-!";
    /** A UTF-8 byte order mark, as read in ISO-8859-1 and in UTF-8. */
    private static final String[] BYTE_ORDER_MARKS = {"\u00ef\u00bb\u00bf", "\ufeff"};

    private final String file;
    private final List<String> warnings = new ArrayList<>();
    private final Set<String> names = new HashSet<>();
    private final Circuit.Builder builder = Circuit.builder();
    private final Map<String, Double> options = new HashMap<>();
    private final Map<String, MosfetModel> models = new HashMap<>();
    private final Map<String, DiodeModel> diodeModels = new HashMap<>();
    private final List<Card> transistors = new ArrayList<>();

    private NetlistReader(String file) {
        this.file = file;
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

    /** @return whether SPICE (C's {@code isspace}) takes the character as blank */
    static boolean blank(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\u000b' || c == '\f';
    }

    /**
     * Whitespace-separated words of a card and where each starts in its text.
     *
     * @param words  the words
     * @param starts the offset of each word in the card's text
     */
    private record Words(String[] words, int[] starts) {
        int size() {
            return words.length;
        }

        String get(int k) {
            return words[k];
        }
    }

    /**
     * A card: one logical line (continuations joined by one space) and, for each physical line it
     * is made of, where that line's part starts in the text, its line number and the column of its
     * first character, so that any offset in the text maps back to a line and column.
     */
    private static final class Card {
        private final String text;
        private final int[] segmentStart;
        private final int[] segmentLine;
        private final int[] segmentColumn;
        private Words words;

        Card(String text, int[] segmentStart, int[] segmentLine, int[] segmentColumn) {
            this.text = text;
            this.segmentStart = segmentStart;
            this.segmentLine = segmentLine;
            this.segmentColumn = segmentColumn;
        }

        String text() {
            return text;
        }

        int line() {
            return segmentLine[0];
        }

        private int segment(int offset) {
            int k = Arrays.binarySearch(segmentStart, offset);
            return k >= 0 ? k : Math.max(0, -k - 2);
        }

        int lineAt(int offset) {
            return segmentLine[segment(offset)];
        }

        int columnAt(int offset) {
            int k = segment(offset);
            return segmentColumn[k] + offset - segmentStart[k];
        }

        /** @return the whitespace-separated words */
        Words words() {
            if (words == null) {
                words = split(text, false);
            }
            return words;
        }

        /** @return the words with {@code key = value} joined into {@code key=value} and parentheses dropped */
        Words parameters() {
            return split(text, true);
        }

        int lineOf(Words w, int k) {
            return k < w.size() ? lineAt(w.starts()[k]) : line();
        }

        int lineOf(int word) {
            return lineOf(words(), word);
        }

        /**
         * Splits at blanks (and, for parameters, parentheses), then joins a word that ends with
         * {@code =} or is followed by one that starts with {@code =} to the next: {@code W = 1u},
         * {@code W= 1u} and {@code W =1u} all become {@code W=1u}, starting where {@code W} does.
         */
        private static Words split(String text, boolean parameters) {
            List<String> words = new ArrayList<>();
            List<Integer> starts = new ArrayList<>();
            int n = text.length();
            int k = 0;
            while (k < n) {
                while (k < n && separator(text.charAt(k), parameters)) {
                    k++;
                }
                if (k == n) {
                    break;
                }
                int start = k;
                while (k < n && !separator(text.charAt(k), parameters)) {
                    k++;
                }
                words.add(text.substring(start, k));
                starts.add(start);
            }
            if (parameters) {
                List<String> joined = new ArrayList<>();
                List<Integer> joinedStarts = new ArrayList<>();
                StringBuilder current = null;
                for (int i = 0; i < words.size(); i++) {
                    String w = words.get(i);
                    if (current != null && (current.charAt(current.length() - 1) == '=' || w.startsWith("="))) {
                        current.append(w);
                        continue;
                    }
                    if (current != null) {
                        joined.add(current.toString());
                    }
                    current = new StringBuilder(w);
                    joinedStarts.add(starts.get(i));
                }
                if (current != null) {
                    joined.add(current.toString());
                }
                words = joined;
                starts = joinedStarts;
            }
            int[] s = new int[starts.size()];
            for (int i = 0; i < s.length; i++) {
                s[i] = starts.get(i);
            }
            return new Words(words.toArray(new String[0]), s);
        }

        private static boolean separator(char c, boolean parameters) {
            return blank(c) || parameters && (c == '(' || c == ')');
        }
    }

    /** Collects the physical lines of one card before it is made. */
    private static final class CardBuilder {
        private final StringBuilder text = new StringBuilder();
        private final List<int[]> segments = new ArrayList<>();

        CardBuilder(int line, int column, String content) {
            add(line, column, content);
        }

        void add(int line, int column, String content) {
            if (text.length() > 0) {
                text.append(' ');
            }
            segments.add(new int[] {text.length(), line, column});
            text.append(content);
        }

        Card build() {
            int n = segments.size();
            int[] start = new int[n];
            int[] line = new int[n];
            int[] column = new int[n];
            for (int k = 0; k < n; k++) {
                start[k] = segments.get(k)[0];
                line[k] = segments.get(k)[1];
                column[k] = segments.get(k)[2];
            }
            return new Card(text.toString(), start, line, column);
        }
    }

    private Netlist parse(List<String> lines) {
        if (lines.isEmpty()) {
            throw new NetlistException(file, 0, "", "is empty: a netlist starts with a title line");
        }
        String title = title(withoutByteOrderMark(lines.get(0)).strip());
        List<Integer> commandLines = new ArrayList<>();
        List<Card> cards = cards(lines, commandLines);
        boolean inControl = false;
        int controlStart = 0;
        int nextCommand = 0;
        boolean ended = false;
        for (Card card : cards) {
            for (; nextCommand < commandLines.size() && commandLines.get(nextCommand) < card.line(); nextCommand++) {
                if (!inControl) {
                    commandLineSkipped(commandLines.get(nextCommand));
                }
            }
            String first = card.words().get(0).toLowerCase(Locale.ROOT);
            if (inControl) {
                if (first.equals(".endc")) {
                    inControl = false;
                    warnings.add(file + ":" + controlStart + ": .control block skipped (xbar runs no control scripts;"
                            + " ngspice never sees it)");
                }
                continue;
            }
            if (first.equals(".end")) {
                ended = true;
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
                dotCard(card, first);
                continue;
            }
            element(card);
        }
        if (inControl) {
            throw new NetlistException(file, controlStart, ".control", "has no matching .endc");
        }
        for (; !ended && nextCommand < commandLines.size(); nextCommand++) {
            commandLineSkipped(commandLines.get(nextCommand));
        }
        for (Card card : transistors) {
            if (card.words().get(0).toLowerCase(Locale.ROOT).charAt(0) == 'd') {
                diode(card);
            } else {
                mosfet(card);
            }
        }
        return new Netlist(file, title, builder.build(), options, warnings);
    }

    private void commandLineSkipped(int line) {
        warnings.add(file + ":" + line + ": *# line skipped (ngspice would run it as a control command; xbar runs none,"
                + " and ngspice never sees it)");
    }

    /** @return the title a first line gives, or a refusal where ngspice would not read it as one */
    private String title(String line) {
        String lower = line.toLowerCase(Locale.ROOT);
        if (lower.startsWith("*ng_script")) {
            throw new NetlistException(file, 1, line, "is an ngspice command script, not a netlist: xbar runs no"
                    + " scripts");
        }
        if (line.startsWith("@")) {
            throw new NetlistException(file, 1, line, "is where the title belongs, but ngspice stops reading at a line"
                    + " that starts with @: put a title line first");
        }
        if (!line.startsWith(".")) {
            return line;
        }
        if (lower.equals(".title") || lower.startsWith(".title ") || lower.startsWith(".title\t")) {
            return line.substring(6).strip();
        }
        String first = lower.split("[ \t]", 2)[0];
        String include = includeRefusal(first);
        throw new NetlistException(file, 1, line, include != null ? include : "is where the title belongs, but ngspice"
                + " reads a first line that starts with '.' as a card, not as the title: put a title line first");
    }

    /** @return why a card that makes ngspice open or write another file is refused, or null for another card */
    private static String includeRefusal(String first) {
        if (first.startsWith(".libsave")) {
            return "is not supported: .libsave writes a file; xbar writes none from a netlist";
        }
        if (first.startsWith(".inc") || first.startsWith(".lib") || first.equals(".endl")) {
            return "is not supported: included files are not supported (xbar opens no file a netlist names);"
                    + " paste their cards in";
        }
        return null;
    }

    private static String withoutByteOrderMark(String line) {
        for (String mark : BYTE_ORDER_MARKS) {
            if (line.startsWith(mark)) {
                return line.substring(mark.length());
            }
        }
        return line;
    }

    private void dotCard(Card card, String first) {
        if (first.startsWith(".option") || first.equals(".opt")) {
            options(card);
            return;
        }
        if (first.equals(".temp")) {
            Words t = card.words();
            if (t.size() != 2) {
                throw new NetlistException(file, card.line(), card.text(), "needs one temperature in Celsius");
            }
            options.put("temp", number(card, t, 1));
            return;
        }
        if (SKIPPED_CARDS.contains(first)) {
            warnings.add(file + ":" + card.line() + ": " + first + " skipped (it does not change the DC operating point)");
            return;
        }
        String include = includeRefusal(first);
        if (include != null) {
            throw new NetlistException(file, card.line(), card.text(), include);
        }
        String why = switch (first) {
            case ".subckt", ".ends", ".macro", ".eom" -> "subcircuits are not supported; flatten the netlist";
            case ".param", ".para", ".params" -> "parameters are not supported; write the values out";
            case ".func", ".global", ".csparam", ".if", ".elseif", ".else", ".endif", ".cmodel" ->
                "this card is not supported";
            case ".endc" -> "is an .endc without a .control before it";
            default -> "is an unknown card";
        };
        throw new NetlistException(file, card.line(), card.text(), why.startsWith("is ") ? why : "is not supported: " + why);
    }

    /**
     * @param lines        the file's lines
     * @param commandLines receives the numbers of the {@code *#} lines, which ngspice would run
     * @return the cards, continuation lines joined
     */
    private List<Card> cards(List<String> lines, List<Integer> commandLines) {
        List<CardBuilder> cards = new ArrayList<>();
        for (int n = 1; n < lines.size(); n++) {
            String raw = lines.get(n);
            String line = withoutByteOrderMark(raw);
            int offset = raw.length() - line.length();
            String text = stripComment(line);
            int begin = 0;
            while (begin < text.length() && blank(text.charAt(begin))) {
                begin++;
            }
            int end = text.length();
            while (end > begin && blank(text.charAt(end - 1))) {
                end--;
            }
            if (begin == end) {
                continue;
            }
            if (text.charAt(begin) == '*') {
                if (text.startsWith("*#", begin)) {
                    commandLines.add(n + 1);
                }
                continue;
            }
            if (text.charAt(begin) == '+') {
                if (cards.isEmpty()) {
                    throw new NetlistException(file, n + 1, text.substring(begin, end), "continues no card (a '+' line"
                            + " must follow one)");
                }
                int more = begin + 1;
                while (more < end && blank(text.charAt(more))) {
                    more++;
                }
                if (more < end) {
                    cards.get(cards.size() - 1).add(n + 1, offset + more + 1, text.substring(more, end));
                }
                continue;
            }
            cards.add(new CardBuilder(n + 1, offset + begin + 1, text.substring(begin, end)));
        }
        List<Card> built = new ArrayList<>(cards.size());
        for (CardBuilder b : cards) {
            built.add(b.build());
        }
        return built;
    }

    private static String stripComment(String line) {
        int semicolon = line.indexOf(';');
        if (semicolon >= 0) {
            line = line.substring(0, semicolon);
        }
        for (int k = 1; k < line.length(); k++) {
            if (line.charAt(k) == '$' && blank(line.charAt(k - 1))) {
                return line.substring(0, k);
            }
        }
        return line;
    }

    /**
     * @param name a name from the netlist
     * @return the position of its first character that a name may not hold, or -1
     */
    static int badNameCharacter(String name) {
        for (int k = 0; k < name.length(); k++) {
            char c = name.charAt(k);
            boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || NAME_PUNCTUATION.indexOf(c) >= 0;
            if (!ok) {
                return k;
            }
        }
        return -1;
    }

    private static String nameRule(String what, String name, int bad) {
        return "has the " + what + " \"" + Excerpt.of(name) + "\" with the character '" + Excerpt.escape(String.valueOf(
                name.charAt(bad))) + "', which xbar does not accept in names (letters, digits and " + String.join(" ",
                NAME_PUNCTUATION.split("")) + " only)";
    }

    /** @return the name, checked against the characters a name may hold */
    private String name(Card card, Words w, int k, String what) {
        String name = w.get(k);
        int bad = badNameCharacter(name);
        if (bad >= 0) {
            int at = w.starts()[k] + bad;
            throw new NetlistException(file, card.lineAt(at), card.columnAt(at), card.text(), nameRule(what, name, bad));
        }
        return name;
    }

    private int node(Card card, Words w, int k) {
        return builder.node(name(card, w, k, "node name"));
    }

    private void element(Card card) {
        Words tokens = card.words();
        String name = name(card, tokens, 0, "element name").toLowerCase(Locale.ROOT);
        char kind = name.charAt(0);
        if ("rvimbcld".indexOf(kind) < 0) {
            throw new NetlistException(file, card.line(), card.text(), "is not supported: element " + Excerpt.of(tokens.get(0))
                    + " is a " + describe(kind) + "; this reader takes resistors (R), capacitors (C, open at DC),"
                    + " inductors (L, shorts at DC), voltage sources (V), current sources (I), junction diodes (D),"
                    + " level-1 MOSFETs (M) and behavioral voltage and current sources (B)");
        }
        if (!names.add(name)) {
            throw new NetlistException(file, card.line(), card.text(), "repeats the element name " + Excerpt.of(tokens.get(0)));
        }
        if (kind == 'm' || kind == 'd') {
            transistors.add(card);
            return;
        }
        try {
            if (kind == 'b') {
                behavioral(card, tokens);
                return;
            }
            if (tokens.size() < 4) {
                throw new NetlistException(file, card.line(), card.text(),
                        "is incomplete: " + Excerpt.of(tokens.get(0)) + " needs two nodes and a value");
            }
            int a = node(card, tokens, 1);
            int b = node(card, tokens, 2);
            if (kind == 'r') {
                resistor(card, name, a, b);
            } else if (kind == 'c' || kind == 'l') {
                reactive(card, name, kind, a, b);
            } else {
                double value = sourceValue(card, tokens);
                if (kind == 'v') {
                    builder.voltageSource(name, a, b, value);
                } else {
                    builder.currentSource(name, a, b, value);
                }
            }
        } catch (InvalidParameterException e) {
            throw new NetlistException(file, card.line(), card.text(), "is out of range: " + e.getMessage());
        }
    }

    private void resistor(Card card, String name, int a, int b) {
        Words tokens = card.words();
        Words parameters = card.parameters();
        double ohms = number(card, tokens, 3);
        for (int k = 4; k < parameters.size(); k++) {
            String extra = parameters.get(k).toLowerCase(Locale.ROOT);
            if (extra.startsWith("ac=")) {
                value(card, parameters, k, extra.substring(3));
                warnings.add(file + ":" + card.lineOf(parameters, k) + ": AC resistance " + Excerpt.of(parameters.get(k))
                        + " of " + Excerpt.of(tokens.get(0)) + " skipped (it does not change the DC operating point)");
                continue;
            }
            if (extra.startsWith("noisy=")) {
                value(card, parameters, k, extra.substring(6));
                warnings.add(file + ":" + card.lineOf(parameters, k) + ": noise switch " + Excerpt.of(parameters.get(k))
                        + " of " + Excerpt.of(tokens.get(0)) + " skipped (it does not change the DC operating point)");
                continue;
            }
            String why = extra.startsWith("m=") ? "the multiplier m= is not supported; write the parallel resistors out"
                    : extra.contains("=") ? "resistor parameters (" + Excerpt.of(parameters.get(k)) + ") are not supported"
                    : "resistor models are not supported";
            throw new NetlistException(file, card.lineOf(parameters, k), card.text(), "is not supported: " + why);
        }
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

    /**
     * A capacitor or an inductor at DC, as SPICE's operating point treats them: a capacitor is an
     * open circuit (left out; its nodes stay, so a node it alone would join is reported as
     * floating), an inductor a short (a 0 V branch named after it, whose current is the inductor's;
     * a loop of inductors and voltage sources is refused by name like a loop of sources). The value
     * must be a number; initial conditions and other parameters change no operating point and are
     * skipped.
     */
    private void reactive(Card card, String name, char kind, int a, int b) {
        Words tokens = card.words();
        number(card, tokens, 3);
        String what = kind == 'c' ? "capacitor" : "inductor";
        Words parameters = card.parameters();
        List<String> skipped = new ArrayList<>();
        for (int k = 4; k < parameters.size(); k++) {
            skipped.add(parameters.get(k));
        }
        if (kind == 'l') {
            builder.voltageSource(name, a, b, 0.0);
        }
        warnings.add(file + ":" + card.line() + ": " + what + " " + Excerpt.of(tokens.get(0)) + " is "
                + (kind == 'c' ? "open" : "a short (a 0 V branch)") + " at DC"
                + (skipped.isEmpty() ? "" : "; its " + Excerpt.of(String.join(" ", skipped)) + " skipped"));
    }

    private double sourceValue(Card card, Words tokens) {
        Words p = card.parameters();
        Double value = null;
        boolean skipped = false;
        String waveform = null;
        List<Double> arguments = new ArrayList<>();
        int transientWord = -1;
        for (int k = 3; k < p.size(); k++) {
            String word = p.get(k).toLowerCase(Locale.ROOT).replace(",", "");
            if (word.isEmpty()) {
                continue;
            }
            if (word.equals("dc")) {
                if (k + 1 >= p.size()) {
                    throw new NetlistException(file, card.line(), card.text(), "has DC without a value");
                }
                value = number(card, p, ++k);
            } else if (word.equals("ac")) {
                skipped = true;
                while (k + 1 < p.size() && startsNumeric(p.get(k + 1))) {
                    k++;
                }
            } else if (TRANSIENT.contains(word)) {
                skipped = true;
                waveform = word;
                transientWord = k;
                while (k + 1 < p.size() && startsNumeric(p.get(k + 1).replace(",", ""))) {
                    k++;
                    arguments.add(value(card, p, k, p.get(k).replace(",", "")));
                }
            } else if (value == null && startsNumeric(word)) {
                value = number(card, p, k);
            } else {
                throw new NetlistException(file, card.lineOf(p, k), card.text(), "has \"" + Excerpt.of(p.get(k))
                        + "\" where a DC value, AC or a transient specification was expected");
            }
        }
        if (value == null && waveform != null) {
            double atZero = timeZero(card, p, transientWord, waveform, arguments);
            warnings.add(file + ":" + card.line() + ": " + Excerpt.of(tokens.get(0)) + " has no DC value: its "
                    + waveform.toUpperCase(Locale.ROOT) + " value at time 0, " + atZero + ", used (ngspice's rule)");
            return atZero;
        }
        if (value == null) {
            throw new NetlistException(file, card.line(), card.text(), "has no value: write it as DC <value>");
        }
        if (skipped) {
            warnings.add(file + ":" + card.line() + ": AC and transient parts of " + Excerpt.of(tokens.get(0))
                    + " skipped; DC value " + value + " used");
        }
        return value;
    }

    /**
     * A transient source's value at time 0, which ngspice's operating point takes when no DC value
     * is written: PULSE(V1 V2 ...) and EXP(V1 V2 ...) start at V1; SIN(VO VA FREQ TD THETA PHASE)
     * at {@code VO + VA sin(PHASE)} (degrees); SFFM(VO VA FC MDI FS PHASEC PHASES) at
     * {@code VO + VA sin(PHASEC + MDI sin(PHASES))}; PWL(T1 V1 T2 V2 ...) holds V1 before T1 and is
     * interpolated between its points. Others (AM, TRNOISE, TRRANDOM, EXTERNAL) are refused.
     */
    private double timeZero(Card card, Words p, int word, String kind, List<Double> a) {
        java.util.function.IntFunction<Double> arg = k -> k < a.size() ? a.get(k) : 0.0;
        int needed = switch (kind) {
            case "pulse", "exp", "sin", "sffm" -> kind.equals("sin") || kind.equals("sffm") ? 2 : 1;
            case "pwl" -> 2;
            default -> -1;
        };
        if (needed < 0) {
            throw new NetlistException(file, card.lineOf(p, word), card.text(), "has no DC value and a "
                    + kind.toUpperCase(Locale.ROOT) + " specification, whose value at time 0 xbar does not evaluate:"
                    + " write the operating value as DC <value>");
        }
        if (a.size() < needed) {
            throw new NetlistException(file, card.lineOf(p, word), card.text(), "has a " + kind.toUpperCase(Locale.ROOT)
                    + " specification with " + a.size() + " value" + (a.size() == 1 ? "" : "s") + ", too few for its value"
                    + " at time 0");
        }
        return switch (kind) {
            case "pulse", "exp" -> a.get(0);
            case "sin" -> a.get(0) + a.get(1) * Math.sin(Math.toRadians(arg.apply(5)));
            case "sffm" -> a.get(0) + a.get(1) * Math.sin(Math.toRadians(arg.apply(5))
                    + arg.apply(3) * Math.sin(Math.toRadians(arg.apply(6))));
            default -> pwlAtZero(card, p, word, a);
        };
    }

    private double pwlAtZero(Card card, Words p, int word, List<Double> a) {
        if (a.size() % 2 != 0) {
            throw new NetlistException(file, card.lineOf(p, word), card.text(), "has a PWL specification with an odd"
                    + " number of values; it takes time, value pairs");
        }
        if (0 <= a.get(0)) {
            return a.get(1);
        }
        for (int k = 0; k + 3 < a.size(); k += 2) {
            double t0 = a.get(k);
            double t1 = a.get(k + 2);
            if (t0 <= 0 && 0 <= t1) {
                return t1 == t0 ? a.get(k + 3) : a.get(k + 1) + (a.get(k + 3) - a.get(k + 1)) * (0 - t0) / (t1 - t0);
            }
        }
        return a.get(a.size() - 1);
    }

    private static boolean startsNumeric(String t) {
        return !t.isEmpty() && (Character.isDigit(t.charAt(0)) || t.charAt(0) == '.' || t.charAt(0) == '-'
                || t.charAt(0) == '+');
    }

    private double number(Card card, Words w, int k) {
        try {
            return SpiceNumber.parse(w.get(k));
        } catch (NumberFormatException e) {
            throw new NetlistException(file, card.lineOf(w, k), card.text(), "has \"" + Excerpt.of(w.get(k))
                    + "\" where a number was expected (" + Excerpt.of(e.getMessage()) + ")");
        }
    }

    /** @return the value of a {@code key=value} word, by {@link #number} */
    private double value(Card card, Words w, int k, String value) {
        return number(card, new Words(new String[] {value}, new int[] {w.starts()[k]}), 0);
    }

    private void options(Card card) {
        Words t = card.parameters();
        for (int k = 1; k < t.size(); k++) {
            String[] kv = t.get(k).toLowerCase(Locale.ROOT).split("=", 2);
            String key = kv[0];
            if (CIRCUIT_OPTIONS.contains(key)) {
                throw new NetlistException(file, card.lineOf(t, k), card.text(), "is not supported: " + key
                        + " changes the circuit (it adds or scales elements)");
            }
            if (!SOLVER_OPTIONS.contains(key)) {
                warnings.add(file + ":" + card.lineOf(t, k) + ": option " + Excerpt.of(key) + " skipped (it does not"
                        + " change the DC operating point)");
                continue;
            }
            if (kv.length == 1) {
                if (!key.equals("noopiter")) {
                    throw new NetlistException(file, card.lineOf(t, k), card.text(), "gives option " + key + " no value");
                }
                options.put(key, 1.0);
                continue;
            }
            options.put(key, value(card, t, k, kv[1]));
        }
    }

    private void model(Card card) {
        Words t = card.parameters();
        if (t.size() < 3) {
            throw new NetlistException(file, card.line(), card.text(), "needs a name and a type (nmos or pmos)");
        }
        String name = name(card, t, 1, "model name").toLowerCase(Locale.ROOT);
        String type = t.get(2).toLowerCase(Locale.ROOT);
        if (type.equals("d")) {
            diodeModel(card, t, name);
            return;
        }
        if (!type.equals("nmos") && !type.equals("pmos")) {
            throw new NetlistException(file, card.line(), card.text(), "is not supported: " + Excerpt.of(type)
                    + " models are not supported (only d, and level-1 nmos and pmos)");
        }
        Map<String, Double> parameters = new HashMap<>();
        for (ModelParameter m : modelParameters(card, t, "MOSFET level", "only level 1, Shichman-Hodges")) {
            parameters.put(m.key(), m.value());
        }
        if (models.containsKey(name) || diodeModels.containsKey(name)) {
            throw new NetlistException(file, card.line(), card.text(), "repeats the model name " + t.get(1));
        }
        try {
            models.put(name, MosfetModel.of(name, type.equals("pmos"), parameters));
        } catch (InvalidParameterException e) {
            throw new NetlistException(file, card.line(), card.text(), "is not supported: " + e.getMessage());
        }
    }

    /** A model card's {@code name=value} word: lower-case name, value, and the word's index. */
    private record ModelParameter(String key, double value, int word) {
    }

    /**
     * The {@code name=value} words of a {@code .model} card after its type, {@code level} checked
     * (only 1) and left out.
     *
     * @param level what the level is of, for the message ("MOSFET level")
     * @param only  what is supported, for the message
     */
    private List<ModelParameter> modelParameters(Card card, Words t, String level, String only) {
        List<ModelParameter> found = new ArrayList<>();
        for (int k = 3; k < t.size(); k++) {
            String[] kv = t.get(k).toLowerCase(Locale.ROOT).split("=", 2);
            if (kv.length != 2) {
                throw new NetlistException(file, card.lineOf(t, k), card.text(), "has \"" + Excerpt.of(t.get(k))
                        + "\" where name=value was expected");
            }
            double value = value(card, t, k, kv[1]);
            if (kv[0].equals("level")) {
                if (value != 1) {
                    throw new NetlistException(file, card.lineOf(t, k), card.text(), "is not supported: " + level + " "
                            + Excerpt.of(kv[1]) + " (" + only + ")");
                }
                continue;
            }
            found.add(new ModelParameter(kv[0], value, k));
        }
        return found;
    }

    /** Diode model parameters that change the DC operating point, by ngspice name. */
    private static final Set<String> DIODE_DC = Set.of("is", "n", "rs", "bv", "ibv", "nbv");
    /**
     * Diode model parameters that leave the DC operating point at the nominal temperature as it is
     * (capacitance, transit time, noise, temperature coefficients): skipped with a warning.
     */
    private static final Set<String> DIODE_SKIPPED = Set.of("cjo", "cj0", "cj", "vj", "pb", "m", "mj", "tt", "fc", "eg",
            "xti", "kf", "af", "tnom");

    private void diodeModel(Card card, Words t, String name) {
        Map<String, Double> p = new HashMap<>();
        List<String> skipped = new ArrayList<>();
        for (ModelParameter m : modelParameters(card, t, "diode level", "only level 1")) {
            if (DIODE_SKIPPED.contains(m.key())) {
                skipped.add(t.get(m.word()));
                continue;
            }
            if (!DIODE_DC.contains(m.key())) {
                throw new NetlistException(file, card.lineOf(t, m.word()), card.text(), "is not supported: diode parameter "
                        + Excerpt.of(m.key()) + " (this reader takes is, n, rs, bv, ibv and nbv, and skips capacitance,"
                        + " transit-time, noise and temperature parameters)");
            }
            p.put(m.key(), m.value());
        }
        if (models.containsKey(name) || diodeModels.containsKey(name)) {
            throw new NetlistException(file, card.line(), card.text(), "repeats the model name " + t.get(1));
        }
        double n = p.getOrDefault("n", 1.0);
        try {
            diodeModels.put(name, new DiodeModel(name, p.getOrDefault("is", DiodeModel.DEFAULT_SATURATION), n,
                    p.getOrDefault("rs", 0.0), p.getOrDefault("bv", Double.NaN), p.getOrDefault("ibv", 1e-3),
                    p.getOrDefault("nbv", n)));
        } catch (InvalidParameterException e) {
            throw new NetlistException(file, card.line(), card.text(), "is out of range: " + e.getMessage());
        }
        if (!skipped.isEmpty()) {
            warnings.add(file + ":" + card.line() + ": diode model " + Excerpt.of(t.get(1)) + ": "
                    + Excerpt.of(String.join(" ", skipped)) + " skipped (no effect on the DC operating point at the"
                    + " nominal temperature)");
        }
    }

    /** {@code D<name> anode cathode model [area] [area=value] [off]}. */
    private void diode(Card card) {
        Words t = card.parameters();
        if (t.size() < 4) {
            throw new NetlistException(file, card.line(), card.text(), "is incomplete: " + Excerpt.of(t.get(0))
                    + " needs two nodes and a model");
        }
        String name = t.get(0).toLowerCase(Locale.ROOT);
        int anode = node(card, t, 1);
        int cathode = node(card, t, 2);
        String modelName = t.get(3).toLowerCase(Locale.ROOT);
        DiodeModel model = diodeModels.get(modelName);
        if (model == null) {
            throw new NetlistException(file, card.lineOf(t, 3), card.text(), "names the diode model "
                    + Excerpt.of(t.get(3)) + ", which no .model card defines"
                    + (models.containsKey(modelName) ? " (it is a MOSFET model)" : ""));
        }
        double area = 1;
        boolean off = false;
        boolean areaGiven = false;
        for (int k = 4; k < t.size(); k++) {
            String w = t.get(k).toLowerCase(Locale.ROOT);
            if (w.equals("off")) {
                off = true;
            } else if (w.startsWith("area=")) {
                area = value(card, t, k, w.substring(5));
                areaGiven = true;
            } else if (!areaGiven && !w.contains("=") && startsNumeric(w)) {
                area = number(card, t, k);
                areaGiven = true;
            } else {
                throw new NetlistException(file, card.lineOf(t, k), card.text(), "is not supported: diode instance"
                        + " parameter " + Excerpt.of(t.get(k)) + " (this reader takes an area and off)");
            }
        }
        try {
            builder.diode(new Diode(name, anode, cathode, model, area, off));
        } catch (InvalidParameterException e) {
            throw new NetlistException(file, card.line(), card.text(), "is out of range: " + e.getMessage());
        }
    }

    private void mosfet(Card card) {
        Words t = card.parameters();
        if (t.size() < 6) {
            throw new NetlistException(file, card.line(), card.text(), "is incomplete: " + Excerpt.of(t.get(0))
                    + " needs drain, gate, source and bulk nodes and a model name");
        }
        MosfetModel model = models.get(name(card, t, 5, "model name").toLowerCase(Locale.ROOT));
        if (model == null) {
            throw new NetlistException(file, card.lineOf(t, 5), card.text(), "uses the model " + t.get(5)
                    + ", which no .model card defines");
        }
        double width = option("defw", Mosfet.DEFAULT_SIZE);
        double length = option("defl", Mosfet.DEFAULT_SIZE);
        double multiplier = 1;
        double drainArea = option("defad", 0);
        double sourceArea = option("defas", 0);
        boolean off = false;
        for (int k = 6; k < t.size(); k++) {
            String token = t.get(k).toLowerCase(Locale.ROOT);
            if (token.equals("off")) {
                off = true;
                continue;
            }
            String[] kv = token.split("=", 2);
            if (kv.length != 2) {
                throw new NetlistException(file, card.lineOf(t, k), card.text(), "has \"" + Excerpt.of(t.get(k))
                        + "\" where name=value was expected");
            }
            double value = value(card, t, k, kv[1]);
            switch (kv[0]) {
                case "w" -> width = value;
                case "l" -> length = value;
                case "m" -> multiplier = value;
                case "ad" -> drainArea = value;
                case "as" -> sourceArea = value;
                case "pd", "ps", "nrd", "nrs" -> {
                    // perimeters and squares change no DC current of a level-1 model without RSH
                }
                default -> throw new NetlistException(file, card.lineOf(t, k), card.text(), "is not supported: instance"
                        + " parameter " + Excerpt.of(kv[0])
                        + (kv[0].equals("ic") ? " (initial conditions change the starting point)" : ""));
            }
        }
        try {
            builder.mosfet(new Mosfet(t.get(0).toLowerCase(Locale.ROOT), node(card, t, 1), node(card, t, 2),
                    node(card, t, 3), node(card, t, 4), model, width, length, multiplier, drainArea, sourceArea, off));
        } catch (InvalidParameterException e) {
            throw new NetlistException(file, card.line(), card.text(), "is out of range: " + e.getMessage());
        }
    }

    private double option(String name, double fallback) {
        Double v = options.get(name);
        return v == null ? fallback : v;
    }

    private void behavioral(Card card, Words tokens) {
        String text = card.text();
        if (tokens.size() < 4) {
            throw new NetlistException(file, card.line(), text, "is incomplete: " + Excerpt.of(tokens.get(0))
                    + " needs two nodes and V=<expression> or I=<expression>");
        }
        int plus = node(card, tokens, 1);
        int minus = node(card, tokens, 2);
        int restStart = tokens.starts()[3];
        String rest = text.substring(restStart);
        String lower = rest.toLowerCase(Locale.ROOT);
        int equals = rest.indexOf('=');
        boolean current = lower.startsWith("i");
        if (!(current || lower.startsWith("v")) || equals < 0 || !rest.substring(1, equals).isBlank()) {
            throw new NetlistException(file, card.line(), text, "needs V=<expression> or I=<expression>");
        }
        int start = restStart + equals + 1;
        int end = text.length();
        while (start < end && blank(text.charAt(start))) {
            start++;
        }
        if (start < end - 1 && text.charAt(start) == '{' && text.charAt(end - 1) == '}') {
            start++;
            end--;
        }
        final int expressionStart = start;
        Expression value;
        try {
            value = ExpressionParser.parse(text.substring(start, end), nodeName -> {
                int bad = badNameCharacter(nodeName);
                if (bad >= 0) {
                    throw new IllegalArgumentException(nameRule("node name", nodeName, bad));
                }
                return builder.node(nodeName);
            });
        } catch (ExpressionParser.SyntaxException e) {
            int at = expressionStart + e.position();
            throw new NetlistException(file, card.lineAt(at), card.columnAt(at), text,
                    "has an expression xbar cannot read: " + e.getMessage());
        }
        if (current) {
            builder.behavioralCurrent(tokens.get(0).toLowerCase(Locale.ROOT), plus, minus, value);
        } else {
            builder.behavioralVoltage(tokens.get(0).toLowerCase(Locale.ROOT), plus, minus, value);
        }
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
            case 'a' -> "XSPICE code model";
            case 'n' -> "OSDI (Verilog-A) device";
            default -> "element of an unknown kind";
        };
    }
}
