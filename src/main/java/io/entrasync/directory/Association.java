package io.entrasync.directory;

/**
 * How strongly an account is tied to a person: WEAK accounts were created from an incoming email (name derived
 * from the address); STRONG accounts are full accounts, created by an admin, an import or a directory sync.
 */
public enum Association { WEAK, STRONG }
