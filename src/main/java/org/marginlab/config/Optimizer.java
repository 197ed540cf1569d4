package org.marginlab.config;

/** The parameter update rules (implemented by {@code train.ParameterOptimizer}). */
public enum Optimizer implements Choice {
    ADAM, SGD;

    @Override
    public String toString() {
        return id();
    }
}
