package org.xbar.circuit;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.xbar.error.InvalidParameterException;

/**
 * A SPICE level-1 (Shichman-Hodges) MOSFET model card: the DC parameters of ngspice's level 1,
 * with its defaults (ngspice 39, {@code mos1set.c} and {@code mos1temp.c}). A parameter left out
 * is {@code NaN} here and takes ngspice's default, or is derived from {@code TOX}, {@code U0},
 * {@code NSUB} and {@code NSS} exactly when ngspice derives it.
 *
 * <p>DC parameters: {@code VTO} (0), {@code KP} (2e-5 A/V^2, or {@code U0 Cox} when {@code TOX}
 * is given), {@code GAMMA} (0), {@code PHI} (0.6 V), {@code LAMBDA} (0), {@code IS} (1e-14 A),
 * {@code JS} (0 A/m^2), {@code TOX}, {@code U0} (600 cm^2/Vs), {@code LD} (0 m), {@code NSUB},
 * {@code NSS} (0), {@code TPG} (1), {@code TNOM} (27 C). Charge parameters ({@code CBD, CBS, CJ,
 * MJ, CJSW, MJSW, FC, PB, CGSO, CGDO, CGBO, KF, AF}) do not change a DC operating point and are
 * accepted and ignored. Series resistances ({@code RD, RS, RSH}) are refused: they add internal
 * nodes this model does not build.
 *
 * @param name   model name, lower case
 * @param pmos   true for a PMOS model (type -1), false for NMOS
 * @param vto    zero-bias threshold voltage, volt
 * @param kp     transconductance parameter, A/V^2
 * @param gamma  body-effect coefficient, sqrt(volt)
 * @param phi    surface potential, volt
 * @param lambda channel-length modulation, 1/volt
 * @param is     bulk junction saturation current, ampere
 * @param js     bulk junction saturation current density, A/m^2
 * @param tox    oxide thickness, metre
 * @param u0     surface mobility, cm^2/(V s)
 * @param ld     lateral diffusion, metre
 * @param nsub   substrate doping, 1/cm^3
 * @param nss    surface state density, 1/cm^2
 * @param tpg    gate material type (+1 opposite to substrate, -1 same, 0 aluminium)
 * @param tnomCelsius parameter measurement temperature, Celsius
 */
public record MosfetModel(String name, boolean pmos, double vto, double kp, double gamma, double phi, double lambda,
        double is, double js, double tox, double u0, double ld, double nsub, double nss, double tpg, double tnomCelsius) {

    private static final Set<String> IGNORED = Set.of("cbd", "cbs", "cj", "mj", "cjsw", "mjsw", "fc", "pb", "cgso", "cgdo",
            "cgbo", "kf", "af", "level");

    /**
     * @return +1 for NMOS, -1 for PMOS
     */
    public int type() {
        return pmos ? -1 : 1;
    }

    /**
     * A model with the given parameters; every other parameter takes ngspice's default.
     *
     * @param name       model name
     * @param pmos       true for PMOS
     * @param parameters parameter values by lower-case name ({@code vto}, {@code kp}, ...)
     * @return the model
     * @throws InvalidParameterException for an unknown, unsupported or out-of-range parameter
     */
    public static MosfetModel of(String name, boolean pmos, Map<String, Double> parameters) {
        double[] v = new double[14];
        java.util.Arrays.fill(v, Double.NaN);
        String[] names = {"vto", "kp", "gamma", "phi", "lambda", "is", "js", "tox", "u0", "ld", "nsub", "nss", "tpg", "tnom"};
        for (Map.Entry<String, Double> e : parameters.entrySet()) {
            String key = e.getKey().toLowerCase(Locale.ROOT);
            key = switch (key) {
                case "vt0" -> "vto";
                case "uo" -> "u0";
                default -> key;
            };
            if (IGNORED.contains(key)) {
                continue;
            }
            if (key.equals("rd") || key.equals("rs") || key.equals("rsh")) {
                if (e.getValue() != 0) {
                    throw new InvalidParameterException("model " + name + " " + key, e.getValue(),
                            "series resistances are not supported by xbar's level-1 model; write them as resistors");
                }
                continue;
            }
            int index = java.util.Arrays.asList(names).indexOf(key);
            if (index < 0) {
                throw new InvalidParameterException("model " + name + " parameter", key,
                        "is not a level-1 MOSFET parameter xbar knows (vto kp gamma phi lambda is js tox u0 ld nsub nss tpg tnom)");
            }
            v[index] = e.getValue();
        }
        return new MosfetModel(name.toLowerCase(Locale.ROOT), pmos, v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8],
                v[9], v[10], v[11], v[12], v[13]);
    }

    /**
     * @param parameterName a level-1 parameter name
     * @return its value here, or NaN when it is left to the default
     */
    public double given(String parameterName) {
        return switch (parameterName.toLowerCase(Locale.ROOT)) {
            case "vto" -> vto;
            case "kp" -> kp;
            case "gamma" -> gamma;
            case "phi" -> phi;
            case "lambda" -> lambda;
            case "is" -> is;
            case "js" -> js;
            case "tox" -> tox;
            case "u0" -> u0;
            case "ld" -> ld;
            case "nsub" -> nsub;
            case "nss" -> nss;
            case "tpg" -> tpg;
            case "tnom" -> tnomCelsius;
            default -> throw new IllegalArgumentException(parameterName);
        };
    }

    /**
     * @return the {@code .model} card in ngspice syntax, with only the parameters given here
     */
    public String toSpice() {
        StringBuilder sb = new StringBuilder(".model ").append(name).append(pmos ? " pmos" : " nmos").append(" level=1");
        for (String p : new String[] {"vto", "kp", "gamma", "phi", "lambda", "is", "js", "tox", "u0", "ld", "nsub", "nss",
            "tpg", "tnom"}) {
            double value = given(p);
            if (!Double.isNaN(value)) {
                sb.append(' ').append(p).append('=').append(value);
            }
        }
        return sb.toString();
    }
}
