package io.entrasync.directory;

/** Where a ticket came from. */
public enum TicketSource { EMAIL, PORTAL, PHONE, HOTKEY }
