package org.xbar.device;

import java.util.Optional;
import org.xbar.spec.Keyed;

/** The distribution of device-to-device variation ({@link Variation}). */
public enum Distribution implements Keyed {
    /** {@code g * exp(sigma z)}: median {@code g}, never negative (the default). */
    LOGNORMAL("lognormal"),
    /** {@code g * (1 + sigma z)}, clipped at 0. */
    NORMAL("normal");

    private final String key;

    Distribution(String key) {
        this.key = key;
    }

    @Override
    public String key() {
        return key;
    }

    /**
     * @param name a name, in any case
     * @return the distribution of that name, if any
     */
    public static Optional<Distribution> byName(String name) {
        return Keyed.byKeyIgnoringCase(Distribution.class, name);
    }
}
