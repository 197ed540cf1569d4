package org.marginlab.ui.views;

import org.marginlab.loss.HeadKind;

/** The words the window shows about each head: a one-line summary, its logit formula and two sentences. */
public final class HeadText {
    private HeadText() {
    }

    public static String summary(HeadKind head) {
        return switch (head) {
            case SOFTMAX -> "plain linear logits W·x, no normalisation.";
            case NORMFACE -> "cosine logits s·cos θ on normalised features and weights.";
            case SPHEREFACE -> "multiplicative angular margin ψ(mθ) on normalised weights.";
            case LSOFTMAX -> "multiplicative angular margin ψ(mθ) on raw weights and features.";
            case COSFACE -> "additive cosine margin s·(cos θ − m).";
            case ARCFACE -> "additive angular margin s·cos(θ + m).";
            case ARC -> "logits linear in the angle, s·(π − θ).";
            case CENTER -> "softmax plus a pull of each feature to its class centre.";
        };
    }

    /** The target logit Z_y in plain Unicode math. */
    public static String formula(HeadKind head) {
        return switch (head) {
            case SOFTMAX -> "Z_y = ‖W_y‖ ‖x‖ cos θ_y";
            case NORMFACE -> "Z_y = s · cos θ_y";
            case SPHEREFACE -> "Z_y = ‖x‖ · ψ(θ_y),  ψ(θ) = ((−1)ᵏ cos mθ − 2k + λ cos θ) / (1 + λ)";
            case LSOFTMAX -> "Z_y = ‖W_y‖ ‖x‖ · ψ(θ_y),  ψ(θ) = ((−1)ᵏ cos mθ − 2k + λ cos θ) / (1 + λ)";
            case COSFACE -> "Z_y = s · (cos θ_y − m)";
            case ARCFACE -> "Z_y = s · cos(θ_y + m)";
            case ARC -> "Z_y = s · (π − θ_y)";
            case CENTER -> "L = −log softmax(W x)_y + λ/2 · ‖x − c_y‖²";
        };
    }

    /** Two sentences: what the head does to the embedding, and what its parameters trade. */
    public static String explanation(HeadKind head) {
        return switch (head) {
            case SOFTMAX -> "The logit grows with both the feature's length and its angle, so classes spread out "
                    + "radially and the network can lower the loss by inflating norms. Nothing asks a class to be compact.";
            case NORMFACE -> "Normalising features and weights leaves only the angle, and s sets how peaked the "
                    + "probabilities can get. Too small an s leaves a high loss floor; too large weakens the gradient near the class.";
            case SPHEREFACE -> "Multiplying the angle by m makes the target class win only by a factor-m margin in angle. "
                    + "The λ blend with cos θ starts near softmax and is annealed down so the margin can be learnt.";
            case LSOFTMAX -> "The same multiplicative margin as SphereFace, but weight and feature norms stay in the logit. "
                    + "It separates classes in angle while norms keep growing, as in softmax.";
            case COSFACE -> "Subtracting m from the target cosine asks cos θ_y to beat every other cosine by m. "
                    + "The decision boundaries of two classes move apart by a band of width m in cosine.";
            case ARCFACE -> "Adding m to the target angle gives a margin of constant width in angle, a geodesic distance on the sphere. "
                    + "Beyond θ = π − m the curve is kept monotone by a linear fallback.";
            case ARC -> "The logit falls linearly with the angle, so the push towards the class weight is the same −s at every θ. "
                    + "Unlike cosine logits the gradient does not vanish as θ_y goes to zero, which keeps classes compact.";
            case CENTER -> "Softmax separates the classes while the centre term pulls each feature to a moving centre of its class. "
                    + "λ trades compactness against separability; centres move at rate α.";
        };
    }
}
