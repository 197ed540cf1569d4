package org.marginlab.ui.views;

import org.marginlab.data.ProbeSelection;
import org.marginlab.data.Split;
import org.marginlab.loss.HeadFunctions;
import org.marginlab.loss.HeadKind;
import org.marginlab.loss.HeadParams;
import org.marginlab.run.IterationSnapshot;

/**
 * What the embedding's hover card shows about one probe point: its picture (grey or colour), class, θ_y and
 * P_y. Worked out on a worker from plain arrays (the snapshot and the test split); no NDArray involved.
 *
 * @param testIndex the probe's index in the test set
 * @param pixels    its channels × rows × cols values: one grey plane, or red, green and blue planes, each row by row
 * @param pY        the head's softmax probability of the true class, margin included, at the snapshot's
 *                  parameters
 */
public record ProbeInfo(int point, int testIndex, int label, double thetaY, double pY, byte[] pixels, int channels,
                        int rows, int cols) {

    /** Pixel (r, c) as 0xAARRGGBB, opaque. */
    public int argb(int r, int c) {
        int plane = rows * cols;
        int k = r * cols + c;
        int red = pixels[k] & 0xFF;
        if (channels == 1) {
            return 0xFF000000 | red << 16 | red << 8 | red;
        }
        return 0xFF000000 | red << 16 | (pixels[plane + k] & 0xFF) << 8 | (pixels[2 * plane + k] & 0xFF);
    }

    /** The probe at row {@code point} of snapshot {@code s} (rows come class by class, as the engine takes them). */
    public static ProbeInfo of(IterationSnapshot s, int point, HeadKind head, HeadParams params, Split test, int perClass) {
        // the recorded sample ids index the full test set even with classes held out; older runs re-derive them
        int[] probes = s.probeIds() != null ? s.probeIds()
                : ProbeSelection.firstPerClass(test::label, test.count(), s.classCount(), perClass);
        if (point < 0 || point >= probes.length || point >= s.embeddings().length) {
            throw new IllegalArgumentException("no probe " + point + " (" + probes.length + " probes)");
        }
        int testIndex = probes[point];
        int size = test.imageSize();
        byte[] px = java.util.Arrays.copyOfRange(test.pixels(), testIndex * size, (testIndex + 1) * size);
        int y = s.probeLabels()[point];
        return new ProbeInfo(point, testIndex, y, s.thetaY()[point],
                HeadFunctions.of(head, params).targetProbability(s.embeddings()[point], s.weightsSeenBy(s.embeddings()[point]), y),
                px, test.channels(), test.rows(), test.cols());
    }
}
