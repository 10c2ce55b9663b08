package io.entrasync.reconcile;

/** How firmly a local account is tied to a person. */
public enum Association {
    /** Created on the fly (typically from an inbound email); its name is a guess. */
    WEAK,
    /** Created by an admin, an import or the directory sync. */
    STRONG
}
