"""Recording: consent-gated capture (``recording.start_recording``), the sounddevice recorder,
encrypted segment storage, and input devices. Heavy libraries are imported only when used."""
