"""Screens of the Briefing app: library, reader, help and modal dialogs."""
