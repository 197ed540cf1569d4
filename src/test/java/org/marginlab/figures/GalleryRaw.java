package org.marginlab.figures;

import java.nio.file.Path;
import org.marginlab.figures.AngleUnit;
import org.marginlab.figures.angles.AngleHistogramFigure;
import org.marginlab.figures.embedding.EmbeddingCircleFigure;
import org.marginlab.figures.export.ExportFormat;
import org.marginlab.figures.export.FigureExporter;
import org.marginlab.model.heads.HeadKind;

/** The view options not in the default set: raw plane, radians, all classes (for looking, not a test). */
public final class GalleryRaw {
    public static void main(String[] args) {
        Path out = Path.of(args.length > 0 ? args[0] : "/tmp/figs/options");
        RunData r2 = SyntheticRun.build(HeadKind.SOFTMAX, 2, 10, 5, 1000, 1);
        EmbeddingCircleFigure c = new EmbeddingCircleFigure();
        c.setRun(r2);
        c.setNormalised(false);
        FigureExporter.write(c, out, ExportFormat.PNG, 1);
        AngleHistogramFigure h = new AngleHistogramFigure();
        h.setRun(SyntheticRun.build(HeadKind.ARC, 2, 30, 1, 1000, 4));
        h.setSelectedClass(-1);
        h.setAngleUnit(AngleUnit.RADIANS);
        FigureExporter.write(h, out, ExportFormat.PNG, 1);
    }
}
