package org.marginlab.data;

import java.util.function.IntUnaryOperator;

/**
 * Which test images a run probes: the first {@code perClass} of each class, in set order grouped by class
 * (so a snapshot's rows come class by class). Training picks them, and the window's hover card re-derives
 * them for runs recorded before snapshots kept their sample ids.
 */
public final class ProbeSelection {

    private ProbeSelection() {
    }

    /** The probe indices of a labelled set of {@code count} items: {@code label} maps an index to its class. */
    public static int[] firstPerClass(IntUnaryOperator label, int count, int classes, int perClass) {
        int[] taken = new int[classes];
        int[][] byClass = new int[classes][perClass];
        for (int i = 0; i < count; i++) {
            int y = label.applyAsInt(i);
            if (taken[y] < perClass) {
                byClass[y][taken[y]++] = i;
            }
        }
        int total = 0;
        for (int t : taken) {
            total += t;
        }
        int[] out = new int[total];
        int k = 0;
        for (int y = 0; y < classes; y++) {
            System.arraycopy(byClass[y], 0, out, k, taken[y]);
            k += taken[y];
        }
        return out;
    }
}
