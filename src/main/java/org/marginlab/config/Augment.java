package org.marginlab.config;

/**
 * Training-time augmentation: none, or the angular-loss paper's CIFAR augmentation: a random crop of the
 * image padded on each side (4 pixels at 32×32 and above, as the paper; 2 at Fashion-MNIST's 28×28, as before),
 * a left-right flip with probability ½; every image is z-scored per channel either way.
 */
public enum Augment implements Choice {
    NONE, CROP_FLIP;

    @Override
    public String id() {
        return this == NONE ? "none" : "crop-flip";
    }

    @Override
    public String toString() {
        return id();
    }
}
