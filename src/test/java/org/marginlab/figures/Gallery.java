package org.marginlab.figures;

import org.marginlab.figures.catalog.FigureSet;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.marginlab.figures.angles.AngleStatsFigure;
import org.marginlab.figures.angles.AngleStatsTableFigure;
import org.marginlab.figures.export.ExportFormat;
import org.marginlab.figures.export.FigureExporter;
import org.marginlab.loss.HeadKind;

/** Renders every figure of synthetic runs to a folder at 1× and 3×, for looking at them (not a test). */
public final class Gallery {
    public static void main(String[] args) {
        Path out = Path.of(args.length > 0 ? args[0] : "/tmp/figs");
        RunData r2 = SyntheticRun.build(HeadKind.ARCFACE, 2, 10, 5, 1000, 1);
        RunData r3 = SyntheticRun.build(HeadKind.COSFACE, 3, 10, 5, 1000, 2);
        RunData r16 = SyntheticRun.build(HeadKind.ARC, 16, 10, 5, 1000, 3);
        List<RunData> sweep = new ArrayList<>();
        for (int s : new int[] {1, 3, 5, 7, 12, 20}) {
            RunData r = SyntheticRun.build(HeadKind.ARC, 2, 10, 1, 100, s);
            sweep.add(new RunData("arc s=" + s, r.config(), r.iterations(), r.epochs()));
        }
        long t0 = System.nanoTime();
        write(FigureSet.forRun(r2), out.resolve("d2"));
        long t1 = System.nanoTime();
        write(FigureSet.forRun(r3), out.resolve("d3"));
        write(FigureSet.forRun(r16), out.resolve("d16"));
        AngleStatsFigure st = new AngleStatsFigure();
        st.setRuns(sweep);
        AngleStatsTableFigure tb = new AngleStatsTableFigure();
        tb.setRuns(sweep);
        for (Figure f : List.of(st, tb)) {
            for (int s : new int[] {1, 3}) {
                FigureExporter.write(f, out.resolve("sweep").resolve(s + "x"), ExportFormat.PNG, s);
            }
        }
        System.out.printf("d2 set (1x+3x png): %.0f ms%n", (t1 - t0) / 1e6);
    }

    static void write(FigureSet set, Path dir) {
        for (int s : new int[] {1, 3}) {
            set.exportAll(dir.resolve(s + "x"), ExportFormat.PNG, s);
        }
        System.out.println(dir + ": " + set.ids());
    }
}
