package org.marginlab.figures;

import java.nio.file.Path;
import org.marginlab.figures.angles.AngleHistogramFigure;
import org.marginlab.figures.embedding.EmbeddingCircleFigure;
import org.marginlab.figures.export.ExportFormat;
import org.marginlab.figures.export.FigureExporter;
import org.marginlab.loss.HeadKind;

/** The view options not in the default set: raw plane, radians, all classes (for looking, not a test). */
public final class GalleryRaw {
    public static void main(String[] args) {
        Path out = Path.of(args.length > 0 ? args[0] : "/tmp/figs/options");
        RunData r2 = SyntheticRun.build(HeadKind.SOFTMAX, 2, 10, 5, 1000, 1);
        EmbeddingCircleFigure c = new EmbeddingCircleFigure();
        c.setRun(r2);
        c.setNormalised(false);
        FigureExporter.write(c, out, ExportFormat.PNG, 1);
        RunData rc = SyntheticRun.build(HeadKind.CENTER, 2, 2, 1, 500, 9);
        var last = rc.lastIteration();
        float[][] centres = new float[10][2];
        int[] count = new int[10];
        for (int i = 0; i < last.embeddings().length; i++) {
            int y = last.probeLabels()[i];
            centres[y][0] += last.embeddings()[i][0];
            centres[y][1] += last.embeddings()[i][1];
            count[y]++;
        }
        for (int j = 0; j < 10; j++) {
            centres[j][0] /= count[j];
            centres[j][1] /= count[j];
        }
        var withCentres = new org.marginlab.run.IterationSnapshot(last.iteration(), last.epoch(), last.embeddings(),
                last.probeLabels(), last.weights(), centres, last.thetaY(), last.dLdThetaY(), last.loss(),
                last.trainAccuracy(), last.learningRate(), last.imagesPerSecond(), last.headParams(), last.dLdThetaAlong());
        EmbeddingCircleFigure cc = new EmbeddingCircleFigure();
        cc.setRun(RunData.of("center", rc.config(), java.util.List.of(withCentres), rc.epochs()));
        cc.setNormalised(false);
        FigureExporter.write(cc, out.resolve("center"), ExportFormat.PNG, 1);
        AngleHistogramFigure h = new AngleHistogramFigure();
        h.setRun(SyntheticRun.build(HeadKind.ARC, 2, 30, 1, 1000, 4));
        h.setSelectedClass(-1);
        h.setAngleUnit(AngleUnit.RADIANS);
        FigureExporter.write(h, out, ExportFormat.PNG, 1);
    }
}
