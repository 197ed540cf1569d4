package org.marginlab.figures.theory;

import org.marginlab.loss.HeadFunctions;
import org.marginlab.loss.HeadKind;
import org.marginlab.loss.HeadParams;

/**
 * The angular-loss paper's Sec. 3.2 set-up for any head: a feature at angle θ_y to its own class weight
 * and at θ_j = π/2 to each of the C − 1 others. Then P(y) = 1 / (1 + (C − 1)·e^{Z_j(π/2) − Z_y(θ_y)}) and,
 * with the other logits fixed, ∂L/∂θ_y = (P(y) − 1)·∂Z_y/∂θ_y.
 *
 * @param xNorm ‖x‖ for heads that read it (‖W‖ = 1); normalised heads ignore it
 */
public record OneVsRest(HeadFunctions head, int classes, double xNorm) {

    public OneVsRest {
        if (classes < 2) {
            throw new IllegalArgumentException("class count must be at least 2, got " + classes);
        }
    }

    /**
     * The head at logit scale {@code scale}: its s where it reads one, otherwise the feature norm ‖x‖,
     * which plays the same part in ‖x‖‖W‖cos θ.
     */
    public static OneVsRest atScale(HeadKind kind, HeadParams p, int classes, double scale) {
        return readsS(kind) ? new OneVsRest(HeadFunctions.of(kind, p.withS(scale)), classes, 1)
                : new OneVsRest(HeadFunctions.of(kind, p), classes, scale);
    }

    /** Whether the head's logits are scaled by s (else by ‖x‖). */
    public static boolean readsS(HeadKind kind) {
        return HeadParams.usedBy(kind).contains("s");
    }

    /** P(y) at target angle {@code thetaY}, in the stable form (no e^{Z} overflow). */
    public double pTarget(double thetaY) {
        double others = head.otherLogit(Math.PI / 2, xNorm, 1);
        return 1 / (1 + (classes - 1) * Math.exp(others - head.targetLogit(thetaY, xNorm, 1)));
    }

    /** ∂L/∂θ_y at {@code thetaY}; positive where the loss pulls the feature towards its class. */
    public double lossSlope(double thetaY) {
        return (pTarget(thetaY) - 1) * head.targetSlope(thetaY, xNorm, 1);
    }
}
