/**
 * Reports: Markdown, CSV tables and PNG charts (JFreeChart) of sweeps, validations, performance and
 * network studies, plain-text tables for the terminal, and the power-law fit behind scaling
 * exponents ({@link org.xbar.report.PowerLawFit}). Every file goes through
 * {@link org.xbar.io.OutputFiles}.
 */
package org.xbar.report;
