package org.xbar.train;

import java.util.Locale;
import org.xbar.error.InvalidParameterException;

/**
 * The cost {@link PhaxTrainer} minimizes, a function of the last layer's net voltages {@code V_j}
 * and the class {@code y} of the image; each gives {@code E} and {@code dE/dV_j}, where
 * backpropagation starts. {@code f1}, {@code f2} are the inverter stages' curves
 * {@code c1 + c2 tanh(c4 (V - c3))} ({@link org.xbar.spec.InverterSpec#PHAX_FIRST},
 * {@link org.xbar.spec.InverterSpec#PHAX_SECOND}), {@code +-VDD/2} the rails:
 * <ul>
 *   <li>{@link #OUTPUT_SQUARED_ERROR}, PHAX's cost: {@code E = 1/2 sum_j (f2(V_j) - t_j)^2},
 *       {@code t_j = +VDD/2} for {@code j = y}, {@code -VDD/2} otherwise;
 *       {@code dE/dV_j = (f2(V_j) - t_j) f2'(V_j)}.</li>
 *   <li>{@link #FIRST_STAGE_SQUARED_ERROR}: the same on the last layer's inverted outputs, a real
 *       node of the circuit whose slope is six times gentler ({@code c4 = 31.8 /V}):
 *       {@code E = 1/2 sum_j (f1(V_j) - u_j)^2}, {@code u_j = -VDD/2} for {@code j = y},
 *       {@code +VDD/2} otherwise.</li>
 *   <li>{@link #CROSS_ENTROPY}, the default: the second stage's output read as a probability,
 *       {@code p_j = (f2(V_j) - c1 + c2) / (2 c2) = (1 + tanh(c4 (V_j - c3))) / 2 = sigmoid(z_j)},
 *       {@code z_j = 2 c4 (V_j - c3)}, and each output's cross-entropy against the one-hot target:
 *       {@code E = -sum_j [t_j ln p_j + (1 - t_j) ln(1 - p_j)]}, {@code t_j = [j = y]};
 *       {@code dE/dV_j = 2 c4 (p_j - t_j)}.</li>
 *   <li>{@link #SOFTMAX}: softmax cross-entropy of the same {@code z_j}:
 *       {@code E = -ln(e^z_y / sum_j e^z_j)}, {@code dE/dV_j = 2 c4 (q_j - t_j)}, {@code q} the
 *       softmax.</li>
 * </ul>
 *
 * <p><b>Why cross-entropy.</b> The second stage is steep ({@code c4 = 193 /V}): {@code f2} is
 * within 1 % of a rail about 15 mV from its switching point {@code c3 = -20.3 mV}, and there
 * {@code f2'} - hence PHAX's gradient - vanishes. An output on the wrong rail stays there. The
 * cross-entropy's {@code 1/(p (1 - p))} cancels the sigmoid's slope, as it does for a logistic
 * output unit: a wrong output is pushed back across the switching point however far it is, a right
 * one is left alone once it is on its rail. It trains what the hardware decides: the class is the
 * one output at the high rail. The softmax only orders the outputs: several may sit on the high
 * rail, where only millivolts of the behavioral curve separate them, and transistor neurons, which
 * switch at slightly different points and are loaded, do not keep that order.
 *
 * <p>Measured (196-20-10 on the 8,000/2,000 14x14 MNIST split, 30 epochs, batch 32, momentum 0.9,
 * seed 1, the same initial network; accuracy of the ideal model on the 2,000 test images, then of
 * the circuit with behavioral and with level-1 MOSFET neurons on the first 200):
 * <ul>
 *   <li>output-mse, learning rate 0.3: 31.0 % (27.0 %, 27.5 %); at 0.01, 0.1, 1, 10 or 100, 9 to
 *       23 %. The outputs fall onto the low rail, nine of ten right, and stay there: the loss ends
 *       between 0.10 and 0.125, the cost of all ten outputs low. From a network not started at the
 *       switching point ({@link PhaxTrainer#initial}) every output starts on the high rail and the
 *       loss does not move in five digits for learning rates from 1 to 10,000 (12.6 %).</li>
 *   <li>first-stage-mse, learning rate 10: 87.9 % (90.5 %, 90.0 %); at 1, 3 or 100 it falls onto the
 *       low rails and stays near 10 %.</li>
 *   <li>cross-entropy, learning rate 0.3: 92.2 % (94.5 %, 93.0 %, the MOSFET circuit agreeing with
 *       the model on 191 of 200 images); 91.9 % at learning rate 1, and it learns at 0.3 and 1 with
 *       8 and 50 hidden neurons too.</li>
 *   <li>softmax, learning rate 0.3: 93.2 % (96.0 %, but 50.0 % with MOSFET neurons, which agree
 *       with the model on 107 of 200 images: all ten outputs end on the high rail).</li>
 * </ul>
 */
public enum PhaxLoss {
    /** PHAX's squared error of the non-inverted outputs against the rails. */
    OUTPUT_SQUARED_ERROR("output-mse"),
    /** Squared error of the inverted (first-stage) outputs against the rails. */
    FIRST_STAGE_SQUARED_ERROR("first-stage-mse"),
    /** Cross-entropy of the second stage's output read as a probability. */
    CROSS_ENTROPY("cross-entropy"),
    /** Softmax cross-entropy of the net voltages scaled by the second stage's gain. */
    SOFTMAX("softmax");

    private final String label;

    PhaxLoss(String label) {
        this.label = label;
    }

    /** @return the name used on the command line and in reports */
    public String label() {
        return label;
    }

    /**
     * @param text a label, case-insensitive
     * @return the loss
     * @throws InvalidParameterException naming the labels when none matches
     */
    public static PhaxLoss parse(String text) {
        for (PhaxLoss l : values()) {
            if (l.label.equals(text.strip().toLowerCase(Locale.ROOT))) {
                return l;
            }
        }
        throw new InvalidParameterException("loss", text, "must be one of output-mse, first-stage-mse, cross-entropy, softmax");
    }
}
