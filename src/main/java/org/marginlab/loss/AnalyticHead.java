package org.marginlab.loss;

/** A head's closed-form logits at fixed parameters, as its {@link HeadType} class writes them. */
record AnalyticHead(HeadKind kind, HeadParams params) implements HeadFunctions {

    @Override
    public double targetLogit(double theta, double xNorm, double wNorm) {
        return kind.type().targetLogit(params, theta, xNorm, wNorm);
    }

    @Override
    public double otherLogit(double theta, double xNorm, double wNorm) {
        return kind.type().otherLogit(params, theta, xNorm, wNorm);
    }

    @Override
    public double targetSlope(double theta, double xNorm, double wNorm) {
        return kind.type().targetSlope(params, theta, xNorm, wNorm);
    }

    @Override
    public double otherSlope(double theta, double xNorm, double wNorm) {
        return kind.type().otherSlope(params, theta, xNorm, wNorm);
    }
}
