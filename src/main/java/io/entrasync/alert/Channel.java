package io.entrasync.alert;

/** Where an alert goes; each configured channel gets its own outbox row per alert. */
enum Channel { WEBHOOK, EMAIL }
