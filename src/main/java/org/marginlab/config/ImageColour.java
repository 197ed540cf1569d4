package org.marginlab.config;

/** An image folder's pixels: as found (RGB when any image has colour), grey (BT.601 luma) or RGB. */
public enum ImageColour implements Choice {
    AUTO, GREY, RGB;

    /** The channel count asked for; 0 = as found. */
    public int channels() {
        return switch (this) {
            case AUTO -> 0;
            case GREY -> 1;
            case RGB -> 3;
        };
    }

    @Override
    public String toString() {
        return id();
    }
}
