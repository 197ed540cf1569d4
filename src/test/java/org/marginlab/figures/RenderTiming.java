package org.marginlab.figures;

import org.marginlab.figures.catalog.FigureSet;
import java.nio.file.Files;
import java.nio.file.Path;
import org.marginlab.figures.export.ExportFormat;
import org.marginlab.figures.export.FigureExporter;
import org.marginlab.loss.HeadKind;

/** Times rendering every figure of a realistic run (not a test: timings are printed, never asserted). */
public final class RenderTiming {
    public static void main(String[] args) throws Exception {
        int dim = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        RunData run = SyntheticRun.build(HeadKind.ARCFACE, dim, 10, 5, 1000, 7);
        Path tmp = Files.createTempDirectory("figtiming");
        for (int rep = 0; rep < 4; rep++) {
            long t0 = System.nanoTime();
            FigureSet set = FigureSet.forRun(run);
            for (Figure f : set.figures()) {
                FigureExporter.image(f, 1);
            }
            long t1 = System.nanoTime();
            set = FigureSet.forRun(run);
            set.exportAll(tmp, ExportFormat.PNG, 1);
            long t2 = System.nanoTime();
            set = FigureSet.forRun(run);
            set.exportAll(tmp, ExportFormat.PNG, 2);
            long t3 = System.nanoTime();
            set = FigureSet.forRun(run);
            set.exportAll(tmp, ExportFormat.SVG, 1);
            long t4 = System.nanoTime();
            set = FigureSet.forRun(run);
            set.exportAll(tmp, ExportFormat.CSV, 1);
            long t5 = System.nanoTime();
            System.out.printf("rep %d, d=%d, %d figures: draw 1x %.0f ms | PNG 1x %.0f ms | PNG 2x %.0f ms | SVG %.0f ms | CSV %.0f ms%n",
                    rep, dim, set.figures().size(), (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6, (t4 - t3) / 1e6,
                    (t5 - t4) / 1e6);
        }
        if (args.length > 1) {
            for (Figure f : FigureSet.forRun(run).figures()) {
                long a = System.nanoTime();
                FigureExporter.image(f, 1);
                System.out.printf("  %-20s %.1f ms%n", f.id(), (System.nanoTime() - a) / 1e6);
            }
        }
    }
}
