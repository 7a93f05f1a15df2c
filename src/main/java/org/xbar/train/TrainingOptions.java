package org.xbar.train;

import java.util.Objects;
import org.xbar.spec.Checks;

/**
 * How a network is trained.
 *
 * @param epochs        passes over the training set, 1 to 10,000
 * @param batch         images per step, 1 to 65,536
 * @param learningRate  step size {@code eta} on the mean cost of a batch, {@code > 0}
 * @param momentum      {@code mu} of classical momentum, {@code v <- mu v - eta g, w <- w + v}, in [0, 1)
 * @param seed          seeds the initial weights and the order of the images in every epoch
 * @param awareness     what the forward pass knows of the crossbars
 * @param refreshSteps  with {@link Awareness#WIRE}: steps between two evaluations of the wire-aware
 *                      model's correction, {@code >= 1}
 * @param threads       threads for the dense products, {@code >= 1} (the numbers do not depend on it)
 */
public record TrainingOptions(int epochs, int batch, double learningRate, double momentum, long seed, Awareness awareness,
        int refreshSteps, int threads) {

    /** Validates every field. */
    public TrainingOptions {
        Checks.inRange("epochs", epochs, 1, 10_000);
        Checks.inRange("batch", batch, 1, 65_536);
        Checks.positive("learningRate", learningRate, "");
        if (!(momentum >= 0 && momentum < 1)) {
            throw new org.xbar.error.InvalidParameterException("momentum", momentum, "must be in [0, 1)");
        }
        Objects.requireNonNull(awareness, "awareness");
        Checks.inRange("refreshSteps", refreshSteps, 1, Integer.MAX_VALUE);
        Checks.inRange("threads", threads, 1, 1024);
    }
}
