package org.xbar.device;

import java.util.Arrays;
import java.util.Optional;

/** The distribution of device-to-device variation ({@link Variation}). */
public enum Distribution {
    /** {@code g * exp(sigma z)}: median {@code g}, never negative (the default). */
    LOGNORMAL("lognormal"),
    /** {@code g * (1 + sigma z)}, clipped at 0. */
    NORMAL("normal");

    private final String key;

    Distribution(String key) {
        this.key = key;
    }

    /** @return the name users write */
    public String key() {
        return key;
    }

    /**
     * @param name a name, in any case
     * @return the distribution of that name, if any
     */
    public static Optional<Distribution> byName(String name) {
        return Arrays.stream(values()).filter(d -> d.key.equalsIgnoreCase(name)).findFirst();
    }
}
