package org.xbar.results;

/**
 * What an inverter-neuron network computes for one input vector: per layer, every neuron's net
 * (sense) voltage and its inverted and non-inverted outputs, volt.
 */
public final class NetworkSolution {
    private final double[][] net;
    private final double[][] inverted;
    private final double[][] nonInverted;
    private final SolverStatistics statistics;

    /**
     * @param net         {@code net[layer][neuron]}, volt (taken)
     * @param inverted    {@code inverted[layer][neuron]}, volt (taken)
     * @param nonInverted {@code nonInverted[layer][neuron]}, volt (taken)
     * @param statistics  the solve's statistics
     */
    public NetworkSolution(double[][] net, double[][] inverted, double[][] nonInverted, SolverStatistics statistics) {
        this.net = net;
        this.inverted = inverted;
        this.nonInverted = nonInverted;
        this.statistics = statistics;
    }

    /** @return number of layers */
    public int layers() {
        return net.length;
    }

    /**
     * @param layer layer index, from 0
     * @return each neuron's net voltage, volt (a copy)
     */
    public double[] net(int layer) {
        return net[layer].clone();
    }

    /**
     * @param layer layer index, from 0
     * @return each neuron's inverted output, volt (a copy)
     */
    public double[] inverted(int layer) {
        return inverted[layer].clone();
    }

    /**
     * @param layer layer index, from 0
     * @return each neuron's non-inverted output, volt (a copy)
     */
    public double[] nonInverted(int layer) {
        return nonInverted[layer].clone();
    }

    /** @return the last layer's non-inverted outputs, volt: the network's output */
    public double[] outputs() {
        return nonInverted(net.length - 1);
    }

    /** @return the solve's statistics */
    public SolverStatistics statistics() {
        return statistics;
    }
}
