package org.xbar.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbar.data.DataAvailable;
import org.xbar.data.Dataset;
import org.xbar.data.DatasetName;
import org.xbar.data.Datasets;
import org.xbar.dense.DenseOps;
import org.xbar.device.Technology;
import org.xbar.io.CsvMatrix;
import org.xbar.network.CrossbarNetwork;
import org.xbar.network.EffectiveNetwork;
import org.xbar.network.Evaluator;
import org.xbar.network.Hardware;
import org.xbar.network.Network;
import org.xbar.network.TestNetworks;
import org.xbar.network.TileShape;

/** {@code xbar train} and {@code xbar infer} end to end, and the bad input they refuse. */
class NetworkCliTest {
    @TempDir
    Path dir;

    private Network network;
    private Path w1;
    private Path w2;
    private Path b1;
    private Path b2;
    private Path x;
    private Path y;

    @BeforeEach
    void files() {
        network = TestNetworks.random(3, 12, 6, 4);
        List<Path> written = NetworkFiles.write(network, dir);
        w1 = written.get(0);
        b1 = written.get(1);
        w2 = written.get(2);
        b2 = written.get(3);
        double[] flat = TestNetworks.inputs(4, 5, 12);
        double[][] rows = new double[5][];
        for (int k = 0; k < 5; k++) {
            rows[k] = java.util.Arrays.copyOfRange(flat, k * 12, (k + 1) * 12);
        }
        x = dir.resolve("X.csv");
        CsvMatrix.write(x, rows);
        y = dir.resolve("Y.csv");
        CsvMatrix.write(y, new double[][] {{0}, {1}, {2}, {3}, {1}});
    }

    private String[] infer(String... extra) {
        List<String> args = new ArrayList<>(List.of("infer", "--weights", w1 + "," + w2, "--bias", b1 + "," + b2,
                "--inputs", x.toString(), "--rs", "800", "--rn", "200", "--rw", "2.5"));
        args.addAll(List.of(extra));
        return args.toArray(new String[0]);
    }

    @Test
    void inferWritesTheEvaluatorsOutputsAndAccuracy() {
        Hardware hardware = Hardware.ideal(Technology.TAOX).withTerminations(800, 200).withWires(2.5)
                .withTile(new TileShape(5, 3));
        double[] inputs = TestNetworks.inputs(4, 5, 12);
        for (Evaluator e : Evaluator.values()) {
            Path out = dir.resolve(e.label() + ".csv");
            CliRunner.Run run = CliRunner.run(infer("--labels", y.toString(), "--technology", "TaOx", "--tile", "5x3",
                    "--method", e.label(), "--out", out.toString()));
            assertEquals(0, run.code(), run.err());
            double[] expected = CrossbarNetwork.map(network, hardware).effective(e).outputs(inputs, 5, DenseOps.ejml(1));
            double[][] written = CsvMatrix.read(out);
            double[] flat = java.util.Arrays.stream(written).flatMapToDouble(java.util.Arrays::stream).toArray();
            assertArrayEquals(expected, flat, 0.0, e.label() + ": every value parses back to the same double");
            int[] classes = EffectiveNetwork.classes(expected, 5);
            double accuracy = EffectiveNetwork.accuracyPercent(classes, new int[] {0, 1, 2, 3, 1});
            assertEquals(accuracy, printedAccuracy(run.out()), 1e-9);
        }
    }

    private static double printedAccuracy(String text) {
        Matcher m = Pattern.compile("accuracy ([0-9.]+) %").matcher(text);
        assertTrue(m.find(), text);
        return Double.parseDouble(m.group(1));
    }

    @Test
    void trainWritesWhatInferReadsAndTheSameAccuracy() throws IOException {
        DataAvailable.mnistOrSkip();
        Path out = dir.resolve("trained");
        CliRunner.Run train = CliRunner.run("train", "--data", "mnist", "--layers", "784,16,10", "--epochs", "2",
                "--train-count", "400", "--aware", "seed", "--rs", "400", "--rn", "100", "--tile", "256x8", "--out", out.toString());
        assertEquals(0, train.code(), train.err());
        List<String> log = Files.readAllLines(out.resolve("training.csv"));
        assertEquals("epoch,loss,train_accuracy,test_accuracy,seconds", log.get(0));
        assertEquals(3, log.size());
        double trainedAccuracy = Double.parseDouble(log.get(2).split(",")[3]);
        CliRunner.Run infer = CliRunner.run("infer", "--weights", out.resolve("W1.csv") + "," + out.resolve("W2.csv"),
                "--bias", out.resolve("B1.csv") + "," + out.resolve("B2.csv"), "--data", "mnist", "--rs", "400", "--rn", "100",
                "--rw", "0", "--tile", "256x8", "--method", "model", "--out", dir.resolve("y.csv").toString());
        assertEquals(0, infer.code(), infer.err());
        assertEquals(trainedAccuracy, printedAccuracy(infer.out()), 0.005,
                "infer with the seed model sees what seed-aware training saw");
        Dataset test = Datasets.load(DatasetName.MNIST).test();
        assertEquals(test.size(), CsvMatrix.read(dir.resolve("y.csv")).length);
    }

    @Test
    void refusesLayersThatDoNotChain() {
        Path bad = dir.resolve("W2bad.csv");
        CsvMatrix.write(bad, new double[5][4]);
        CliRunner.Run run = CliRunner.run("infer", "--weights", w1 + "," + bad, "--inputs", x.toString(), "--rs", "0", "--rn", "0",
                "--rw", "0");
        assertEquals(2, run.code());
        assertTrue(run.err().contains(bad.toString()) && run.err().contains(w1.toString()), run.err());
    }

    @Test
    void refusesABiasOfTheWrongLength() throws IOException {
        Files.writeString(b1, "1,2,3\n");
        CliRunner.Run run = CliRunner.run(infer());
        assertEquals(2, run.code());
        assertTrue(run.err().contains(b1 + ":1"), run.err());
    }

    @Test
    void refusesLabelsOutOfRange() throws IOException {
        Files.writeString(y, "0\n1\n2\n4\n1\n");
        CliRunner.Run run = CliRunner.run(infer("--labels", y.toString()));
        assertEquals(2, run.code());
        assertTrue(run.err().contains(y + ":4"), run.err());
    }

    @Test
    void refusesNonFiniteWeightsNamingLineAndColumn() throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(w2));
        String[] values = lines.get(2).split(",");
        values[1] = "NaN";
        lines.set(2, String.join(",", values));
        Files.write(w2, lines);
        CliRunner.Run run = CliRunner.run(infer());
        assertEquals(2, run.code());
        assertTrue(run.err().contains(w2 + ":3: column 2"), run.err());
    }

    @Test
    void refusesInputsOutsideZeroToOne() throws IOException {
        Files.writeString(x, Files.readString(x).replaceFirst("^[^,]+", "1.5"));
        CliRunner.Run run = CliRunner.run(infer());
        assertEquals(2, run.code());
        assertTrue(run.err().contains(x + ":1: column 1"), run.err());
    }

    @Test
    void refusesBadFlagsNamingThem() {
        String[][] cases = {{"--tile", "0x5"}, {"--tile", "64by64"}, {"--method", "spice"}, {"--bits", "0"},
            {"--technology", "unobtainium"}, {"--chip-n", "-20", "--chip-sigma", "0.1"}, {"--stuck-on", "1.5"},
            {"--full-scale", "p200"}};
        for (String[] c : cases) {
            CliRunner.Run run = CliRunner.run(infer(c));
            assertEquals(2, run.code(), String.join(" ", c) + ": " + run.err());
            assertTrue(run.err().contains(c[0].equals("--chip-sigma") ? "--chip-n" : c[0]), run.err());
        }
        CliRunner.Run missing = CliRunner.run("infer", "--weights", w1 + "," + w2, "--inputs", x.toString(), "--rs", "1",
                "--rw", "0");
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("--rn"), missing.err());
    }

    @Test
    void missingDataNamesTheScriptThatFetchesIt() {
        CliRunner.Run run = CliRunner.run("infer", "--weights", w1 + "," + w2, "--data", "mnist", "--data-dir",
                dir.resolve("nowhere").toString(), "--rs", "0", "--rn", "0", "--rw", "0");
        assertEquals(2, run.code());
        assertTrue(run.err().contains("scripts/fetch-mnist"), run.err());
        CliRunner.Run train = CliRunner.run("train", "--data", "mnist", "--data-dir", dir.resolve("nowhere").toString(),
                "--layers", "784,10", "--out", dir.resolve("t").toString());
        assertEquals(2, train.code());
        assertTrue(train.err().contains("scripts/fetch-mnist"), train.err());
        CliRunner.Run layers = CliRunner.run("train", "--data", "mnist", "--layers", "784,30,9", "--out", dir.resolve("t").toString());
        assertEquals(2, layers.code());
        assertTrue(layers.err().toLowerCase(Locale.ROOT).contains("--layers"), layers.err());
    }
}
