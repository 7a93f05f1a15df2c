package org.xbar.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.xbar.error.XbarException;
import org.xbar.io.CsvMatrix;
import org.xbar.network.Network;
import org.xbar.report.AccuracyTable;
import org.xbar.study.AccuracyRow;
import org.xbar.study.NetworkStudy;

/**
 * What {@code xbar study} keeps in its output directory so that an interrupted run resumes: the
 * rows of {@code accuracy.csv} (written as they finish) and every trained network, under
 * {@code DIR/checkpoints/} ({@code plan.txt}, the plan they belong to, and {@code networks/<hash>/}
 * with {@code key.txt} and the network's {@code W1.csv, B1.csv, ...}, which parse back to the same
 * doubles). Nothing is reused unless {@code plan.txt} describes the plan of this run.
 */
final class StudyCheckpoints implements NetworkStudy.Checkpoints {
    private final Path networks;
    private final Map<String, AccuracyRow> rows = new HashMap<>();

    private StudyCheckpoints(Path dir, List<AccuracyRow> kept) {
        this.networks = dir.resolve("networks");
        for (AccuracyRow r : kept) {
            rows.put(r.key(), r);
        }
    }

    /**
     * Opens the checkpoints of a study's output directory for a plan, refusing results of another plan.
     *
     * @param out         the study's output directory
     * @param description the plan of this run ({@code StudyPlan.describe()} and the data it runs on)
     * @param fresh       true to discard what the directory holds and start over
     * @return the checkpoints, with every row of a matching earlier run
     * @throws UsageException naming {@code --fresh} when the directory holds another plan's results
     */
    static StudyCheckpoints open(Path out, String description, boolean fresh) {
        Path dir = out.resolve("checkpoints");
        Path csv = out.resolve("accuracy.csv");
        Path plan = dir.resolve("plan.txt");
        try {
            if (fresh) {
                delete(dir);
                Files.deleteIfExists(csv);
            }
            List<AccuracyRow> kept = List.of();
            if (Files.exists(csv) || Files.exists(plan)) {
                String before = Files.isRegularFile(plan) ? Files.readString(plan, StandardCharsets.UTF_8) : null;
                if (!description.equals(before)) {
                    throw new UsageException("--fresh", out + " holds the results of " + (before == null
                            ? "a study run without checkpoints" : "another study plan") + " (" + plan + " does not describe"
                            + " this run's plan). Rerun with --fresh to replace them, or give another --out.");
                }
                if (Files.exists(csv)) {
                    kept = AccuracyTable.read(csv);
                }
            }
            Files.createDirectories(dir);
            CsvMatrix.writeAtomically(plan, w -> w.write(description));
            return new StudyCheckpoints(dir, kept);
        } catch (IOException e) {
            throw new XbarException("cannot prepare the study's checkpoints in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** @return how many rows an earlier run left */
    int keptRows() {
        return rows.size();
    }

    @Override
    public Optional<AccuracyRow> row(String key) {
        return Optional.ofNullable(rows.get(key));
    }

    @Override
    public Optional<Network> network(String key) {
        Path dir = networks.resolve(hash(key));
        try {
            if (!Files.isRegularFile(dir.resolve("key.txt"))
                    || !Files.readString(dir.resolve("key.txt"), StandardCharsets.UTF_8).equals(key)) {
                return Optional.empty();
            }
            List<Path> weights = new java.util.ArrayList<>();
            List<Path> biases = new java.util.ArrayList<>();
            for (int l = 1; Files.isRegularFile(dir.resolve("W" + l + ".csv")); l++) {
                weights.add(dir.resolve("W" + l + ".csv"));
                biases.add(dir.resolve("B" + l + ".csv"));
            }
            return weights.isEmpty() ? Optional.empty() : Optional.of(NetworkFiles.read(weights, biases));
        } catch (IOException e) {
            throw new XbarException("cannot read the checkpoint " + dir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void save(String key, Network network) {
        Path dir = networks.resolve(hash(key));
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new XbarException("cannot create the checkpoint " + dir + ": " + e.getMessage(), e);
        }
        NetworkFiles.write(network, dir);
        // the key last: a checkpoint without it (an interrupted save) is not used
        CsvMatrix.writeAtomically(dir.resolve("key.txt"), w -> w.write(key));
    }

    private static String hash(String key) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
