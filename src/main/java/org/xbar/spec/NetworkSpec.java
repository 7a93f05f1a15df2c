package org.xbar.spec;

import java.util.List;
import java.util.Objects;
import org.xbar.error.InvalidParameterException;

/**
 * A multi-layer network of crossbars with inverter neurons (PHAX, DESIGN section 4), solved as one
 * circuit: each layer's inverter outputs drive the next layer's rows directly, with no ideal buffer
 * between them (the positive rows take the inverted outputs, the negative rows the non-inverted
 * ones, as PHAX wires them).
 *
 * @param layers      the layers, first to last; each layer's inputs are the previous one's outputs
 * @param inverter    the neurons
 * @param sourceOhms  resistance between each driver (input source, rail, inverter output) and its
 *                    row, ohm ({@code >= 0}; 0 ties the row to its driver)
 * @param wireOhms    wire segment resistance of every row and column line, ohm ({@code >= 0})
 */
public record NetworkSpec(List<NetworkLayer> layers, InverterSpec inverter, double sourceOhms, double wireOhms) {

    /** Validates that the layers chain and copies the list. */
    public NetworkSpec {
        Objects.requireNonNull(inverter, "inverter");
        if (layers == null || layers.isEmpty()) {
            throw new InvalidParameterException("layers", "none", "a network needs at least one layer");
        }
        layers = List.copyOf(layers);
        for (int k = 1; k < layers.size(); k++) {
            if (layers.get(k).inputs() != layers.get(k - 1).outputs()) {
                throw InvalidParameterException.inconsistent("layers", "layer " + (k + 1) + " has " + layers.get(k).inputs()
                        + " inputs, layer " + k + " has " + layers.get(k - 1).outputs() + " outputs");
            }
        }
        Checks.nonNegative("sourceOhms", sourceOhms, "ohm");
        Checks.nonNegative("wireOhms", wireOhms, "ohm");
    }

    /** @return input voltages per vector */
    public int inputs() {
        return layers.get(0).inputs();
    }

    /** @return outputs of the last layer */
    public int outputs() {
        return layers.get(layers.size() - 1).outputs();
    }
}
