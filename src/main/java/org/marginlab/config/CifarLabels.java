package org.marginlab.config;

/** Which of CIFAR-100's two labels a run trains on: the 100 fine classes or the 20 coarse superclasses. */
public enum CifarLabels implements Choice {
    FINE, COARSE;

    @Override
    public String toString() {
        return id();
    }
}
