package org.xbar.network;

import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.util.List;
import java.util.StringJoiner;
import org.xbar.error.InvalidParameterException;

/**
 * A multi-layer perceptron in weight units: each layer {@code y = W^T x + b}, the sigmoid
 * {@code 1 / (1 + e^-y)} on every hidden layer, the last layer's {@code y} its output (the class
 * is its argmax). Seed 004's 784-500-10 network is one.
 */
public final class Network implements Serializable {
    private static final long serialVersionUID = 1L;

    private final List<DenseLayer> layers;

    private Network(List<DenseLayer> layers) {
        this.layers = layers;
    }

    /**
     * @param layers first to last; each layer's inputs are the previous one's outputs
     * @return the network
     * @throws InvalidParameterException when there is no layer or the layers do not chain
     */
    public static Network of(List<DenseLayer> layers) {
        if (layers == null || layers.isEmpty()) {
            throw new InvalidParameterException("layers", "none", "a network needs at least one layer");
        }
        for (int l = 1; l < layers.size(); l++) {
            if (layers.get(l).inputs() != layers.get(l - 1).outputs()) {
                throw InvalidParameterException.inconsistent("layers", "layer " + (l + 1) + " has "
                        + layers.get(l).inputs() + " inputs, layer " + l + " has " + layers.get(l - 1).outputs() + " outputs");
            }
        }
        return new Network(List.copyOf(layers));
    }

    /** @return the layers, first to last */
    public List<DenseLayer> layers() {
        return layers;
    }

    /**
     * @param l layer index, from 0
     * @return that layer
     */
    public DenseLayer layer(int l) {
        return layers.get(l);
    }

    /** @return the number of layers */
    public int depth() {
        return layers.size();
    }

    /** @return inputs of the first layer */
    public int inputs() {
        return layers.get(0).inputs();
    }

    /** @return outputs of the last layer */
    public int outputs() {
        return layers.get(layers.size() - 1).outputs();
    }

    /** @return the sizes, e.g. {@code 784-500-10} */
    public String shape() {
        StringJoiner j = new StringJoiner("-");
        j.add(Integer.toString(inputs()));
        for (DenseLayer layer : layers) {
            j.add(Integer.toString(layer.outputs()));
        }
        return j.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Network n && n.layers.equals(layers);
    }

    @Override
    public int hashCode() {
        return layers.hashCode();
    }

    @Override
    public String toString() {
        return "Network[" + shape() + "]";
    }

    /** Serialized as its layers, chained again when read back ({@link #of}). */
    private Object writeReplace() {
        return new Form(layers);
    }

    private void readObject(ObjectInputStream in) throws InvalidObjectException {
        throw new InvalidObjectException("a Network is read back through its serialized form");
    }

    private record Form(List<DenseLayer> layers) implements Serializable {
        private Object readResolve() {
            return of(layers);
        }
    }
}
