package org.xbar.solve;

import org.xbar.circuit.Circuit;
import org.xbar.error.NonFiniteResultException;
import org.xbar.results.CircuitSolution;
import org.xbar.results.SolverStatistics;
import org.xbar.solve.newton.NewtonOptions;
import org.xbar.solve.newton.NewtonSolver;
import org.xbar.solve.sparse.CholeskySolver;
import org.xbar.solve.sparse.LinearSolver;
import org.xbar.solve.sparse.NodalSystem;
import org.xbar.solve.sparse.Residuals;

/**
 * DC operating point of a generic circuit. A linear one (resistors and sources) takes the fast
 * path: its {@link NodalSystem} is factored once by a direct {@link LinearSolver} and solved (a
 * breakdown names the node, a {@link org.xbar.error.SingularCircuitException}; a result that is not
 * finite is never returned, a {@link NonFiniteResultException}). A
 * circuit with MOSFETs or behavioral sources goes to the {@link NewtonSolver}. This is the general
 * path; crossbars have a structured solver of their own ({@link LineRelaxationSolver}) that must
 * agree with it.
 */
public final class CircuitSolver {
    private final LinearSolver linearSolver;
    private final NewtonOptions newton;

    /** Uses sparse Cholesky with AMD ordering, and ngspice's default Newton options. */
    public CircuitSolver() {
        this(new CholeskySolver(), NewtonOptions.DEFAULT);
    }

    /**
     * @param newton options for circuits that need Newton iteration
     */
    public CircuitSolver(NewtonOptions newton) {
        this(new CholeskySolver(), newton);
    }

    /**
     * @param linearSolver the direct solver for the nodal matrix of a linear circuit
     */
    public CircuitSolver(LinearSolver linearSolver) {
        this(linearSolver, NewtonOptions.DEFAULT);
    }

    /**
     * @param linearSolver the direct solver for the nodal matrix of a linear circuit
     * @param newton       options for circuits that need Newton iteration
     */
    public CircuitSolver(LinearSolver linearSolver, NewtonOptions newton) {
        this.linearSolver = linearSolver;
        this.newton = newton;
    }

    /**
     * @param circuit a linear circuit
     * @return every node voltage and voltage source current
     */
    public CircuitSolution solve(Circuit circuit) {
        if (circuit.isNonlinear()) {
            return new NewtonSolver(newton).solve(circuit);
        }
        long start = System.nanoTime();
        NodalSystem system = NodalSystem.of(circuit);
        double[] sourceVolts = system.defaultSourceVolts();
        double[] currentAmps = system.defaultCurrentAmps();
        int n = system.unknowns();
        double[] x = new double[n];
        double residual = 0;
        if (n > 0) {
            LinearSolver.Factorization factorization = linearSolver.factor(system.matrix(), system::unknownName);
            double[] rhs = new double[n];
            system.rightHandSide(sourceVolts, currentAmps, rhs);
            factorization.solve(rhs, x);
            residual = Residuals.relative(system.matrix(), x, rhs);
        }
        double[] volts = NonFiniteResultException.requireFinite(linearSolver.name(), "node voltages",
                system.nodeVoltages(x, sourceVolts));
        double[] amps = NonFiniteResultException.requireFinite(linearSolver.name(), "voltage source currents",
                system.sourceCurrents(volts, currentAmps));
        String[] nodeNames = new String[circuit.nodeCount()];
        for (int k = 0; k < nodeNames.length; k++) {
            nodeNames[k] = circuit.nodeName(k);
        }
        String[] sourceNames = new String[circuit.voltageSources().size()];
        for (int s = 0; s < sourceNames.length; s++) {
            sourceNames[s] = circuit.voltageSources().name(s);
        }
        SolverStatistics stats = new SolverStatistics(linearSolver.name(), 0, residual, System.nanoTime() - start,
                SolverStatistics.Path.DIRECT);
        return new CircuitSolution(nodeNames, volts, sourceNames, amps, circuit::nodeIndex, stats);
    }
}
