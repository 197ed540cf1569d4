package org.marginlab.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.marginlab.figures.catalog.FigureSet;
import org.marginlab.loss.HeadKind;

/**
 * Every run figure with 100 classes (CIFAR-100's fine labels): drawn at 1024×768 and at a window tab's size,
 * every text readable (inside, unclipped, not stacked on another), class names from the run's data set.
 */
class HundredClassesTest {

    private static List<Figure> figures(int dim) {
        RunData run = SyntheticRun.build(HeadKind.ARC, dim, 2, 3, 300, 4, 100);
        return FigureSet.forRun(run).figures();
    }

    @Test
    void everyFigureIsReadableWithAHundredClasses() {
        List<String> problems = new ArrayList<>();
        for (int dim : new int[] {2, 3}) {
            for (Figure f : figures(dim)) {
                for (double[] size : new double[][] {{1024, 768}, {760, 560}}) {
                    for (String p : TextFit.check(f, size[0], size[1], FigureStyle.PAPER)) {
                        problems.add("d=" + dim + " " + f.id() + " at " + (int) size[0] + "×" + (int) size[1] + ": " + p);
                    }
                }
            }
        }
        assertEquals(List.of(), problems.stream().limit(20).toList(), problems.size() + " problems");
    }

    @Test
    void csvsNameEveryClassFromTheDataSet() {
        for (Figure f : figures(2)) {
            List<String[]> rows = f.csv();
            String all = String.join("\n", rows.stream().map(r -> String.join(",", r)).toList());
            assertTrue(!all.contains("Ankle boot"), f.id() + " names a Fashion-MNIST class");
            if (f.id().startsWith("embedding") || f.id().equals("confusion-matrix")) {
                assertTrue(all.contains("name99"), f.id() + " lacks class 99's name");
            }
        }
    }
}
