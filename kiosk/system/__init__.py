"""Infrastructure every layer may use: bundled resources, fonts, interface translations,
QR codes, logging and the watchdog. Imports nothing else of the kiosk."""
