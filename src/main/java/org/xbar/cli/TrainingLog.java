package org.xbar.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import org.xbar.io.CsvMatrix;
import org.xbar.train.EpochRecord;

/**
 * What the training commands show and keep of each epoch: a progress bar per epoch on a terminal
 * (a line per epoch otherwise), and {@code training.csv}, rewritten after every epoch.
 */
final class TrainingLog {
    private TrainingLog() {
    }

    /**
     * Writes the log atomically: {@code epoch,loss,train_accuracy,test_accuracy,seconds}, one line per
     * epoch.
     *
     * @param file the file
     * @param log  the epochs so far
     */
    static void write(Path file, List<EpochRecord> log) {
        CsvMatrix.writeAtomically(file, w -> {
            w.write("epoch,loss,train_accuracy,test_accuracy,seconds\n");
            for (EpochRecord r : log) {
                w.write(String.format(Locale.ROOT, "%d,%s,%s,%s,%.3f%n", r.epoch(), Double.toString(r.loss()),
                        Double.toString(r.trainAccuracy()), Double.toString(r.testAccuracy()), r.seconds()));
            }
        });
    }

    /** A progress bar per epoch on a terminal, a line per epoch otherwise. */
    static final class Progress {
        private final PrintWriter err;
        private final boolean terminal;
        private ProgressBar bar;

        /**
         * @param err      where the epoch lines go
         * @param terminal whether to draw progress bars (on the process's standard error)
         */
        Progress(PrintWriter err, boolean terminal) {
            this.err = err;
            this.terminal = terminal;
        }

        void start(int epoch, int epochs, int steps) {
            if (terminal) {
                bar = new ProgressBarBuilder().setTaskName("epoch " + epoch + "/" + epochs).setInitialMax(steps)
                        .setUnit(" steps", 1).setUpdateIntervalMillis(250).setConsumer(new ConsoleProgressBarConsumer(System.err))
                        .build();
            }
        }

        void step() {
            if (bar != null) {
                bar.step();
            }
        }

        void finish(EpochRecord r) {
            if (bar != null) {
                bar.close();
                bar = null;
            }
            err.printf(Locale.ROOT, "epoch %d: loss %.4f, train %.2f %%, test %.2f %%, %.1f s%n", r.epoch(), r.loss(),
                    r.trainAccuracy(), r.testAccuracy(), r.seconds());
            err.flush();
        }
    }
}
