package org.xbar.solve.newton;

import org.xbar.circuit.Circuit;
import org.xbar.error.NoConvergenceException;
import org.xbar.results.CircuitSolution;

/**
 * DC operating point of a circuit with level-1 MOSFETs and behavioral sources, by Newton-Raphson
 * iteration, following ngspice 39's {@code .op} step by step so that both report the same numbers:
 *
 * <ul>
 *   <li><b>Iteration</b> ({@code NIiter}): the first iteration loads every transistor at its
 *       junction-initialising voltages ({@code vbs = -1}, {@code vgs = VTO}, {@code vds = 0}), the
 *       second fixes them from the solution, later ones float. Each evaluates the devices at the
 *       previous solution after voltage limiting ({@link LevelOneMosfet}), stamps their linearised
 *       companion models into the sparse system - assembled once, two-phase - and solves it by
 *       sparse LU. The first iteration never counts as converged.</li>
 *   <li><b>Convergence</b> ({@code NIconvTest}): every node voltage within
 *       {@code reltol max(|new|, |old|) + vntol} of the previous iterate, every voltage-source and
 *       behavioral-source current within {@code reltol max + abstol}, and no junction limiting in
 *       the iteration. The answer reported is, as in ngspice, the iterate the last system was built
 *       from.</li>
 *   <li><b>When plain Newton fails</b> ({@code CKTop}): dynamic gmin stepping (a conductance from
 *       every node to ground, from 1e-3 S down by an adaptive factor of up to 10), then "true"
 *       gmin stepping (the junctions' gmin itself), then Gillespie source stepping (every
 *       independent source scaled from 0 up to 100 %, adaptively). With {@code gminsteps > 1} or
 *       {@code srcsteps > 1}, SPICE3's fixed-step variants run instead.</li>
 *   <li><b>Failure</b>: a {@link NoConvergenceException} naming the node that changed most in the
 *       last iteration and by how much.</li>
 * </ul>
 *
 * <p>The work is split as SPICE splits it: the iteration and its convergence test
 * ({@link NewtonRun}), the continuation methods ({@link Continuation}), and the elements, which
 * stamp themselves in two phases ({@link Element}: {@link MosfetElement},
 * {@link BehavioralVoltageElement}, {@link BehavioralCurrentElement}); the settings are
 * {@link NewtonOptions}.
 *
 * <p>Independent voltage sources and ideal wires are supernodes (see {@link NodeGroups}): this
 * eliminates their branch unknowns but gives the same iterates. Behavioral voltage sources keep a
 * branch current unknown. A behavioral current source {@code I = f(v)} (a nonlinear crossbar device
 * among them) is stamped as ngspice's ASRC load does: its linearization
 * {@code f(v0) + grad f(v0) . (v - v0)} with the exact gradient in the rows of its two terminals,
 * at positions reserved once; ngspice's device convergence test for it compares the expression at
 * the iterate it was loaded from with itself, so, as there, only the node voltages decide
 * convergence. An expression that is not finite at an iterate (a logarithm of a negative number,
 * an overflow) fails that iteration as a singular matrix does: continuation follows, and in the end
 * a {@link NoConvergenceException} names the source. Defaults are ngspice's: {@code reltol} 1e-3, {@code vntol} 1e-6 V,
 * {@code abstol} 1e-12 A, {@code gmin} 1e-12 S, {@code itl1} 100, {@code itl2} 50, 27 C.
 */
public final class NewtonSolver {
    private final NewtonOptions options;

    /** ngspice's defaults. */
    public NewtonSolver() {
        this(NewtonOptions.DEFAULT);
    }

    /**
     * @param options solver settings
     */
    public NewtonSolver(NewtonOptions options) {
        this.options = options;
    }

    /**
     * @param circuit a circuit, linear or not
     * @return every node voltage and every voltage-source and behavioral-source current
     * @throws NoConvergenceException when no method converges, naming the node that moved most
     */
    public CircuitSolution solve(Circuit circuit) {
        long start = System.nanoTime();
        NewtonRun run = new NewtonRun(circuit, options);
        new Continuation(run).operatingPoint();
        return run.solution(System.nanoTime() - start);
    }
}
