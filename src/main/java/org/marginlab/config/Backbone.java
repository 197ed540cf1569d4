package org.marginlab.config;

/** The embedding networks (built by {@code model.backbones.Backbones}). */
public enum Backbone implements Choice {
    COMPACT, LENETPP, RESNET20;

    @Override
    public String toString() {
        return id();
    }
}
