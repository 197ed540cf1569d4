package org.marginlab.loss;

import java.util.List;
import java.util.Optional;

import org.marginlab.Range;

/**
 * The values of a head's parameters. Every head reads only the ones its class declares
 * ({@link HeadType#params()}, listed by {@link #usedBy}); the others ride along unused. What a parameter
 * means, its range, default, unit and schedule belong to the head's class, not to this record.
 *
 * @param s          scale on normalised logits
 * @param m          margin (its meaning is the head's: cosine, angle, or ψ's integer multiplier)
 * @param lambda     ψ's blend weight λ (in a run's configuration λ_base, where the annealing starts), or
 *                   the center-loss weight
 * @param easyMargin ArcFace's easy-margin variant
 * @param m1         the combined margin's angle multiplier
 * @param m2         the combined margin's additive angle (rad)
 * @param m3         the combined margin's additive cosine
 * @param k          sub-centers per class (Sub-center ArcFace)
 * @param psi        the custom head's ψ(θ) as typed ("" for every other head)
 * @param dynamic    AdaCos's dynamic scale (false: the fixed s = √2·ln(C − 1))
 */
public record HeadParams(double s, double m, double lambda, boolean easyMargin,
                         double m1, double m2, double m3, int k, String psi, boolean dynamic) {

    public HeadParams {
        psi = psi == null ? "" : psi;
    }

    /** The eight original heads' parameters; the newer ones at their neutral values. */
    public HeadParams(double s, double m, double lambda, boolean easyMargin) {
        this(s, m, lambda, easyMargin, 1, 0, 0, 1, "", false);
    }

    /** The defaults each head's class declares (see there for why each value). */
    public static HeadParams defaults(HeadKind kind) {
        return kind.type().defaults();
    }

    /** The values a head accepts for one of its numeric params, or null for a flag or text param. */
    public static Range range(String param, HeadKind kind) {
        return kind.type().param(param).map(HeadParam::range).orElse(null);
    }

    /** The value of a numeric param named as in {@link #usedBy}. */
    public double value(String param) {
        return switch (param) {
            case "s" -> s;
            case "m" -> m;
            case "lambda" -> lambda;
            case "m1" -> m1;
            case "m2" -> m2;
            case "m3" -> m3;
            case "k" -> k;
            default -> throw new IllegalArgumentException("no numeric param " + param);
        };
    }

    /** This record with one numeric param named as in {@link #usedBy} replaced. */
    public HeadParams with(String param, double v) {
        return switch (param) {
            case "s" -> withS(v);
            case "m" -> withM(v);
            case "lambda" -> withLambda(v);
            case "m1" -> new HeadParams(s, m, lambda, easyMargin, v, m2, m3, k, psi, dynamic);
            case "m2" -> new HeadParams(s, m, lambda, easyMargin, m1, v, m3, k, psi, dynamic);
            case "m3" -> new HeadParams(s, m, lambda, easyMargin, m1, m2, v, k, psi, dynamic);
            case "k" -> new HeadParams(s, m, lambda, easyMargin, m1, m2, m3, (int) Math.round(v), psi, dynamic);
            default -> throw new IllegalArgumentException("no numeric param " + param);
        };
    }

    /** A parameter out of range: its name as in {@link #usedBy} and what is allowed. */
    public record Problem(String param, String reason) {
    }

    /** The first parameter this head reads that is outside its range (or a ψ that does not parse). */
    public Optional<Problem> problem(HeadKind kind) {
        return kind.type().problem(this);
    }

    /** {@link #problem} over every value training passes through, warm-up included ({@link HeadType#problemWhileTraining}). */
    public Optional<Problem> problemWhileTraining(HeadKind kind, boolean warmingUp) {
        return kind.type().problemWhileTraining(this, warmingUp);
    }

    /** Names of the params a head reads, as spelled in JSON and on the command line. */
    public static List<String> usedBy(HeadKind kind) {
        return kind.type().params().stream().map(HeadParam::name).toList();
    }

    public HeadParams withS(double v) {
        return new HeadParams(v, m, lambda, easyMargin, m1, m2, m3, k, psi, dynamic);
    }

    public HeadParams withM(double v) {
        return new HeadParams(s, v, lambda, easyMargin, m1, m2, m3, k, psi, dynamic);
    }

    public HeadParams withLambda(double v) {
        return new HeadParams(s, m, v, easyMargin, m1, m2, m3, k, psi, dynamic);
    }

    public HeadParams withEasyMargin(boolean v) {
        return new HeadParams(s, m, lambda, v, m1, m2, m3, k, psi, dynamic);
    }

    public HeadParams withPsi(String v) {
        return new HeadParams(s, m, lambda, easyMargin, m1, m2, m3, k, v, dynamic);
    }

    public HeadParams withDynamic(boolean v) {
        return new HeadParams(s, m, lambda, easyMargin, m1, m2, m3, k, psi, v);
    }
}
