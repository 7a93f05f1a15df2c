package org.xbar.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.xbar.error.InputFormatException;
import org.xbar.io.CsvMatrix;
import org.xbar.network.DenseLayer;
import org.xbar.network.Network;

/**
 * A network's weight and bias files, as {@code xbar train} writes them and {@code xbar infer}
 * reads them: {@code W<l>.csv} holds {@code n_in} lines of {@code n_out} values (line i is input i),
 * {@code B<l>.csv} one line of {@code n_out} values. Every problem names the file and line.
 */
final class NetworkFiles {
    private NetworkFiles() {
    }

    /**
     * @param weights one weight file per layer, first to last
     * @param biases  one bias file per layer, or an empty list for zero biases
     * @return the network
     * @throws InputFormatException naming the file and line of the first problem
     */
    static Network read(List<Path> weights, List<Path> biases) {
        if (!biases.isEmpty() && biases.size() != weights.size()) {
            throw new UsageException("--bias", biases.size() + " files for " + weights.size() + " weight files: give one per layer");
        }
        List<DenseLayer> layers = new ArrayList<>();
        for (int l = 0; l < weights.size(); l++) {
            Path file = weights.get(l);
            double[][] w = CsvMatrix.read(file);
            if (l > 0 && w.length != layers.get(l - 1).outputs()) {
                throw new InputFormatException(file.toString(), 0, 0, "has " + w.length + " lines (inputs of layer " + (l + 1)
                        + "), but " + weights.get(l - 1) + " has " + layers.get(l - 1).outputs()
                        + " values per line (outputs of layer " + l + "): the layers do not chain");
            }
            double[] b = new double[w[0].length];
            if (!biases.isEmpty()) {
                Path biasFile = biases.get(l);
                double[][] rows = CsvMatrix.read(biasFile);
                if (rows.length != 1) {
                    throw new InputFormatException(biasFile.toString(), 0, 0, "has " + rows.length
                            + " lines; a bias file is one line of " + w[0].length + " values");
                }
                if (rows[0].length != w[0].length) {
                    throw new InputFormatException(biasFile.toString(), 1, 0, "has " + rows[0].length + " values, "
                            + file + " has " + w[0].length + " outputs per line");
                }
                b = rows[0];
            }
            layers.add(DenseLayer.of(w, b));
        }
        return Network.of(layers);
    }

    /**
     * Writes {@code W1.csv, B1.csv, ...} into a directory, each atomically.
     *
     * @param network the network
     * @param dir     the directory (created when missing)
     * @return the files written, weights and biases of each layer in turn
     */
    static List<Path> write(Network network, Path dir) {
        List<Path> files = new ArrayList<>();
        for (int l = 0; l < network.depth(); l++) {
            DenseLayer layer = network.layer(l);
            Path w = dir.resolve("W" + (l + 1) + ".csv");
            Path b = dir.resolve("B" + (l + 1) + ".csv");
            CsvMatrix.write(w, layer.weights());
            CsvMatrix.write(b, new double[][] {layer.bias()});
            files.add(w);
            files.add(b);
        }
        return files;
    }
}
