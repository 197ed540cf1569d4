package org.marginlab.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.jfree.chart.title.TextTitle;
import org.junit.jupiter.api.Test;
import org.marginlab.figures.training.TrainingCurvesFigure;
import org.marginlab.loss.HeadKind;
import org.marginlab.config.TrainConfig;

/** Labels of figures that span a whole run say which head parameters moved during it. */
class RunDataLabelTest {

    @Test
    void warmedUpAndAnnealedParametersAreNamedWithTheirCourse() {
        // 936 iterations: the automatic warm-up is a third, 312
        TrainConfig arcface = TrainConfig.defaults(HeadKind.ARCFACE).withWarmupFor(936);
        assertEquals(312, arcface.marginWarmup());
        RunData a = RunData.of(null, arcface, List.of(), List.of());
        assertEquals("s 1 → 16 and m 0 → 0.2 over the first 312 iterations", a.scheduleNote());

        TrainingCurvesFigure f = new TrainingCurvesFigure();
        f.setRun(a);
        String sub = ((TextTitle) f.chart().getSubtitle(0)).getText();
        assertTrue(sub.endsWith("; s 1 → 16 and m 0 → 0.2 over the first 312 iterations"), sub);

        TrainConfig sphere = TrainConfig.defaults(HeadKind.SPHEREFACE).withWarmupFor(936);
        RunData sp = RunData.of(null, sphere, List.of(), List.of());
        // the published schedule: λ from 1000 down to λ_min = 5
        assertEquals("sphereface m=4 λ=1000→5", sp.label());
        // no iteration limit: the published γ = 0.12 reaches 5 at (1000/5 − 1)/0.12 = 1658.3, so iteration 1659
        assertEquals("λ 1000 → 5 over the first 1659 iterations", sp.scheduleNote());
        // a 240-iteration run under the published γ ends at 1000/(1 + 0.12·240) = 33.557
        RunData short240 = RunData.of(null, sphere.toBuilder().iterations(240).build(), List.of(), List.of());
        assertEquals("λ 1000 → 33.6 over the 240 iterations (annealing to λ = 5 unfinished)", short240.scheduleNote());
        // lambda_anneal 80: γ = (1000/5 − 1)/80 = 2.4875, and λ(80) = 1000/(1 + 2.4875·80) = 5
        TrainConfig scaled = sphere.toBuilder().iterations(240).lambdaAnneal(80).build();
        assertEquals(2.4875, scaled.lambdaGammaInForce(), 1e-12);
        assertEquals("λ 1000 → 5 over the first 80 iterations", RunData.of(null, scaled, List.of(), List.of()).scheduleNote());
        org.marginlab.loss.MarginSchedule sch = new org.marginlab.loss.MarginSchedule(HeadKind.SPHEREFACE, scaled.headParams(),
                5, scaled.lambdaGammaInForce(), 1, 0);
        assertEquals(5, sch.at(80).lambda(), 1e-9);
        assertEquals(1000 / (1 + 2.4875 * 40), sch.at(40).lambda(), 1e-9);
        assertEquals(5, sch.at(239).lambda(), 0, "held at the floor after the annealing");

        RunData softmax = RunData.of(null, TrainConfig.defaults(HeadKind.SOFTMAX).withWarmupFor(936), List.of(), List.of());
        assertEquals("", softmax.scheduleNote(), "nothing moves in a softmax run");
    }

    private static org.marginlab.run.EpochSnapshot epoch(int epoch, long iteration, double acc) {
        int[][] conf = new int[10][10];
        for (int i = 0; i < 10; i++) {
            conf[i][i] = 10;
        }
        return new org.marginlab.run.EpochSnapshot(epoch, iteration, acc, 0.3, 1.6, 1.5, new double[] {0, Math.PI / 2, Math.PI},
                new int[10][2], new float[0][0], new int[0], conf);
    }

    private static org.marginlab.run.IterationSnapshot at(long iteration, org.marginlab.loss.HeadParams p) {
        return new org.marginlab.run.IterationSnapshot(iteration, 0, new float[0][0], new int[0], new float[0][0], null,
                new float[0], new float[0], 1, 0.5, 1e-3, 100, p, null);
    }

    @Test
    void aRunThatStopsInsideAnEpochIsNotCalledAnEpoch() {
        // 120 iterations at batch 128: 60 000 / 128 = 468 iterations per epoch, 120/468 = 0.256
        TrainConfig c = TrainConfig.defaults(HeadKind.SOFTMAX).toBuilder().iterations(120).marginWarmup(0).build();
        RunData r = RunData.of(null, c, List.of(), List.of(epoch(0, 120, 0.7)));
        assertEquals(468, r.iterationsPerEpoch());
        assertEquals("iteration 120 of 468 (0.26 epoch)", r.epochName(r.lastEpoch()));
        assertEquals("0.26 epoch", r.epochShortName(r.lastEpoch()));
        assertEquals("0.26", r.epochCount(r.lastEpoch()));
        // with two classes held out an epoch is 48 000 / 128 = 375 iterations
        TrainConfig held = c.toBuilder().holdoutClasses(List.of(8, 9)).build();
        assertEquals(375, RunData.of(null, held, List.of(), List.of(epoch(0, 120, 0.7))).iterationsPerEpoch());
        // whole epochs keep their number; the period comes from the run itself (a subset of 3 840 images: 30)
        RunData whole = RunData.of(null, c, List.of(), List.of(epoch(0, 30, 0.5), epoch(1, 60, 0.6), epoch(2, 75, 0.6)));
        assertEquals("epoch 2", whole.epochName(whole.epochs().get(1)));
        assertEquals("iteration 75, in epoch 3 (2.50 epochs)", whole.epochName(whole.lastEpoch()));
        assertTrue(whole.endsInsideEpoch());

        // the confusion matrix and the angle-stats table name the partial epoch
        org.marginlab.figures.training.ConfusionMatrixFigure cm = new org.marginlab.figures.training.ConfusionMatrixFigure();
        cm.setRun(r);
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(900, 700, java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = img.createGraphics();
        TextRecorder rec = new TextRecorder(g);
        cm.draw(rec, new java.awt.geom.Rectangle2D.Double(0, 0, 900, 700));
        g.dispose();
        List<String> text = rec.texts().stream().map(TextRecorder.Text::text).toList();
        assertTrue(text.stream().anyMatch(t -> t.startsWith("test set (100 images), at 0.26 epoch, accuracy 70.00%")),
                text.toString());
        assertTrue(text.stream().noneMatch(t -> t.contains("epoch 1")), text.toString());
    }

    @Test
    void anEmbeddingTakenInsideAnEpochNamesItsFraction() {
        // a synthetic 2-D run's first snapshot is at iteration round(469/2) = 235 of epoch 0; an epoch at batch 128
        // is 60 000 / 128 = 468 iterations, so the run (cut to 235 iterations) stopped at 235/468 = 0.502 epoch
        RunData synth = SyntheticRun.build(HeadKind.COSFACE, 2, 1, 2, 200, 7);
        org.marginlab.run.IterationSnapshot first = synth.iterations().getFirst();
        assertEquals(235, first.iteration());
        RunData cut = new RunData(null, synth.config().toBuilder().iterations(235).build(), List.of(first), List.of());
        assertEquals("iteration 235 of 468 (0.50 epoch)", cut.placeOf(first));
        org.marginlab.run.IterationSnapshot last = synth.iterations().getLast();
        assertEquals("iteration 469, epoch 1", synth.placeOf(last), "an epoch's end keeps its number");

        org.marginlab.figures.embedding.EmbeddingCircleFigure circle = new org.marginlab.figures.embedding.EmbeddingCircleFigure();
        circle.setRun(cut);
        org.marginlab.figures.embedding.EmbeddingSphereFigure sphere = new org.marginlab.figures.embedding.EmbeddingSphereFigure();
        sphere.setRun(new RunData(null, cut.config().toBuilder().dim(3).build(),
                SyntheticRun.build(HeadKind.COSFACE, 3, 1, 2, 200, 7).iterations().subList(0, 1), List.of()));
        for (Figure f : List.<Figure>of(circle, sphere)) {
            java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(1200, 700, java.awt.image.BufferedImage.TYPE_INT_RGB);
            java.awt.Graphics2D g = img.createGraphics();
            TextRecorder rec = new TextRecorder(g);
            f.draw(rec, new java.awt.geom.Rectangle2D.Double(0, 0, 1200, 700));
            g.dispose();
            List<String> text = rec.texts().stream().map(TextRecorder.Text::text).toList();
            assertTrue(text.stream().noneMatch(t -> t.contains("epoch 1")), f.getClass().getSimpleName() + ": " + text);
            assertTrue(text.stream().anyMatch(t -> t.startsWith("iteration 235 of 468 (0.50 epoch), 200 ")),
                    f.getClass().getSimpleName() + ": " + text);
        }
    }

    @Test
    void summaryFiguresShowTheValuesInForceAtTheEnd() {
        // an ArcFace run (s = 16, m = 0.2) that stopped a third into its 312-iteration warm-up: s = 1 + 15·104/312 = 6,
        // m = 0.2·104/312 = 0.0667
        TrainConfig c = TrainConfig.defaults(HeadKind.ARCFACE).toBuilder().marginWarmup(312).iterations(104).build();
        org.marginlab.loss.HeadParams live = c.headParams().withS(6).withM(0.2 / 3);
        RunData r = RunData.of(null, c, List.of(at(104, live)), List.of(epoch(0, 104, 0.6)));
        assertEquals("arcface s=16 m=0.2", r.label());
        assertEquals("arcface s=6 m=0.0667", r.labelAtEnd());
        org.marginlab.figures.angles.AngleStatsTableFigure t = new org.marginlab.figures.angles.AngleStatsTableFigure();
        t.setRuns(List.of(r));
        assertEquals("arcface s=6 m=0.0667", t.table().get(1)[0]);
        assertEquals("0.22", t.table().get(1)[1], "104 of 468 iterations");
        assertEquals("s 1 → 6 and m 0 → 0.0667 over the 104 iterations (warm-up to s = 16 unfinished)", r.scheduleNote());
        // a custom label keeps its words and adds what changed
        RunData named = new RunData("arc s=16, seed 43", c, List.of(at(104, live)), List.of());
        assertEquals("arc s=16, seed 43 (at the end s=6 m=0.0667)", named.labelAtEnd());
    }

    @Test
    void everyScheduledParameterOfANewerHeadIsNamedFromItsClass() {
        // combined (s 16, m₁ 1, m₂ 0.1, m₃ 0.05) stopped at 50 of a 100-iteration warm-up: s = 1 + 15·½ = 8.5,
        // m₂ = 0.05, m₃ = 0.025; m₁ warms from min(1, 1) = 1, so it does not move
        TrainConfig c = TrainConfig.defaults(HeadKind.COMBINED).toBuilder().marginWarmup(100).iterations(50).build();
        assertEquals("s 1 → 8.5 and m₂ 0 → 0.05 and m₃ 0 → 0.025 over the 50 iterations (warm-up to s = 16 unfinished)",
                RunData.of(null, c, List.of(), List.of()).scheduleNote());
        RunData r = RunData.of(null, c, List.of(at(50, c.headParams().withS(8.5).with("m2", 0.05).with("m3", 0.025))), List.of());
        assertEquals("combined s=8.5 m₁=1 m₂=0.05 m₃=0.025", r.labelAtEnd());
        // AdaCos's dynamic s is set from the data, before its warm-up is fixed to a run too
        TrainConfig ada = TrainConfig.defaults(HeadKind.ADACOS).toBuilder()
                .headParams(TrainConfig.defaults(HeadKind.ADACOS).headParams().withDynamic(true)).build();
        assertEquals("s set from each batch", RunData.of(null, ada, List.of(), List.of()).scheduleNote());
        assertEquals("", RunData.of(null, TrainConfig.defaults(HeadKind.ADACOS).withWarmupFor(300), List.of(), List.of()).scheduleNote(),
                "the fixed AdaCos s does not move");
    }
}
