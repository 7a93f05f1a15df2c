package org.xbar.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbar.data.DataAvailable;
import org.xbar.io.CsvMatrix;
import org.xbar.network.EffectiveNetwork;
import org.xbar.spec.NetworkLayer;

/**
 * {@code xbar phax-train} and {@code xbar network --conductances} end to end: what the first writes
 * the second solves to the same accuracy, and bad conductance files and flags are refused naming
 * the file and line, or the flag.
 */
class PhaxCliTest {
    @TempDir
    Path dir;

    private static CliRunner.Run run(String... args) {
        return CliRunner.run(args);
    }

    /** The percentage printed after {@code label}. */
    private static double percentAfter(String text, String label) {
        Matcher m = Pattern.compile(Pattern.quote(label) + "\\s+([0-9.]+) %").matcher(text);
        assertTrue(m.find(), "no \"" + label + " N %\" in: " + text);
        return Double.parseDouble(m.group(1));
    }

    /**
     * A small run writes conductances of PHAX's range, its log and the test vectors; {@code xbar
     * network} on those files gives, for each kind of neuron, the accuracy phax-train reported, and
     * the outputs it writes classify the vectors to that accuracy.
     */
    @Tag("data")
    @Test
    void phaxTrainWritesWhatNetworkReproduces() throws Exception {
        DataAvailable.mnistOrSkip();
        Path out = dir.resolve("phax");
        CliRunner.Run train = run("phax-train", "--data", "mnist", "--hidden", "8", "--epochs", "1", "--eval-count", "5",
                "--threads", "2", "--out", out.toString());
        assertEquals(0, train.code(), train.err());
        assertTrue(train.err().contains("epoch 1:"), train.err());
        List<String> log = Files.readAllLines(out.resolve("training.csv"));
        assertEquals(List.of("epoch", "loss", "train_accuracy", "test_accuracy", "seconds"), List.of(log.get(0).split(",")));
        assertEquals(2, log.size());
        double ideal = percentAfter(train.out(), "ideal model:");
        assertEquals(Double.parseDouble(log.get(1).split(",")[3]), ideal, 1e-9, "the log's test accuracy is the printed one");

        double[][] l1 = CsvMatrix.read(out.resolve("L1.csv"));
        double[][] l2 = CsvMatrix.read(out.resolve("L2.csv"));
        assertEquals(2 * 196 + 2, l1.length);
        assertEquals(8, l1[0].length);
        assertEquals(2 * 8 + 2, l2.length);
        assertEquals(10, l2[0].length);
        for (double[][] layer : new double[][][] {l1, l2}) {
            for (double[] row : layer) {
                for (double g : row) {
                    assertTrue(g >= 1 / 8.33e6 * (1 - 1e-12) && g <= 1 / 8.33e6 * 8.33 * (1 + 1e-12), "G = " + g);
                }
            }
        }
        NetworkLayer.ofPhysicalRows(l1);
        double[][] inputs = CsvMatrix.read(out.resolve("inputs.csv"));
        double[][] labels = CsvMatrix.read(out.resolve("labels.csv"));
        assertEquals(5, inputs.length);
        assertEquals(196, inputs[0].length);
        assertEquals(5, labels.length);
        for (double[] row : inputs) {
            for (double v : row) {
                assertTrue(v >= -0.25 && v <= 0.25, "x' = " + v);
            }
        }

        for (String kind : new String[] {"behavioral", "mosfet"}) {
            Path outputs = dir.resolve(kind + ".csv");
            CliRunner.Run network = run("network", "--conductances", out.resolve("L1.csv") + "," + out.resolve("L2.csv"), "--v",
                    out.resolve("inputs.csv").toString(), "--labels", out.resolve("labels.csv").toString(), "--neuron", kind,
                    "--out", outputs.toString());
            assertEquals(0, network.code(), network.err());
            double printed = percentAfter(network.out(), "accuracy");
            assertEquals(percentAfter(train.out(), kind + " circuit:"), printed, 1e-9, kind);
            double[][] y = CsvMatrix.read(outputs);
            double[] flat = new double[5 * 10];
            int[] classes = new int[5];
            for (int k = 0; k < 5; k++) {
                System.arraycopy(y[k], 0, flat, 10 * k, 10);
                classes[k] = (int) labels[k][0];
            }
            assertEquals(printed, EffectiveNetwork.accuracyPercent(EffectiveNetwork.classes(flat, 5), classes), 1e-9, kind);
        }
    }

    /** Writes a 2-input, 2-neuron layer (6 lines) and a 2-neuron, 1-output layer (6 lines) and an input file. */
    private Path[] smallNetwork() throws Exception {
        Path l1 = dir.resolve("L1.csv");
        Path l2 = dir.resolve("L2.csv");
        Path v = dir.resolve("V.csv");
        Files.writeString(l1, "1e-6,2e-7\n3e-7,4e-7\n5e-7,6e-7\n7e-7,8e-7\n2e-7,2e-7\n3e-7,3e-7\n");
        Files.writeString(l2, "1e-6\n2e-7\n3e-7\n4e-7\n5e-7\n6e-7\n");
        Files.writeString(v, "0.1,-0.2\n0.2,0.1\n");
        return new Path[] {l1, l2, v};
    }

    private CliRunner.Run network(Path l1, Path l2, Path v, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("network", "--conductances", l1 + "," + l2, "--v", v.toString(),
                "--neuron", "behavioral"));
        args.addAll(List.of(extra));
        return run(args.toArray(new String[0]));
    }

    @Test
    void networkReadsConductances() throws Exception {
        Path[] f = smallNetwork();
        CliRunner.Run ok = network(f[0], f[1], f[2]);
        assertEquals(0, ok.code(), ok.err());
        double[][] printed = CsvMatrix.parse("stdout", ok.out().lines().toList());
        assertEquals(2, printed.length);
        assertEquals(1, printed[0].length);
    }

    @Test
    void badConductanceFilesNameTheFileAndLine() throws Exception {
        Path[] f = smallNetwork();
        Files.writeString(f[1], "1e-6\n2e-7\n-3e-7\n4e-7\n5e-7\n6e-7\n");
        CliRunner.Run negative = network(f[0], f[1], f[2]);
        assertEquals(2, negative.code());
        assertTrue(negative.err().contains(f[1] + ":3:"), negative.err());

        Files.writeString(f[1], "1e-6\n2e-7\nNaN\n4e-7\n5e-7\n6e-7\n");
        CliRunner.Run nan = network(f[0], f[1], f[2]);
        assertEquals(2, nan.code());
        assertTrue(nan.err().contains(f[1] + ":3:"), nan.err());

        Files.writeString(f[1], "1e-6\n2e-7\n3e-7\n4e-7\n5e-7\n6e-7\n7e-7\n8e-7\n");
        CliRunner.Run chain = network(f[0], f[1], f[2]);
        assertEquals(2, chain.code());
        assertTrue(chain.err().contains(f[1] + ":") && chain.err().contains("8 lines") && chain.err().contains(f[0].toString()),
                chain.err());

        Files.writeString(f[1], "1e-6\n2e-7\n3e-7\n4e-7\n5e-7\n");
        CliRunner.Run odd = network(f[0], f[1], f[2]);
        assertEquals(2, odd.code());
        assertTrue(odd.err().contains(f[1] + ":") && odd.err().contains("5 lines"), odd.err());

        Files.writeString(f[1], "1e-6\n2e-7\n3e-7\n4e-7\n5e-7\n6e-7\n");
        Files.writeString(f[0], "1e-6,0\n3e-7,0\n5e-7,0\n7e-7,0\n2e-7,0\n3e-7,0\n");
        CliRunner.Run floating = network(f[0], f[1], f[2]);
        assertEquals(2, floating.code());
        assertTrue(floating.err().contains(f[0] + ": column 2:"), floating.err());
    }

    @Test
    void badLabelsAndFlagCombinationsAreNamed() throws Exception {
        Path[] f = smallNetwork();
        Path labels = dir.resolve("Y.csv");
        Files.writeString(labels, "0\n1\n");
        CliRunner.Run label = network(f[0], f[1], f[2], "--labels", labels.toString());
        assertEquals(2, label.code());
        assertTrue(label.err().contains(labels + ":2:"), label.err());
        Files.writeString(labels, "0\n");
        CliRunner.Run count = network(f[0], f[1], f[2], "--labels", labels.toString());
        assertEquals(2, count.code());
        assertTrue(count.err().contains(labels.toString()), count.err());
        Files.writeString(labels, "0\n0\n");
        CliRunner.Run right = network(f[0], f[1], f[2], "--labels", labels.toString());
        assertEquals(0, right.code(), right.err());
        assertTrue(right.err().contains("accuracy 100.00 %"), right.err());

        CliRunner.Run bias = network(f[0], f[1], f[2], "--bias", labels.toString());
        assertEquals(2, bias.code());
        assertTrue(bias.err().contains("--bias"), bias.err());
        CliRunner.Run bits = network(f[0], f[1], f[2], "--bits", "4");
        assertEquals(2, bits.code());
        assertTrue(bits.err().contains("--bits"), bits.err());
        CliRunner.Run both = run("network", "--conductances", f[0].toString(), "--weights", f[0].toString(), "--v", f[2].toString());
        assertEquals(2, both.code());
        assertTrue(both.err().contains("--weights") && both.err().contains("--conductances"), both.err());
    }

    @Test
    void phaxTrainRefusesBadFlags() {
        String out = dir.resolve("never").toString();
        String[][] cases = {
            {"--hidden", "0"}, {"--eval-count", "0"}, {"--loss", "hinge"}, {"--lr", "-1"}, {"--epochs", "0"},
            {"--batch", "0"}, {"--momentum", "1"}, {"--data", "cifar"}, {"--threads", "0"}};
        for (String[] c : cases) {
            List<String> args = new java.util.ArrayList<>(List.of("phax-train", "--data", "mnist", "--hidden", "4", "--out", out));
            int at = args.indexOf(c[0]);
            if (at >= 0) {
                args.set(at + 1, c[1]);
            } else {
                args.addAll(List.of(c));
            }
            CliRunner.Run r = run(args.toArray(new String[0]));
            assertEquals(2, r.code(), String.join(" ", c) + ": " + r.err());
            assertTrue(r.err().contains(c[0]), r.err());
            assertTrue(!Files.exists(dir.resolve("never")), "nothing written for " + String.join(" ", c));
        }
    }

    @Test
    void fitInverterReproducesTheCommittedParametersAndDrawsThem() throws Exception {
        Path png = dir.resolve("fit.png");
        CliRunner.Run r = CliRunner.run("fit-inverter", "--plot", png.toString());
        assertEquals(0, r.code(), r.err() + r.out());
        assertTrue(r.out().contains("printed:    VTO = 0.13 V and -0.19 V, KP = 300 and 230 uA/V^2, LAMBDA = 10 /V"), r.out());
        assertTrue(r.out().contains("equal the fit to the printed digits"), r.out());
        assertTrue(Files.size(png) > 10_000, "plot missing or empty");
        CliRunner.Run bad = CliRunner.run("fit-inverter", "--points", "5");
        assertEquals(2, bad.code(), bad.out());
        assertTrue(bad.err().contains("--points"), bad.err());
    }
}
