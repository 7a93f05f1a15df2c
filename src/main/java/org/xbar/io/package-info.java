/**
 * Files in and out, in one place (DESIGN section 6): numeric CSV with file, line and column in every
 * error ({@link org.xbar.io.CsvMatrix}), JSON documents whose every value knows its line
 * ({@link org.xbar.io.JsonTree}), and {@link org.xbar.io.OutputFiles}, through which every file
 * xbar writes goes (atomically, through symbolic links, only over regular files it may write).
 * Data sets are read in {@code data}.
 */
package org.xbar.io;
