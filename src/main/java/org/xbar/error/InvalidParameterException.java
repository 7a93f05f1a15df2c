package org.xbar.error;

import java.util.Optional;

/**
 * A parameter value outside its allowed range. The message names the parameter, the value given
 * and the allowed range, for example {@code sourceResistanceOhms[3] = -5.0 is out of range: must be
 * finite and >= 0 ohm}.
 */
public class InvalidParameterException extends XbarException {
    private static final long serialVersionUID = 1L;

    private final String parameter;
    private final String value;
    private final String allowed;

    /**
     * @param parameter name of the parameter, with an index where it is one element of a vector
     * @param value     the value that was given
     * @param allowed   the allowed range in words, with units
     */
    public InvalidParameterException(String parameter, Object value, String allowed) {
        super(parameter + " = " + value + " is out of range: " + allowed);
        this.parameter = parameter;
        this.value = String.valueOf(value);
        this.allowed = allowed;
    }

    /**
     * @param message   the whole message, for conditions that are not a simple range
     * @param parameter name of the parameter
     */
    private InvalidParameterException(String message, String parameter) {
        super(message);
        this.parameter = parameter;
        this.value = null;
        this.allowed = null;
    }

    /**
     * An inconsistency between parameters that no single range describes.
     *
     * @param parameter the parameter to blame
     * @param message   the whole message
     * @return the exception
     */
    public static InvalidParameterException inconsistent(String parameter, String message) {
        return new InvalidParameterException(message, parameter);
    }

    /** @return the name of the offending parameter */
    public String parameter() {
        return parameter;
    }

    /** @return the offending value as the message shows it; empty for an {@link #inconsistent} refusal */
    public Optional<String> value() {
        return Optional.ofNullable(value);
    }

    /** @return the allowed range in words; empty for an {@link #inconsistent} refusal */
    public Optional<String> allowed() {
        return Optional.ofNullable(allowed);
    }
}
