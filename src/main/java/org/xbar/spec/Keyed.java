package org.xbar.spec;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A choice that users name by a key, as configurations and the command line write it (an enum
 * constant such as a device distribution or a solver). One lookup serves them all.
 */
public interface Keyed {
    /** @return the name users write */
    String key();

    /**
     * @param <E>   the enum
     * @param type  its class
     * @param key   a name as written, matched exactly
     * @return the constant with that key, if any
     */
    static <E extends Enum<E> & Keyed> Optional<E> byKey(Class<E> type, String key) {
        return Arrays.stream(type.getEnumConstants()).filter(e -> e.key().equals(key)).findFirst();
    }

    /**
     * @param <E>   the enum
     * @param type  its class
     * @param key   a name as written, in any case
     * @return the constant with that key, ignoring case, if any
     */
    static <E extends Enum<E> & Keyed> Optional<E> byKeyIgnoringCase(Class<E> type, String key) {
        return Arrays.stream(type.getEnumConstants()).filter(e -> e.key().equalsIgnoreCase(key)).findFirst();
    }

    /**
     * @param <E>  the enum
     * @param type its class
     * @return every key, comma-separated, for messages
     */
    static <E extends Enum<E> & Keyed> String keys(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(Keyed::key).collect(Collectors.joining(", "));
    }
}
