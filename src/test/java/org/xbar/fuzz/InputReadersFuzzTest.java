package org.xbar.fuzz;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.xbar.error.XbarException;
import org.xbar.io.CsvMatrix;
import org.xbar.study.sweep.SweepConfig;
import org.xbar.study.sweep.SweepSpec;

/**
 * Seeded fuzzing of the two other readers of user files (issue 11): numeric CSV files (weights,
 * conductances, inputs, labels) and sweep configurations. Real files are mutated - characters
 * replaced by random ones, lines deleted, duplicated and cut, random tokens inserted, very long and
 * deeply nested values - and random text is tried. Every outcome must be a parsed result or one of
 * xbar's own exceptions (never a NullPointerException, a NumberFormatException or a stack
 * overflow), within a time bound per input, and no message may carry a raw control character to the
 * terminal.
 */
class InputReadersFuzzTest {
    private static final long SEED = 11;
    private static final Duration PER_INPUT = Duration.ofSeconds(5);
    private static final String[] TOKENS = {"0", "-0", "1e308", "1e309", "-1e-400", "NaN", "Infinity", "-Infinity", "0x10",
        "1_000", "1,,2", " ", "", "#", "\ufeff", "\u0007", "\u001b[31m", "\u0000", "\t", ",", "\"", "{", "}", "[", "]", ":",
        "null", "true", "false", "1e3", "\"TiO2\"", "\"none\"", "\"64x64\"", "\"0x5\"", "-5", "4097", "1e5", "\"\\u0000\""};

    @Test
    void csvFilesGiveValuesOrTheirOwnErrors() throws IOException {
        List<List<String>> corpus = new ArrayList<>();
        corpus.add(List.of("1e-3,2e-3", "3e-3,4e-3"));
        corpus.add(List.of("# a comment", "0.5, 0.25 ,1", "", "0,0,0"));
        for (String f : new String[] {"netlists/res_partition.op.csv"}) {
            Path p = Path.of(f);
            if (Files.exists(p)) {
                corpus.add(Files.readAllLines(p, StandardCharsets.UTF_8));
            }
        }
        SplittableRandom random = new SplittableRandom(SEED);
        int parsed = 0;
        for (int k = 0; k < 3000; k++) {
            List<String> lines = k % 10 == 9 ? randomLines(random) : mutate(corpus.get(random.nextInt(corpus.size())), random);
            String name = "case" + k + ".csv";
            if (outcome(() -> {
                double[][] values = CsvMatrix.parse(name, lines, v -> v >= -1e300, "values must be >= -1e300");
                for (double[] row : values) {
                    for (double v : row) {
                        assertTrue(Double.isFinite(v), "a parsed value must be finite");
                    }
                }
            }, name, lines)) {
                parsed++;
            }
        }
        assertTrue(parsed > 100, "the mutations must leave some files readable (" + parsed + ")");
    }

    @Test
    void sweepConfigurationsGiveASweepOrTheirOwnErrors() throws IOException {
        List<String> corpus = new ArrayList<>();
        corpus.add(Files.readString(Path.of("validation/examples/sweep-small.json")));
        corpus.add(Files.readString(Path.of("src/main/resources/org/xbar/study/sweep/default-sweep.json")));
        SplittableRandom random = new SplittableRandom(SEED + 1);
        int parsed = 0;
        for (int k = 0; k < 1000; k++) {
            String text = k % 10 == 9 ? String.join("\n", randomLines(random))
                    : String.join("\n", mutate(Arrays.asList(corpus.get(random.nextInt(corpus.size())).split("\n", -1)), random));
            String name = "case" + k + ".json";
            if (outcome(() -> SweepConfig.parse(name, text, Path.of("validation/examples")), name, List.of(text))) {
                parsed++;
            }
        }
        assertTrue(parsed > 15, "the mutations must leave some configurations valid (" + parsed + ")");
    }

    /** @return true when it parsed, false when it was refused by one of xbar's exceptions */
    private static boolean outcome(Runnable parse, String name, List<String> input) {
        boolean[] ok = {false};
        try {
            assertTimeoutPreemptively(PER_INPUT, () -> {
                try {
                    parse.run();
                    ok[0] = true;
                } catch (XbarException e) {
                    String message = e.getMessage();
                    if (message.chars().anyMatch(c -> (c < 0x20 && c != '\t' && c != '\n') || c == 0x7f || c == 0x1b)) {
                        fail(name + ": the message carries a raw control character: " + Arrays.toString(message.getBytes(
                                StandardCharsets.UTF_8)));
                    }
                }
            }, name);
        } catch (RuntimeException | StackOverflowError e) {
            fail(name + ": " + e + " for input " + excerpt(input), e);
        }
        return ok[0];
    }

    private static String excerpt(List<String> input) {
        String all = String.join("\\n", input);
        return all.length() > 300 ? all.substring(0, 300) + "..." : all;
    }

    private static List<String> mutate(List<String> original, SplittableRandom random) {
        List<String> lines = new ArrayList<>(original);
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits && !lines.isEmpty(); e++) {
            int at = random.nextInt(lines.size());
            String line = lines.get(at);
            switch (random.nextInt(8)) {
                case 0 -> lines.remove(at);
                case 1 -> lines.add(at, line);
                case 2 -> lines.set(at, line.substring(0, random.nextInt(line.length() + 1)));
                case 3 -> {
                    if (!line.isEmpty()) {
                        int c = random.nextInt(line.length());
                        lines.set(at, line.substring(0, c) + (char) random.nextInt(0x250) + line.substring(c + 1));
                    }
                }
                case 4 -> {
                    int c = random.nextInt(line.length() + 1);
                    lines.set(at, line.substring(0, c) + TOKENS[random.nextInt(TOKENS.length)] + line.substring(c));
                }
                case 5 -> lines.set(at, line + "," + "9".repeat(random.nextInt(2000)));
                case 6 -> lines.set(at, "[".repeat(random.nextInt(5000)) + line);
                default -> {
                    int other = random.nextInt(lines.size());
                    lines.set(at, lines.get(other));
                    lines.set(other, line);
                }
            }
        }
        return lines;
    }

    private static List<String> randomLines(SplittableRandom random) {
        List<String> lines = new ArrayList<>();
        int n = random.nextInt(6);
        for (int k = 0; k < n; k++) {
            StringBuilder sb = new StringBuilder();
            int length = random.nextInt(120);
            for (int c = 0; c < length; c++) {
                sb.append(random.nextInt(4) == 0 ? TOKENS[random.nextInt(TOKENS.length)] : String.valueOf((char) random.nextInt(0x80)));
            }
            lines.add(sb.toString());
        }
        return lines;
    }
}
