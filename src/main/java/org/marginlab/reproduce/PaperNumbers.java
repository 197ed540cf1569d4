package org.marginlab.reproduce;

import java.util.List;
import java.util.Map;

/**
 * The numbers the angular-loss paper prints (Wu and Wang, "Angular Learning: Toward Discriminative
 * Embedded Features"), keyed by our head ids, so reports can put ours beside them. Copied by hand from
 * the tables; angles in radians, errors in percent.
 */
public final class PaperNumbers {

    private PaperNumbers() {
    }

    /** One row of Tables 2–3: W-Inter, C-Inter, WC-Intra. */
    public record Angles(double wInter, double cInter, double wcIntra) {
    }

    /** Table 2: angle statistics on CIFAR10+ (ResNet-18). */
    public static final Map<String, Angles> TABLE2_CIFAR10 = Map.of(
            "softmax", new Angles(1.2679, 1.6366, 0.9089),
            "arc", new Angles(1.6821, 1.6822, 0.0039),
            "arcface", new Angles(1.6821, 1.6821, 0.0021),
            "center", new Angles(1.4749, 1.6430, 0.5604));

    /** Table 3: angle statistics on CIFAR100 (ResNet-34). */
    public static final Map<String, Angles> TABLE3_CIFAR100 = Map.of(
            "softmax", new Angles(1.5680, 1.5648, 0.4056),
            "arc", new Angles(1.5404, 1.5395, 0.0301),
            "arcface", new Angles(1.6256, 1.6244, 0.0103),
            "center", new Angles(1.5712, 1.5601, 0.3467));

    /** Table 6: CIFAR10 test error (%), mean ± std of five runs, without ("plain") and with ("aug") augmentation. */
    public static final Map<String, double[]> TABLE6_CIFAR10 = Map.of(
            "softmax", new double[] {13.16, 0.31}, "center", new double[] {12.22, 0.45},
            "arc", new double[] {11.77, 0.31}, "arcface", new double[] {12.11, 0.45});
    public static final Map<String, double[]> TABLE6_CIFAR10_AUG = Map.of(
            "softmax", new double[] {5.73, 0.22}, "center", new double[] {5.40, 0.21},
            "arc", new double[] {5.23, 0.19}, "arcface", new double[] {5.34, 0.12});
    /** Table 7: CIFAR100+ top-1 test error (%), mean ± std of five runs (the paper's top-5 column is not measured here). */
    public static final Map<String, double[]> TABLE7_CIFAR100_AUG = Map.of(
            "softmax", new double[] {25.64, 0.12}, "center", new double[] {25.33, 0.96},
            "arc", new double[] {24.29, 0.08}, "arcface", new double[] {25.56, 0.16});
    /** Table 1's learning rates for CIFAR10 and CIFAR100 (Adam, weight decay 5e-4, batch 128, 160 epochs). */
    public static final Map<String, Double> TABLE1_LR_CIFAR = Map.of("softmax", 0.01, "arc", 0.1, "arcface", 0.1, "center", 0.01);

    /** Table 4: Fashion-MNIST test error (%) after training for this many epochs (one run per row). */
    public static final List<Integer> TABLE4_EPOCHS = List.of(10, 20, 80, 200);
    public static final Map<String, double[]> TABLE4_ERROR = Map.of(
            "softmax", new double[] {15.72, 12.55, 9.43, 6.21},
            "arc", new double[] {12.09, 8.65, 6.07, 5.68},
            "arcface", new double[] {14.08, 9.23, 6.22, 6.22},
            "center", new double[] {17.67, 10.73, 6.64, 6.60});

    /** Table 5: Fashion-MNIST test error (%), ResNet-20, 60 epochs. */
    public static final Map<String, Double> TABLE5_ERROR = Map.of(
            "softmax", 6.30, "arc", 6.04, "arcface", 6.27, "center", 6.04);

    /** Table 1, Fashion-MNIST column: peak one-cycle learning rate per head (Adam, weight decay 5e-4). */
    public static final Map<String, Double> TABLE1_LR = Map.of(
            "softmax", 0.1, "arc", 0.1, "arcface", 0.1, "center", 0.01);

    /** The heads the paper compares, in its column order (Soft, Arc, ArcFace, Center). */
    public static final List<String> PAPER_HEADS = List.of("softmax", "arc", "arcface", "center");

    /** The s values of the angular loss in Fig. 5. */
    public static final List<Double> FIG5_S = List.of(1.0, 3.0, 5.0, 7.0, 12.0, 20.0);

    /** Short names the paper uses. */
    public static String paperName(String head) {
        return switch (head) {
            case "softmax" -> "Soft";
            case "arc" -> "Arc";
            case "arcface" -> "ArcFace";
            case "center" -> "Center";
            default -> head;
        };
    }

    /** Angle between the vertices of a regular simplex of C points about the origin: arccos(−1/(C−1)). */
    public static double simplexAngle(int classes) {
        return Math.acos(-1.0 / (classes - 1));
    }

    /** Tammes' problem for 10 points on the sphere S²: the largest possible smallest pairwise angle, 66.1468°. */
    public static final double TAMMES_10_RAD = Math.toRadians(66.1468);

    /**
     * The largest smallest-pairwise angle C unit vectors can have in d dimensions, where it is known in
     * closed form or tabulated: the simplex angle when d ≥ C − 1, 2π/C on the circle (d = 2), Tammes'
     * value for C = 10 on the sphere (d = 3). NaN otherwise.
     */
    public static double bestMinPairAngle(int classes, int dim) {
        if (dim >= classes - 1) {
            return simplexAngle(classes);
        }
        if (dim == 2) {
            return 2 * Math.PI / classes;
        }
        if (dim == 3 && classes == 10) {
            return TAMMES_10_RAD;
        }
        return Double.NaN;
    }
}
