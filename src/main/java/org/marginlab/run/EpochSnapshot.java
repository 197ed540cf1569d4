package org.marginlab.run;

/**
 * End-of-epoch evaluation on the whole test set: accuracy, the angle statistics of the angular-loss
 * paper (Eqs. 12–14, radians), θ_y histograms per class, the class-ordered cosine similarity matrix
 * of a small probe (Eq. 15) and the confusion matrix.
 *
 * @param epoch             zero-based epoch just finished
 * @param iteration         global iteration at the end of the epoch
 * @param testAccuracy      accuracy on the full test set, in [0, 1]
 * @param wcIntra           mean over classes of the angle between the class's feature centre and W_j (Eq. 12)
 * @param wInter            mean angle between different class weights W_i, W_j
 * @param cInter            mean angle between different classes' feature centres
 * @param histogramEdges    bin edges in radians over [0, π], length bins + 1
 * @param thetaHistograms   counts of θ_y per class and bin, C × bins
 * @param similarity        cosine similarities of the probe features, M × M, rows ordered by class
 * @param similarityLabels  class of each similarity row, length M, non-decreasing
 * @param confusion         confusion counts, C × C, [true class][predicted class]
 */
public record EpochSnapshot(
        int epoch,
        long iteration,
        double testAccuracy,
        double wcIntra,
        double wInter,
        double cInter,
        double[] histogramEdges,
        int[][] thetaHistograms,
        float[][] similarity,
        int[] similarityLabels,
        int[][] confusion) {
}
