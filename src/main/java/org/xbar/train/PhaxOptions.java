package org.xbar.train;

import java.util.Objects;
import org.xbar.error.InvalidParameterException;
import org.xbar.spec.Checks;

/**
 * How {@link PhaxTrainer} trains.
 *
 * @param epochs        passes over the training set, 1 to 10,000
 * @param batch         images per step, 1 to 65,536
 * @param learningRate  step size {@code eta} on the mean cost of a batch, {@code > 0}
 * @param momentum      {@code mu} of classical momentum, {@code v <- mu v - eta g, theta <- theta + v}, in [0, 1)
 * @param loss          the cost minimized
 * @param seed          seeds the initial parameters and the order of the images in every epoch
 * @param threads       threads for the dense products, {@code >= 1} (the numbers do not depend on it)
 */
public record PhaxOptions(int epochs, int batch, double learningRate, double momentum, PhaxLoss loss, long seed,
        int threads) {

    /** Validates every field. */
    public PhaxOptions {
        Checks.inRange("epochs", epochs, 1, 10_000);
        Checks.inRange("batch", batch, 1, 65_536);
        Checks.positive("learningRate", learningRate, "");
        if (!(momentum >= 0 && momentum < 1)) {
            throw new InvalidParameterException("momentum", momentum, "must be in [0, 1)");
        }
        Objects.requireNonNull(loss, "loss");
        Checks.inRange("threads", threads, 1, 1024);
    }
}
