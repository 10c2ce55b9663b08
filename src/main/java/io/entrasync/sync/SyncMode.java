package io.entrasync.sync;

/** Delta from the saved deltaLink, or a full enumeration. */
public enum SyncMode { DELTA, FULL }
