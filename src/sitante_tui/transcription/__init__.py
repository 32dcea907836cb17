"""Local speech-to-text: model resolution with pinned hashes, the faster-whisper transcriber,
live drafts, transcripts (stages, search) and their encrypted storage."""
