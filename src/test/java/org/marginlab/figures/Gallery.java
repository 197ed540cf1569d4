package org.marginlab.figures;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.marginlab.figures.embedding.EmbeddingCircleFigure;
import org.marginlab.figures.export.ExportFormat;
import org.marginlab.figures.export.FigureExporter;
import org.marginlab.figures.theory.DzDthetaFigure;
import org.marginlab.figures.theory.PsiCurvesFigure;
import org.marginlab.figures.theory.STradeoffFigure;
import org.marginlab.model.heads.HeadKind;

/** Renders every figure of synthetic runs to a folder at 1× and 3×, for looking at them (not a test). */
public final class Gallery {
    public static void main(String[] args) {
        Path out = Path.of(args.length > 0 ? args[0] : "/tmp/figs");
        List<Figure> figs = new ArrayList<>();
        figs.add(new DzDthetaFigure());
        figs.add(new PsiCurvesFigure());
        figs.add(new STradeoffFigure());
        RunData r2 = SyntheticRun.build(HeadKind.COSFACE, 2, 10, 5, 1000, 1);
        EmbeddingCircleFigure c = new EmbeddingCircleFigure();
        c.setRun(r2);
        figs.add(c);
        for (Figure f : figs) {
            for (int s : new int[] {1, 3}) {
                Path d = out.resolve(s + "x");
                FigureExporter.write(f, d, ExportFormat.PNG, s);
            }
            System.out.println(f.id());
        }
    }
}
