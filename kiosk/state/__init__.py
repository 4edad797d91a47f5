"""What a visitor has changed and what the kiosk counts: the session, idle time, the PIN
lock-out. QObjects that emit signals; no widgets."""
