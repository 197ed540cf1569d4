package org.marginlab.figures;

import org.marginlab.figures.catalog.FigureKind;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.marginlab.figures.theory.HeadFigure;

class FigureKindTest {

    /** The registry is what every caller trusts: each entry builds a new figure of its own id and source. */
    @Test
    void eachKindBuildsAFreshFigureWithItsIdAndSource() {
        for (FigureKind k : FigureKind.values()) {
            Figure f = k.create();
            assertEquals(k.id(), f.id(), k + " builds a figure of another id");
            assertNotSame(f, k.create(), k + " hands out one shared figure");
            switch (k.source()) {
                case RUN -> assertInstanceOf(RunFigure.class, f, k.id());
                case MODEL -> assertInstanceOf(org.marginlab.figures.openset.RocFigure.class, f, k.id());
                case THEORY -> assertInstanceOf(HeadFigure.class, f, k.id());
            }
        }
        assertEquals(FigureKind.values().length, new HashSet<>(FigureKind.ids()).size(), "ids are unique");
    }

    @Test
    void theoryFiguresAreTheFourAnalyticOnes() {
        assertEquals(List.of(FigureKind.DZ_DTHETA, FigureKind.PSI_CURVES, FigureKind.P_TARGET, FigureKind.S_TRADEOFF,
                FigureKind.DECISION_BOUNDARY), FigureKind.of(FigureKind.Source.THEORY));
        assertEquals(15, FigureKind.ids().size());
    }
}
