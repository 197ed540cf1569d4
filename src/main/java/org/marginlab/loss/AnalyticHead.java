package org.marginlab.loss;

/** The closed-form logits of every head (see the table in issue 3 and the seeds' papers). */
record AnalyticHead(HeadKind kind, HeadParams params) implements HeadFunctions {

    @Override
    public double targetLogit(double theta, double xNorm, double wNorm) {
        double s = params.s();
        double m = params.m();
        return switch (kind) {
            case SOFTMAX, CENTER -> wNorm * xNorm * Math.cos(theta);
            case NORMFACE -> s * Math.cos(theta);
            case SPHEREFACE -> xNorm * Psi.value(theta, (int) Math.round(m), params.lambda());
            case LSOFTMAX -> wNorm * xNorm * Psi.value(theta, (int) Math.round(m), params.lambda());
            case COSFACE -> s * (Math.cos(theta) - m);
            case ARCFACE -> {
                if (params.easyMargin()) {
                    yield Math.cos(theta) > 0 ? s * Math.cos(theta + m) : s * Math.cos(theta);
                }
                yield theta <= Math.PI - m ? s * Math.cos(theta + m) : s * (Math.cos(theta) - m * Math.sin(m));
            }
            case ARC -> s * (Math.PI - theta);
        };
    }

    @Override
    public double otherLogit(double theta, double xNorm, double wNorm) {
        double s = params.s();
        return switch (kind) {
            case SOFTMAX, CENTER, LSOFTMAX -> wNorm * xNorm * Math.cos(theta);
            case SPHEREFACE -> xNorm * Math.cos(theta);
            case NORMFACE, COSFACE, ARCFACE -> s * Math.cos(theta);
            case ARC -> s * (Math.PI - theta);
        };
    }

    @Override
    public double targetSlope(double theta, double xNorm, double wNorm) {
        double s = params.s();
        double m = params.m();
        return switch (kind) {
            case SOFTMAX, CENTER -> -wNorm * xNorm * Math.sin(theta);
            case NORMFACE, COSFACE -> -s * Math.sin(theta);
            case SPHEREFACE -> xNorm * Psi.slope(theta, (int) Math.round(m), params.lambda());
            case LSOFTMAX -> wNorm * xNorm * Psi.slope(theta, (int) Math.round(m), params.lambda());
            case ARCFACE -> {
                if (params.easyMargin()) {
                    yield Math.cos(theta) > 0 ? -s * Math.sin(theta + m) : -s * Math.sin(theta);
                }
                yield theta <= Math.PI - m ? -s * Math.sin(theta + m) : -s * Math.sin(theta);
            }
            case ARC -> -s;
        };
    }

    @Override
    public double otherSlope(double theta, double xNorm, double wNorm) {
        double s = params.s();
        return switch (kind) {
            case SOFTMAX, CENTER, LSOFTMAX -> -wNorm * xNorm * Math.sin(theta);
            case SPHEREFACE -> -xNorm * Math.sin(theta);
            case NORMFACE, COSFACE, ARCFACE -> -s * Math.sin(theta);
            case ARC -> -s;
        };
    }
}
