package org.marginlab.reproduce;

import org.junit.jupiter.api.Test;
import org.marginlab.UserException;
import org.marginlab.config.ConfigCheck;
import org.marginlab.config.Optimizer;
import org.marginlab.config.Schedule;
import org.marginlab.config.TrainConfig;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PresetsTest {

    @Test
    void everyPlanIsValidWithUniqueRunsAndOneSeed() {
        assertEquals(List.of("angles", "error-vs-epochs", "table5", "figure6", "sphere", "open-set", "table2", "table3", "table6", "table7", "figure8"), Presets.IDS);
        for (String id : Presets.IDS) {
            for (boolean quick : new boolean[] {true, false}) {
                Plan p = Presets.plan(id, quick, 1, null);
                assertEquals(id, p.preset().id(), "the plan carries the preset that made it");
                Set<String> keys = new HashSet<>();
                for (PlannedRun r : p.runs()) {
                    ConfigCheck.validate(r.config());
                    assertTrue(keys.add(r.key()), id + " duplicate run " + r.key());
                    assertEquals(Presets.SEED, r.config().seed());
                    assertEquals(quick ? "compact" : id.equals("sphere") ? "lenetpp" : "resnet20", r.config().backbone().id());
                }
                assertTrue(p.settings().stream().anyMatch(s -> s.startsWith("QUICK FORM")) == quick, id);
            }
        }
    }

    @Test
    void fullTable5IsTable1AndSeedsMultiplyRuns() {
        Plan p = Presets.plan("table5", false, 3, null);
        assertEquals(12, p.runs().size());
        Map<String, Double> lr = Map.of("softmax", 0.1, "arc", 0.1, "arcface", 0.1, "center", 0.01);
        for (PlannedRun r : p.runs()) {
            TrainConfig c = r.config();
            assertEquals(Optimizer.ADAM, c.optimizer());
            assertEquals(Schedule.ONECYCLE, c.schedule());
            assertEquals(5e-4, c.weightDecay());
            assertEquals(256, c.batchSize());
            assertEquals(60, c.epochs());
            assertEquals(0, c.iterations());
            assertEquals(lr.get(c.head().id()), c.learningRate());
            assertEquals(0, p.trainSubset());
            assertEquals(0, p.testSubset());
        }
        assertEquals(List.of(42L, 43L, 44L), p.runs().stream().filter(r -> r.group().equals("arc")).map(r -> r.config().seed()).toList());
    }

    @Test
    void anglesSweepsTheSixValuesOfFigure5AndFullErrorVsEpochsHasOneRunPerRow() {
        Plan a = Presets.plan("angles", true, 1, null);
        assertEquals(List.of(1.0, 3.0, 5.0, 7.0, 12.0, 20.0), a.runs().stream().filter(r -> r.config().head().id().equals("arc"))
                .map(r -> r.config().headParams().s()).sorted().toList());
        Plan e = Presets.plan("error-vs-epochs", false, 1, null);
        assertEquals(16, e.runs().size());
        assertEquals(List.of(10, 20, 80, 200), e.epochList());
        assertEquals(200, e.runs().stream().mapToInt(r -> r.config().epochs()).max().orElseThrow());
    }

    @Test
    void anglesRunsFigure5OverThreeSeedsByDefaultKeepingTheFirstSeedsKeys() {
        Plan a = Presets.plan("angles", true, null, null);
        assertEquals(3, a.seeds());
        // 8 heads (arc s = 7 among them) + 5 more s values for seed 42 + 6 for each of seeds 43 and 44
        assertEquals(8 + 5 + 6 + 6, a.runs().size());
        for (double s : List.of(1.0, 3.0, 5.0, 7.0, 12.0, 20.0)) {
            assertEquals(List.of(42L, 43L, 44L), a.runs().stream().filter(r -> r.config().head().id().equals("arc")
                    && r.config().headParams().s() == s).map(r -> r.config().seed()).toList(), "s = " + s);
        }
        assertTrue(a.runs().stream().anyMatch(r -> r.key().equals("arc-s5")));
        assertTrue(a.runs().stream().anyMatch(r -> r.key().equals("arc-s5-seed44")));
        assertTrue(a.runs().stream().anyMatch(r -> r.key().equals("arc-s7-seed43")));
        assertEquals(1, a.runs().stream().filter(r -> r.key().startsWith("arc-s7")).count() - 1, "seed 42's s = 7 is the table's arc run");
        // the s warm-up and λ annealing are disclosed: a third of the 240 iterations; the published γ would end at
        // 1000/(1 + 0.12·240) = 33.557
        assertTrue(a.settings().stream().anyMatch(t -> t.contains("s from 1") && t.contains("over the first 80 iterations")
                && t.contains("λ falls from 1000 to 5 over the same 80") && t.contains("λ = 33.6")), a.settings().toString());
        for (PlannedRun r : a.runs()) {
            boolean anneals = r.config().head() == org.marginlab.loss.HeadKind.SPHEREFACE || r.config().head() == org.marginlab.loss.HeadKind.LSOFTMAX;
            assertEquals(anneals ? 80 : 0, r.config().lambdaAnneal(), r.key());
        }
        assertEquals(8 + 5, Presets.plan("angles", true, 1, null).runs().size());
    }

    @Test
    void badPresetOrSeedsIsOneLine() {
        UserException x = assertThrows(UserException.class, () -> Presets.plan("table9", true, 1, null));
        assertEquals("PRESET 'table9' is unknown; use one of angles, error-vs-epochs, table5, figure6, sphere, open-set, table2, table3, table6, table7, figure8", x.getMessage());
        assertThrows(UserException.class, () -> Presets.plan("figure6", true, 2, null));
        assertThrows(UserException.class, () -> Presets.plan("table5", true, 0, null));
    }
}
